{#- No echo: with Customer.io's activity in nexus, the events sync leaves it
    out (a dbt warning counts it): the same rows as cio_events_persons_by_id. -#}
{{ nexus_customer_io.customer_io_events(
    events=ref('nexus_events_with_activity'),
    participants=ref('nexus_participants_with_activity'),
    persons=ref('cio_identify_default')
) }}
