{{ nexus_customer_io.customer_io_identify(entity_type='') }}
