{{ nexus_customer_io.customer_io_identify(user_id_column='userid_typo') }}
