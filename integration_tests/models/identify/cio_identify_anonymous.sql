{#- Anonymous ids, text timestamps parsed, trait timestamps as ISO-8601. -#}
{{ nexus_customer_io.customer_io_identify(
    anonymous_id_column='anon_id',
    timestamp_traits=['signed_up_at'],
    trait_timestamp_format='iso8601'
) }}
