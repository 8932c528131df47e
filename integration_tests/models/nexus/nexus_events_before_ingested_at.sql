{#- nexus_events as a dbt-nexus before v0.13 builds it: no `_ingested_at`,
    so a change-tracked events model has no watermark and reads every event
    on every run (cio_events_tracked_no_watermark). -#}
select
    event_id,
    occurred_at,
    event_name,
    event_description,
    event_type,
    significance,
    source,
    source_table,
    _processed_at,
    occurred_at_local,
    session_token
from {{ ref('nexus_events') }}
