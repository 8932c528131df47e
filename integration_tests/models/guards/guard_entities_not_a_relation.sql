{{ nexus_customer_io.customer_io_identify(entities='nexus_entities') }}
