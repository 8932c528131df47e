{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_identify(entities=source('nexus', 'nexus_entities'), timestamp_traits=['signed_up_at']) }}
