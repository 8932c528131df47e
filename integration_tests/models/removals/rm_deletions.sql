{#- The package's default max_deletions, unless the test raises it for one run
    (CIO_RM_MAX_DELETIONS, JSON; an environment variable keeps dbt's partial parse). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{%- set raised = env_var('CIO_RM_MAX_DELETIONS', '') %}
{%- if raised %}
{{ nexus_customer_io.customer_io_deletions(people=ref('rm_persons'), relationships=ref('rm_memberships'), delete_people=true,
                                           max_deletions=fromjson(raised)) }}
{%- else %}
{{ nexus_customer_io.customer_io_deletions(people=ref('rm_persons'), relationships=ref('rm_memberships'), delete_people=true) }}
{%- endif %}
