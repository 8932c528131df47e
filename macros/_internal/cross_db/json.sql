{#- Adapter shims: JSON objects and values. Postgres uses jsonb, Snowflake OBJECT / VARIANT, DuckDB json.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

{#- JSON objects: the one place where adapters differ most. `entries` is a
    list of (key, expression) pairs; expressions are already in the form to
    send (timestamps as Unix seconds or ISO-8601 text), booleans and numbers keep their JSON
    types. Null values are left out unless keep_nulls. -#}

{% macro _cio_json_object(entries, keep_nulls=false) %}
    {{ return(adapter.dispatch('cio_json_object', 'nexus_customer_io')(entries, keep_nulls)) }}
{% endmacro %}

{% macro default__cio_json_object(entries, keep_nulls) %}{{ nexus_customer_io._cio_unsupported('_cio_json_object') }}{% endmacro %}

{#- Postgres: jsonb, nulls stripped after building. -#}
{% macro postgres__cio_json_object(entries, keep_nulls) -%}
{{ 'jsonb_build_object(' if keep_nulls else 'jsonb_strip_nulls(jsonb_build_object(' }}
    {%- for key, expr in entries %}
        {{ nexus_customer_io._cio_string_literal(key) }}, {{ expr }}{{ ',' if not loop.last }}
    {%- endfor %}
    ){{ ')' if not keep_nulls }}
{%- endmacro %}

{#- Snowflake: OBJECT_CONSTRUCT drops null values by itself. Values are
    parenthesised (emulator-shaped): the emulator's parser rejects a bare
    `x = 1` argument to OBJECT_CONSTRUCT_KEEP_NULL, and the parentheses change
    nothing on Snowflake. -#}
{% macro snowflake__cio_json_object(entries, keep_nulls) -%}
{{ 'object_construct_keep_null(' if keep_nulls else 'object_construct(' }}
    {%- for key, expr in entries %}
        {{ nexus_customer_io._cio_string_literal(key) }}, ({{ expr }}){{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{#- DuckDB: json_object keeps nulls; without them, the object is assembled
    from members `"key":` || to_json(value), the key written at compile time,
    and concat_ws skips the null ones. -#}
{% macro duckdb__cio_json_object(entries, keep_nulls) -%}
{%- if keep_nulls -%}
json_object(
    {%- for key, expr in entries %}
        {{ nexus_customer_io._cio_string_literal(key) }}, {{ expr }}{{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- else -%}
cast('{' || concat_ws(',',
    {%- for key, expr in entries %}
        case when ({{ expr }}) is not null then {{ nexus_customer_io._cio_string_literal(key | tojson ~ ':') }} || to_json({{ expr }}) end{{ ',' if not loop.last }}
    {%- endfor %}
    ) || '}' as json)
{%- endif -%}
{%- endmacro %}

{#- BigQuery: JSON_OBJECT keeps nulls; without them, the members are
    assembled as text (ARRAY_TO_STRING skips null elements) and parsed.
    emulator-shaped: JSON_STRIP_NULLS would be shorter on BigQuery, but the
    BigQuery emulator the tests use does not run it; TO_JSON first, as the
    emulator cannot take TO_JSON_STRING of a scalar string. -#}
{% macro bigquery__cio_json_object(entries, keep_nulls) -%}
{%- if keep_nulls -%}
json_object(
    {%- for key, expr in entries %}
        {{ nexus_customer_io._cio_string_literal(key) }}, ({{ expr }}){{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- else -%}
parse_json(concat('{', array_to_string([
    {%- for key, expr in entries %}
        case when ({{ expr }}) is not null
            then concat({{ nexus_customer_io._cio_string_literal(key | tojson ~ ':') }},
                        to_json_string(to_json({{ expr }})))
        end{{ ',' if not loop.last }}
    {%- endfor %}
    ], ','), '}'))
{%- endif -%}
{%- endmacro %}

{#- The column type of a JSON object, for placeholders. -#}
{% macro _cio_json_type() %}
    {{ return(adapter.dispatch('cio_json_type', 'nexus_customer_io')()) }}
{% endmacro %}

{% macro default__cio_json_type() %}{{ nexus_customer_io._cio_unsupported('_cio_json_type') }}{% endmacro %}

{#- Postgres: jsonb. -#}
{% macro postgres__cio_json_type() %}{{ return('jsonb') }}{% endmacro %}

{% macro snowflake__cio_json_type() %}{{ return('object') }}{% endmacro %}

{% macro duckdb__cio_json_type() %}{{ return('json') }}{% endmacro %}

{% macro bigquery__cio_json_type() %}{{ return('json') }}{% endmacro %}

{#- The value under `key` of a JSON object column, as a JSON value that
    _cio_json_object can put into another object (null when absent). -#}
{% macro _cio_json_get(expr, key) %}
    {{ return(adapter.dispatch('cio_json_get', 'nexus_customer_io')(expr, key)) }}
{% endmacro %}

{% macro default__cio_json_get(expr, key) %}{{ nexus_customer_io._cio_unsupported('_cio_json_get') }}{% endmacro %}

{#- Postgres: the jsonb -> operator. -#}
{% macro postgres__cio_json_get(expr, key) -%}
    ({{ expr }} -> {{ nexus_customer_io._cio_string_literal(key) }})
{%- endmacro %}

{% macro snowflake__cio_json_get(expr, key) -%}
    get({{ expr }}, {{ nexus_customer_io._cio_string_literal(key) }})
{%- endmacro %}

{% macro duckdb__cio_json_get(expr, key) -%}
    json_extract({{ expr }}, {{ nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') }})
{%- endmacro %}

{#- BigQuery: JSON_QUERY with a quoted JSONPath member. -#}
{% macro bigquery__cio_json_get(expr, key) -%}
    json_query({{ expr }}, {{ nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') }})
{%- endmacro %}

{% macro _cio_is_json_object(expr) %}
    {{ return(adapter.dispatch('cio_is_json_object', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_is_json_object(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_is_json_object') }}{% endmacro %}

{#- Postgres: jsonb_typeof. -#}
{% macro postgres__cio_is_json_object(expr) -%}
    (jsonb_typeof(cast({{ expr }} as jsonb)) = 'object')
{%- endmacro %}

{#- Snowflake (emulator-shaped): IS_OBJECT is missing from the emulator and
    its TYPEOF answers 'JSON' for everything; TO_JSON's first character is
    exact on both. -#}
{% macro snowflake__cio_is_json_object(expr) -%}
    (left(to_json({{ expr }}), 1) = '{')
{%- endmacro %}

{% macro duckdb__cio_is_json_object(expr) -%}
    (json_type(cast({{ expr }} as json)) = 'OBJECT')
{%- endmacro %}

{#- BigQuery: the column is JSON; JSON_TYPE names its kind. -#}
{% macro bigquery__cio_is_json_object(expr) -%}
    (json_type({{ expr }}) = 'object')
{%- endmacro %}

{#- A JSON value as its JSON text, for comparisons and hashes. -#}
{% macro _cio_json_text(expr) %}
    {{ return(adapter.dispatch('cio_json_text', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_json_text(expr) %}{{ nexus_customer_io._cio_unsupported('_cio_json_text') }}{% endmacro %}

{#- Postgres: jsonb's text form is canonical (keys sorted by length, then bytes). -#}
{% macro postgres__cio_json_text(expr) -%}
    cast({{ expr }} as text)
{%- endmacro %}

{#- Snowflake: TO_JSON, the documented conversion of an OBJECT or VARIANT to text. -#}
{% macro snowflake__cio_json_text(expr) -%}
    to_json({{ expr }})
{%- endmacro %}

{% macro duckdb__cio_json_text(expr) -%}
    cast({{ expr }} as varchar)
{%- endmacro %}

{#- BigQuery: TO_JSON_STRING; BigQuery documents no CAST from JSON to STRING. -#}
{% macro bigquery__cio_json_text(expr) -%}
    to_json_string({{ expr }})
{%- endmacro %}

{#- JSON text (an object) as the column type of a JSON object. -#}
{% macro _cio_json_parse(text) %}
    {{ return(adapter.dispatch('cio_json_parse', 'nexus_customer_io')(text)) }}
{% endmacro %}

{% macro default__cio_json_parse(text) %}{{ nexus_customer_io._cio_unsupported('_cio_json_parse') }}{% endmacro %}

{% macro postgres__cio_json_parse(text) -%}
    cast({{ text }} as jsonb)
{%- endmacro %}

{#- Snowflake: PARSE_JSON gives a VARIANT; the column is an OBJECT. -#}
{% macro snowflake__cio_json_parse(text) -%}
    cast(parse_json({{ text }}) as object)
{%- endmacro %}

{% macro duckdb__cio_json_parse(text) -%}
    cast({{ text }} as json)
{%- endmacro %}

{% macro bigquery__cio_json_parse(text) -%}
    parse_json({{ text }})
{%- endmacro %}

{#- Whether the JSON object `expr` holds `key` with a value other than null
    (false when the key is absent or null). -#}
{% macro _cio_json_has_value(expr, key) %}
    {{ return(adapter.dispatch('cio_json_has_value', 'nexus_customer_io')(expr, key)) }}
{% endmacro %}

{% macro default__cio_json_has_value(expr, key) %}
    {{- nexus_customer_io._cio_unsupported('_cio_json_has_value') -}}
{% endmacro %}

{#- Postgres: jsonb_typeof names a JSON null 'null', an absent key SQL null. -#}
{% macro postgres__cio_json_has_value(expr, key) -%}
    (coalesce(jsonb_typeof({{ expr }} -> {{ nexus_customer_io._cio_string_literal(key) }}), 'null') <> 'null')
{%- endmacro %}

{#- Snowflake: GET gives a JSON null as a VARIANT null, whose TO_JSON is 'null'. -#}
{% macro snowflake__cio_json_has_value(expr, key) -%}
    (coalesce(to_json(get({{ expr }}, {{ nexus_customer_io._cio_string_literal(key) }})), 'null') <> 'null')
{%- endmacro %}

{% macro duckdb__cio_json_has_value(expr, key) -%}
    (coalesce(json_type({{ expr }}, {{ nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') }}), 'NULL') <> 'NULL')
{%- endmacro %}

{#- BigQuery: JSON_QUERY of a JSON null is JSON 'null'; of an absent key SQL null. -#}
{% macro bigquery__cio_json_has_value(expr, key) -%}
    {%- set path = nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') -%}
    (coalesce(to_json_string(json_query({{ expr }}, {{ path }})), 'null') <> 'null')
{%- endmacro %}

{#- The members ,"key":null of the (key, condition) pairs whose condition
    holds, as one text ('' when none): _cio_json_with_nulls adds them. -#}
{% macro _cio_json_null_members(pairs) %}
    {%- if not pairs -%}
        {{ return("''") }}
    {%- endif -%}
    {%- set members = [] -%}
    {%- for key, condition in pairs -%}
        {%- set member = nexus_customer_io._cio_string_literal(',' ~ key | tojson ~ ':null') -%}
        {%- do members.append("coalesce(case when " ~ condition ~ "\n    then " ~ member ~ " end, '')") -%}
    {%- endfor -%}
    {{ return(members | join('\n|| ')) }}
{% endmacro %}

{#- The JSON object `expr` with the text `members` (',"key":null...', see
    _cio_json_null_members) added: one form for every adapter, on the
    object's text. A null `expr` stays null. -#}
{% macro _cio_json_with_nulls(expr, members) %}
    {%- set text = nexus_customer_io._cio_json_text(expr) -%}
    {%- set sql -%}
case
    when {{ members }} = '' or {{ expr }} is null then {{ expr }}
    else {{ nexus_customer_io._cio_json_parse("case when " ~ text ~ " = '{}' then '{' || substr(" ~ members ~ ", 2)"
        ~ " else substr(" ~ text ~ ", 1, length(" ~ text ~ ") - 1) || " ~ members ~ " end || '}'") }}
end
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}

{#- Whether the JSON object `expr` holds `key`, with a value or as null. -#}
{% macro _cio_json_has_key(expr, key) %}
    {{ return(adapter.dispatch('cio_json_has_key', 'nexus_customer_io')(expr, key)) }}
{% endmacro %}

{% macro default__cio_json_has_key(expr, key) %}
    {{- nexus_customer_io._cio_unsupported('_cio_json_has_key') -}}
{% endmacro %}

{#- Postgres: the jsonb ? operator. -#}
{% macro postgres__cio_json_has_key(expr, key) -%}
    ({{ expr }} ? {{ nexus_customer_io._cio_string_literal(key) }})
{%- endmacro %}

{#- Snowflake: GET gives SQL null for an absent key, a VARIANT null for a JSON null. -#}
{% macro snowflake__cio_json_has_key(expr, key) -%}
    ((get({{ expr }}, {{ nexus_customer_io._cio_string_literal(key) }})) is not null)
{%- endmacro %}

{#- DuckDB: json_extract gives SQL null for an absent key, JSON 'null' for a JSON null. -#}
{% macro duckdb__cio_json_has_key(expr, key) -%}
    (json_extract({{ expr }}, {{ nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') }}) is not null)
{%- endmacro %}

{#- BigQuery: JSON_QUERY gives SQL null for an absent key, JSON null for a JSON null. -#}
{% macro bigquery__cio_json_has_key(expr, key) -%}
    (json_query({{ expr }}, {{ nexus_customer_io._cio_string_literal('$."' ~ key ~ '"') }}) is not null)
{%- endmacro %}
