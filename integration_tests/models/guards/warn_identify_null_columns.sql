{#- A dedupe column that no person has (location_id is set on groups only). -#}
{{ nexus_customer_io.customer_io_identify(dedupe_column='location_id') }}
