{#- A timestamp column named as the person's id. -#}
{{ nexus_customer_io.customer_io_events(user_id_column='_created_at') }}
