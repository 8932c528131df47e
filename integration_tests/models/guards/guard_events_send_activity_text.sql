{{ nexus_customer_io.customer_io_events(send_customer_io_activity='yes') }}
