{#- A timestamp column named as the object id. -#}
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='_created_at') }}
