{#- The integration project's own test, so plain `dbt build --target duckdb`
    checks what pytest checks: the model's rows equal expected/<model>.csv.

    Both sides are turned into the text form the CSVs are written in
    (tests/helpers.py, canon): null is empty, an empty text is <empty>,
    timestamps 'YYYY-MM-DD HH:MM:SS[.ffffff]' with trailing zeros dropped,
    whole numbers without a decimal point, JSON objects with sorted keys.
    It fails with one row per row found on one side only, and with one row
    naming the columns when the column lists differ.

    DuckDB only (it reads the CSV with read_csv): on the other targets pytest
    compares the rows, and the test is disabled there. -#}
{% test expected_rows(model) %}
{{ config(enabled=(target.type == 'duckdb'), tags=['expected_rows']) }}
{%- set path = 'expected/' ~ model.identifier ~ '.csv' -%}
{%- if not execute -%}
select 1 as nothing where false
{%- else -%}
{%- set got = adapter.get_columns_in_relation(model) -%}
{%- set header = run_query("select * from read_csv('" ~ path ~ "', all_varchar = true, header = true) limit 0").column_names -%}
{%- set got_names = got | map(attribute='name') | list -%}
{%- if got_names != header | list %}
select 'columns differ: expected {{ header | join(", ") }}; found {{ got_names | join(", ") }}' as difference
{%- else %}
with expected as (
    select
    {%- for name in header %}
        {{ _expected_canon_text(adapter.quote(name)) }} as {{ adapter.quote(name) }}{{ "," if not loop.last }}
    {%- endfor %}
    from read_csv('{{ path }}', all_varchar = true, header = true)
),

found as (
    select
    {%- for column in got %}
        {{ _expected_canon(column) }} as {{ adapter.quote(column.name) }}{{ "," if not loop.last }}
    {%- endfor %}
    from {{ model }}
),

expected_only as (
    select * from expected
    except all
    select * from found
),

found_only as (
    select * from found
    except all
    select * from expected
)

select 'expected, not found' as difference, * from expected_only
union all
select 'found, not expected' as difference, * from found_only
{%- endif -%}
{%- endif -%}
{% endtest %}


{#- A built column in the CSVs' text form, by its type. -#}
{% macro _expected_canon(column) %}
{%- set c = adapter.quote(column.name) -%}
{%- set type = column.data_type | lower -%}
{%- if type.startswith('timestamp') and 'time zone' not in type -%}
coalesce(regexp_replace(regexp_replace(strftime({{ c }}, '%Y-%m-%d %H:%M:%S.%f'), '0+$', ''), '\.$', ''), '')
{%- elif type in ('double', 'float', 'real') or type.startswith('decimal') or type.startswith('numeric') -%}
coalesce(case when {{ c }} = trunc({{ c }}) then cast(cast({{ c }} as hugeint) as varchar) else cast(cast({{ c }} as double) as varchar) end, '')
{%- elif type in ('varchar', 'text', 'json') or type.startswith('varchar') -%}
{{ _expected_canon_text(c) }}
{%- else -%}
coalesce(cast({{ c }} as varchar), '')
{%- endif -%}
{% endmacro %}


{#- Text: null is empty, empty is <empty>, a JSON object gets sorted keys. -#}
{% macro _expected_canon_text(c) %}
{%- set v = 'cast(' ~ c ~ ' as varchar)' -%}
case
        when {{ v }} is null then ''
        when {{ v }} = '' then '<empty>'
        when left({{ v }}, 1) = '{' and json_valid({{ v }}) then
            '{' || array_to_string(list_transform(list_sort(json_keys({{ v }})),
                lambda k: to_json(k)::varchar || ': ' || json_extract({{ v }}, '$."' || k || '"')::varchar), ', ') || '}'
        else {{ v }}
    end
{%- endmacro %}
