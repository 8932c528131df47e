{#- run-operation: the Pipelines API calls Customer.io would make for the first
    rows of a model, one JSON object a line, in the shape the Pipelines API
    description defines (schemas/pipelines/), flagging calls over 32 KB (which
    Customer.io answers with 200 and silently drops).
    dbt run-operation customer_io_preview --args '{model: customer_io_persons, limit: 3}' -#}

{% macro customer_io_preview(model=none, limit=3, sync_type=none) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set m = 'customer_io_preview' -%}
    {%- if model is not string or model | trim == '' -%}
        {%- set msg_text -%}
            argument `model` must name a model of this project, got `{{ model }}`. Fix: dbt
            run-operation customer_io_preview --args '{model: customer_io_persons, limit: 3}'.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(m, msg_text) }}
    {%- endif -%}
    {%- set nodes = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | selectattr('name', 'equalto', model) | list -%}
    {%- if not nodes -%}
        {{ nexus_customer_io._cio_raise(m, "no model named `" ~ model ~ "` in this project.") }}
    {%- endif -%}
    {%- set node = nodes[0] -%}
    {%- set meta = node.config.get('meta', {}) or {} -%}
    {%- set cio = meta.get('customer_io', {}) if meta.get('customer_io') is mapping else {} -%}
    {%- if sync_type is none and cio.get('sync_type') is none -%}
        {%- set msg_text -%}
            model `{{ model }}` has no meta customer_io.sync_type, so the kind of call is unknown. Fix:
            add meta={'customer_io': {'sync_type': 'identify'}} (or object, relationship, track) to
            its config, or pass sync_type to customer_io_preview.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(m, msg_text) }}
    {%- endif -%}
    {%- set sync_type = sync_type or cio.get('sync_type') -%}
    {%- do nexus_customer_io._cio_check_choice(m, 'sync_type', sync_type, nexus_customer_io._cio_sync_types().keys() | list | sort) -%}
    {%- do nexus_customer_io._cio_check_whole_number(m, 'limit', limit, 1) -%}
    {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- if relation is none -%}
        {{ nexus_customer_io._cio_raise(m, "model `" ~ model ~ "` is not built yet: run `dbt build --select " ~ model ~ "` first.") }}
    {%- endif -%}
    {%- set problem = nexus_customer_io._cio_shape_problem(relation, sync_type, adapter.get_columns_in_relation(relation) | map(attribute='name') | list) -%}
    {%- if problem -%}
        {{ nexus_customer_io._cio_raise(m, problem) }}
    {%- endif -%}
    {#- a deletions model's calls: each event's own fields (its sync selects them) -#}
    {%- set deletions = (meta.get('customer_io_deletions') or {}).get('events') if sync_type == 'track' else none -%}
    {#- rows a tracked model no longer produces are not sent (relationships:
        once, as ended): previewed the same way -#}
    {%- set lnames = nexus_customer_io._cio_relation_columns(relation, m, 'model').columns | map(attribute='lname') | list -%}
    {%- set result = run_query("select * from " ~ relation ~ (" where _cio_removed_at is null" if nexus_customer_io._cio_current_only(sync_type, lnames) else "") ~ " limit " ~ (limit | int)) -%}
    {%- set ns = namespace(over=0) -%}
    {%- for row in result.rows -%}
        {%- set call = nexus_customer_io._cio_preview_call(sync_type, result.column_names, row,
            deletions is not none) -%}
        {%- set text = tojson(call) -%}
        {%- set size = text.encode('utf-8') | length -%}
        {%- do print(text) -%}
        {%- if size > nexus_customer_io._cio_limits().call_bytes -%}
            {%- set ns.over = ns.over + 1 -%}
            {%- do print("!! the call above is " ~ size ~ " bytes, over Customer.io's 32 KB limit: Customer.io answers 200 and silently drops it. Leave out large traits (ignore_traits) or shorten them.") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do print(result.rows | length ~ " call(s) previewed from " ~ relation ~ ", " ~ ns.over ~ " over 32 KB.") -%}
{% endmacro %}


{#- One row as a Pipelines API call, in the published shape: identify and
    track calls carry the mapped columns (the registry's mappings) at the top
    level and every other column in `traits` / `properties`; group calls carry
    objectTypeId and relationshipAttributes inside `traits`; a deletions
    model's row (`deletion`) carries exactly its event's fields. -#}
{% macro _cio_preview_call(sync_type, names, row, deletion=false) %}
    {%- set special = nexus_customer_io._cio_sync_types()[sync_type].mappings | map(attribute='0') | list -%}
    {%- set values = {} -%}
    {%- for name in names if not name.lower().startswith('_cio_') -%}
        {%- do values.update({name: nexus_customer_io._cio_preview_value(row[loop.index0])}) -%}
    {%- endfor -%}
    {%- if deletion -%}
        {%- set event = nexus_customer_io._cio_deletion_events()[values.get('event')] -%}
        {%- set keep = event.columns -%}
        {%- set special = keep | reject('in', event.properties) | list -%}
    {%- else -%}
        {%- set keep = values.keys() | list -%}
    {%- endif -%}
    {%- set call = {'type': 'group' if sync_type in ['object', 'relationship'] else sync_type} -%}
    {%- set rest = {} -%}
    {%- for name in keep -%}
        {%- set value = values.get(name) -%}
        {%- if name == 'relationshipAttributes' -%}
            {%- do rest.update({name: fromjson(value) if value is string else value}) -%}
        {%- elif name == 'objectTypeId' and sync_type in ['object', 'relationship'] -%}
            {%- do rest.update({name: value}) -%}
        {%- elif name in special -%}
            {#- a null special column is no part of the call (an anonymous person's userId) -#}
            {%- if value is not none -%}{%- do call.update({name: value}) -%}{%- endif -%}
        {%- else -%}
            {%- do rest.update({name: value}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do call.update({('properties' if sync_type == 'track' else 'traits'): rest}) -%}
    {{ return(call) }}
{% endmacro %}


{#- A value as JSON gives it: timestamps as RFC 3339 (`T`; `Z` for UTC, else
    the offset as ±hh:mm). -#}
{% macro _cio_preview_value(value) %}
    {%- if value is none or value is boolean or value is string -%}
        {{ return(value) }}
    {%- elif value is number -%}
        {{ return(value | int if value == value | int else value | float) }}
    {%- elif value.strftime is defined -%}
        {#- UTC (no zone: the package's timestamps; BigQuery's TIMESTAMP, read as offset 0) as Z -#}
        {%- set utc = value.tzinfo is none or value.utcoffset().total_seconds() == 0 -%}
        {%- set offset = value.strftime('%z') -%}
        {{ return(value.strftime('%Y-%m-%dT%H:%M:%S') ~ ('Z' if utc else offset[:3] ~ ':' ~ offset[3:5])) }}
    {%- endif -%}
    {{ return(value | string) }}
{% endmacro %}
