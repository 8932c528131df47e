{{ nexus_customer_io.customer_io_identify(timestamp_traits=['signed_up']) }}
