{#- The mass-deletion guard's scenario (tests/test_removal_guard.py). Incremental
    strategy and tmp relation type: see dbt_project.yml (models/simulation). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_identify(entities=source('rm', 'rmsrc_entities')) }}
