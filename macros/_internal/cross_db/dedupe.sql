{#- Adapter shims: The one dedupe: QUALIFY where the warehouse has it, a ranked subquery elsewhere.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

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
