{#- The full recompute of sim_objects (see sim_full_persons). -#}
{{ config(materialized='table') }}
{{ nexus_customer_io.customer_io_objects(
    object_type_id=1,
    object_id_column='location_id',
    entities=source('sim', 'simsrc_groups')
) }}
