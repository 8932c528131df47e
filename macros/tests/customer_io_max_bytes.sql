{#- Generic test: rows whose value is longer than `max_bytes` UTF-8 bytes.
    Customer.io drops or rejects values over its limits (event name 100 bytes,
    ids and attribute names 150, attribute values 1000). -#}
{% test customer_io_max_bytes(model, column_name, max_bytes) %}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_whole_number('customer_io_max_bytes', 'max_bytes', max_bytes, 1) -%}
    {%- endif -%}
    {%- set bytes = nexus_customer_io._cio_byte_length(column_name) -%}
select
    {{ column_name }} as value,
    {{ bytes }} as bytes
from {{ model }}
where {{ bytes }} > {{ max_bytes | int }}
{% endtest %}


{% macro _cio_byte_length(expr) %}
    {{ return(adapter.dispatch('cio_byte_length', 'nexus_customer_io')(expr)) }}
{% endmacro %}

{% macro default__cio_byte_length(expr) %}
    {{ return("octet_length(" ~ expr ~ ")") }}
{% endmacro %}

{#- DuckDB: octet_length takes blobs only; strlen counts bytes. -#}
{% macro duckdb__cio_byte_length(expr) %}
    {{ return("strlen(" ~ expr ~ ")") }}
{% endmacro %}

{#- Snowflake: OCTET_LENGTH of the UTF-8 binary; the fakesnow emulator has no
    OCTET_LENGTH for strings. -#}
{% macro snowflake__cio_byte_length(expr) %}
    {{ return("octet_length(to_binary(" ~ expr ~ ", 'UTF-8'))") }}
{% endmacro %}
