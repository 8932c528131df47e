{#- For tests: print one model's sync query between markers. -#}
{% macro print_sync_query(model, sync_type, overlap_minutes=15) %}
    {%- do print("CIO_QUERY_BEGIN") -%}
    {%- do print(nexus_customer_io.customer_io_sync_query(ref(model), sync_type, overlap_minutes)) -%}
    {%- do print("CIO_QUERY_END") -%}
{% endmacro %}
