{#- Every filter and rename argument at once; dates as warehouse timestamps. -#}
{{ nexus_customer_io.customer_io_events(
    event_names=['appointment scheduled', 'payment completed', "it's done"],
    sources=['lobbie'],
    participant_roles=['patient'],
    occurred_after='2024-02-01',
    rename_events={'appointment scheduled': 'Appointment Scheduled', "it's done": "It's Done"},
    ignore_properties=['event_description'],
    rename_properties={'significance': 'importance'},
    filters=["event_type <> 'spam'"],
    trait_timestamp_format='timestamp'
) }}
