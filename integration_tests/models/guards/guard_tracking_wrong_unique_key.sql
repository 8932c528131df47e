{{ config(materialized='incremental', unique_key='userId', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_identify() }}
