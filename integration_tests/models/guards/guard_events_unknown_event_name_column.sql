{{ nexus_customer_io.customer_io_events(event_name_column='name') }}
