{#- nexus_events as it is once the customer_io_activity source is on: the
    activity events beside the others (source 'customer_io'). -#}
select
    event_id,
    occurred_at,
    event_name,
    event_description,
    event_type,
    significance,
    source,
    source_table,
    _ingested_at,
    _processed_at,
    occurred_at_local,
    session_token
from {{ ref('nexus_events') }}
union all
select
    event_id,
    occurred_at,
    event_name,
    event_description,
    event_type,
    significance,
    source,
    source_table,
    _ingested_at,
    cast(null as {{ tz_timestamp_type() }}) as _processed_at,
    cast(null as {{ tz_timestamp_type() }}) as occurred_at_local,
    cast(null as {{ dbt.type_string() }}) as session_token
from {{ ref('customer_io_activity_events') }}
