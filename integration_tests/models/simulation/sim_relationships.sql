{#- delete+insert: the fakesnow emulator cannot run dbt-snowflake's MERGE (it reads the unqualified
    insert values as ambiguous) nor a TEMPORARY table under a qualified name, hence a
    transient tmp relation. On real Snowflake the defaults (merge, temporary) work the same. -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns', incremental_strategy='delete+insert', tmp_relation_type='transient',
          meta={'customer_io': {'sync_type': 'relationship'}}) }}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    relationships=source('sim', 'simsrc_relationships'),
    entities=source('sim', 'simsrc_groups'),
    persons=ref('sim_persons')
) }}
