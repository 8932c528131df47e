{#- The query to paste into a Customer.io Reverse ETL sync. -#}

{% macro _cio_sync_types() %}
    {#- sync type -> (special columns it needs, Customer.io column mappings, order to enable) -#}
    {{ return({
        'identify': {'needs': ['userId', 'timestamp'], 'order': 1,
                     'mappings': [('userId', 'User ID'), ('anonymousId', 'Anonymous ID'), ('timestamp', 'Timestamp')]},
        'object': {'needs': ['groupId', 'objectTypeId', 'timestamp'], 'order': 2,
                   'mappings': [('groupId', 'Object ID'), ('objectTypeId', 'Object Type ID'), ('timestamp', 'Timestamp')]},
        'relationship': {'needs': ['groupId', 'objectTypeId', 'userId', 'timestamp', 'relationshipAttributes'], 'order': 3,
                         'mappings': [('groupId', 'Object ID'), ('objectTypeId', 'Object Type ID'), ('userId', 'User ID'), ('relationshipAttributes', 'Relationship Attributes'), ('timestamp', 'Timestamp')]},
        'track': {'needs': ['userId', 'timestamp', 'event', 'messageId'], 'order': 4,
                  'mappings': [('event', 'Event Name'), ('userId', 'User ID'), ('anonymousId', 'Anonymous ID'), ('messageId', 'Message ID'), ('timestamp', 'Timestamp')]}
    }) }}
{% endmacro %}


{% macro customer_io_sync_query(relation, sync_type, overlap_minutes=15) %}
    {{ return(adapter.dispatch('customer_io_sync_query', 'nexus_customer_io')(relation, sync_type, overlap_minutes)) }}
{% endmacro %}

{% macro default__customer_io_sync_query(relation, sync_type, overlap_minutes) %}
    {%- set m = 'customer_io_sync_query' -%}
    {%- set types = nexus_customer_io._cio_sync_types() -%}
    {%- do nexus_customer_io._cio_check_choice(m, 'sync_type', sync_type, types.keys() | list | sort) -%}
    {%- if overlap_minutes is not number or overlap_minutes < 0 -%}
        {{ nexus_customer_io._cio_raise(m, "argument `overlap_minutes` must be a number of minutes, 0 or more, got `" ~ overlap_minutes ~ "`.") }}
    {%- endif -%}
    {%- set found = nexus_customer_io._cio_relation_columns(relation, m, 'relation') -%}
    {%- if not found.exists -%}
        {{ return('') }}
    {%- endif -%}
    {%- set names = found.columns | map(attribute='name') | list -%}
    {%- for needed in types[sync_type].needs -%}
        {%- if needed not in names -%}
            {{ nexus_customer_io._cio_raise(m, relation ~ " has no \"" ~ needed ~ "\" column, which a " ~ sync_type ~ " sync needs. Is sync_type right? Columns: " ~ names | join(', ') ~ ".") }}
        {%- endif -%}
    {%- endfor -%}
    {%- set tracked = '_cio_changed_at' in (names | map('lower') | list) -%}
    {%- if not tracked -%}
        {{ nexus_customer_io._cio_warn(m, relation ~ " is not change-tracked, so its sync query filters on \"timestamp\": a late-arriving event, an identity merge or a trait that changed without a newer timestamp is never sent. Materialize it incremental with unique_key='_cio_key' to track changes.") }}
    {%- endif -%}
    {%- set filter_column = '_cio_changed_at' if tracked else adapter.quote('timestamp') -%}
    {%- set query -%}
select {{ nexus_customer_io._cio_payload_columns(found.columns, tracked) }}
from {{ relation }}
where {{ filter_column }} >= {{ nexus_customer_io._cio_sync_since(overlap_minutes) }}
    {%- if '_cio_removed_at' in (names | map('lower') | list) %}
    and _cio_removed_at is null
    {%- endif %}
    {%- endset -%}
    {{ return(query) }}
{% endmacro %}


{#- The payload columns: everything but the bookkeeping columns (every
    column whose name starts with _cio_, in tracked and untracked models
    alike). Where the warehouse has SELECT * EXCLUDE, a trait column that
    appears later is sent without changing the query pasted into Customer.io. -#}
{% macro _cio_payload_columns(columns, tracked) %}
    {{ return(adapter.dispatch('cio_payload_columns', 'nexus_customer_io')(columns, tracked)) }}
{% endmacro %}

{#- Postgres and the default: an explicit list; regenerate the query when a
    trait column appears. -#}
{% macro default__cio_payload_columns(columns, tracked) %}
    {%- set payload = [] -%}
    {%- for col in columns -%}
        {%- if not col.lname.startswith('_cio_') -%}{%- do payload.append(col.quoted) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(payload | join(', ')) }}
{% endmacro %}

{% macro snowflake__cio_payload_columns(columns, tracked) %}
    {{ return(nexus_customer_io._cio_star_exclude(columns)) }}
{% endmacro %}

{% macro duckdb__cio_payload_columns(columns, tracked) %}
    {{ return(nexus_customer_io._cio_star_exclude(columns)) }}
{% endmacro %}

{% macro _cio_star_exclude(columns) %}
    {%- set bookkeeping = [] -%}
    {%- for col in columns -%}
        {%- if col.lname.startswith('_cio_') -%}{%- do bookkeeping.append(col.lname) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(('* exclude (' ~ bookkeeping | join(', ') ~ ')') if bookkeeping else '*') }}
{% endmacro %}


{#- {{last_sync_time}} (Unix seconds, substituted by Customer.io) as a UTC
    timestamp, minus the overlap. to_timestamp gives a zone-aware value on
    DuckDB and Postgres, made UTC by the timestamp rule. -#}
{% macro _cio_sync_since(overlap_minutes) %}
    {{ return(adapter.dispatch('cio_sync_since', 'nexus_customer_io')(overlap_minutes, '{{' ~ 'last_sync_time' ~ '}}')) }}
{% endmacro %}

{% macro default__cio_sync_since(overlap_minutes, placeholder) %}
    {{ return(nexus_customer_io._cio_to_utc("to_timestamp(" ~ placeholder ~ ")", 'tz') ~ " - " ~ nexus_customer_io._cio_minutes(overlap_minutes)) }}
{% endmacro %}

{#- Snowflake: TO_TIMESTAMP_NTZ of a number reads seconds since the epoch, UTC. -#}
{% macro snowflake__cio_sync_since(overlap_minutes, placeholder) %}
    {{ return("dateadd(minute, -" ~ overlap_minutes | int ~ ", to_timestamp_ntz(" ~ placeholder ~ "))") }}
{% endmacro %}


{#- run-operation: every model whose config has meta: {customer_io: {sync_type: ...}},
    in the order to enable them, with its query and column mappings.
    dbt run-operation customer_io_sync_queries --args '{overlap_minutes: 15}' -#}
{% macro customer_io_sync_queries(overlap_minutes=15) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set types = nexus_customer_io._cio_sync_types() -%}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='name') -%}
        {%- set meta = node.config.get('meta', {}) or node.get('meta', {}) or {} -%}
        {%- set cio = meta.get('customer_io', {}) -%}
        {%- if node.resource_type == 'model' and cio.get('sync_type') -%}
            {%- do found.append((types.get(cio.sync_type, {'order': 9}).order, node, cio.sync_type)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not found -%}
        {%- do print("No model has meta: {customer_io: {sync_type: ...}}. Add it to the config of each Customer.io model (identify, object, relationship or track).") -%}
        {{ return('') }}
    {%- endif -%}
    {%- do print("Customer.io syncs, in the order to enable them (people, objects, relationships, then events):") -%}
    {%- for order, node, sync_type in found | sort(attribute='0') -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- do print("") -%}
        {%- do print(loop.index ~ ". " ~ node.name ~ " - " ~ sync_type ~ " sync" ~ (" (Customer.io sync type: Group)" if sync_type in ['object', 'relationship'] else "")) -%}
        {%- if relation is none -%}
            {%- do print("   not built yet: run `dbt build --select " ~ node.name ~ "` first.") -%}
        {%- else -%}
            {%- do print("   Query:") -%}
            {%- do print(nexus_customer_io.customer_io_sync_query(relation, sync_type, overlap_minutes)) -%}
            {%- set cols = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
            {%- do print("   Column mappings in Customer.io:") -%}
            {%- for column, field in types[sync_type].mappings -%}
                {%- if column in cols -%}
                    {%- do print("     " ~ field ~ " <- " ~ column) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do print("     every other column becomes " ~ ('a property' if sync_type == 'track' else 'an attribute') ~ " under its own name") -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
