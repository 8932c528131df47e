{#- dbt-nexus source model: what Customer.io knows of a person and nexus
    does not, as traits keyed by Customer.io's internal id (the identifier
    the events give nexus): customer_io_suppressed (the People file, at its
    last update) and customer_io_unsubscribed ('true' from an unsubscribed
    metric, at its time). Deleted people get none. -#}
{{ config(materialized='table', enabled=nexus_customer_io._cio_activity_enabled()) }}
{%- set ctes = nexus_customer_io._cio_activity_ctes('customer_io_activity') %}
{%- set columns = ['entity_trait_id', 'event_id', 'entity_type', 'identifier_type', 'identifier_value', 'trait_name',
                   'trait_value', 'source', 'occurred_at', '_ingested_at'] %}
{%- set internal_type = nexus_customer_io._cio_activity_config().get('internal_id_identifier_type', 'cio_id') %}
{%- if ctes is none %}
{{ nexus_customer_io._cio_activity_placeholder(columns) }}
{%- else %}
with {{ ctes }},

-- Each person's latest event: the event a People-file trait is attached to.
_cio_latest_event as (
    {{ nexus_customer_io._cio_dedupe('_cio_activity', 'internal_customer_id', 'occurred_at desc, event_id',
        ['internal_customer_id', 'event_id', 'suppressed', 'person_updated_at', '_ingested_at', 'person_deleted']) }}
),

_cio_traits as (
    select event_id, internal_customer_id, 'customer_io_suppressed' as trait_name,
        case when suppressed then 'true' else 'false' end as trait_value, person_updated_at as occurred_at, _ingested_at
    from _cio_latest_event
    where internal_customer_id is not null and not person_deleted and suppressed is not null
    union all
    select event_id, internal_customer_id, 'customer_io_unsubscribed', 'true', occurred_at, _ingested_at
    from _cio_activity
    where internal_customer_id is not null and not person_deleted and metric = 'unsubscribed'
)

select
    {{ nexus_customer_io._cio_nexus_id('ent_tr', ['event_id', 'internal_customer_id', "'person'", 'trait_name',
        nexus_customer_io._cio_string_literal(internal_type)]) }} as entity_trait_id,
    event_id,
    'person' as entity_type,
    {{ nexus_customer_io._cio_string_literal(internal_type) }} as identifier_type,
    internal_customer_id as identifier_value,
    trait_name,
    trait_value,
    {{ nexus_customer_io._cio_string_literal(nexus_customer_io._cio_activity_source()) }} as source,
    occurred_at,
    _ingested_at
from _cio_traits
{%- endif %}
