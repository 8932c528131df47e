{#- An object id column no group has (email is set on people only). -#}
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='email') }}
