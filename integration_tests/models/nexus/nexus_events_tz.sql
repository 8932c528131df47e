{#- A fork whose event time is zone-aware: occurred_at carries offsets. -#}
select
    event_id,
    cast(occurred_at_local as {{ tz_timestamp_type() }}) as occurred_at,
    event_name,
    event_type,
    source
from {{ ref('nexus_events_seed') }}
