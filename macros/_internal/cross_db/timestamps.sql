{#- Adapter shims: Time zones, text timestamps, epoch seconds and ISO-8601 text: the SQL of the timestamp rule.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

{% macro _cio_to_utc(expr, kind) %}
    {{ return(adapter.dispatch('cio_to_utc', 'nexus_customer_io')(expr, kind)) }}
{% endmacro %}

{% macro default__cio_to_utc(expr, kind) %}{{ nexus_customer_io._cio_unsupported('_cio_to_utc') }}{% endmacro %}

{#- Postgres: AT TIME ZONE 'UTC' turns a timestamptz into UTC wall-clock time. -#}
{% macro postgres__cio_to_utc(expr, kind) %}
    {%- if kind == 'tz' -%}
        {{ return("cast((" ~ expr ~ ") at time zone 'UTC' as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif -%}
    {{ return("cast(" ~ expr ~ " as " ~ dbt.type_timestamp() ~ ")") }}
{% endmacro %}

{#- Snowflake: a cast from TIMESTAMP_TZ/LTZ to NTZ keeps the wall-clock time, so
    convert first. The explicit cast is needed because two-argument
    CONVERT_TIMEZONE returns TIMESTAMP_TZ on Snowflake. -#}
{% macro snowflake__cio_to_utc(expr, kind) %}
    {%- if kind == 'tz' -%}
        {{ return("cast(convert_timezone('UTC', " ~ expr ~ ") as timestamp_ntz)") }}
    {%- endif -%}
    {{ return("cast(" ~ expr ~ " as timestamp_ntz)") }}
{% endmacro %}

{#- DuckDB: a cast from TIMESTAMPTZ to TIMESTAMP gives the session's local time;
    timezone('UTC', ...) gives UTC whatever the session zone is. -#}
{% macro duckdb__cio_to_utc(expr, kind) %}
    {%- if kind == 'tz' -%}
        {{ return("timezone('UTC', " ~ expr ~ ")") }}
    {%- endif -%}
    {{ return("cast(" ~ expr ~ " as timestamp)") }}
{% endmacro %}

{#- Parse ISO-8601 text to a UTC timestamp. Text with Z or an offset is
    converted; text without one is read as UTC (as Customer.io reads it), never
    in the session's zone. Text of any other shape becomes null. The shape is
    checked with a regex before any cast, so garbage never reaches a cast that
    could raise (the fakesnow emulator raises where Snowflake's TRY_CAST
    returns null). -#}
{% macro _cio_parse_timestamp(expr) %}
    {{ return(adapter.dispatch('cio_parse_timestamp', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_parse_timestamp(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_parse_timestamp') }}{% endmacro %}

{#- Postgres: the ~ operator, and AT TIME ZONE to convert. -#}
{% macro postgres__cio_parse_timestamp(expr) %}
    {%- set text = "trim(" ~ expr ~ ")" -%}
    {{ return("case\n            when " ~ text ~ " ~ '" ~ nexus_customer_io._cio_iso_regex(true) ~ "'"
        ~ "\n                then cast(cast(" ~ text ~ " as timestamp with time zone) at time zone 'UTC' as " ~ dbt.type_timestamp() ~ ")"
        ~ "\n            when " ~ text ~ " ~ '" ~ nexus_customer_io._cio_iso_regex(false) ~ "'"
        ~ "\n                then cast(" ~ text ~ " as " ~ dbt.type_timestamp() ~ ")\n        end") }}
{% endmacro %}

{#- Snowflake: TRY_CAST(... AS TIMESTAMP_TZ), as TRY_TO_TIMESTAMP_TZ is missing
    from the emulator; REGEXP_LIKE matches the whole string. -#}
{% macro snowflake__cio_parse_timestamp(expr) %}
    {%- set text = "trim(" ~ expr ~ ")" -%}
    {{ return("case\n            when regexp_like(" ~ text ~ ", '" ~ nexus_customer_io._cio_iso_regex(true) ~ "')"
        ~ "\n                then cast(convert_timezone('UTC', try_cast(" ~ text ~ " as timestamp_tz)) as timestamp_ntz)"
        ~ "\n            when regexp_like(" ~ text ~ ", '" ~ nexus_customer_io._cio_iso_regex(false) ~ "')"
        ~ "\n                then try_cast(" ~ text ~ " as timestamp_ntz)\n        end") }}
{% endmacro %}

{% macro duckdb__cio_parse_timestamp(expr) %}
    {%- set text = "trim(" ~ expr ~ ")" -%}
    {{ return("case\n            when regexp_full_match(" ~ text ~ ", '" ~ nexus_customer_io._cio_iso_regex(true) ~ "')"
        ~ "\n                then timezone('UTC', try_cast(" ~ text ~ " as timestamptz))"
        ~ "\n            when regexp_full_match(" ~ text ~ ", '" ~ nexus_customer_io._cio_iso_regex(false) ~ "')"
        ~ "\n                then try_cast(" ~ text ~ " as timestamp)\n        end") }}
{% endmacro %}

{% macro _cio_epoch_seconds(expr) %}
    {{ return(adapter.dispatch('cio_epoch_seconds', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_epoch_seconds(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_epoch_seconds') }}{% endmacro %}

{#- Postgres: EXTRACT(EPOCH FROM ...), floored to whole seconds. -#}
{% macro postgres__cio_epoch_seconds(expr) %}
    {{ return("cast(floor(extract(epoch from " ~ expr ~ ")) as bigint)") }}
{% endmacro %}

{% macro snowflake__cio_epoch_seconds(expr) %}
    {{ return("date_part(epoch_second, " ~ expr ~ ")") }}
{% endmacro %}

{% macro duckdb__cio_epoch_seconds(expr) %}
    {{ return("cast(floor(epoch(" ~ expr ~ ")) as bigint)") }}
{% endmacro %}

{#- ISO-8601 text, second precision: 2024-01-15T10:30:00Z. Snowflake and
    Postgres build it from parts rather than a format string: the fakesnow
    emulator ignores TO_VARCHAR's format argument. -#}
{% macro _cio_iso8601(expr) %}
    {{ return(adapter.dispatch('cio_iso8601', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{#- DuckDB: strftime is exact and several times cheaper than the parts. -#}
{% macro duckdb__cio_iso8601(expr) %}
    {{ return("strftime(" ~ expr ~ ", '%Y-%m-%dT%H:%M:%SZ')") }}
{% endmacro %}

{% macro default__cio_iso8601(expr) %}
    {%- set parts = [] -%}
    {%- for part, width in [('year', 4), ('month', 2), ('day', 2), ('hour', 2), ('minute', 2), ('second', 2)] -%}
        {%- do parts.append("lpad(cast(cast(floor(extract(" ~ part ~ " from " ~ expr ~ ")) as integer) as " ~ dbt.type_string() ~ "), " ~ width ~ ", '0')") -%}
    {%- endfor -%}
    {{ return("case when " ~ expr ~ " is not null then\n            "
        ~ parts[0] ~ " || '-' ||\n            " ~ parts[1] ~ " || '-' ||\n            " ~ parts[2] ~ " || 'T' ||\n            "
        ~ parts[3] ~ " || ':' ||\n            " ~ parts[4] ~ " || ':' ||\n            " ~ parts[5] ~ " || 'Z'\n        end") }}
{% endmacro %}
