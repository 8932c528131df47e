{#- The preview of several models in one dbt call (tests: every call the
    preview prints is checked against schemas/pipelines/). `models` maps each
    model to its sync type, or to none to read it from the model's meta. -#}
{% macro preview_models(models, limit=50) %}
    {%- for name, sync_type in models.items() -%}
        {%- do print('### preview of ' ~ name) -%}
        {%- do nexus_customer_io.customer_io_preview(model=name, limit=limit, sync_type=sync_type) -%}
    {%- endfor -%}
{% endmacro %}


{#- For tests: how the preview prints one timestamp (an ISO-8601 text, read
    as a zone-aware datetime when it has an offset). -#}
{% macro print_preview_value(value) %}
    {%- do print('preview value: ' ~ nexus_customer_io._cio_preview_value(modules.datetime.datetime.fromisoformat(value))) -%}
{% endmacro %}
