select
    event_id,
    cast(amount as {{ dbt.type_float() }}) as amount,
    cast(duration_minutes as {{ dbt.type_int() }}) as duration_minutes
from {{ ref('nexus_event_measurements_seed') }}
