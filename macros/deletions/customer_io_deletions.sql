{#- Deletions (track) sync, opt-in: Customer.io's semantic events for what the
    tracked people, relationships and objects models no longer produce, one row
    per removal, once. "userId", "anonymousId", "timestamp", "event",
    "messageId", then the properties "objectId", "groupId" and "objectTypeId".
    Each event has a sync query of its own that selects exactly its documented
    fields (customer_io_sync_queries). See customer_io_deletions.yml. -#}

{% macro customer_io_deletions(people=none, relationships=none, delete_people=false, objects=none,
                               max_deletions={'count': 10, 'share': 0.2}) %}
    {#- At parse time too: customer_io_sync_queries and customer_io_preview
        read which events this model holds from its meta. -#}
    {%- set events = [] -%}
    {%- if relationships is not none -%}{%- do events.append('Relationship Deleted') -%}{%- endif -%}
    {%- if delete_people is sameas true -%}{%- do events.append('User Deleted') -%}{%- endif -%}
    {%- if objects is not none -%}{%- do events.append('Object Deleted') -%}{%- endif -%}
    {%- do config(meta={'customer_io_deletions': {'events': events}}) -%}
    {{ return(adapter.dispatch('customer_io_deletions', 'nexus_customer_io')(
        people=people,
        relationships=relationships,
        delete_people=delete_people,
        objects=objects,
        max_deletions=max_deletions
    )) }}
{% endmacro %}


{#- The semantic delete events this package sends, as the Pipelines API
    defines them (schemas/pipelines/): the columns of each event's call, in
    order, those that are properties, and the order to enable their syncs
    (after the events; memberships before people, objects last, after their
    memberships' ended rows). -#}
{% macro _cio_deletion_events() %}
    {{ return({
        'Relationship Deleted': {'order': 4.5, 'properties': ['objectId', 'groupId', 'objectTypeId'],
                                 'columns': ['userId', 'timestamp', 'event', 'messageId', 'objectId', 'groupId',
                                             'objectTypeId']},
        'User Deleted': {'order': 4.6, 'columns': ['userId', 'timestamp', 'event', 'messageId'], 'properties': []},
        'Object Deleted': {'order': 4.7, 'properties': ['objectId', 'objectTypeId'],
                           'columns': ['anonymousId', 'timestamp', 'event', 'messageId', 'objectId', 'objectTypeId']}
    }) }}
{% endmacro %}


{% macro default__customer_io_deletions(people, relationships, delete_people, objects, max_deletions) %}
{%- set m = 'customer_io_deletions' -%}
{%- set ready = namespace(ok=false) -%}
{%- set sources = [('relationships', relationships, ['groupId', 'objectTypeId', 'userId'], 'customer_io_relationships'),
                   ('people', people if delete_people is sameas true else none, ['userId'], 'customer_io_identify'),
                   ('objects', objects, ['groupId', 'objectTypeId'], 'customer_io_objects')]
                  | selectattr('1') | list -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_booleans(m, [('delete_people', delete_people)]) -%}
    {%- set limit = nexus_customer_io._cio_removal_limit(m, 'max_deletions', max_deletions) -%}
    {%- if relationships is none and objects is none and not delete_people -%}
        {%- set msg_text -%}
            nothing to delete: pass `relationships` (a tracked customer_io_relationships model) to
            send Relationship Deleted for every membership that ends, `objects` (a tracked
            customer_io_objects model) to send Object Deleted for every object that goes, and/or
            `people` with delete_people=true to send User Deleted for every person the people model
            no longer produces.
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
    {%- set found_all = [] -%}
    {%- for arg_name, relation, needs, kind in sources -%}
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
            {%- if arg_name == 'objects' and ('userId' in names or 'relationshipAttributes' in names) -%}
                {%- set msg_text -%}
                    argument `objects`: {{ relation }} has the columns of a relationships model; it
                    must be a model built by customer_io_objects (pass memberships as
                    `relationships`).
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(m, msg_text) }}
            {%- endif -%}
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
        {%- do found_all.append(found.exists) -%}
    {%- endfor -%}
    {%- set ready.ok = found_all | select | list | length == found_all | length -%}
{%- endif -%}
{%- set columns = [('userId', dbt.type_string()), ('anonymousId', dbt.type_string()),
                   ('timestamp', dbt.type_timestamp()), ('event', dbt.type_string()), ('messageId', dbt.type_string()),
                   ('objectId', dbt.type_string()), ('groupId', dbt.type_string()), ('objectTypeId', dbt.type_int())] -%}
{%- if not ready.ok -%}
{{ nexus_customer_io._cio_placeholder(columns) }}
{%- else -%}
{%- set q = adapter.quote -%}
{%- set text = dbt.type_string() -%}
{%- set null_text, null_int = 'cast(null as ' ~ text ~ ')', 'cast(null as ' ~ dbt.type_int() ~ ')' -%}
{%- set parts = [] -%}
{%- if relationships is not none -%}
    {%- set not_deleted_person -%}
        and not exists (
            select 1
            from {{ people }} as _cio_p
            where _cio_p._cio_removed_at is not null
                and {{ nexus_customer_io._cio_person_key('_cio_p.' ~ q('userId')) }}
                    = {{ nexus_customer_io._cio_person_key('_cio_r.' ~ q('userId')) }}
        )
    {%- endset -%}
    {%- do parts.append(nexus_customer_io._cio_removal_select(
        'Every membership the relationships model ended' ~ (', except those of a person deleted here'
            ~ ' (deleting a profile removes its relationships)' if delete_people else ''),
        relationships, '_cio_r', 'Relationship Deleted', '_cio_r.' ~ q('userId'), null_text,
        '_cio_r.' ~ q('groupId'), 'cast(_cio_r.' ~ q('objectTypeId') ~ ' as ' ~ dbt.type_int() ~ ')',
        not_deleted_person if delete_people else '')) -%}
{%- endif -%}
{%- if delete_people -%}
    {%- do parts.append(nexus_customer_io._cio_removal_select(
        'Every person the people model no longer produces (merged away, id changed)',
        people, '_cio_p', 'User Deleted', '_cio_p.' ~ q('userId'), null_text, null_text, null_int,
        'and _cio_p.' ~ q('userId') ~ ' is not null')) -%}
{%- endif -%}
{%- if objects is not none -%}
    {%- do parts.append(nexus_customer_io._cio_removal_select(
        'Every object the objects model no longer produces; Object Deleted needs an anonymousId'
            ~ ' (objects are not people): a stable one per object',
        objects, '_cio_o', 'Object Deleted', null_text,
        "'object-' || _cio_o." ~ q('objectTypeId') ~ " || '-' || " ~ dbt.hash('_cio_o.' ~ q('groupId')),
        '_cio_o.' ~ q('groupId'), 'cast(_cio_o.' ~ q('objectTypeId') ~ ' as ' ~ dbt.type_int() ~ ')')) -%}
{%- endif -%}
{%- set removals_cte -%}
with _cio_removals as (
{{ parts | join('\n\n    union all\n\n') }}
)
{%- endset -%}
{%- set body %}
{{ removals_cte }},

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
    _cio_anonymous_id as {{ q('anonymousId') }},
    _cio_at as {{ q('timestamp') }},
    _cio_event as {{ q('event') }},
    {{ nexus_customer_io._cio_ulid() }} as {{ q('messageId') }},
    _cio_object_id as {{ q('objectId') }},
    case when _cio_event = 'Relationship Deleted' then _cio_object_id end as {{ q('groupId') }},
    _cio_object_type_id as {{ q('objectTypeId') }}
from _cio_keyed
{%- endset -%}
{#- The guard reads the removals and their keys, not the messageIds. -#}
{%- do nexus_customer_io._cio_guard_deletions(m, removals_cte, nexus_customer_io._cio_deletion_key(
    '_cio_event', '_cio_user_id', '_cio_anonymous_id', '_cio_object_id', '_cio_object_type_id'), sources, limit) -%}
{{ nexus_customer_io._cio_finalize(m, body, columns | map(attribute='0') | list,
    nexus_customer_io._cio_deletion_key(q('event'), q('userId'), q('anonymousId'), q('objectId'), q('objectTypeId')),
    keyed=['messageId']) }}
{%- endif -%}
{% endmacro %}


{#- The mass-deletion guard: before the model is built, the deletions this
    run would queue (rows of `removals_cte` whose `key` the table does not hold yet), per event, beside
    the rows of that kind previously synced (the source model's current rows
    and those it removed now). Over `limit` (see _cio_removal_limit) the run
    stops with an error and queues nothing: the table is not touched, so the
    next run, after the upstream fix or with a higher limit, queues exactly
    what is gone then. Runs on dbt run / build only. -#}
{% macro _cio_guard_deletions(macro_name, removals_cte, key, sources, limit) %}
    {%- if not nexus_customer_io._cio_reports_left_out() or limit is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set words = {'relationships': ('Relationship Deleted', 'memberships'), 'people': ('User Deleted', 'people'),
                     'objects': ('Object Deleted', 'objects')} -%}
    {%- set held = [] -%}
    {%- for arg_name, relation, needs, kind in sources -%}
        {%- do held.append("select " ~ nexus_customer_io._cio_string_literal(words[arg_name][0])
            ~ " as _cio_event, count(*) as _cio_n from " ~ relation ~ " where _cio_removed_at is null") -%}
    {%- endfor -%}
    {%- set tracked = is_incremental() and nexus_customer_io._cio_is_tracked() -%}
    {%- set sql -%}
{{ removals_cte }},

_cio_new as (
    select _cio_event, count(*) as _cio_n
    from _cio_removals
    {%- if tracked %}
    where {{ key }} not in (select _cio_key from {{ this }} where _cio_removed_at is null)
    {%- endif %}
    group by _cio_event
),

_cio_held as (
    {{ held | join('\n    union all\n    ') }}
)

select _cio_held._cio_event, coalesce(_cio_new._cio_n, 0), _cio_held._cio_n
from _cio_held
left join _cio_new on _cio_new._cio_event = _cio_held._cio_event
    {%- endset -%}
    {%- set over = [] -%}
    {%- set ns = namespace(most=0) -%}
    {%- for event, new, current in run_query(sql).rows -%}
        {%- set ns.most = [ns.most, new | int] | max -%}
        {%- set kind = (words.values() | selectattr('0', 'equalto', event) | first)[1] -%}
        {%- set synced = (current | int) + (new | int) -%}
        {%- set verdict = nexus_customer_io._cio_over_limit(new | int, synced, limit) -%}
        {%- if verdict -%}
            {%- do over.append(new | int ~ " " ~ event ~ " (" ~ verdict ~ " of the " ~ synced ~ " " ~ kind ~ " previously synced)") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if over -%}
        {%- set msg_text -%}
            refused: this run of {{ this.identifier }} would queue {{ over | join(' and ') }}, over max_deletions
            ({{ nexus_customer_io._cio_limit_words(limit) }}). Nothing is queued and the table is
            unchanged. If nexus came back empty or filtered by mistake, fix it upstream and run again:
            the next run queues only what is gone then. If the deletions are real, let this run
            through once with a higher limit, max_deletions={'count': {{ ns.most }}, 'share': 1}, or
            turn the guard off with max_deletions=none (docs/sync.md, The mass-deletion guard).
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
{% endmacro %}


{#- The key of a removal, from its columns: a person's removals by "userId",
    an object's by its "anonymousId". -#}
{% macro _cio_deletion_key(event, user_id, anonymous_id, object_id, object_type_id) %}
    {{ return(dbt.hash(event ~ " || '|' || coalesce(" ~ user_id ~ ", " ~ anonymous_id ~ ") || '|' || coalesce("
        ~ object_id ~ ", '') || '|' || coalesce(cast(" ~ object_type_id ~ " as " ~ dbt.type_string() ~ "), '')")) }}
{% endmacro %}


{#- One source of removals: the rows of a tracked `relation` (as `alias`)
    with _cio_removed_at set, as the columns of _cio_removals. -#}
{% macro _cio_removal_select(comment, relation, alias, event, user_id, anonymous_id, object_id, object_type_id,
                             where='') %}
    {%- set sql %}
    -- {{ comment }}.
    select
        {{ user_id }} as _cio_user_id,
        {{ anonymous_id }} as _cio_anonymous_id,
        {{ alias }}._cio_removed_at as _cio_at,
        {{ nexus_customer_io._cio_string_literal(event) }} as _cio_event,
        {{ alias }}._cio_key as _cio_source_key,
        {{ object_id }} as _cio_object_id,
        {{ object_type_id }} as _cio_object_type_id
    from {{ relation }} as {{ alias }}
    where {{ alias }}._cio_removed_at is not null
    {%- if where %}
        {{ where | trim }}
    {%- endif %}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}
