{#- delete+insert: the fakesnow emulator cannot run dbt-snowflake's MERGE (it reads the unqualified
    insert values as ambiguous) nor a TEMPORARY table under a qualified name, hence a
    transient tmp relation. On real Snowflake the defaults (merge, temporary) work the same. -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns', incremental_strategy='delete+insert', tmp_relation_type='transient',
          meta={'customer_io': {'sync_type': 'track'}}) }}
{{ nexus_customer_io.customer_io_deletions(people=ref('sim_persons'), relationships=ref('sim_relationships'), delete_people=true) }}
