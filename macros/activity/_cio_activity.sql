{#- Customer.io's message activity as a dbt-nexus source (docs/activity.md):
    the models in models/sources/customer_io_activity/ read the tables of
    Customer.io's data warehouse export (Deliveries, Metrics, People), as the
    user loaded them, and give nexus one event per message metric, the
    person's identifiers and traits, and the message ids as dimensions.
    Turned on, and configured, by dbt-nexus's own var:

      vars:
        nexus:
          sources:
            customer_io_activity:
              enabled: true
              events: true
              entities: ['person']
              dimensions: true

    The key is not `customer_io`: nexus refs `<key>_events`, and
    `customer_io_events` is the name the package's docs give the events
    sync model. Every row carries source = 'customer_io'. -#}

{#- The source's settings: nexus.sources.customer_io_activity. -#}
{% macro _cio_activity_config() %}
    {%- set nexus = var('nexus', {}) -%}
    {%- set sources = nexus.get('sources', {}) if nexus is mapping else {} -%}
    {%- set config = sources.get('customer_io_activity', {}) if sources is mapping else {} -%}
    {{ return(config if config is mapping else {}) }}
{% endmacro %}

{% macro _cio_activity_enabled() %}
    {{ return(nexus_customer_io._cio_activity_config().get('enabled', false) is sameas true) }}
{% endmacro %}

{#- The value of the `source` column of every row, and the one the events
    sync leaves out by default (no echo). -#}
{% macro _cio_activity_source() %}
    {{ return('customer_io') }}
{% endmacro %}

{#- The relation of one export table: a model of the project when the config
    names one under `models` (a ref, so dbt builds it first), else the
    package's source customer_io_export (schema, database and table names
    from the config; docs/activity.md). -#}
{% macro _cio_activity_input(name) %}
    {%- set model = nexus_customer_io._cio_activity_config().get('models', {}).get(name) -%}
    {{ return(ref(model) if model else source('customer_io_export', name)) }}
{% endmacro %}

{#- dbt-nexus's ids: '<prefix>_' and the md5 of the parts as
    dbt_utils.generate_surrogate_key joins them, so an id is what
    nexus.create_nexus_id would give. -#}
{% macro _cio_nexus_id(prefix, parts) %}
    {%- set pieces = [] -%}
    {%- for part in parts -%}
        {%- do pieces.append("coalesce(cast(" ~ part ~ " as " ~ dbt.type_string() ~ "), "
            ~ "'_dbt_utils_surrogate_key_null_')") -%}
    {%- endfor -%}
    {{ return(nexus_customer_io._cio_string_literal(prefix ~ '_') ~ " || "
        ~ dbt.hash("\n        " ~ pieces | join("\n        || '-' || "))) }}
{% endmacro %}

{#- The columns each export table must have (Customer.io's column names; the
    schema and its sources: docs/activity.md), and the optional ones read
    when present. -#}
{% macro _cio_activity_columns() %}
    {{ return({
        'deliveries': {'required': ['delivery_id', 'internal_customer_id', 'delivery_type', 'created_at'],
                       'optional': ['campaign_id', 'action_id', 'newsletter_id', 'content_id', 'trigger_id',
                                    'transactional_message_id', 'seq_num']},
        'metrics': {'required': ['event_id', 'delivery_id', 'metric', 'created_at'],
                    'optional': ['reason', 'link_id', 'link_url', 'seq_num']},
        'people': {'required': ['internal_customer_id', 'customer_id', 'updated_at'],
                   'optional': ['email_addr', 'deleted', 'suppressed']}
    }) }}
{% endmacro %}

{#- The CTEs every activity model starts from (macro_name names the model
    for messages), or none at parse time or when an input does not exist
    yet under compile:
      _cio_deliveries, _cio_metrics, _cio_people: one row per delivery,
        metric event and person, the latest export of each (the files hold
        what changed, so one row can arrive in several);
      _cio_activity: one row per metric event with its delivery and person,
        event_id (nexus's), occurred_at (UTC), _ingested_at. -#}
{% macro _cio_activity_ctes(macro_name) %}
    {#- ref() / source() at parse time too, so dbt records the dependencies -#}
    {%- set inputs = {} -%}
    {%- for name in ['deliveries', 'metrics', 'people'] -%}
        {%- do inputs.update({name: nexus_customer_io._cio_activity_input(name)}) -%}
    {%- endfor -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set spec = nexus_customer_io._cio_activity_columns() -%}
    {%- set config = nexus_customer_io._cio_activity_config() -%}
    {%- set ingested_name = config.get('ingested_at_column', '_ingested_at') -%}
    {%- set cols = {} -%}
    {%- for name in ['deliveries', 'metrics', 'people'] -%}
        {%- set relation = inputs[name] -%}
        {%- set found = nexus_customer_io._cio_relation_columns(relation, macro_name,
            'nexus.sources.customer_io_activity, ' ~ name) -%}
        {%- if not found.exists -%}{{ return(none) }}{%- endif -%}
        {%- set by_name = {'relation': relation} -%}
        {%- for column in spec[name].required -%}
            {%- set present = nexus_customer_io._cio_column_named(found.columns, column) -%}
            {%- if present is none -%}
                {%- set msg_text -%}
                    the export table {{ name }} ({{ relation }}) has no column `{{ column }}`, which
                    Customer.io's {{ name }} file has (docs/activity.md); its columns are:
                    {{ found.columns | map(attribute='display') | join(', ') }}. Fix: load the file's columns
                    under their own names, or point nexus.sources.customer_io_activity.models.{{ name }}
                    at a model that has them.
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
            {%- endif -%}
            {%- do by_name.update({column: present}) -%}
        {%- endfor -%}
        {%- for column in spec[name].optional + [ingested_name] -%}
            {%- do by_name.update({column: nexus_customer_io._cio_column_named(found.columns, column)}) -%}
        {%- endfor -%}
        {%- do cols.update({name: by_name}) -%}
    {%- endfor -%}
    {%- set d, me, p = cols.deliveries, cols.metrics, cols.people -%}
    {%- set text = dbt.type_string() -%}
    {%- set null_text, null_int = 'cast(null as ' ~ text ~ ')', 'cast(null as ' ~ dbt.type_int() ~ ')' -%}
    {%- set null_bool, null_ts = 'cast(null as ' ~ dbt.type_boolean() ~ ')', 'cast(null as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- set sql %}
-- One row per delivery: the latest export of it.
_cio_delivery_rows as (
    select
        cast({{ d.delivery_id.quoted }} as {{ text }}) as delivery_id,
        {{ nexus_customer_io._cio_clean_id(d.internal_customer_id.quoted) }} as internal_customer_id,
        lower(cast({{ d.delivery_type.quoted }} as {{ text }})) as delivery_type,
        {%- for column in ['campaign_id', 'action_id', 'newsletter_id', 'content_id', 'trigger_id',
                           'transactional_message_id'] %}
        {{ ('cast(' ~ d[column].quoted ~ ' as ' ~ text ~ ')') if d[column] else null_text }} as {{ column }},
        {%- endfor %}
        {{ d.seq_num.quoted if d.seq_num else null_int }} as seq_num,
        {{ nexus_customer_io._cio_column_utc(d.created_at, parse_text=true) }} as created_at
    from {{ d.relation }}
),

_cio_deliveries as (
    {{ nexus_customer_io._cio_dedupe('_cio_delivery_rows', 'delivery_id', 'seq_num desc nulls last, created_at desc',
        ['delivery_id', 'internal_customer_id', 'delivery_type', 'campaign_id', 'action_id', 'newsletter_id',
         'content_id', 'trigger_id', 'transactional_message_id']) }}
),

-- One row per metric event: the latest export of it.
_cio_metric_rows as (
    select
        cast({{ me.event_id.quoted }} as {{ text }}) as metric_event_id,
        cast({{ me.delivery_id.quoted }} as {{ text }}) as delivery_id,
        lower(cast({{ me.metric.quoted }} as {{ text }})) as metric,
        {%- for column in ['reason', 'link_id', 'link_url'] %}
        {{ ('cast(' ~ me[column].quoted ~ ' as ' ~ text ~ ')') if me[column] else null_text }} as {{ column }},
        {%- endfor %}
        {{ me.seq_num.quoted if me.seq_num else null_int }} as seq_num,
        {{ nexus_customer_io._cio_column_utc(me[ingested_name], parse_text=true) if me[ingested_name]
           else null_ts }} as _ingested_at,
        {{ nexus_customer_io._cio_column_utc(me.created_at, parse_text=true) }} as occurred_at
    from {{ me.relation }}
),

_cio_metrics as (
    {{ nexus_customer_io._cio_dedupe('_cio_metric_rows', 'metric_event_id',
        'seq_num desc nulls last, _ingested_at desc nulls last',
        ['metric_event_id', 'delivery_id', 'metric', 'reason', 'link_id', 'link_url', '_ingested_at', 'occurred_at']) }}
),

-- One row per person: the latest export of the People file (deleted people
-- get no identifiers or traits).
_cio_people_rows as (
    select
        {{ nexus_customer_io._cio_clean_id(p.internal_customer_id.quoted) }} as internal_customer_id,
        {{ nexus_customer_io._cio_clean_id(p.customer_id.quoted) }} as customer_id,
        {{ nexus_customer_io._cio_clean_id(p.email_addr.quoted) if p.email_addr else null_text }} as email_addr,
        {{ nexus_customer_io._cio_parse_boolean(p.deleted.quoted) if p.deleted else null_bool }} as deleted,
        {{ nexus_customer_io._cio_parse_boolean(p.suppressed.quoted) if p.suppressed else null_bool }} as suppressed,
        {{ nexus_customer_io._cio_column_utc(p.updated_at, parse_text=true) }} as updated_at
    from {{ p.relation }}
),

_cio_people as (
    {{ nexus_customer_io._cio_dedupe('_cio_people_rows', 'internal_customer_id',
        'updated_at desc nulls last, customer_id',
        ['internal_customer_id', 'customer_id', 'email_addr', 'deleted', 'suppressed', 'updated_at']) }}
),

-- One row per metric event, with its delivery and person.
_cio_activity as (
    select
        {{ nexus_customer_io._cio_nexus_id('evt', ['_cio_m.metric_event_id']) }} as event_id,
        _cio_m.metric_event_id,
        _cio_m.metric,
        coalesce(_cio_d.delivery_type, 'message') as channel,
        _cio_m.reason,
        _cio_m.link_id,
        _cio_m.link_url,
        _cio_m.occurred_at,
        _cio_m._ingested_at,
        _cio_m.delivery_id,
        _cio_d.campaign_id,
        _cio_d.action_id,
        _cio_d.newsletter_id,
        _cio_d.content_id,
        _cio_d.trigger_id,
        _cio_d.transactional_message_id,
        _cio_d.internal_customer_id,
        _cio_p.customer_id,
        _cio_p.email_addr,
        _cio_p.suppressed,
        _cio_p.updated_at as person_updated_at,
        coalesce(_cio_p.deleted, false) as person_deleted
    from _cio_metrics as _cio_m
    left join _cio_deliveries as _cio_d
        on _cio_d.delivery_id = _cio_m.delivery_id
    left join _cio_people as _cio_p
        on _cio_p.internal_customer_id = _cio_d.internal_customer_id
)
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- A nexus event name from the delivery's channel and the metric: 'email
    opened', 'email link clicked', 'email marked as spam', 'push delivered',
    'in-app clicked' (the Data Pipelines source's names, lower-cased). -#}
{% macro _cio_activity_event_name(channel, metric) -%}
case {{ channel }} when 'in_app' then 'in-app' else {{ channel }} end || ' ' ||
        case {{ metric }}
            when 'clicked' then case when {{ channel }} = 'in_app' then 'clicked' else 'link clicked' end
            when 'spammed' then 'marked as spam'
            else {{ metric }}
        end
{%- endmacro %}


{#- The placeholder of an activity model at parse time: its columns, no rows. -#}
{% macro _cio_activity_placeholder(columns) %}
    {%- set typed = [] -%}
    {%- for name in columns -%}
        {%- set type = dbt.type_timestamp() if name in ['occurred_at', '_ingested_at'] else dbt.type_string() -%}
        {%- do typed.append((name, type)) -%}
    {%- endfor -%}
    {{ return(nexus_customer_io._cio_placeholder(typed)) }}
{% endmacro %}
