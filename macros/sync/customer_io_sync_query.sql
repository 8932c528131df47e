{#- The query to paste into a Customer.io Reverse ETL sync. -#}


{#- What is wrong with a relation (its column names) for a sync type, or none:
    a special column the type needs is missing, or the columns are those of
    another type (an events table tagged identify has every column identify
    needs, but it is not a people table). -#}
{% macro _cio_shape_problem(relation, sync_type, names) %}
    {%- for needed in nexus_customer_io._cio_sync_types()[sync_type].needs if needed not in names -%}
        {{ return(relation ~ " has no \"" ~ needed ~ "\" column, which a " ~ sync_type
            ~ " sync needs. Is sync_type right? Columns: " ~ names | join(', ') ~ ".") }}
    {%- endfor -%}
    {%- set looks = 'relationship' if 'relationshipAttributes' in names else 'track' if 'event' in names
        else 'object' if 'groupId' in names else 'identify' -%}
    {%- if looks != sync_type -%}
        {{ return(relation ~ " has the columns of a " ~ looks ~ " table ("
            ~ (names | select('in', nexus_customer_io._cio_special_columns()) | reject('equalto', 'timestamp')
                | join(', '))
            ~ "), but its sync type is " ~ sync_type ~ ". Fix: meta: {customer_io: {sync_type: " ~ looks
            ~ "}} in its config, or the sync_type argument.") }}
    {%- endif -%}
    {{ return(none) }}
{% endmacro %}


{% macro customer_io_sync_query(relation, sync_type, settle_minutes=15, safety_margin_minutes=0, overlap_minutes=none,
                               event=none) %}
    {{ return(adapter.dispatch('customer_io_sync_query', 'nexus_customer_io')(
        relation, sync_type, settle_minutes, safety_margin_minutes, overlap_minutes, event)) }}
{% endmacro %}

{% macro default__customer_io_sync_query(relation, sync_type, settle_minutes, safety_margin_minutes, overlap_minutes,
                                         event) %}
    {%- set m = 'customer_io_sync_query' -%}
    {%- set types = nexus_customer_io._cio_sync_types() -%}
    {%- do nexus_customer_io._cio_check_choice(m, 'sync_type', sync_type, types.keys() | list | sort) -%}
    {%- do nexus_customer_io._cio_check_sync_window(m, settle_minutes, safety_margin_minutes, overlap_minutes) -%}
    {%- set deletion_events = nexus_customer_io._cio_deletion_events() -%}
    {%- if event is not none -%}
        {%- do nexus_customer_io._cio_check_choice(m, 'event', event, deletion_events.keys() | list,
            hint='A deletions model (customer_io_deletions) has one sync per event.') -%}
        {%- if sync_type != 'track' -%}
            {{ nexus_customer_io._cio_raise(m, "argument `event` is for a deletions model, whose sync type is track; "
                ~ "got sync_type `" ~ sync_type ~ "`.") }}
        {%- endif -%}
    {%- endif -%}
    {%- set found = nexus_customer_io._cio_relation_columns(relation, m, 'relation') -%}
    {%- if not found.exists -%}
        {{ return('') }}
    {%- endif -%}
    {%- set names = found.columns | map(attribute='name') | list -%}
    {%- set problem = nexus_customer_io._cio_shape_problem(relation, sync_type, names) -%}
    {%- if problem -%}
        {{ nexus_customer_io._cio_raise(m, problem) }}
    {%- endif -%}
    {%- set lnames = found.columns | map(attribute='lname') | list -%}
    {%- set tracked = '_cio_changed_at' in lnames -%}
    {%- if not tracked -%}
        {%- set msg_text -%}
            {{ relation }} is not change-tracked, so its sync query filters on "timestamp": a
            late-arriving event, an identity merge or a trait that changed without a newer timestamp
            is never sent. Materialize it incremental with unique_key='_cio_key' to track changes.
        {%- endset -%}
        {{ nexus_customer_io._cio_warn(m, msg_text) }}
    {%- endif -%}
    {%- set filter_column = '_cio_changed_at' if tracked else adapter.quote('timestamp') -%}
    {#- A delete event's sync selects exactly the fields of its call. -#}
    {%- set fields = [] -%}
    {%- for name in (deletion_events[event].columns if event else []) -%}
        {%- do fields.append(adapter.quote(name)) -%}
    {%- endfor -%}
    {%- set selected = fields | join(', ') if event
        else nexus_customer_io._cio_payload_columns(found.columns, tracked) -%}
    {%- set query -%}
select {{ selected }}
from {{ relation }}
where {{ filter_column }} >= {{ nexus_customer_io._cio_sync_since(settle_minutes + safety_margin_minutes) }}
    and {{ filter_column }} < {{ nexus_customer_io._cio_sync_until(settle_minutes) }}
    {%- if nexus_customer_io._cio_current_only(sync_type, lnames) %}
    and _cio_removed_at is null
    {%- endif %}
    {%- if event %}
    and {{ adapter.quote('event') }} = {{ nexus_customer_io._cio_string_literal(event) }}
    {%- endif %}
    {%- endset -%}
    {{ return(query) }}
{% endmacro %}


{#- Whether Customer.io gets only the current rows of a model (lnames: its
    lower-case column names): true for a tracked model, except where removed
    rows are sent once as ended (relationships). -#}
{% macro _cio_current_only(sync_type, lnames) %}
    {{ return('_cio_removed_at' in lnames
        and not nexus_customer_io._cio_sync_types()[sync_type].get('sends_ended', false)) }}
{% endmacro %}


{% macro _cio_star_exclude(columns, keyword='exclude') -%}
{%- set bookkeeping = [] -%}
{%- for col in columns if col.lname.startswith('_cio_') -%}{%- do bookkeeping.append(col.lname) -%}{%- endfor -%}
{%- if bookkeeping -%}
    * {{ keyword }} ({{ bookkeeping | join(', ') }})
{%- else -%}
    *
{%- endif -%}
{%- endmacro %}


{#- The sync window. A row becomes eligible `settle_minutes` after its stamp,
    and each sync reads [last_sync_time - settle, now - settle): consecutive
    syncs read adjacent windows, so a row is sent once, and a dbt run shorter
    than the settle delay has committed before any sync can read its stamps.
    It assumes Customer.io's {{last_sync_time}} is the start of the previous
    sync, at or before that sync's query read the clock; a later value would
    leave a gap, which safety_margin_minutes re-reads (a rare duplicate instead
    of a rare loss). See docs/sync.md. -#}
{% macro _cio_check_sync_window(macro_name, settle_minutes, safety_margin_minutes, overlap_minutes) %}
    {%- if overlap_minutes is not none -%}
        {%- set msg_text -%}
            argument `overlap_minutes` was replaced in 0.2.0 by `settle_minutes`: rows become
            eligible settle_minutes after their stamp and each sync reads the window the previous
            one ended with, so nothing is sent twice (the overlap re-sent rows) and a run shorter
            than settle_minutes is never half-seen. Fix: pass settle_minutes={{ overlap_minutes }}
            instead; add safety_margin_minutes only to re-read a margin before each window
            (docs/sync.md).
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- for arg_name, value in [('settle_minutes', settle_minutes),
        ('safety_margin_minutes', safety_margin_minutes)] -%}
        {%- do nexus_customer_io._cio_check_whole_number(macro_name, arg_name, value, 0, unit=' of minutes') -%}
    {%- endfor -%}
{% endmacro %}


{#- The warehouse clock, read when Customer.io runs the query, in UTC, minus
    the settle delay: the end of the window (exclusive). -#}
{% macro _cio_sync_until(minutes) -%}
    {{ nexus_customer_io._cio_to_utc('current_timestamp', 'tz') }} - {{ nexus_customer_io._cio_minutes(minutes) }}
{%- endmacro %}


{#- run-operation: every model whose config has meta: {customer_io: {sync_type: ...}},
    in the order to enable them, with its query and column mappings.
    dbt run-operation customer_io_sync_queries --args '{settle_minutes: 15}' -#}
{% macro customer_io_sync_queries(settle_minutes=15, safety_margin_minutes=0, overlap_minutes=none) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- do nexus_customer_io._cio_check_sync_window('customer_io_sync_queries', settle_minutes, safety_margin_minutes,
        overlap_minutes) -%}
    {%- set types = nexus_customer_io._cio_sync_types() -%}
    {%- set found = nexus_customer_io._cio_sync_models('customer_io_sync_queries') -%}
    {%- if not found -%}
        {%- do print("No model has meta: {customer_io: {sync_type: ...}}. Add it to the config of each Customer.io model (identify, object, relationship or track).") -%}
        {{ return('') }}
    {%- endif -%}
    {%- do print("Customer.io syncs, in the order to enable them (people, objects, relationships, events, then deletions):") -%}
    {%- for order, node, sync_type, event in found -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- do print("") -%}
        {%- do print(loop.index ~ ". " ~ node.name ~ " - " ~ sync_type ~ " sync"
            ~ (" (Customer.io sync type: Group)" if sync_type in ['object', 'relationship'] else "")
            ~ (" of " ~ event ~ " only (a deletions model has one sync per event, each selecting that event's"
               ~ " fields)" if event else "")) -%}
        {%- set problem = nexus_customer_io._cio_shape_problem(relation, sync_type,
            adapter.get_columns_in_relation(relation) | map(attribute='name') | list)
            if relation is not none else none -%}
        {%- if relation is none -%}
            {%- do print("   not built yet: run `dbt build --select " ~ node.name ~ "` first.") -%}
        {%- elif problem -%}
            {%- do nexus_customer_io._cio_warn('customer_io_sync_queries', problem ~ " Skipped.") -%}
            {%- do print("   skipped: see the warning above.") -%}
        {%- else -%}
            {%- do nexus_customer_io._cio_print_row_counts(relation, sync_type, event) -%}
            {%- do print("   Query:") -%}
            {%- do print(nexus_customer_io.customer_io_sync_query(relation, sync_type, settle_minutes,
                safety_margin_minutes, overlap_minutes, event)) -%}
            {%- set cols = nexus_customer_io._cio_deletion_events()[event].columns if event
                else adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
            {%- do print("   Column mappings in Customer.io:") -%}
            {%- for column, field in types[sync_type].mappings -%}
                {%- if column in cols -%}
                    {%- do print("     " ~ field ~ " <- " ~ column) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if sync_type == 'relationship' -%}
                {%- do print(
                    "     nothing else: the call carries relationshipAttributes as traits.relationshipAttributes"
                    ~ " and objectTypeId as traits.objectTypeId (customer_io_preview shows it)") -%}
            {%- elif event -%}
                {%- set props = nexus_customer_io._cio_deletion_events()[event].properties -%}
                {%- do print("     " ~ ((props | join(', ') ~ " become properties under their own names") if props
                    else "no other column: the call has no properties")) -%}
            {%- else -%}
                {%- do print("     every other column becomes "
                    ~ ('a property' if sync_type == 'track' else 'an attribute') ~ " under its own name") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{#- What a tracked model holds: current rows, rows the latest run that changed
    anything wrote, and removed rows (for relationships: ended, sent once). -#}
{% macro _cio_print_row_counts(relation, sync_type, event=none) %}
    {%- set lnames = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- if '_cio_removed_at' not in lnames -%}
        {%- do print("   Not change-tracked: every sync filters on \"timestamp\".") -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set rows = "(select * from " ~ relation ~ " where " ~ adapter.quote('event') ~ " = "
        ~ nexus_customer_io._cio_string_literal(event) ~ ") as _cio_rows" if event else relation -%}
    {%- set counts = run_query("select count(case when _cio_removed_at is null then 1 end), "
        ~ "count(case when _cio_changed_at = (select max(_cio_changed_at) from " ~ rows ~ ") then 1 end), "
        ~ "count(_cio_removed_at), max(_cio_changed_at) from " ~ rows).rows[0] -%}
    {%- set removed = ' ended (each sent once, as ended)'
        if nexus_customer_io._cio_sync_types()[sync_type].get('sends_ended') else ' removed (never sent again)' -%}
    {%- do print("   Rows: " ~ counts[0] ~ " current, " ~ counts[1] ~ " changed by the latest run that changed any ("
        ~ counts[3] ~ " UTC), " ~ counts[2] ~ removed ~ ".") -%}
{% endmacro %}


{#- The sync models of the project: (order, node, sync_type, event) for every
    model whose config has meta: {customer_io: {sync_type: ...}}, in the order
    to enable them; a customer_io_deletions model comes after the events, once
    per delete event it holds (`event`; none for the others). A bad entry
    is a dbt warning naming the model, and is skipped. -#}
{% macro _cio_sync_models(macro_name) %}
    {%- set types = nexus_customer_io._cio_sync_types() -%}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | sort(attribute='name') -%}
        {%- set cio = (node.config.get('meta', {}) or node.get('meta', {}) or {}).get('customer_io', {}) -%}
        {%- if cio is not mapping -%}
            {%- set msg_text -%}
                {{ node.name }}: meta customer_io must be a mapping such as {sync_type: identify},
                got `{{ cio }}`. Skipped.
            {%- endset -%}
            {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
        {%- elif cio and cio.get('sync_type') not in types -%}
            {%- set msg_text -%}
                {{ node.name }}: meta customer_io.sync_type must be one of
                {{ types.keys() | list | sort | join(', ') }}, got `{{ cio.get('sync_type') }}`.
                Skipped.
            {%- endset -%}
            {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
        {%- elif cio -%}
            {#- a deletions model: one sync per event it holds (its meta, set by customer_io_deletions) -#}
            {%- set deletions = (node.config.get('meta', {}) or {}).get('customer_io_deletions') -%}
            {%- if deletions and cio.sync_type == 'track' -%}
                {%- for event in deletions.get('events', []) -%}
                    {%- set order = nexus_customer_io._cio_deletion_events()[event].order -%}
                    {%- do found.append((order, node, cio.sync_type, event)) -%}
                {%- endfor -%}
            {%- else -%}
                {%- do found.append((types[cio.sync_type].order, node, cio.sync_type, none)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found | sort(attribute='0')) }}
{% endmacro %}
