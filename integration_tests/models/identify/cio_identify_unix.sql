{#- An allow-list of traits, trait timestamps as Unix seconds. -#}
{{ nexus_customer_io.customer_io_identify(
    include_traits=['email', 'signed_up_at', 'last_seen_tz', '_created_at'],
    timestamp_traits=['signed_up_at'],
    trait_timestamp_format='unix'
) }}
