{#- Values that match nothing: an entity type in the wrong case. The model
    builds (empty) with a dbt warning listing the types there. -#}
{{ nexus_customer_io.customer_io_identify(entity_type='Person') }}
