{{ nexus_customer_io.customer_io_identify(trait_timestamp_format='epoch') }}
