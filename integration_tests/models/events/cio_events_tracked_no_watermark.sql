{#- Change-tracked events over a dbt-nexus without `_ingested_at`: every run
    is a full recompute (logged), which writes only the rows that changed;
    the rows are cio_events_default's (tests/test_events.py). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
    incremental_strategy=('merge' if target.type == 'bigquery' else 'delete+insert'),
    tmp_relation_type='transient') }}
{{ nexus_customer_io.customer_io_events(events=ref('nexus_events_before_ingested_at')) }}
