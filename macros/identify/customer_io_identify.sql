{#- People (identify) sync: one row per person, "userId" / "anonymousId",
    "timestamp", then the person's traits. See customer_io_identify.yml. -#}

{% macro customer_io_identify(
    entity_type='person',
    user_id_column='user_id',
    anonymous_id_column=none,
    dedupe_column='email',
    ignore_traits=[],
    rename_traits={},
    filters=[],
    include_traits=none,
    entities=none,
    timestamp_column='_updated_at',
    timestamp_traits=[],
    trait_timestamp_format='unix',
    allow_sensitive_traits=[],
    sync_unsubscribed=false,
    keep_empty_traits=false,
    identifier_traits=['email']
) %}
    {#- ref() is called here, at parse time too, so dbt records the dependency. -#}
    {%- set entities = entities if entities is not none else ref('nexus_entities') -%}
    {#- After the build: people Customer.io ignores (only an anonymousId) are counted. -#}
    {%- do config(post_hook=nexus_customer_io._cio_after_build_hook('customer_io_identify')) -%}
    {{ return(adapter.dispatch('customer_io_identify', 'nexus_customer_io')(
        entity_type=entity_type,
        user_id_column=user_id_column,
        anonymous_id_column=anonymous_id_column,
        dedupe_column=dedupe_column,
        ignore_traits=ignore_traits,
        rename_traits=rename_traits,
        filters=filters,
        include_traits=include_traits,
        entities=entities,
        timestamp_column=timestamp_column,
        timestamp_traits=timestamp_traits,
        trait_timestamp_format=trait_timestamp_format,
        allow_sensitive_traits=allow_sensitive_traits,
        sync_unsubscribed=sync_unsubscribed,
        keep_empty_traits=keep_empty_traits,
        identifier_traits=identifier_traits
    )) }}
{% endmacro %}


{% macro default__customer_io_identify(
    entity_type, user_id_column, anonymous_id_column, dedupe_column,
    ignore_traits, rename_traits, filters, include_traits, entities,
    timestamp_column, timestamp_traits, trait_timestamp_format,
    allow_sensitive_traits, sync_unsubscribed, keep_empty_traits, identifier_traits
) %}
{%- set m = 'customer_io_identify' -%}
{#- Guards run only when dbt executes: a disabled or not-yet-built model must
    never break `dbt parse`. -#}
{%- set found = {'exists': false} -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_arguments(m,
        booleans=[('sync_unsubscribed', sync_unsubscribed), ('keep_empty_traits', keep_empty_traits)],
        strings=[('entity_type', entity_type), ('user_id_column', user_id_column),
            ('timestamp_column', timestamp_column)],
        lists=[('filters', filters)], timestamp_format=trait_timestamp_format) -%}
    {%- set found = nexus_customer_io._cio_relation_columns(entities, m, 'entities') -%}
{%- endif -%}
{%- if not found.exists -%}
{{ nexus_customer_io._cio_placeholder([('userId', dbt.type_string())]
    + ([('anonymousId', dbt.type_string())] if anonymous_id_column else [])
    + [('timestamp', dbt.type_timestamp())]) }}
{%- else -%}
{%- set columns = found.columns -%}
{%- set id_col = nexus_customer_io._cio_find_column(columns, 'entity_id', m, 'entities', entities) -%}
{%- set type_col = nexus_customer_io._cio_find_column(columns, 'entity_type', m, 'entities', entities) -%}
{%- set user_col = nexus_customer_io._cio_find_column(columns, user_id_column, m, 'user_id_column', entities) -%}
{%- set anon_col = nexus_customer_io._cio_find_column(columns, anonymous_id_column, m, 'anonymous_id_column', entities)
    if anonymous_id_column else none -%}
{%- set dedupe_col = nexus_customer_io._cio_find_column(columns, dedupe_column, m, 'dedupe_column', entities)
    if dedupe_column else none -%}
{%- set ts_col = nexus_customer_io._cio_find_column(columns, timestamp_column, m, 'timestamp_column', entities) -%}
{%- for arg_name, column in [('user_id_column', user_col), ('anonymous_id_column', anon_col),
    ('dedupe_column', dedupe_col)] -%}
    {%- do nexus_customer_io._cio_check_id_column(m, arg_name, column) -%}
{%- endfor -%}

{%- set traits = nexus_customer_io._cio_entity_traits(
    m, entities, columns, type_col, entity_type, [user_col] + ([anon_col] if anon_col else []),
    ignore_traits, rename_traits, include_traits, timestamp_traits, allow_sensitive_traits, keep_empty_traits,
    sync_unsubscribed=sync_unsubscribed, identifiers=identifier_traits
) -%}
{%- do nexus_customer_io._cio_entity_input_checks(m, entities, type_col, entity_type,
    [('user_id_column', user_col, 'every person is sent by anonymousId alone' if anon_col else 'no person is sent')]
    + ([('anonymous_id_column', anon_col, 'no person is sent by anonymousId')] if anon_col else [])
    + ([('dedupe_column', dedupe_col, 'no two entities are merged by it')] if dedupe_col else []),
    traits) -%}
{%- set leading = [(nexus_customer_io._cio_clean_id(user_col.quoted), adapter.quote('userId'))]
    + ([(nexus_customer_io._cio_clean_id(anon_col.quoted), adapter.quote('anonymousId'))] if anon_col else [])
    + [(nexus_customer_io._cio_column_utc(ts_col, parse_text=true), adapter.quote('timestamp')),
       ('lower(' ~ nexus_customer_io._cio_clean_id(dedupe_col.quoted) ~ ')' if dedupe_col
           else 'cast(null as ' ~ dbt.type_string() ~ ')', '_cio_dedupe_key')] -%}

{%- set payload = ['_cio_i.' ~ adapter.quote('userId')] -%}
{%- if anon_col -%}{%- do payload.append('_cio_i.' ~ adapter.quote('anonymousId')) -%}{%- endif -%}
{%- do payload.append('_cio_i.' ~ adapter.quote('timestamp')) -%}
{%- for trait in traits -%}{%- do payload.append('_cio_i.' ~ adapter.quote(trait.name)) -%}{%- endfor -%}

{%- set body %}
with _cio_source as (
    {{ nexus_customer_io._cio_entity_source(m, entities, type_col, entity_type, id_col, leading, traits,
        trait_timestamp_format, filters) }}
),

_cio_identified as (
    select * from _cio_source
    where {{ adapter.quote('userId') }} is not null
    {%- if anon_col %} or {{ adapter.quote('anonymousId') }} is not null{% endif %}
),

{{ nexus_customer_io._cio_identify_dedupe(anon_col is not none) }}

select
    {{ payload | join(',\n    ') }},
    _cio_i._cio_row_id as _cio_entity_id,
    _cio_l._cio_merged_entity_ids
from _cio_identified as _cio_i
left join _cio_merged_lists as _cio_l
    on _cio_l._cio_person_id = _cio_i._cio_row_id
where _cio_i._cio_row_id in (select _cio_person_id from _cio_final)
{%- endset -%}
{%- do nexus_customer_io._cio_log_full_read(m, entity_type ~ ' entity', "nexus entities have no warehouse-time watermark
    (`_updated_at` is the event time of the newest trait), and a merge or a new dedupe winner changes a person without
    one") -%}
{{ nexus_customer_io._cio_finalize(m, body,
    ['userId'] + (['anonymousId'] if anon_col else []) + ['timestamp'] + traits | map(attribute='name') | list,
    nexus_customer_io._cio_person_key(adapter.quote('userId'), adapter.quote('anonymousId') if anon_col else none),
    carried=nexus_customer_io._cio_person_map_columns(),
    formats=nexus_customer_io._cio_trait_formats(traits, trait_timestamp_format), clears=true) }}
{%- endif -%}
{% endmacro %}

{#- The dedupe of an identify model, over _cio_identified (with "anonymousId"
    when `with_anonymous`): CTEs ending in _cio_final, each winner of the first
    stage and the person it ended as, and _cio_merged_lists, each person's
    merged entity ids (the person map). -#}
{% macro _cio_identify_dedupe(with_anonymous) %}
{%- set narrow = ['_cio_row_id', adapter.quote('timestamp'), '_cio_dedupe_key', '_cio_user_key']
    + (['_cio_anonymous_key'] if with_anonymous else []) -%}
{%- set latest_first = adapter.quote('timestamp') ~ ' desc nulls last, _cio_row_id' -%}
{%- set ctes -%}
-- The dedupe runs on a narrow relation of keys; the payload is joined back once.
_cio_keys as (
    select
        _cio_row_id,
        {{ adapter.quote('timestamp') }},
        _cio_dedupe_key,
        {{ nexus_customer_io._cio_match_key(adapter.quote('userId')) }} as _cio_user_key
        {%- if with_anonymous %},
        case when {{ adapter.quote('userId') }} is null then {{ nexus_customer_io._cio_match_key(adapter.quote('anonymousId')) }} end as _cio_anonymous_key
        {%- endif %}
    from _cio_identified
),

-- Three stages, each keeping every row with the row it lost to (_cio_winner),
-- so that the entities merged into a person are known: by dedupe value, then
-- by userId, then by anonymousId for rows without a userId.
_cio_by_dedupe_value as (
    {{ nexus_customer_io._cio_dedupe_winner('_cio_keys', '_cio_dedupe_key', latest_first, narrow) }}
),

_cio_by_user_id as (
    {{ nexus_customer_io._cio_dedupe_winner('_cio_by_dedupe_value', '_cio_user_key', latest_first, narrow,
        where='_cio_row_id = _cio_winner') }}
),

{%- if with_anonymous %}
_cio_by_anonymous_id as (
    {{ nexus_customer_io._cio_dedupe_winner('_cio_by_user_id', '_cio_anonymous_key', latest_first, narrow,
        where='_cio_row_id = _cio_winner') }}
),
{%- endif %}

-- Each winner of the first stage and the person it ended as.
_cio_final as (
    {%- if with_anonymous %}
    select
        _cio_u._cio_row_id,
        coalesce(_cio_a._cio_winner, _cio_u._cio_winner) as _cio_person_id
    from _cio_by_user_id as _cio_u
    left join _cio_by_anonymous_id as _cio_a
        on _cio_a._cio_row_id = _cio_u._cio_winner
        and _cio_a._cio_row_id <> _cio_a._cio_winner
    {%- else %}
    select _cio_row_id, _cio_winner as _cio_person_id
    from _cio_by_user_id
    {%- endif %}
),

-- The person map: every entity merged into another one, with that person.
_cio_merged as (
    select _cio_d._cio_row_id as _cio_entity_id, _cio_f._cio_person_id
    from _cio_by_dedupe_value as _cio_d
    inner join _cio_final as _cio_f
        on _cio_f._cio_row_id = _cio_d._cio_winner
    where _cio_d._cio_row_id <> _cio_d._cio_winner
    union all
    select _cio_row_id, _cio_person_id
    from _cio_final
    where _cio_row_id <> _cio_person_id
),

_cio_merged_lists as (
    select
        _cio_person_id,
        {{ dbt.listagg('_cio_entity_id', "','", 'order by _cio_entity_id') }} as _cio_merged_entity_ids
    from _cio_merged
    group by _cio_person_id
)
{%- endset -%}
{{ return(ctes) }}
{% endmacro %}
