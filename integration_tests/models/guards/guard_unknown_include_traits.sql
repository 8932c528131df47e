{{ nexus_customer_io.customer_io_identify(include_traits=['email', 'shoe_size']) }}
