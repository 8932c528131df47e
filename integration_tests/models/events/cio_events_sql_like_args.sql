{#- Values that look like SQL in every argument rendered as a literal: they
    must stay literals (no broken SQL, no injection). -#}
{{ nexus_customer_io.customer_io_events(
    event_names=["it's done", "x'); drop table nexus_events; --", 'payment completed'],
    sources=['lobbie', "stripe' or '1'='1", 'back\\slash'],
    participant_roles=['patient', "payer; --", 'payer'],
    rename_events={"it's done": "It's \"done\" -- ; \\", 'payment completed': "paid'; --"},
    occurred_after='2024-02-01',
    entity_type="person",
    include_properties=['event_type']
) }}
