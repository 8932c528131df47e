{#- For tests: what an adapter without its own variant of a shim gets. -#}
{% macro call_unsupported_default() %}
    {%- do print(nexus_customer_io.default__cio_json_object([('a', '1')], false)) -%}
{% endmacro %}
