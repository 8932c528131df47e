{{ nexus_customer_io.customer_io_identify(allow_sensitive_traits=['password']) }}
