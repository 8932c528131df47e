{#- Objects (group) sync: one row per object, "groupId", "objectTypeId",
    "timestamp", then the object's traits. See customer_io_objects.yml. -#}

{% macro customer_io_objects(
    object_type_id,
    object_id_column,
    entity_type='group',
    ignore_traits=[],
    rename_traits={},
    include_traits=none,
    filters=[],
    entities=none,
    timestamp_column='_updated_at',
    timestamp_traits=[],
    trait_timestamp_format='unix',
    allow_sensitive_traits=[],
    keep_empty_traits=false,
    identifier_traits=['email']
) %}
    {#- ref() is called here, at parse time too, so dbt records the dependency. -#}
    {%- set entities = entities if entities is not none else ref('nexus_entities') -%}
    {{ return(adapter.dispatch('customer_io_objects', 'nexus_customer_io')(
        object_type_id=object_type_id,
        object_id_column=object_id_column,
        entity_type=entity_type,
        ignore_traits=ignore_traits,
        rename_traits=rename_traits,
        include_traits=include_traits,
        filters=filters,
        entities=entities,
        timestamp_column=timestamp_column,
        timestamp_traits=timestamp_traits,
        trait_timestamp_format=trait_timestamp_format,
        allow_sensitive_traits=allow_sensitive_traits,
        keep_empty_traits=keep_empty_traits,
        identifier_traits=identifier_traits
    )) }}
{% endmacro %}


{#- Names Customer.io reserves on objects and relationships. -#}
{% macro _cio_object_reserved_names() %}
    {{ return(['cio_object_id', 'object_id', 'objectid', 'relationship', '_relationship']) }}
{% endmacro %}


{% macro default__customer_io_objects(
    object_type_id, object_id_column, entity_type, ignore_traits, rename_traits,
    include_traits, filters, entities, timestamp_column, timestamp_traits,
    trait_timestamp_format, allow_sensitive_traits, keep_empty_traits, identifier_traits
) %}
{%- set m = 'customer_io_objects' -%}
{%- set gid = adapter.quote('groupId') -%}
{#- Guards run only when dbt executes: a disabled model must never break parsing. -#}
{%- set found = {'exists': false} -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_arguments(m, booleans=[('keep_empty_traits', keep_empty_traits)],
        strings=[('object_id_column', object_id_column), ('entity_type', entity_type),
            ('timestamp_column', timestamp_column)],
        lists=[('filters', filters)], timestamp_format=trait_timestamp_format) -%}
    {%- set type_id = nexus_customer_io._cio_object_type_id(m, object_type_id) -%}
    {%- set found = nexus_customer_io._cio_relation_columns(entities, m, 'entities') -%}
{%- endif -%}
{%- if not found.exists -%}
{{ nexus_customer_io._cio_placeholder([('groupId', dbt.type_string()), ('objectTypeId', dbt.type_string()), ('timestamp', dbt.type_timestamp())]) }}
{%- else -%}
{%- set columns = found.columns -%}
{%- set id_col = nexus_customer_io._cio_find_column(columns, 'entity_id', m, 'entities', entities) -%}
{%- set type_col = nexus_customer_io._cio_find_column(columns, 'entity_type', m, 'entities', entities) -%}
{%- set object_col = nexus_customer_io._cio_find_column(columns, object_id_column, m, 'object_id_column', entities) -%}
{%- set ts_col = nexus_customer_io._cio_find_column(columns, timestamp_column, m, 'timestamp_column', entities) -%}
{%- do nexus_customer_io._cio_check_id_column(m, 'object_id_column', object_col) -%}
{%- set traits = nexus_customer_io._cio_entity_traits(
    m, entities, columns, type_col, entity_type, [object_col],
    ignore_traits, rename_traits, include_traits, timestamp_traits, allow_sensitive_traits, keep_empty_traits,
    extra_reserved=nexus_customer_io._cio_object_reserved_names(), identifiers=identifier_traits
) -%}
{%- do nexus_customer_io._cio_entity_input_checks(m, entities, type_col, entity_type,
    [('object_id_column', object_col, 'no object is sent')], traits) -%}
{%- set leading = [(nexus_customer_io._cio_clean_id(object_col.quoted), gid),
    ('cast(' ~ nexus_customer_io._cio_string_literal(type_id) ~ ' as ' ~ dbt.type_string() ~ ')', adapter.quote('objectTypeId')),
    (nexus_customer_io._cio_column_utc(ts_col, parse_text=true), adapter.quote('timestamp'))] -%}
{%- set payload = [gid, adapter.quote('objectTypeId'), adapter.quote('timestamp')] -%}
{%- for trait in traits -%}{%- do payload.append(adapter.quote(trait.name)) -%}{%- endfor -%}

{%- set body %}
with _cio_source as (
    {{ nexus_customer_io._cio_entity_source(m, entities, type_col, entity_type, id_col, leading, traits, trait_timestamp_format, filters) }}
),

_cio_identified as (
    select * from _cio_source
    where {{ gid }} is not null
),

-- The dedupe runs on the keys; the payload is joined back once.
_cio_one_per_object as (
    {{ nexus_customer_io._cio_dedupe('_cio_identified', gid, adapter.quote('timestamp') ~ ' desc nulls last, _cio_row_id', ['_cio_row_id', gid, adapter.quote('timestamp')]) }}
)

select {{ payload | join(', ') }}
from _cio_identified
where _cio_row_id in (select _cio_row_id from _cio_one_per_object)
{%- endset -%}
{%- do nexus_customer_io._cio_log_full_read(m, entity_type ~ ' entity', "nexus entities have no warehouse-time watermark
    (`_updated_at` is the event time of the newest trait)") -%}
{{ nexus_customer_io._cio_finalize(m, body, ['groupId', 'objectTypeId', 'timestamp'] + traits | map(attribute='name') | list, gid,
    formats=nexus_customer_io._cio_trait_formats(traits, trait_timestamp_format), clears=true) }}
{%- endif -%}
{% endmacro %}
