{#- Adapter shims: String literals, identifier cleaning, regular expressions, byte lengths and comma-separated lists.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

{#- A string literal. dbt.escape_single_quotes on Snowflake escapes quotes
    with a backslash but leaves backslashes alone, so a value ending in a
    backslash breaks the SQL; double both here instead. -#}
{% macro _cio_string_literal(value) %}
    {{ return(adapter.dispatch('cio_string_literal', 'nexus_customer_io')(value | string)) }}
{% endmacro %}

{% macro default__cio_string_literal(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{% macro snowflake__cio_string_literal(value) -%}
    '{{ value | replace("\\", "\\\\") | replace("'", "''") }}'
{%- endmacro %}

{#- BigQuery: quotes and backslashes are escaped with a backslash ('' is two
    adjacent literals there, an error), and a line break inside a literal is
    written \n. -#}
{% macro bigquery__cio_string_literal(value) -%}
    '{{ value | replace("\\", "\\\\") | replace("'", "\\'") | replace("\n", "\\n") | replace("\r", "\\r") }}'
{%- endmacro %}

{#- The values of an `in (...)` list, as literals; `null` when the list is
    empty (`x in (null)` matches no row, where `x in ()` is a syntax error). -#}
{% macro _cio_literal_list(values) -%}
    {%- for value in values -%}
        {{ nexus_customer_io._cio_string_literal(value) }}{{ ', ' if not loop.last }}
    {%- else -%}
        null
    {%- endfor -%}
{%- endmacro %}

{#- An identifier as Customer.io should see it: text, trimmed of spaces, tabs
    and line breaks; empty or blank is null. -#}
{% macro _cio_clean_id(expr) %}
    {{ return(adapter.dispatch('cio_clean_id', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_clean_id(expr) -%}
    nullif(trim(cast({{ expr }} as {{ dbt.type_string() }}), ' ' || chr(9) || chr(10) || chr(13)), '')
{%- endmacro %}

{#- Postgres spells trim-with-characters btrim. -#}
{% macro postgres__cio_clean_id(expr) -%}
    nullif(btrim(cast({{ expr }} as {{ dbt.type_string() }}), ' ' || chr(9) || chr(10) || chr(13)), '')
{%- endmacro %}

{% macro _cio_regex_full_match(expr, pattern) %}
    {{ return(adapter.dispatch('cio_regex_full_match', 'nexus_customer_io')(expr, pattern)) }}
{% endmacro %}

{% macro default__cio_regex_full_match(expr, pattern) %}{{ nexus_customer_io._cio_unsupported('_cio_regex_full_match') }}{% endmacro %}

{#- Postgres: the ~ operator (a match anywhere; the patterns are anchored). -#}
{% macro postgres__cio_regex_full_match(expr, pattern) -%}
    ({{ expr }} ~ '{{ pattern }}')
{%- endmacro %}

{#- Snowflake's REGEXP_LIKE matches the whole string. -#}
{% macro snowflake__cio_regex_full_match(expr, pattern) -%}
    regexp_like({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__cio_regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{#- BigQuery: REGEXP_CONTAINS with a raw string (the patterns are anchored). -#}
{% macro bigquery__cio_regex_full_match(expr, pattern) -%}
    regexp_contains({{ expr }}, r'{{ pattern }}')
{%- endmacro %}

{% macro _cio_byte_length(expr) %}
    {{ return(adapter.dispatch('cio_byte_length', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{#- OCTET_LENGTH: Postgres, and BigQuery (its alias of BYTE_LENGTH). -#}
{% macro default__cio_byte_length(expr) -%}
    octet_length({{ expr }})
{%- endmacro %}

{#- Snowflake: OCTET_LENGTH of the UTF-8 binary; (emulator-shaped) the
    fakesnow emulator has no OCTET_LENGTH for strings. -#}
{% macro snowflake__cio_byte_length(expr) -%}
    octet_length(to_binary({{ expr }}, 'UTF-8'))
{%- endmacro %}

{#- DuckDB: octet_length takes blobs only; strlen counts bytes. -#}
{% macro duckdb__cio_byte_length(expr) -%}
    strlen({{ expr }})
{%- endmacro %}

{#- One row per item of a comma-separated list: a join clause to put after
    the relation that holds `expr`, and the item's expression. -#}
{% macro _cio_split_list(expr) %}
    {{ return(adapter.dispatch('cio_split_list', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_split_list(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_split_list') }}{% endmacro %}

{% macro duckdb__cio_split_list(expr) %}
    {{ return({'join': "cross join unnest(string_split(" ~ expr ~ ", ',')) as _cio_split(_cio_item)",
               'value': '_cio_split._cio_item'}) }}
{% endmacro %}

{% macro postgres__cio_split_list(expr) %}
    {{ return({'join': "cross join lateral unnest(string_to_array(" ~ expr ~ ", ',')) as _cio_split(_cio_item)",
               'value': '_cio_split._cio_item'}) }}
{% endmacro %}

{#- Snowflake: SPLIT gives an array, FLATTEN one row per element. -#}
{% macro snowflake__cio_split_list(expr) %}
    {{ return({'join': "cross join lateral flatten(input => split(" ~ expr ~ ", ',')) as _cio_split",
               'value': 'cast(_cio_split.value as ' ~ dbt.type_string() ~ ')'}) }}
{% endmacro %}

{% macro bigquery__cio_split_list(expr) %}
    {{ return({'join': "cross join unnest(split(" ~ expr ~ ", ',')) as _cio_item", 'value': '_cio_item'}) }}
{% endmacro %}
