{#- The participants with the activity events' recipients, as dbt-nexus
    would resolve them (cio_activity_roundtrip). -#}
select
    entity_participant_id,
    entity_type,
    event_id,
    entity_id,
    role,
    occurred_at
from {{ ref('nexus_entity_participants') }}
union all
select distinct
    'ep_' || roundtrip.event_id || '_' || roundtrip.entity_id as entity_participant_id,
    'person' as entity_type,
    roundtrip.event_id,
    roundtrip.entity_id,
    'recipient' as role,  -- noqa: RF04
    events.occurred_at
from {{ ref('cio_activity_roundtrip') }} as roundtrip
inner join {{ ref('customer_io_activity_events') }} as events
    on roundtrip.event_id = events.event_id
