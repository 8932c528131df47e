{#- Incremental strategy and tmp relation type: see dbt_project.yml (models/simulation). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
          meta={'customer_io': {'sync_type': 'relationship'}}) }}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    object_attributes=['city'],
    relationships=source('sim', 'simsrc_relationships'),
    entities=source('sim', 'simsrc_groups'),
    persons=ref('sim_persons')
) }}
