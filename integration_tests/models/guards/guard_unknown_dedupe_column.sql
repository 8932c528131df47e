{{ nexus_customer_io.customer_io_identify(dedupe_column='e_mail') }}
