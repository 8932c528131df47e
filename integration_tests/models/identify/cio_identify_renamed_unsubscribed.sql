{#- A trait renamed to `unsubscribed` is held back like the real one. -#}
{{ nexus_customer_io.customer_io_identify(
    include_traits=['email', 'plan'],
    rename_traits={'plan': 'Unsubscribed'}
) }}
