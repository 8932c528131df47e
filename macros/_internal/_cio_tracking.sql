{#- Change tracking, shared by the four sync macros. Under
    materialized='incremental' a model gets three bookkeeping columns:
      _cio_key        the sync type's key (unique_key of the model);
      _cio_row_hash   a hash of the payload columns that are not null, by name,
                      so a column that appears (or an empty one that goes) does
                      not change rows where it is null;
      _cio_changed_at when this version of the row entered the table (UTC).
    A run writes only new keys and rows whose hash changed; unchanged rows are
    not rewritten and keep their _cio_changed_at. Sync queries filter on it.
    Table and view materializations get the payload alone. -#}

{% macro _cio_is_tracked() %}
    {{ return(config.get('materialized') == 'incremental') }}
{% endmacro %}


{% macro _cio_finalize(macro_name, sql, columns, key_expr) %}
    {%- if not nexus_customer_io._cio_is_tracked() -%}
        {{ return(sql) }}
    {%- endif -%}
    {%- if execute -%}
        {%- if config.get('unique_key') != '_cio_key' -%}
            {{ nexus_customer_io._cio_raise(macro_name, "an incremental Customer.io model needs unique_key='_cio_key' (the column the package adds), got unique_key=`" ~ config.get('unique_key') ~ "`. Fix: config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns').") }}
        {%- endif -%}
        {%- if config.get('on_schema_change') not in ['append_new_columns', 'sync_all_columns'] -%}
            {{ nexus_customer_io._cio_raise(macro_name, "an incremental Customer.io model needs on_schema_change='append_new_columns' or 'sync_all_columns', so that a trait that appears is added rather than silently ignored; got `" ~ config.get('on_schema_change') ~ "`.") }}
        {%- endif -%}
        {%- if is_incremental() -%}
            {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
            {%- if '_cio_row_hash' not in existing or '_cio_key' not in existing -%}
                {{ nexus_customer_io._cio_raise(macro_name, this ~ " exists but has no _cio_key / _cio_row_hash columns: it was built before change tracking was turned on. Rebuild it once with `dbt run --full-refresh --select " ~ this.identifier ~ "` (every row is then sent once more).") }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- set tracked -%}
with _cio_payload as (
{{ sql }}
),

_cio_versioned as (
    select
        _cio_payload.*,
        {{ key_expr }} as _cio_key,
        {{ nexus_customer_io._cio_row_hash(columns) }} as _cio_row_hash
    from _cio_payload
)

select
    _cio_versioned.*,
    {{ nexus_customer_io._cio_now() }} as _cio_changed_at
from _cio_versioned
{%- if is_incremental() %}
where not exists (
    select 1
    from {{ this }} as _cio_previous
    where _cio_previous._cio_key = _cio_versioned._cio_key
        and _cio_previous._cio_row_hash = _cio_versioned._cio_row_hash
)
{%- endif %}
    {%- endset -%}
    {{ return(tracked) }}
{% endmacro %}


{#- Hash of the non-null payload values, each as name=value. `||` rather than
    CONCAT_WS: Snowflake's CONCAT_WS returns null when any part is null. -#}
{% macro _cio_row_hash(columns) %}
    {%- set parts = [] -%}
    {%- for name in columns -%}
        {%- do parts.append("coalesce(" ~ nexus_customer_io._cio_string_literal(name ~ '=') ~ " || cast(" ~ adapter.quote(name) ~ " as " ~ dbt.type_string() ~ ") || chr(31), '')") -%}
    {%- endfor -%}
    {{ return(dbt.hash(parts | join(' || '))) }}
{% endmacro %}


{#- Warehouse time in UTC. The var nexus_customer_io_now (a UTC timestamp
    literal) pins it, for tests and for replaying a backfill. -#}
{% macro _cio_now() %}
    {%- set pinned = var('nexus_customer_io_now', none) -%}
    {%- if pinned is not none -%}
        {{ return("cast(" ~ nexus_customer_io._cio_string_literal(pinned) ~ " as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif -%}
    {{ return(nexus_customer_io._cio_to_utc('current_timestamp', 'tz')) }}
{% endmacro %}
