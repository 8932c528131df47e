{#- A people model with one person (cio_identify_in_cte): most memberships have
    no person there, so the build warns. Dates as ISO-8601 text. -#}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    persons=ref('cio_identify_in_cte'),
    trait_timestamp_format='iso8601'
) }}
