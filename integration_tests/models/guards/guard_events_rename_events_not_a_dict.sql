{{ nexus_customer_io.customer_io_events(rename_events=['a']) }}
