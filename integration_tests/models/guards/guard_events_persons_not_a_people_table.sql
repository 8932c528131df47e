{{ nexus_customer_io.customer_io_events(persons=ref('nexus_entities')) }}
