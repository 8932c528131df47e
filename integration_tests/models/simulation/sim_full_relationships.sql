{#- The full recompute of sim_relationships (see sim_full_persons), from the
    same people table. -#}
{{ config(materialized='table') }}
{{ nexus_customer_io.customer_io_relationships(
    object_type_id=1,
    object_id_column='location_id',
    object_name='location',
    object_attributes=['city'],
    relationships=source('sim', 'simsrc_relationships'),
    entities=source('sim', 'simsrc_groups'),
    persons=ref('sim_persons')
) }}
