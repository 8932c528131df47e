{#- nexus_events as dbt-nexus v0.13 builds it, plus a zone-aware column and a
    secret-looking one that a client fork might add. -#}
select
    event_id,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    event_name,
    event_description,
    event_type,
    cast(significance as {{ dbt.type_float() }}) as significance,
    source,
    source_table,
    cast(_ingested_at as {{ dbt.type_timestamp() }}) as _ingested_at,
    cast(_processed_at as {{ tz_timestamp_type() }}) as _processed_at,
    cast(occurred_at_local as {{ tz_timestamp_type() }}) as occurred_at_local,
    session_token
from {{ ref('nexus_events_seed') }}
