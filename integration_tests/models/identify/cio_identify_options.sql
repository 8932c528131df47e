{#- Email as userId without a separate dedupe, every opt-in switched on, renames
    and a stale ignore entry (which only warns). -#}
{{ nexus_customer_io.customer_io_identify(
    user_id_column='email',
    dedupe_column=none,
    ignore_traits=['plan', 'no_longer_a_trait'],
    rename_traits={'first_name': 'firstName', '_created_at': 'signup_date'},
    allow_sensitive_traits=['api_token'],
    sync_unsubscribed=true,
    keep_empty_traits=true
) }}
