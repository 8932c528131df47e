{#- A people model passed as `relationships`. -#}
{{ nexus_customer_io.customer_io_deletions(relationships=ref('cio_identify_default')) }}
