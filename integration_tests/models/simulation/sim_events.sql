{#- Incremental strategy and tmp relation type: see dbt_project.yml (models/simulation).
    A lookback shorter than the scenario, so that its incremental runs read only
    the events the watermark and the people comparison find. -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns',
          meta={'customer_io': {'sync_type': 'track'}}) }}
{{ nexus_customer_io.customer_io_events(
    events=source('sim', 'simsrc_events'),
    participants=source('sim', 'simsrc_participants'),
    entities=source('sim', 'simsrc_entities'),
    persons=ref('sim_persons'),
    watermark_lookback_minutes=10
) }}
