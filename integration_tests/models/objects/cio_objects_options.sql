{#- An allow-list, a rename, ISO-8601 trait timestamps, object type as text. -#}
{{ nexus_customer_io.customer_io_objects(
    object_type_id='2',
    object_id_column='location_id',
    include_traits=['location_name', '_created_at', 'last_interaction_at'],
    rename_traits={'location_name': 'name'},
    trait_timestamp_format='iso8601'
) }}
