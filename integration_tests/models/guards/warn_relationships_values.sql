{#- A relationship type and an object entity type that match nothing. -#}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    relationship_type='Membership',
    object_entity_type='location'
) }}
