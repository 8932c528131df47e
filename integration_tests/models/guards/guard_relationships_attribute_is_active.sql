{#- nexus_relationships' own is_active would overwrite the built-in key. -#}
{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id', relationship_attributes=['is_active']) }}
