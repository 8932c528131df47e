{#- The full recompute of sim_events (see sim_full_persons), from the same
    people table. -#}
{{ config(materialized='table') }}
{{ nexus_customer_io.customer_io_events(
    events=source('sim', 'simsrc_events'),
    participants=source('sim', 'simsrc_participants'),
    entities=source('sim', 'simsrc_entities'),
    persons=ref('sim_persons')
) }}
