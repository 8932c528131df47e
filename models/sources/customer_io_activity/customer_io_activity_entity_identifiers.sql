{#- dbt-nexus source model: the identifiers of each event's person, all on
    one edge per event, so nexus merges them into one entity and links it to
    the person other sources know by the same id or email. A deleted person,
    or a delivery without a person, gets none. -#}
{{ config(materialized='table', enabled=nexus_customer_io._cio_activity_enabled()) }}
{%- set ctes = nexus_customer_io._cio_activity_ctes('customer_io_activity') %}
{%- set columns = ['entity_identifier_id', 'event_id', 'edge_id', 'entity_type', 'identifier_type', 'identifier_value',
                   'source', 'occurred_at', '_ingested_at', 'role'] %}
{%- set config = nexus_customer_io._cio_activity_config() %}
{#- (identifier type, column): Customer.io's internal id, the id the people
    sync sent as userId (its nexus identifier type is the config's
    customer_id_identifier_type), the email. -#}
{%- set identifiers = [(config.get('internal_id_identifier_type', 'cio_id'), 'internal_customer_id'),
                       (config.get('customer_id_identifier_type', 'user_id'), 'customer_id'),
                       ('email', 'email_addr')] %}
{%- if ctes is none %}
{{ nexus_customer_io._cio_activity_placeholder(columns) }}
{%- else %}
with {{ ctes }},

_cio_identifiers as (
    {%- for identifier_type, column in identifiers %}
    select event_id, internal_customer_id, {{ nexus_customer_io._cio_string_literal(identifier_type) }} as identifier_type,
        {{ column }} as identifier_value, occurred_at, _ingested_at
    from _cio_activity
    where internal_customer_id is not null and not person_deleted and {{ column }} is not null
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}
)

select
    {{ nexus_customer_io._cio_nexus_id('ent_idfr', ['event_id', 'identifier_value', "'recipient'", "'person'", 'identifier_type']) }} as entity_identifier_id,
    event_id,
    {{ nexus_customer_io._cio_nexus_id('ent_edg', ['event_id', 'internal_customer_id', "'person'"]) }} as edge_id,
    'person' as entity_type,
    identifier_type,
    identifier_value,
    {{ nexus_customer_io._cio_string_literal(nexus_customer_io._cio_activity_source()) }} as source,
    occurred_at,
    _ingested_at,
    'recipient' as role
from _cio_identifiers
{%- endif %}
