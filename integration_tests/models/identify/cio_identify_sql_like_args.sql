{#- An entity type that looks like SQL is a literal: no rows, valid SQL. -#}
{{ nexus_customer_io.customer_io_identify(entity_type="person' or '1'='1", include_traits=['email']) }}
