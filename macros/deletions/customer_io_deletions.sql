{#- Deletions (track) sync, opt-in: Customer.io's semantic events for what the
    tracked people and relationships models no longer produce, one row per
    removal, once. "userId", "timestamp", "event", "messageId", then the
    properties "objectId" and "objectTypeId". See customer_io_deletions.yml. -#}

{% macro customer_io_deletions(people=none, relationships=none, delete_people=false) %}
    {{ return(adapter.dispatch('customer_io_deletions', 'nexus_customer_io')(
        people=people,
        relationships=relationships,
        delete_people=delete_people
    )) }}
{% endmacro %}


{% macro default__customer_io_deletions(people, relationships, delete_people) %}
{%- set m = 'customer_io_deletions' -%}
{%- set ready = namespace(ok=false) -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_booleans(m, [('delete_people', delete_people)]) -%}
    {%- if relationships is none and not delete_people -%}
        {%- set msg_text -%}
            nothing to delete: pass `relationships` (a tracked customer_io_relationships model) to
            send Relationship Deleted for every membership that ends, and/or `people` with
            delete_people=true to send User Deleted for every person the people model no longer
            produces.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(m, msg_text) }}
    {%- endif -%}
    {%- if delete_people and people is none -%}
        {%- set msg_text -%}
            argument `delete_people` is true but `people` is not given. Fix: people=ref('<your
            customer_io_identify model>').
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(m, msg_text) }}
    {%- endif -%}
    {%- if people is not none and not delete_people -%}
        {%- set msg_text -%}
            argument `people` is read only with delete_people=true; no User Deleted is sent.
            Deleting a profile is destructive: set delete_people=true only once you mean it
            (docs/sync.md, Removals).
        {%- endset -%}
        {%- do nexus_customer_io._cio_warn(m, msg_text) -%}
    {%- endif -%}
    {%- set sources = [] -%}
    {%- for arg_name, relation, needs, kind in [('relationships', relationships, ['groupId', 'objectTypeId', 'userId'], 'customer_io_relationships'),
                                               ('people', people if delete_people else none, ['userId'], 'customer_io_identify')] if relation is not none -%}
        {%- set found = nexus_customer_io._cio_relation_columns(relation, m, arg_name) -%}
        {%- if found.exists -%}
            {%- set names = found.columns | map(attribute='name') | list -%}
            {%- set lnames = found.columns | map(attribute='lname') | list -%}
            {%- for needed in needs if needed not in names -%}
                {%- set msg_text -%}
                    argument `{{ arg_name }}`: {{ relation }} has no "{{ needed }}" column; it must
                    be a model built by {{ kind }}.
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(m, msg_text) }}
            {%- endfor -%}
            {%- if '_cio_removed_at' not in lnames -%}
                {%- set msg_text -%}
                    argument `{{ arg_name }}`: {{ relation }} is not change-tracked (no
                    _cio_removed_at column), so it does not know what it no longer produces.
                    Materialize it incremental with unique_key='_cio_key' (docs/sync.md), or build
                    it once with nexus_customer_io 0.2.0 or later.
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(m, msg_text) }}
            {%- endif -%}
        {%- endif -%}
        {%- do sources.append(found.exists) -%}
    {%- endfor -%}
    {%- set ready.ok = sources | select | list | length == sources | length -%}
{%- endif -%}
{%- set columns = [('userId', dbt.type_string()), ('timestamp', dbt.type_timestamp()), ('event', dbt.type_string()),
                   ('messageId', dbt.type_string()), ('objectId', dbt.type_string()), ('objectTypeId', dbt.type_int())] -%}
{%- if not ready.ok -%}
{{ nexus_customer_io._cio_placeholder(columns) }}
{%- else -%}
{%- set q = adapter.quote -%}
{%- set parts = [] -%}
{%- if relationships is not none -%}
    {%- set part -%}
    -- Every membership the relationships model ended{{ ', except those of a person deleted here (deleting a profile removes its relationships)' if delete_people }}.
    select
        _cio_r.{{ q('userId') }} as _cio_user_id,
        _cio_r._cio_removed_at as _cio_at,
        'Relationship Deleted' as _cio_event,
        _cio_r._cio_key as _cio_source_key,
        _cio_r.{{ q('groupId') }} as _cio_object_id,
        cast(_cio_r.{{ q('objectTypeId') }} as {{ dbt.type_int() }}) as _cio_object_type_id
    from {{ relationships }} as _cio_r
    where _cio_r._cio_removed_at is not null
    {%- if delete_people %}
        and not exists (
            select 1
            from {{ people }} as _cio_p
            where _cio_p._cio_removed_at is not null
                and {{ nexus_customer_io._cio_person_key('_cio_p.' ~ q('userId')) }} = {{ nexus_customer_io._cio_person_key('_cio_r.' ~ q('userId')) }}
        )
    {%- endif %}
    {%- endset -%}
    {%- do parts.append(part) -%}
{%- endif -%}
{%- if delete_people -%}
    {%- set part -%}
    -- Every person the people model no longer produces (merged away, id changed).
    select
        _cio_p.{{ q('userId') }} as _cio_user_id,
        _cio_p._cio_removed_at as _cio_at,
        'User Deleted' as _cio_event,
        _cio_p._cio_key as _cio_source_key,
        cast(null as {{ dbt.type_string() }}) as _cio_object_id,
        cast(null as {{ dbt.type_int() }}) as _cio_object_type_id
    from {{ people }} as _cio_p
    where _cio_p._cio_removed_at is not null
        and _cio_p.{{ q('userId') }} is not null
    {%- endset -%}
    {%- do parts.append(part) -%}
{%- endif -%}
{%- set body %}
with _cio_removals as (
{{ parts | join('\n\n    union all\n\n') }}
),

-- "messageId": a ULID, its time from "timestamp", its other 80 bits from the
-- md5 of the event and the removed row's key.
_cio_keyed as (
    select
        _cio_removals.*,
        {{ nexus_customer_io._cio_ulid_columns('_cio_at', dbt.hash("_cio_event || '|' || _cio_source_key")) }}
    from _cio_removals
)

select
    _cio_user_id as {{ q('userId') }},
    _cio_at as {{ q('timestamp') }},
    _cio_event as {{ q('event') }},
    {{ nexus_customer_io._cio_ulid() }} as {{ q('messageId') }},
    _cio_object_id as {{ q('objectId') }},
    _cio_object_type_id as {{ q('objectTypeId') }}
from _cio_keyed
{%- endset -%}
{{ nexus_customer_io._cio_finalize(m, body, columns | map(attribute='0') | list,
    dbt.hash(q('event') ~ " || '|' || " ~ q('userId') ~ " || '|' || coalesce(" ~ q('objectId') ~ ", '') || '|' || coalesce(cast(" ~ q('objectTypeId') ~ " as " ~ dbt.type_string() ~ "), '')"),
    keyed=['messageId']) }}
{%- endif -%}
{% endmacro %}
