{#- run-operation: the Pipelines API calls Customer.io would make for the first
    rows of a model, one JSON object a line, flagging calls over 32 KB (which
    Customer.io answers with 200 and silently drops).
    dbt run-operation customer_io_preview --args '{model: customer_io_persons, limit: 3}' -#}

{% macro customer_io_preview(model, limit=3, sync_type=none) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set m = 'customer_io_preview' -%}
    {%- set nodes = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | selectattr('name', 'equalto', model) | list -%}
    {%- if not nodes -%}
        {{ nexus_customer_io._cio_raise(m, "no model named `" ~ model ~ "` in this project.") }}
    {%- endif -%}
    {%- set node = nodes[0] -%}
    {%- set meta = node.config.get('meta', {}) or {} -%}
    {%- set sync_type = sync_type or meta.get('customer_io', {}).get('sync_type') -%}
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
    {#- rows a tracked model no longer produces are not sent (relationships:
        once, as ended): previewed the same way -#}
    {%- set lnames = nexus_customer_io._cio_relation_columns(relation, m, 'model').columns | map(attribute='lname') | list -%}
    {%- set result = run_query("select * from " ~ relation ~ (" where _cio_removed_at is null" if nexus_customer_io._cio_current_only(sync_type, lnames) else "") ~ " limit " ~ (limit | int)) -%}
    {%- set ns = namespace(over=0) -%}
    {%- for row in result.rows -%}
        {%- set call = nexus_customer_io._cio_preview_call(sync_type, result.column_names, row) -%}
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


{#- One row as a Pipelines API call: the columns the sync type maps (the
    registry's mappings) at the top level, every other column a property or
    trait (a deletions model's objectTypeId is a property of its track call). -#}
{% macro _cio_preview_call(sync_type, names, row) %}
    {%- set special = nexus_customer_io._cio_sync_types()[sync_type].mappings | map(attribute='0') | list -%}
    {%- set call = {'type': 'group' if sync_type in ['object', 'relationship'] else sync_type} -%}
    {%- set rest = {} -%}
    {%- for name in names -%}
        {%- set value = nexus_customer_io._cio_preview_value(row[loop.index0]) -%}
        {%- if name.lower().startswith('_cio_') -%}
            {# bookkeeping, never sent #}
        {%- elif name == 'relationshipAttributes' and name in special -%}
            {%- do call.update({name: fromjson(value) if value is string else value}) -%}
        {%- elif name in special -%}
            {%- if value is not none or name in ['userId', 'groupId'] -%}{%- do call.update({name: value}) -%}{%- endif -%}
        {%- else -%}
            {%- do rest.update({name: value}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if sync_type == 'track' -%}
        {%- do call.update({'properties': rest}) -%}
    {%- elif sync_type == 'identify' -%}
        {%- do call.update({'traits': rest}) -%}
    {%- else -%}
        {%- do rest.update({'objectTypeId': call.pop('objectTypeId', none)}) -%}
        {%- do call.update({'traits': rest}) -%}
    {%- endif -%}
    {{ return(call) }}
{% endmacro %}


{% macro _cio_preview_value(value) %}
    {%- if value is none or value is boolean or value is string -%}
        {{ return(value) }}
    {%- elif value is number -%}
        {{ return(value | int if value == value | int else value | float) }}
    {%- elif value.strftime is defined -%}
        {#- UTC (no zone: the package's timestamps; BigQuery's TIMESTAMP, read as offset 0) as Z -#}
        {%- set utc = value.tzinfo is none or value.utcoffset().total_seconds() == 0 -%}
        {{ return(value.strftime('%Y-%m-%dT%H:%M:%S') ~ ('Z' if utc else value.strftime('%z'))) }}
    {%- endif -%}
    {{ return(value | string) }}
{% endmacro %}
