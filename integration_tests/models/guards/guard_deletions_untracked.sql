{#- A table-materialized relationships model has no memory of what ended; `people`
    without delete_people warns first. -#}
{{ nexus_customer_io.customer_io_deletions(relationships=ref('cio_relationships_locations'), people=ref('cio_identify_default')) }}
