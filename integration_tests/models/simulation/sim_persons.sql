{#- Incremental strategy and tmp relation type: see dbt_project.yml (models/simulation). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
          meta={'customer_io': {'sync_type': 'identify'}}) }}
{{ nexus_customer_io.customer_io_identify(entities=source('sim', 'simsrc_entities')) }}
