{#- The timestamp rule: every timestamp the package emits is UTC without a
    time zone. Zone-aware values are converted, never truncated. -#}

{#- A column as a UTC timestamp, by its kind (see _cio_type_kind). Text is
    parsed only when asked (parse_text), since nexus stores every trait as text. -#}
{% macro _cio_column_utc(column, parse_text=false) %}
    {%- if column.kind in ['tz', 'ntz', 'date'] -%}
        {{ return(nexus_customer_io._cio_to_utc(column.quoted, column.kind)) }}
    {%- elif parse_text -%}
        {{ return(nexus_customer_io._cio_parse_timestamp(column.quoted)) }}
    {%- endif -%}
    {{ return(column.quoted) }}
{% endmacro %}


{#- How trait, property and attribute timestamps are sent, one argument
    (trait_timestamp_format) for the four sync macros:
      'unix'      integer seconds, the default: Customer.io's segment date
                  conditions and its reserved `created_at` read only these;
      'timestamp' the warehouse timestamp, UTC without a zone (not inside
                  relationshipAttributes: JSON has no timestamp type);
      'iso8601'   text such as 2024-01-15T10:30:00Z.
    The call-level "timestamp" column is never changed by it. -#}
{% macro _cio_check_timestamp_format(macro_name, format, in_json=false) %}
    {%- set choices = ['unix', 'iso8601'] if in_json else ['unix', 'timestamp', 'iso8601'] -%}
    {%- do nexus_customer_io._cio_check_choice(macro_name, 'trait_timestamp_format', format, choices,
        hint="relationshipAttributes is JSON, which has no timestamp type." if in_json and format == 'timestamp' else '') -%}
{% endmacro %}

{#- A trait is sent as a timestamp when its column is typed as one (or a
    date), or is text named to be parsed; identifier traits never are. -#}
{% macro _cio_is_timestamp_trait(trait) %}
    {{ return(not trait.identifier and (trait.column.kind in ['tz', 'ntz', 'date'] or trait.parse_text)) }}
{% endmacro %}

{#- A trait or property as it is sent: identifier traits trimmed (blank as
    null), timestamps by the UTC rule in the chosen format, anything else as
    it is. -#}
{% macro _cio_trait_expression(trait, format) %}
    {%- if trait.identifier -%}
        {{ return(nexus_customer_io._cio_clean_id(trait.column.quoted)) }}
    {%- endif -%}
    {%- if nexus_customer_io._cio_is_timestamp_trait(trait) -%}
        {{ return(nexus_customer_io._cio_format_timestamp(nexus_customer_io._cio_column_utc(trait.column, trait.parse_text), format)) }}
    {%- endif -%}
    {{ return(trait.column.quoted) }}
{% endmacro %}

{#- The output name -> format of every timestamp trait, for the type check of
    a change-tracked table (see _cio_finalize). -#}
{% macro _cio_trait_formats(traits, format) %}
    {%- set formats = {} -%}
    {%- for trait in traits if nexus_customer_io._cio_is_timestamp_trait(trait) -%}
        {%- do formats.update({trait.name: format}) -%}
    {%- endfor -%}
    {{ return(formats) }}
{% endmacro %}


{% macro _cio_to_utc(expr, kind) %}
    {{ return(adapter.dispatch('cio_to_utc', 'nexus_customer_io')(expr, kind)) }}
{% endmacro %}

{% macro default__cio_to_utc(expr, kind) %}
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

{% macro _cio_iso_regex(with_zone) %}
    {%- set date = "[0-9]{4}-[0-9]{2}-[0-9]{2}" -%}
    {%- set time = "[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?" -%}
    {%- if with_zone -%}
        {{ return("^" ~ date ~ time ~ " ?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$") }}
    {%- endif -%}
    {{ return("^" ~ date ~ "(" ~ time ~ ")?$") }}
{% endmacro %}

{% macro default__cio_parse_timestamp(expr) %}
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


{#- A UTC timestamp in the trait format the user chose (see
    _cio_check_timestamp_format). -#}
{% macro _cio_format_timestamp(expr, format) %}
    {%- if format == 'unix' -%}
        {{ return(nexus_customer_io._cio_epoch_seconds(expr)) }}
    {%- elif format == 'iso8601' -%}
        {{ return(nexus_customer_io._cio_iso8601(expr)) }}
    {%- endif -%}
    {{ return(expr) }}
{% endmacro %}

{% macro _cio_epoch_seconds(expr) %}
    {{ return(adapter.dispatch('cio_epoch_seconds', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_epoch_seconds(expr) %}
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
