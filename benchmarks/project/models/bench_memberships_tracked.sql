{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id', object_name='location',
    object_attributes=['location_name'], relationships=source('nexus', 'nexus_relationships'), entities=source('nexus', 'nexus_entities')) }}
