{#- Small SQL builders shared by all four sync macros; the adapter-specific
    ones are in cross_db/. -#}

{#- The key two identifiers are matched on: values with an @ compare
    case-insensitively (Customer.io treats email so), others exactly. Takes a
    cleaned identifier (see _cio_clean_id). -#}
{% macro _cio_match_key(expr) -%}
    case when {{ expr }} like '%@%' then lower({{ expr }}) else {{ expr }} end
{%- endmacro %}


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


{#- A select list on one line, or one column a line (`indent` spaces) when
    that line would be long. -#}
{% macro _cio_column_list(columns, indent) %}
    {%- set line = columns | join(', ') -%}
    {{ return(line if line | length <= 100 else columns | join(',\n' ~ ' ' * indent)) }}
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
{% macro _cio_placeholder(columns) -%}
select * from (select
    {%- for name, type in columns %} cast(null as {{ type }}) as {{ adapter.quote(name) }}{{ ',' if not loop.last }}
    {%- endfor %}) as _cio_placeholder where 1 = 0
{%- endmacro %}


{#- The md5 of an event and a person key: the key of an events row, and the
    80 bits of its messageId. -#}
{% macro _cio_message_key(event_id, person_key) -%}
    {{ dbt.hash('cast(' ~ event_id ~ ' as ' ~ dbt.type_string() ~ ") || '|' || " ~ person_key) }}
{%- endmacro %}
