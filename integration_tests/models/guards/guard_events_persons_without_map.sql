{#- A people table not built by customer_io_identify (no person map). -#}
{{ nexus_customer_io.customer_io_events(persons=ref('bad_people')) }}
