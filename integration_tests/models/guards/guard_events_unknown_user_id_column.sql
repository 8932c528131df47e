{{ nexus_customer_io.customer_io_events(user_id_column='userid_typo') }}
