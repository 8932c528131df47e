{#- Incremental strategy and tmp relation type: see dbt_project.yml (models/simulation). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
          meta={'customer_io': {'sync_type': 'track'}}) }}
{{ nexus_customer_io.customer_io_deletions(people=ref('sim_persons'), relationships=ref('sim_relationships'), delete_people=true,
                                           objects=ref('sim_objects')) }}
