{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_events(user_id_column='email', persons=ref('bench_persons_email'),
    events=source('nexus', 'nexus_events'), participants=source('nexus', 'nexus_entity_participants'), entities=source('nexus', 'nexus_entities')) }}
