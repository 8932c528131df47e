{#- For tests: print one model's sync query between markers. -#}
{% macro print_sync_query(model, sync_type, settle_minutes=15, safety_margin_minutes=0, overlap_minutes=none, event=none) %}
    {%- do print("CIO_QUERY_BEGIN") -%}
    {%- do print(nexus_customer_io.customer_io_sync_query(ref(model), sync_type, settle_minutes, safety_margin_minutes, overlap_minutes, event)) -%}
    {%- do print("CIO_QUERY_END") -%}
{% endmacro %}
