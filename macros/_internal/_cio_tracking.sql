{#- Change tracking, shared by the four sync macros. Under
    materialized='incremental' a model gets four bookkeeping columns:
      _cio_key        the sync type's key (unique_key of the model);
      _cio_row_hash   a hash of the payload columns that are not null, by name,
                      so a column that appears (or an empty one that goes) does
                      not change rows where it is null; "userId" and
                      "anonymousId" enter it as their match key, so a change of
                      case alone in an email-like id is not a change;
      _cio_changed_at when this version of the row entered the table (UTC);
      _cio_removed_at when a run first no longer produced the row (UTC), null
                      while the model produces it.
    A run writes new keys, changed rows, rows that come back, and marks the
    rows it no longer produces as removed; unchanged rows are not rewritten
    and keep their _cio_changed_at. An incremental run over every row finds
    changed rows by comparing each payload value with the table's, as the
    hash reads them (the same answer as comparing hashes, without hashing
    every row), and hashes only the rows it writes; a partial run (`scope`)
    compares hashes. One full join of the run's rows with the table's finds
    the changed rows and the ones the run no longer produces, so each side
    is read once and nothing is materialised twice. `carried` names bookkeeping
    columns of the payload (the people model's person map) that are not sent:
    a row where only they changed is rewritten but keeps its _cio_changed_at;
    `keyed` names payload columns derived from the key (events' messageId),
    treated the same way. `ended` maps payload columns to expressions over
    the previous row (_cio_t): a row the run no longer produces is then
    rewritten with them and stamped, so it is sent once more (relationships
    tell Customer.io a membership ended), and marked removed. `formats` maps
    the payload's timestamp traits to their trait_timestamp_format: a table
    that holds one in another type (built before the format changed) is an
    error, as its rows could not take the new values.
    `ctes` (optional) is a list of CTEs the payload `sql` selects from, written
    before it at the top level, so the bookkeeping below can read them too.
    `clears` (identify, objects): a column the table holds that the payload
    no longer has (its trait left nexus, is ignored or excluded now, or is
    null for every entity and so left out) is written as null on each
    current row that still holds a value there, and that row is sent once
    more, so Customer.io removes the attribute; a row already null there is
    not rewritten for it. `json_keys` (relationships: (column, keys)) does
    the same inside a JSON column: a key the table's version holds and the
    payload leaves out is written as null (and stays null in the row's later
    versions, so a version that replaces an unsent one still clears it); a
    bookkeeping column _cio_attribute_keys records the keys of the
    definition that wrote each row, so a key the definition no longer has is
    cleared too.
    `scope` (optional, {'key', 'cte', 'column'}) makes a run a partial one:
    the payload holds only the rows whose payload column `key` is one of the
    values of `column` in the CTE `cte` (events: the events whose rows can
    have changed), and only the table's rows with those values are compared,
    marked removed or rewritten; every other row is kept as it is.
    Sync queries read current rows changed since the last sync. Table and
    view materializations get the payload alone. -#}

{% macro _cio_is_tracked() %}
    {{ return(config.get('materialized') == 'incremental') }}
{% endmacro %}


{% macro _cio_finalize(macro_name, sql, columns, key_expr, carried=[], keyed=[], ended={}, formats={},
                       ctes=none, scope=none, clears=false, json_keys=none) %}
    {%- if not nexus_customer_io._cio_is_tracked() -%}
        {{ return('with ' ~ ctes ~ '\n\n' ~ sql if ctes else sql) }}
    {%- endif -%}
    {%- set built = nexus_customer_io._cio_tracked_table(macro_name, columns + carried, formats, clears, json_keys) -%}
    {%- set existing, held = built.existing, built.held -%}
    {#- The columns are listed rather than selected with `*`: the list says
        what the table holds, and (emulator-shaped) a star over a CTE loses
        the case of "userId" on the BigQuery emulator the tests use. -#}
    {%- set kept = [] -%}
    {%- for name in columns + carried -%}{%- do kept.append(adapter.quote(name)
        if name in columns else name) -%}{%- endfor -%}
    {#- Columns the table holds beyond the payload (clears): written as null. -#}
    {%- set departed = held.departed -%}
    {%- set written = kept + departed | map(attribute='quoted') | list -%}
    {#- Columns a row is rewritten for, keeping its stamp: the carried
        bookkeeping columns, and payload columns derived from the key. -#}
    {%- set restamp_free = [] -%}
    {%- for name in carried + keyed -%}{%- do restamp_free.append(adapter.quote(name)
        if name in keyed else name) -%}{%- endfor -%}
    {#- How a run finds changed rows. A partial run (scope) hashes its few
        rows and compares the hashes: it reads only the table's hash column.
        A run over every row compares the payload columns (keyed ones follow
        the key) with the table's, and hashes only the rows it writes:
        hashing every row costs more than reading the table's payload. -#}
    {%- set compared = [] -%}
    {%- for name in columns
        if name not in keyed and not scope -%}{%- do compared.append(adapter.quote(name)) -%}{%- endfor -%}
    {#- The JSON column (json_keys): the same as the table's when it is unchanged
        as text, or when it equals the table's with null for the keys this
        run no longer sends (_cio_cleared). -#}
    {%- set json_col = adapter.quote(json_keys[0]) if json_keys else none -%}
    {%- set compared_cte = '_cio_cleared' if json_col else '_cio_compared' -%}
    {%- set timestamp_type = dbt.type_timestamp() -%}
    {%- set in_scope -%}
        {%- if scope %} in (select {{ scope.column }} from {{ scope.cte }}){% endif -%}
    {%- endset -%}
    {%- set attribute_keys -%}
        {%- if json_keys %},
    cast({{ nexus_customer_io._cio_string_literal('|' ~ json_keys[1] | join('|') ~ '|') }}
        as {{ dbt.type_string() }}) as _cio_attribute_keys
        {%- endif -%}
    {%- endset -%}
    {%- set tracked -%}
with {{ ctes ~ ',\n\n' if ctes }}_cio_payload as (
{{ sql }}
),

_cio_versioned as (
    select
        {%- for name in kept %}
        _cio_payload.{{ name }},
        {%- endfor %}
        {{ key_expr }} as _cio_key
        {%- if not is_incremental() or scope %},
        {{ nexus_customer_io._cio_row_hash(columns, key_expr, keyed) }} as _cio_row_hash
        {%- endif %}
    from _cio_payload
)
{%- if not is_incremental() %}

select
    {%- for name in kept %}
    _cio_versioned.{{ name }},
    {%- endfor %}
    _cio_versioned._cio_key,
    _cio_versioned._cio_row_hash,
    {{ nexus_customer_io._cio_now() }} as _cio_changed_at,
    cast(null as {{ timestamp_type }}) as _cio_removed_at{{ attribute_keys }}
from _cio_versioned
{%- else %},

-- The table's rows{{ ' this run can change' if scope }}, read once.
_cio_previous as (
    select
        _cio_key,
        _cio_row_hash,
        _cio_changed_at,
        {{ '_cio_removed_at' if '_cio_removed_at' in existing
            else 'cast(null as ' ~ timestamp_type ~ ') as _cio_removed_at' }}
        {%- for name in columns + carried %},
        {{ kept[loop.index0] if (name | lower) in existing
            else 'cast(null as ' ~ dbt.type_string() ~ ') as ' ~ kept[loop.index0] }}
        {%- endfor %}
        {%- for col in departed %},
        {{ col.quoted }}
        {%- endfor %}
    from {{ this }}
    {%- if scope %}
    where {{ adapter.quote(scope.key) }}{{ in_scope }}
    {%- endif %}
),

{{ nexus_customer_io._cio_compared_ctes({'columns': columns, 'carried': carried, 'keyed': keyed, 'ended': ended,
    'scope': scope, 'json_keys': json_keys, 'json_col': json_col, 'held': held, 'departed': departed, 'kept': kept,
    'written': written, 'compared': compared, 'restamp_free': restamp_free}) }}

-- New, changed and returning rows{{ ('; rows where only ' ~ restamp_free | join(' / ') ~ ' changed keep their stamp') if restamp_free }}.
-- Rows this run no longer produces, marked removed: {{ 'sent once more, as ended' if ended else 'kept as they were, never sent again' }}.
{%- if not scope %}
-- The row hash is computed for the rows written only.
{%- endif %}
select
    {%- for name in written %}
    {{ name }},
    {%- endfor %}
    _cio_key,
    case
        {%- if not ended %}
        when _cio_gone then _cio_held_hash
        {%- endif %}
        {%- if scope %}
        when not _cio_gone then _cio_new_hash
        {%- else %}
        when not _cio_gone and _cio_same then _cio_held_hash
        {%- endif %}
        else {{ nexus_customer_io._cio_row_hash(columns, key_expr, keyed) }}
    end as _cio_row_hash,
    case
        when _cio_gone then {{ nexus_customer_io._cio_now() if ended else '_cio_held_changed_at' }}
        when _cio_same and _cio_held_removed_at is null then _cio_held_changed_at
        else {{ nexus_customer_io._cio_now() }}
    end as _cio_changed_at,
    case
        when _cio_gone then {{ nexus_customer_io._cio_now() }}
        else cast(null as {{ timestamp_type }})
    end as _cio_removed_at{{ attribute_keys }}
from {{ compared_cte }}
where (_cio_gone and _cio_held_removed_at is null)
    or (not _cio_gone and (not _cio_same
        or _cio_held_removed_at is not null
        {%- if restamp_free %}
        or _cio_moved
        {%- endif %}))
{%- endif %}
    {%- endset -%}
    {{ return(tracked) }}
{% endmacro %}


{#- The table a tracked model writes into, before the run: its model config
    checked (unique_key, incremental_strategy, on_schema_change), and on an
    incremental run its columns (`existing`, lower case) and what it holds
    beyond the payload (`held`, see _cio_held_beyond_payload). Returns
    {'existing', 'held'}. -#}
{% macro _cio_tracked_table(macro_name, payload_names, formats, clears, json_keys) %}
    {%- set existing = [] -%}
    {%- set held = {'departed': [], 'json_keys': [], 'json_gone': []} -%}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_tracked_config(macro_name) -%}
        {%- if is_incremental() -%}
            {%- set built = adapter.get_columns_in_relation(this) -%}
            {%- for col in built -%}{%- do existing.append(col.name | lower) -%}{%- endfor -%}
            {%- if '_cio_row_hash' not in existing or '_cio_key' not in existing -%}
                {%- set msg_text -%}
                    {{ this }} exists but has no _cio_key / _cio_row_hash columns: it was built
                    before change tracking was turned on. Rebuild it once with `dbt run
                    --full-refresh --select {{ this.identifier }}` (every row is then sent once
                    more).
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
            {%- endif -%}
            {%- do nexus_customer_io._cio_check_built_formats(macro_name, built, formats) -%}
            {%- do held.update(nexus_customer_io._cio_held_beyond_payload(
                macro_name, built, payload_names, clears, json_keys)) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return({'existing': existing, 'held': held}) }}
{% endmacro %}


{#- A tracked model's config: unique_key, incremental_strategy and
    on_schema_change as change tracking needs them, or an error. -#}
{% macro _cio_check_tracked_config(macro_name) %}
    {%- if config.get('unique_key') != '_cio_key' -%}
        {%- set msg_text -%}
            an incremental Customer.io model needs unique_key='_cio_key' (the column the package
            adds), got unique_key=`{{ config.get('unique_key') }}`. Fix:
            config(materialized='incremental', unique_key='_cio_key',
            on_schema_change='append_new_columns').
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- if config.get('incremental_strategy') == 'append' -%}
        {%- set msg_text -%}
            an incremental Customer.io model cannot use incremental_strategy='append': it would
            keep the old version of a changed row beside the new one, and send both. Fix: leave
            incremental_strategy out (the adapter's default with unique_key='_cio_key'), or use
            'merge' or 'delete+insert'.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- if config.get('on_schema_change') not in ['append_new_columns', 'sync_all_columns'] -%}
        {%- set msg_text -%}
            an incremental Customer.io model needs on_schema_change='append_new_columns' or
            'sync_all_columns', so that a trait that appears is added rather than silently
            ignored; got `{{ config.get('on_schema_change') }}`.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
{% endmacro %}


{#- The CTEs of an incremental run of _cio_finalize that set each row beside
    the table's version: _cio_compared, and for a JSON column (json_keys)
    _cio_cleared. `t` holds _cio_finalize's arguments and the column lists
    it derives (kept, written, compared, restamp_free, departed). -#}
{% macro _cio_compared_ctes(t) %}
    {%- set columns, carried, keyed, ended, scope = t.columns, t.carried, t.keyed, t.ended, t.scope -%}
    {%- set json_keys, json_col, held, departed, kept = t.json_keys, t.json_col, t.held, t.departed, t.kept -%}
    {%- set written, compared, restamp_free = t.written, t.compared, t.restamp_free -%}
    {%- set sql -%}
-- Each row beside the version the table holds (one full join): the same when
-- {{ 'its hash is' if scope else 'every payload value is, as the row hash reads it' }}
{%- if keyed and not scope %} (key-derived {{ keyed | join(', ') }} by the key){% endif %}
{%- if departed %}, and it holds nothing in
-- {{ departed | map(attribute='quoted') | join(', ') }}, which it no longer sends{% endif %}
{%- if json_keys %} (for {{ json_col }}: see _cio_cleared){% endif %}; a row of the
-- table with nothing beside it is one this run no longer produces ({{ 'the version that tells Customer.io it ended' if ended else 'kept as it was' }}).
_cio_compared as (
    select
        {%- for name in columns + carried %}
        {%- set gone_value = ended[name] if name in ended else '_cio_t.' ~ kept[loop.index0] %}
        {%- if json_keys and name == json_keys[0] %}
        {{ nexus_customer_io._cio_json_compared(json_col, gone_value, held) | indent(8) }},
        {%- elif name in ended and (gone_value | length) > 60 %}
        case
            when _cio_v._cio_key is null then {{ gone_value | indent(12) }}
            else _cio_v.{{ kept[loop.index0] }}
        end as {{ kept[loop.index0] }},
        {%- else %}
        case when _cio_v._cio_key is null then {{ gone_value }} else _cio_v.{{ kept[loop.index0] }} end as {{ kept[loop.index0] }},
        {%- endif %}
        {%- endfor %}
        {%- for col in departed %}
        case when _cio_v._cio_key is null then _cio_t.{{ col.quoted }} end as {{ col.quoted }},
        {%- endfor %}
        coalesce(_cio_v._cio_key, _cio_t._cio_key) as _cio_key,
        _cio_v._cio_key is null as _cio_gone,
        {%- if scope %}
        _cio_v._cio_row_hash as _cio_new_hash,
        {%- endif %}
        _cio_t._cio_row_hash as _cio_held_hash,
        _cio_t._cio_changed_at as _cio_held_changed_at,
        _cio_t._cio_removed_at as _cio_held_removed_at,
        _cio_t._cio_key is not null
        {%- if scope %} and _cio_t._cio_row_hash = _cio_v._cio_row_hash{% endif %}
        {%- for name in compared if name != json_col %}
        {%- set now_value, held_value = nexus_customer_io._cio_hash_value(name, '_cio_v.' ~ name),
            nexus_customer_io._cio_hash_value(name, '_cio_t.' ~ name) %}
            and {{ now_value }}{{ '\n                ' if (now_value | length) > 80 else ' ' }}is not distinct from {{ held_value }}
        {%- endfor %}
        {%- for col in departed %}
            and _cio_t.{{ col.quoted }} is null
        {%- endfor %} as {{ '_cio_same_elsewhere' if json_col else '_cio_same' }}
        {%- if restamp_free %},
        {%- for name in restamp_free %}
        {{ '    or ' if not loop.first }}coalesce(cast(_cio_t.{{ name }} as {{ dbt.type_string() }}), '') <> coalesce(cast(_cio_v.{{ name }} as {{ dbt.type_string() }}), '')
        {%- endfor %} as _cio_moved
        {%- endif %}
    from _cio_versioned as _cio_v
    full outer join _cio_previous as _cio_t
        on _cio_t._cio_key = _cio_v._cio_key
)
{%- if json_col %},

-- {{ json_col }} as written: with "key": null added for each key the table's
-- version holds and this one leaves out.
_cio_cleared as (
    {%- set with_nulls = nexus_customer_io._cio_json_with_nulls('_cio_json', '_cio_json_nulls') %}
    select
        {%- for name in written if name != json_col %}
        {{ name }},
        {%- endfor %}
        {{ with_nulls | indent(8) }} as {{ json_col }},
        _cio_key, _cio_gone, _cio_held_hash, _cio_held_changed_at, _cio_held_removed_at,
        _cio_same_elsewhere and (_cio_json_unchanged
            or {{ nexus_customer_io._cio_json_text(with_nulls) | indent(12) }}
                = {{ nexus_customer_io._cio_json_text('_cio_json_held') }}) as _cio_same
        {%- if restamp_free %},
        _cio_moved
        {%- endif %}
    from _cio_compared
)
{%- endif %}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- The timestamp traits of a change-tracked table must already hold the
    type their format sends (see _cio_check_timestamp_format): an integer
    into a timestamp column fails, or is silently read back as a timestamp. -#}
{% macro _cio_check_built_formats(macro_name, built, formats) %}
    {%- set held = {'unix': 'integers (Unix seconds)', 'timestamp': 'timestamps', 'iso8601': 'ISO-8601 text'} -%}
    {%- for col in built -%}
        {%- for name, format in formats.items() if (name | lower) == (col.name | lower) and format == 'boolean'
                and 'BOOL' not in (col.dtype | upper) -%}
            {%- set msg_text -%}
                column `{{ name }}` of {{ this }} is of type {{ col.dtype | upper }}, but the model now
                sends it as a boolean (since 0.2.0: Customer.io reads only true, 1 and "1" as
                unsubscribed, so a text "true" would re-subscribe the person). Rebuild the table once
                with `dbt run --full-refresh --select {{ this.identifier }}` (every row is then sent once
                more, with a boolean).
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endfor -%}
        {%- for name, format in formats.items() if (name | lower) == (col.name | lower) and format != 'boolean' -%}
            {%- set kind = nexus_customer_io._cio_type_kind(col.dtype) -%}
            {%- set fits = kind in ['tz', 'ntz', 'date'] if format == 'timestamp'
                else kind == 'text' if format == 'iso8601' else kind == 'other' -%}
            {%- if not fits -%}
                {%- set old_format = 'timestamp' if kind in ['tz', 'ntz', 'date']
                    else 'iso8601' if kind == 'text' else 'unix' -%}
                {%- set msg_text -%}
                    column `{{ name }}` of {{ this }} is of type {{ col.dtype | upper }}, but the
                    model now sends it as {{ held[format] }} (trait_timestamp_format='{{ format }}';
                    'unix' is the default since 0.2.0). Rebuild the table once with `dbt run
                    --full-refresh --select {{ this.identifier }}` (every row is then sent once
                    more, its dates in the new form), or keep the old form with
                    trait_timestamp_format='{{ old_format }}'.
                {%- endset -%}
                {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}


{#- Hash of the non-null payload values, each as name=value. `||` rather than
    CONCAT_WS: Snowflake's CONCAT_WS returns null when any part is null.
    Identifiers enter as their match key (see _cio_match_key); `keyed`
    columns, derived from the key (events' messageId), enter as the key, so a
    new form of them (0.2.0's ULID messageId) changes no hash. -#}
{% macro _cio_row_hash(columns, key_expr=none, keyed=[]) %}
    {%- set parts = [] -%}
    {%- for name in columns -%}
        {%- set value = nexus_customer_io._cio_hash_value(name,
            key_expr if name in keyed else adapter.quote(name)) -%}
        {#- a long value (events' messageId by its key) on a line of its own -#}
        {%- set joined = "\n                || " if (value | length) > 90 else " || " -%}
        {%- do parts.append("coalesce(" ~ nexus_customer_io._cio_string_literal(name ~ '=') ~ joined ~ value
            ~ joined ~ "chr(31), '')") -%}
    {%- endfor -%}
    {{ return(dbt.hash(parts | join(' ||\n            '))) }}
{% endmacro %}


{#- A payload value as the row hash reads it: as text ("relationshipAttributes"
    as its JSON text), "userId" and "anonymousId" (`name`, quoted or not) by
    their match key. A run over
    every row compares these with the table's instead of hashing every row. -#}
{% macro _cio_hash_value(name, expr) %}
    {%- set bare = name | replace('"', '') | replace('`', '') -%}
    {%- set value = nexus_customer_io._cio_json_text(expr) if bare == 'relationshipAttributes'
        else "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")" -%}
    {{ return(nexus_customer_io._cio_match_key(value) if bare in ['userId', 'anonymousId'] else value) }}
{% endmacro %}


{#- The people model's person map, two bookkeeping columns that are never
    sent: _cio_entity_id, the nexus entity the person's row comes from, and
    _cio_merged_entity_ids, the other entities merged into that person (a
    comma-separated list, null when none). Events and relationships read it
    through _cio_person_map. -#}
{% macro _cio_person_map_columns() %}
    {{ return(['_cio_entity_id', '_cio_merged_entity_ids']) }}
{% endmacro %}


{#- Warehouse time in UTC. The var nexus_customer_io_now (a UTC timestamp
    literal) pins it, for tests and for replaying a backfill; unset or empty,
    the warehouse clock (so a project can set it from an environment variable
    that is usually unset). -#}
{% macro _cio_now() -%}
{%- set pinned = var('nexus_customer_io_now', none) -%}
{%- if pinned is not none and pinned | string | trim != '' -%}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_utc_text('vars', 'var nexus_customer_io_now', pinned | string,
            "Leave it unset (or '') to use the warehouse clock.") -%}
    {%- endif -%}
    cast({{ nexus_customer_io._cio_string_literal(pinned) }} as {{ dbt.type_timestamp() }})
{%- else -%}
    {{ nexus_customer_io._cio_to_utc('current_timestamp', 'tz') }}
{%- endif -%}
{%- endmacro %}



{#- What a tracked table holds beyond the payload, which a run must clear
    (see _cio_finalize, `clears` and `json_keys`): the columns it no longer
    sends (departed), and for a JSON column the keys a run may write as null
    (json_keys: the clearable keys of the definition, `json_keys[2]`, and
    json_gone, the keys of earlier definitions this one lacks). Logged. -#}
{% macro _cio_held_beyond_payload(macro_name, built, payload_names, clears, json_keys) %}
    {%- set payload_l = payload_names | map('lower') | list -%}
    {%- set held_l = built | map(attribute='name') | map('lower') | list -%}
    {%- set departed = [] -%}
    {%- for col in built if clears and not (col.name | lower).startswith('_cio_')
            and (col.name | lower) not in payload_l -%}
        {%- do departed.append({'name': col.name, 'quoted': adapter.quote(col.name)}) -%}
    {%- endfor -%}
    {%- if departed -%}
        {%- set msg_text -%}
            the table holds {{ departed | length }} column(s) this run no longer sends
            ({{ departed | map(attribute='name') | join(', ') }}: the trait left the input, is ignored
            or excluded now, or is null for every entity): each current row that still holds a value
            there is written with null and sent once more, so Customer.io removes the attribute.
        {%- endset -%}
        {%- do nexus_customer_io._cio_log(macro_name, msg_text) -%}
    {%- endif -%}
    {%- set gone = [] -%}
    {%- if json_keys and '_cio_attribute_keys' in held_l -%}
        {%- set current_only = ' where _cio_removed_at is null' if '_cio_removed_at' in held_l else '' -%}
        {%- for row in run_query('select distinct _cio_attribute_keys from ' ~ this ~ current_only).rows -%}
            {%- for key in (row[0] or '').split('|') if key and key not in json_keys[1] and key not in gone -%}
                {%- do gone.append(key) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if gone -%}
        {%- set msg_text -%}
            {{ json_keys[0] }} of rows built by an earlier definition holds keys this one no longer
            sends ({{ gone | join(', ') }}): a row that holds a value there is sent once more with
            null, so Customer.io removes the attribute.
        {%- endset -%}
        {%- do nexus_customer_io._cio_log(macro_name, msg_text) -%}
    {%- endif -%}
    {{ return({'departed': departed, 'json_keys': ((json_keys[2] if json_keys else []) + gone), 'json_gone': gone}) }}
{% endmacro %}


{#- The JSON column's part of _cio_compared (see _cio_finalize, `json_keys`):
    _cio_json (the payload's, or for a row the run no longer produces its
    ended version `gone_value`), _cio_json_held (the table's),
    _cio_json_unchanged (the same as text) and _cio_json_nulls, the members
    "key":null to add for each key of held.json_keys (clearable keys of this
    definition, keys of earlier ones) that the table's version holds, with a
    value or as null, and _cio_json leaves out (computed only where the JSON
    changed). A key once sent keeps coming as null, so a version that
    replaces an unsent one still clears it. -#}
{% macro _cio_json_compared(json_col, gone_value, held) %}
    {%- set now, before = '_cio_v.' ~ json_col, '_cio_t.' ~ json_col -%}
    {%- set unchanged = nexus_customer_io._cio_json_text(now) ~ ' = ' ~ nexus_customer_io._cio_json_text(before) -%}
    {%- set gone_pairs, pairs = [], [] -%}
    {%- for key in held.json_gone -%}
        {%- do gone_pairs.append((key, nexus_customer_io._cio_json_has_key(before, key))) -%}
    {%- endfor -%}
    {%- for key in held.json_keys -%}
        {%- do pairs.append((key, nexus_customer_io._cio_json_has_key(before, key) ~ '\n                and not '
            ~ nexus_customer_io._cio_json_has_value(now, key))) -%}
    {%- endfor -%}
    {%- set sql -%}
case when _cio_v._cio_key is null then {{ gone_value | indent(4) }} else {{ now }} end as _cio_json,
{{ before }} as _cio_json_held,
{{ unchanged }} as _cio_json_unchanged,
case
    when _cio_v._cio_key is null then {{ nexus_customer_io._cio_json_null_members(gone_pairs) | indent(4) }}
    when {{ unchanged }} then ''
    else {{ nexus_customer_io._cio_json_null_members(pairs) | indent(4) }}
end as _cio_json_nulls
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}
