-- Person-location relationships with is_primary_location and friends, only
-- for people in customer_io_persons.
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    object_attributes=['location_name'],
    persons=ref('customer_io_persons')
) }}
