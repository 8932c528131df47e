{#- Asked for, the activity is sent like any event, to the person it landed on. -#}
{{ nexus_customer_io.customer_io_events(
    events=ref('nexus_events_with_activity'),
    participants=ref('nexus_participants_with_activity'),
    persons=ref('cio_identify_default'),
    event_names=['email opened', 'email link clicked', 'push opened'],
    send_customer_io_activity=true
) }}
