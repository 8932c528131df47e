{#- The fixture of Customer.io's export (tests/cio_export_fixture.py) as a
    project loads the parquet files: each text seed column cast to the type
    the file has ('int', 'timestamp', 'boolean'; text otherwise), blank as
    null. -#}
{% macro cio_export_table(seed, types) %}
    {%- set cols = adapter.get_columns_in_relation(ref(seed)) if execute else [] -%}
    {%- set dbt_types = {'int': dbt.type_int(), 'timestamp': dbt.type_timestamp(), 'boolean': dbt.type_boolean()} -%}
select
    {%- for col in cols %}
    {%- set value = "nullif(trim(" ~ adapter.quote(col.name) ~ "), '')" %}
    cast({{ value }} as {{ dbt_types.get(types.get(col.name | lower), dbt.type_string()) }}) as {{ col.name | lower }}{{ ',' if not loop.last }}
    {%- endfor %}
    {%- if not cols %} cast(null as {{ dbt.type_string() }}) as placeholder{% endif %}
from {{ ref(seed) }}
{% endmacro %}
