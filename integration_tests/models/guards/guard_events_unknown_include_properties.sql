{{ nexus_customer_io.customer_io_events(include_properties=['event_type', 'colour']) }}
