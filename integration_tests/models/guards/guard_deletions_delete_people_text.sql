{#- A text where a boolean belongs. -#}
{{ nexus_customer_io.customer_io_deletions(people=ref('cio_identify_default'), delete_people='true') }}
