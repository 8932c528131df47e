{#- Email-keyed people, memberships of a case-variant duplicate counted for the
    synced person, inactive memberships included, nulls kept in the JSON. -#}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id='1',
    object_id_column='location_id',
    object_name='location',
    active_only=false,
    relationship_attributes=['membership_tier'],
    persons=ref('cio_identify_options'),
    keep_null_attributes=true
) }}
