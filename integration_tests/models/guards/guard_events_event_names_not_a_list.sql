{{ nexus_customer_io.customer_io_events(event_names='payment completed') }}
