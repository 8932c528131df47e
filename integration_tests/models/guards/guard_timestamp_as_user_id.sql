{#- A timestamp column named as the identifier. -#}
{{ nexus_customer_io.customer_io_identify(user_id_column='_created_at') }}
