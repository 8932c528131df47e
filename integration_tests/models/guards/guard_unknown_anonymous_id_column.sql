{{ nexus_customer_io.customer_io_identify(anonymous_id_column='anon') }}
