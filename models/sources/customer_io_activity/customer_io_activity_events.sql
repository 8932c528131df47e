{#- dbt-nexus source model: one nexus event per Customer.io message metric
    (email opened, push delivered, ...), from the data warehouse export
    (docs/activity.md). Off unless nexus.sources.customer_io_activity.enabled. -#}
{{ config(materialized='table', enabled=nexus_customer_io._cio_activity_enabled()) }}
{%- set ctes = nexus_customer_io._cio_activity_ctes('customer_io_activity') %}
{%- set columns = ['event_id', 'occurred_at', 'event_name', 'event_description', 'event_type', 'significance',
                   'source', 'source_table', '_ingested_at'] %}
{%- if ctes is none %}
{{ nexus_customer_io._cio_activity_placeholder(columns) }}
{%- else %}
with {{ ctes }},

_cio_named as (
    select
        _cio_activity.*,
        {{ nexus_customer_io._cio_activity_event_name('channel', 'metric') }} as event_name
    from _cio_activity
)

select
    event_id,
    occurred_at,
    event_name,
    'Customer.io ' || event_name || coalesce(
        ' of campaign ' || campaign_id || ', action ' || action_id,
        ' of campaign ' || campaign_id,
        ' of newsletter ' || newsletter_id,
        ' of broadcast trigger ' || trigger_id,
        ' of transactional message ' || transactional_message_id,
        '') as event_description,
    channel as event_type,
    cast(0 as {{ dbt.type_float() }}) as significance,
    {{ nexus_customer_io._cio_string_literal(nexus_customer_io._cio_activity_source()) }} as source,
    'customer_io_metrics' as source_table,
    _ingested_at
from _cio_named
{%- endif %}
