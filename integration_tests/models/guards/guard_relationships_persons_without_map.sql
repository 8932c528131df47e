{#- A people table not built by customer_io_identify (no person map). -#}
{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id', persons=ref('bad_people')) }}
