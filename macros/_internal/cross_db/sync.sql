{#- Adapter shims: What a sync query selects and where its window starts.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

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

{#- BigQuery: SELECT * EXCEPT, its name for EXCLUDE. -#}
{% macro bigquery__cio_payload_columns(columns, tracked) %}
    {{ return(nexus_customer_io._cio_star_exclude(columns, 'except')) }}
{% endmacro %}

{#- {{last_sync_time}} (Unix seconds, substituted by Customer.io) as a UTC
    timestamp, minus `minutes`. to_timestamp gives a zone-aware value on
    DuckDB and Postgres, made UTC by the timestamp rule. -#}
{% macro _cio_sync_since(overlap_minutes) %}
    {{ return(adapter.dispatch('cio_sync_since', 'nexus_customer_io')(overlap_minutes, '{{' ~ 'last_sync_time' ~ '}}')) }}
{% endmacro %}

{% macro default__cio_sync_since(overlap_minutes, placeholder) -%}
    {{ nexus_customer_io._cio_to_utc('to_timestamp(' ~ placeholder ~ ')', 'tz') }} - {{ nexus_customer_io._cio_minutes(overlap_minutes) }}
{%- endmacro %}

{#- Snowflake: TO_TIMESTAMP_NTZ of a number reads seconds since the epoch, UTC. -#}
{% macro snowflake__cio_sync_since(overlap_minutes, placeholder) -%}
    dateadd(minute, -{{ overlap_minutes | int }}, to_timestamp_ntz({{ placeholder }}))
{%- endmacro %}

{#- BigQuery: TIMESTAMP_SECONDS reads seconds since the epoch as a UTC
    instant; intervals take a date part, not a quoted '5 minutes'. -#}
{% macro bigquery__cio_sync_since(overlap_minutes, placeholder) -%}
    timestamp_sub(timestamp_seconds({{ placeholder }}), interval {{ overlap_minutes | int }} minute)
{%- endmacro %}
