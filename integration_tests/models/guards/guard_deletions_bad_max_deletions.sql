{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_deletions(relationships=ref('cio_relationships_locations'), max_deletions={'share': 20}) }}
