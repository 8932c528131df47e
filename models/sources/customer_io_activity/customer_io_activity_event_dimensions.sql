{#- dbt-nexus source model: the message's ids and the metric's details as
    event dimensions (nexus pivots them into nexus_event_dimensions), one row
    per event and dimension that has a value. -#}
{{ config(materialized='table', enabled=nexus_customer_io._cio_activity_enabled()) }}
{%- set ctes = nexus_customer_io._cio_activity_ctes('customer_io_activity') %}
{%- set columns = ['event_dimension_id', 'event_id', 'dimension_name', 'dimension_value', 'occurred_at', 'source', '_ingested_at'] %}
{%- set dimensions = ['channel', 'metric', 'delivery_id', 'campaign_id', 'action_id', 'newsletter_id', 'content_id',
                      'trigger_id', 'transactional_message_id', 'link_id', 'link_url', 'reason', 'metric_event_id'] %}
{%- if ctes is none %}
{{ nexus_customer_io._cio_activity_placeholder(columns) }}
{%- else %}
with {{ ctes }},

_cio_dimensions as (
    {%- for name in dimensions %}
    select event_id, {{ nexus_customer_io._cio_string_literal('cio_' ~ name) }} as dimension_name,
        cast({{ name }} as {{ dbt.type_string() }}) as dimension_value, occurred_at, _ingested_at
    from _cio_activity
    where {{ name }} is not null
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}
)

select
    {{ nexus_customer_io._cio_nexus_id('evt_dim', ['event_id', 'dimension_name']) }} as event_dimension_id,
    event_id,
    dimension_name,
    dimension_value,
    occurred_at,
    {{ nexus_customer_io._cio_string_literal(nexus_customer_io._cio_activity_source()) }} as source,
    _ingested_at
from _cio_dimensions
{%- endif %}
