{#- Incremental strategy and tmp relation type: see dbt_project.yml (models/simulation). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
          meta={'customer_io': {'sync_type': 'object'}}) }}
{{ nexus_customer_io.customer_io_objects(
    object_type_id=1,
    object_id_column='location_id',
    entities=source('sim', 'simsrc_groups')
) }}
