{#- A zone-aware event time becomes UTC. -#}
{{ nexus_customer_io.customer_io_events(events=ref('nexus_events_tz'), include_properties=['event_type']) }}
