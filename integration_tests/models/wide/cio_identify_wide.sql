{{ nexus_customer_io.customer_io_identify(entities=ref('wide_entities'), dedupe_column=none) }}
