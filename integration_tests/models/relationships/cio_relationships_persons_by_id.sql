{#- People keyed on an id column with the email dedupe (cio_identify_default):
    the memberships of an entity merged into a person count for that person
    (Ann@Example.com's rel_10 joins u_ann2's rel_02 on loc_02). -#}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    relationship_attributes=['membership_tier'],
    persons=ref('cio_identify_default')
) }}
