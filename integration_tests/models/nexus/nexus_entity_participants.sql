select
    entity_participant_id,
    entity_type,
    event_id,
    entity_id,
    role,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at
from {{ ref('nexus_entity_participants_seed') }}
