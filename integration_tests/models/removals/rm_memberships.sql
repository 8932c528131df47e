{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    relationships=source('rm', 'rmsrc_relationships'),
    entities=source('rm', 'rmsrc_groups'),
    persons=ref('rm_persons')
) }}
