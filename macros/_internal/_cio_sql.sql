{#- Small SQL builders shared by all four sync macros. -#}

{#- An identifier as Customer.io should see it: text, trimmed of spaces, tabs
    and line breaks; empty or blank is null. -#}
{% macro _cio_clean_id(expr) %}
    {{ return(adapter.dispatch('cio_clean_id', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_clean_id(expr) %}
    {{ return("nullif(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "), ' ' || chr(9) || chr(10) || chr(13)), '')") }}
{% endmacro %}

{#- Postgres spells trim-with-characters btrim. -#}
{% macro postgres__cio_clean_id(expr) %}
    {{ return("nullif(btrim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "), ' ' || chr(9) || chr(10) || chr(13)), '')") }}
{% endmacro %}


{#- The key two identifiers are matched on: values with an @ compare
    case-insensitively (Customer.io treats email so), others exactly. Takes a
    cleaned identifier (see _cio_clean_id). -#}
{% macro _cio_match_key(expr) %}
    {{ return("case when " ~ expr ~ " like '%@%' then lower(" ~ expr ~ ") else " ~ expr ~ " end") }}
{% endmacro %}


{#- One row per entity of `entity_type` that has an identifier: its
    entity_id as _cio_entity_id, `extra` (expression, alias) pairs, and each
    of `ids` (alias, column) cleaned by _cio_clean_id. Rows keep when any id
    (any_id) or every id is present. Identifiers are cleaned once per entity,
    before joins with the larger participant or relationship tables. -#}
{% macro _cio_entity_ids(entities, id_column, type_column, entity_type, ids, extra=[], any_id=false) %}
    {%- set selects = [id_column.quoted ~ " as _cio_entity_id"] -%}
    {%- for expr, alias in extra -%}{%- do selects.append(expr ~ " as " ~ alias) -%}{%- endfor -%}
    {%- set present = [] -%}
    {%- for alias, column in ids -%}
        {%- do selects.append(nexus_customer_io._cio_clean_id(column.quoted) ~ " as " ~ alias) -%}
        {%- do present.append(alias ~ " is not null") -%}
    {%- endfor -%}
    {%- set sql -%}
    select * from (
        select
            {{ selects | join(',\n            ') }}
        from {{ entities }}
        where {{ type_column.quoted }} = {{ nexus_customer_io._cio_string_literal(entity_type) }}
    ) as _cio_ids
    where {{ present | join(" or " if any_id else " and ") }}
    {%- endset -%}
    {{ return(sql | trim) }}
{% endmacro %}


{#- A string literal. dbt.escape_single_quotes on Snowflake escapes quotes
    with a backslash but leaves backslashes alone, so a value ending in a
    backslash breaks the SQL; double both here instead. -#}
{% macro _cio_string_literal(value) %}
    {{ return(adapter.dispatch('cio_string_literal', 'nexus_customer_io')(value | string)) }}
{% endmacro %}

{% macro default__cio_string_literal(value) %}
    {{ return("'" ~ value | replace("'", "''") ~ "'") }}
{% endmacro %}

{% macro snowflake__cio_string_literal(value) %}
    {{ return("'" ~ value | replace("\\", "\\\\") | replace("'", "''") ~ "'") }}
{% endmacro %}


{#- The one dedupe: keep one row per partition, latest first by `order_by`
    (which must end in a unique id, so ties are deterministic).
    `partition_by` is one expression or a list of them. With a single
    expression, rows where it is null are all kept: they are never merged with
    each other, and they skip the window altogether (cheaper than ranking one
    big null partition). `columns` lists what to select. Callers pass narrow
    relations (keys and ids) and join the payload back, so the window sorts
    a few columns, not the whole row. -#}
{% macro _cio_dedupe(from, partition_by, order_by, columns) %}
    {%- set keys = [partition_by] if partition_by is string else partition_by -%}
    {%- set nullable = partition_by if partition_by is string else none -%}
    {{ return(adapter.dispatch('cio_dedupe', 'nexus_customer_io')(from, keys, nullable, order_by, columns)) }}
{% endmacro %}

{#- A select list on one line, or one column a line (`indent` spaces) when
    that line would be long. -#}
{% macro _cio_column_list(columns, indent) %}
    {%- set line = columns | join(', ') -%}
    {{ return(line if line | length <= 100 else columns | join(',\n' ~ ' ' * indent)) }}
{% endmacro %}

{#- Rows whose single partition expression is null, each kept as it is. -#}
{% macro _cio_dedupe_nulls(from, nullable, columns) %}
    {%- set sql -%}
    select {{ nexus_customer_io._cio_column_list(columns, 8) }}
    from {{ from }}
    where {{ nullable }} is null
    union all
    {%- endset -%}
    {{ return(sql | trim ~ '\n    ') }}
{% endmacro %}

{#- Postgres and the default: no QUALIFY, so rank in a subquery. -#}
{% macro default__cio_dedupe(from, keys, nullable, order_by, columns) %}
    {%- set sql -%}
    select {{ nexus_customer_io._cio_column_list(columns, 8) }}
    from (
        select
            {{ nexus_customer_io._cio_column_list(columns, 12) }},
            row_number() over (partition by {{ keys | join(', ') }} order by {{ order_by }}) as _cio_rank
        from {{ from }}
        {%- if nullable %}
        where {{ nullable }} is not null
        {%- endif %}
    ) as _cio_ranked
    where _cio_rank = 1
    {%- endset -%}
    {{ return((nexus_customer_io._cio_dedupe_nulls(from, nullable, columns) if nullable else '') ~ sql | trim) }}
{% endmacro %}

{#- Snowflake and DuckDB filter on the window directly. -#}
{% macro snowflake__cio_dedupe(from, keys, nullable, order_by, columns) %}
    {{ return(nexus_customer_io._cio_qualify_dedupe(from, keys, nullable, order_by, columns)) }}
{% endmacro %}

{% macro duckdb__cio_dedupe(from, keys, nullable, order_by, columns) %}
    {{ return(nexus_customer_io._cio_qualify_dedupe(from, keys, nullable, order_by, columns)) }}
{% endmacro %}

{% macro _cio_qualify_dedupe(from, keys, nullable, order_by, columns) %}
    {%- set sql -%}
    select {{ nexus_customer_io._cio_column_list(columns, 8) }}
    from {{ from }}
    {%- if nullable %}
    where {{ nullable }} is not null
    {%- endif %}
    qualify row_number() over (partition by {{ keys | join(', ') }} order by {{ order_by }}) = 1
    {%- endset -%}
    {{ return((nexus_customer_io._cio_dedupe_nulls(from, nullable, columns) if nullable else '') ~ sql | trim) }}
{% endmacro %}


{#- The dedupe as a map: every row of `from` with the row it lost to, as
    _cio_winner (its own _cio_row_id when it won). Same order and null rule as
    _cio_dedupe: rows whose `partition_by` is null win alone and skip the
    window. `where` restricts the rows that compete (for example the winners of
    an earlier stage). Portable SQL, one form for every adapter. -#}
{% macro _cio_dedupe_winner(from, partition_by, order_by, columns, where=none) %}
    {%- set cols = columns | join(', ') -%}
    {%- set scope = (where ~ ' and ') if where else '' -%}
    {%- set sql %}
    select {{ cols }}, _cio_row_id as _cio_winner
    from {{ from }}
    where {{ scope }}{{ partition_by }} is null
    union all
    select
        {{ cols }},
        first_value(_cio_row_id) over (partition by {{ partition_by }} order by {{ order_by }}) as _cio_winner
    from {{ from }}
    where {{ scope }}{{ partition_by }} is not null
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- Valid SQL with the special columns and no rows: what a model renders at
    parse time, or under compile before its input exists. -#}
{% macro _cio_placeholder(columns) %}
    {%- set selects = [] -%}
    {%- for name, type in columns -%}
        {%- do selects.append("cast(null as " ~ type ~ ") as " ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {{ return("select * from (select " ~ selects | join(", ") ~ ") as _cio_placeholder where 1 = 0") }}
{% endmacro %}


{#- A ULID: 26 characters of Crockford base32, a 48-bit time in milliseconds
    then 80 bits, made deterministically so that the same inputs give the same
    ULID on every adapter and every run: the time from a timestamp (whole
    seconds; 0 when null or before 1970), the 80 bits from the first 20 hex
    digits of an md5. Customer.io's Track API drops an event whose ULID `id`
    it has already seen; whether reverse ETL passes messageId on as that id
    is unconfirmed (docs/sync.md). Two steps, so the compiled SQL stays
    readable: _cio_ulid_columns adds the parts to a CTE, _cio_ulid() joins
    them into the 26 characters. -#}
{% macro _cio_ulid_columns(timestamp, md5) %}
    {{ return("greatest(coalesce(" ~ nexus_customer_io._cio_epoch_seconds(timestamp) ~ ", 0), 0) * 1000 as _cio_ulid_time,\n        "
        ~ nexus_customer_io._cio_hex_to_int("substr(" ~ md5 ~ ", 1, 10)") ~ " as _cio_ulid_high,\n        "
        ~ nexus_customer_io._cio_hex_to_int("substr(" ~ md5 ~ ", 11, 10)") ~ " as _cio_ulid_low,\n        "
        ~ nexus_customer_io._cio_crockford() ~ " as _cio_crockford") }}
{% endmacro %}

{#- The 26 digits: 10 of the time, 8 of each 40-bit half of the 80 bits. -#}
{% macro _cio_ulid() %}
    {%- set digits = [] -%}
    {%- for column, count in [('_cio_ulid_time', 10), ('_cio_ulid_high', 8), ('_cio_ulid_low', 8)] -%}
        {%- for position in range(count - 1, -1, -1) -%}
            {%- do digits.append(nexus_customer_io._cio_crockford_digit(column, 5 * position)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('cio_join_digits', 'nexus_customer_io')(digits)) }}
{% endmacro %}

{#- Crockford's base32 alphabet, a constant column of the CTE. -#}
{% macro _cio_crockford() %}
    {{ return(adapter.dispatch('cio_crockford', 'nexus_customer_io')()) }}
{% endmacro %}
{% macro default__cio_crockford() %}{{ return("'0123456789ABCDEFGHJKMNPQRSTVWXYZ'") }}{% endmacro %}
{#- DuckDB: a list, indexed per digit: over ten million rows about half the
    cost of SUBSTR per digit and a third of TO_BASE with TRANSLATE. -#}
{% macro duckdb__cio_crockford() %}{{ return("['" ~ '0123456789ABCDEFGHJKMNPQRSTVWXYZ' | list | join("', '") ~ "']") }}{% endmacro %}

{#- The digit of bits shift..shift+4 of an integer column. -#}
{% macro _cio_crockford_digit(value, shift) %}
    {{ return(adapter.dispatch('cio_crockford_digit', 'nexus_customer_io')(value, shift)) }}
{% endmacro %}
{#- Integer arithmetic only: (x - x mod 2^shift) / 2^shift is exact on every
    adapter, where FLOOR(x / 2^shift) could round up on a decimal division. -#}
{% macro default__cio_crockford_digit(value, shift) %}
    {%- set part = value if shift == 0 else "cast((" ~ value ~ " - mod(" ~ value ~ ", " ~ 2 ** shift ~ ")) / " ~ 2 ** shift ~ " as bigint)" -%}
    {{ return("substr(_cio_crockford, cast(mod(" ~ part ~ ", 32) as integer) + 1, 1)") }}
{% endmacro %}
{% macro duckdb__cio_crockford_digit(value, shift) %}
    {{ return("_cio_crockford[((" ~ value ~ " >> " ~ shift ~ ") & 31) + 1]") }}
{% endmacro %}

{% macro default__cio_join_digits(digits) %}{{ return(digits | join("\n        || ")) }}{% endmacro %}
{% macro duckdb__cio_join_digits(digits) %}{{ return("array_to_string([\n        " ~ digits | join(",\n        ") ~ "\n    ], '')") }}{% endmacro %}

{#- Lower-case hex digits (up to 15) as an integer. -#}
{% macro _cio_hex_to_int(expr, digits=10) %}
    {{ return(adapter.dispatch('cio_hex_to_int', 'nexus_customer_io')(expr, digits)) }}
{% endmacro %}

{#- Snowflake and the default, digit by digit: TO_NUMBER(x, 'XXXXXXXXXX') is
    Snowflake's own form, but the fakesnow emulator does not run it. -#}
{% macro default__cio_hex_to_int(expr, digits) %}
    {%- set terms = [] -%}
    {%- for i in range(digits) -%}
        {%- do terms.append("(position(substr(" ~ expr ~ ", " ~ (i + 1) ~ ", 1) in '0123456789abcdef') - 1) * " ~ 16 ** (digits - 1 - i)) -%}
    {%- endfor -%}
    {{ return("(\n            " ~ terms | join(" +\n            ") ~ "\n        )") }}
{% endmacro %}

{% macro duckdb__cio_hex_to_int(expr, digits) %}
    {{ return("cast('0x' || " ~ expr ~ " as bigint)") }}
{% endmacro %}

{% macro postgres__cio_hex_to_int(expr, digits) %}
    {{ return("cast(cast('x' || lpad(" ~ expr ~ ", 16, '0') as bit(64)) as bigint)") }}
{% endmacro %}


{#- The md5 of an event and a person key: the key of an events row, and the
    80 bits of its messageId. -#}
{% macro _cio_message_key(event_id, person_key) %}
    {{ return(dbt.hash("cast(" ~ event_id ~ " as " ~ dbt.type_string() ~ ") || '|' || " ~ person_key)) }}
{% endmacro %}
