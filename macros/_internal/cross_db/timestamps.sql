{#- Adapter shims: Time zones, text timestamps, epoch seconds and ISO-8601 text: the SQL of the timestamp rule.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

{% macro _cio_to_utc(expr, kind) %}
    {{ return(adapter.dispatch('cio_to_utc', 'nexus_customer_io')(expr, kind)) }}
{% endmacro %}

{% macro default__cio_to_utc(expr, kind) %}{{ nexus_customer_io._cio_unsupported('_cio_to_utc') }}{% endmacro %}

{#- Postgres: AT TIME ZONE 'UTC' turns a timestamptz into UTC wall-clock time. -#}
{% macro postgres__cio_to_utc(expr, kind) -%}
    {%- if kind == 'tz' -%}
        cast(({{ expr }}) at time zone 'UTC' as {{ dbt.type_timestamp() }})
    {%- else -%}
        cast({{ expr }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- Snowflake: a cast from TIMESTAMP_TZ/LTZ to NTZ keeps the wall-clock time, so
    convert first. The explicit cast is needed because two-argument
    CONVERT_TIMEZONE returns TIMESTAMP_TZ on Snowflake. -#}
{% macro snowflake__cio_to_utc(expr, kind) -%}
    {%- if kind == 'tz' -%}
        cast(convert_timezone('UTC', {{ expr }}) as timestamp_ntz)
    {%- else -%}
        cast({{ expr }} as timestamp_ntz)
    {%- endif -%}
{%- endmacro %}

{#- DuckDB: a cast from TIMESTAMPTZ to TIMESTAMP gives the session's local time;
    timezone('UTC', ...) gives UTC whatever the session zone is. -#}
{% macro duckdb__cio_to_utc(expr, kind) -%}
    {%- if kind == 'tz' -%}
        timezone('UTC', {{ expr }})
    {%- else -%}
        cast({{ expr }} as timestamp)
    {%- endif -%}
{%- endmacro %}

{#- BigQuery: TIMESTAMP is a UTC instant; DATETIME (wall-clock) and DATE cast
    to it as UTC, the documented default zone. -#}
{% macro bigquery__cio_to_utc(expr, kind) -%}
    cast({{ expr }} as timestamp)
{%- endmacro %}

{#- Parse ISO-8601 text to a UTC timestamp. Text with Z or an offset is
    converted; text without one is read as UTC (as Customer.io reads it), never
    in the session's zone. Text of any other shape becomes null. The shape is
    checked with a regex before any cast, so garbage never reaches a cast that
    could raise (emulator-shaped: the fakesnow emulator raises where Snowflake's TRY_CAST
    returns null). -#}
{% macro _cio_parse_timestamp(expr) %}
    {{ return(adapter.dispatch('cio_parse_timestamp', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_parse_timestamp(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_parse_timestamp') }}{% endmacro %}

{#- Postgres: the ~ operator, and AT TIME ZONE to convert. -#}
{% macro postgres__cio_parse_timestamp(expr) -%}
{%- set text = 'trim(' ~ expr ~ ')' -%}
case
            when {{ text }} ~ '{{ nexus_customer_io._cio_iso_regex(true) }}'
                then cast(cast({{ text }} as timestamp with time zone) at time zone 'UTC' as {{ dbt.type_timestamp() }})
            when {{ text }} ~ '{{ nexus_customer_io._cio_iso_regex(false) }}'
                then cast({{ text }} as {{ dbt.type_timestamp() }})
        end
{%- endmacro %}

{#- Snowflake: TRY_CAST(... AS TIMESTAMP_TZ), as TRY_TO_TIMESTAMP_TZ is missing
    from the emulator (emulator-shaped); REGEXP_LIKE matches the whole string. -#}
{% macro snowflake__cio_parse_timestamp(expr) -%}
{%- set text = 'trim(' ~ expr ~ ')' -%}
case
            when regexp_like({{ text }}, '{{ nexus_customer_io._cio_iso_regex(true) }}')
                then cast(convert_timezone('UTC', try_cast({{ text }} as timestamp_tz)) as timestamp_ntz)
            when regexp_like({{ text }}, '{{ nexus_customer_io._cio_iso_regex(false) }}')
                then try_cast({{ text }} as timestamp_ntz)
        end
{%- endmacro %}

{% macro duckdb__cio_parse_timestamp(expr) -%}
{%- set text = 'trim(' ~ expr ~ ')' -%}
case
            when regexp_full_match({{ text }}, '{{ nexus_customer_io._cio_iso_regex(true) }}')
                then timezone('UTC', try_cast({{ text }} as timestamptz))
            when regexp_full_match({{ text }}, '{{ nexus_customer_io._cio_iso_regex(false) }}')
                then try_cast({{ text }} as timestamp)
        end
{%- endmacro %}

{#- BigQuery: SAFE_CAST reads only the canonical form (seconds, at most six
    fraction digits, Z or +HH:MM), so the shapes the other adapters accept are
    first rewritten to it: ' Z' / 'z' to +00:00, a missing :00 second, a space
    before the offset, fraction digits past six, +HHMM. -#}
{% macro bigquery__cio_parse_timestamp(expr) -%}
{%- set text = 'trim(' ~ expr ~ ')' -%}
{%- set canonical -%}
regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                    {{ text }},
                    r' ?[Zz]$', '+00:00'),
                    r' ([+-])', r'\1'),
                    r'^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}:[0-9]{2})([+-]|$)', r'\1 \2:00\3'),
                    r'([.][0-9]{6})[0-9]+', r'\1'),
                    r'([+-][0-9]{2})([0-9]{2})$', r'\1:\2')
{%- endset -%}
case
            when regexp_contains({{ text }}, r'{{ nexus_customer_io._cio_iso_regex(true) }}')
                or regexp_contains({{ text }}, r'{{ nexus_customer_io._cio_iso_regex(false) }}')
                then safe_cast({{ canonical }} as timestamp)
        end
{%- endmacro %}

{% macro _cio_epoch_seconds(expr) %}
    {{ return(adapter.dispatch('cio_epoch_seconds', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_epoch_seconds(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_epoch_seconds') }}{% endmacro %}

{#- Postgres: EXTRACT(EPOCH FROM ...), floored to whole seconds. -#}
{% macro postgres__cio_epoch_seconds(expr) -%}
    cast(floor(extract(epoch from {{ expr }})) as bigint)
{%- endmacro %}

{% macro snowflake__cio_epoch_seconds(expr) -%}
    date_part(epoch_second, {{ expr }})
{%- endmacro %}

{% macro duckdb__cio_epoch_seconds(expr) -%}
    cast(floor(epoch({{ expr }})) as bigint)
{%- endmacro %}

{#- BigQuery: UNIX_SECONDS floors; emulator-shaped: truncated to the second
    first, because the emulator rounds a bare UNIX_SECONDS (same result on
    BigQuery). -#}
{% macro bigquery__cio_epoch_seconds(expr) -%}
    unix_seconds(timestamp_trunc({{ expr }}, second))
{%- endmacro %}

{#- ISO-8601 text, second precision: 2024-01-15T10:30:00Z. Snowflake and
    Postgres build it from parts rather than a format string (emulator-shaped): the fakesnow
    emulator ignores TO_VARCHAR's format argument. -#}
{% macro _cio_iso8601(expr) %}
    {{ return(adapter.dispatch('cio_iso8601', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{#- DuckDB: strftime is exact and several times cheaper than the parts. -#}
{% macro duckdb__cio_iso8601(expr) -%}
    strftime({{ expr }}, '%Y-%m-%dT%H:%M:%SZ')
{%- endmacro %}

{#- BigQuery: FORMAT_TIMESTAMP in UTC (emulator-shaped too: the emulator has
    no EXTRACT from a TIMESTAMP, which the default uses). -#}
{% macro bigquery__cio_iso8601(expr) -%}
    format_timestamp('%Y-%m-%dT%H:%M:%SZ', {{ expr }}, 'UTC')
{%- endmacro %}

{% macro default__cio_iso8601(expr) -%}
{%- set p = {} -%}
{%- for part, width in [('year', 4), ('month', 2), ('day', 2), ('hour', 2), ('minute', 2), ('second', 2)] -%}
    {%- do p.update({part: "lpad(cast(cast(floor(extract(" ~ part ~ " from " ~ expr ~ ")) as integer) as " ~ dbt.type_string() ~ "), " ~ width ~ ", '0')"}) -%}
{%- endfor -%}
case when {{ expr }} is not null then
            {{ p.year }} || '-' ||
            {{ p.month }} || '-' ||
            {{ p.day }} || 'T' ||
            {{ p.hour }} || ':' ||
            {{ p.minute }} || ':' ||
            {{ p.second }} || 'Z'
        end
{%- endmacro %}


{#- An interval of whole minutes. -#}
{% macro _cio_minutes(minutes) %}
    {{ return(adapter.dispatch('cio_minutes', 'nexus_customer_io')(minutes | int)) }}
{% endmacro %}

{#- The quoted form DuckDB, Postgres and Snowflake accept. -#}
{% macro default__cio_minutes(minutes) -%}
    interval '{{ minutes }} minutes'
{%- endmacro %}

{#- BigQuery: a number and a date part. -#}
{% macro bigquery__cio_minutes(minutes) -%}
    interval {{ minutes }} minute
{%- endmacro %}
