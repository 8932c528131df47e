{#- A people model with one person (cio_identify_in_cte): most participations
    have no person there, so the build warns (a dbt warning, not a log line). -#}
{{ nexus_customer_io.customer_io_events(persons=ref('cio_identify_in_cte'), include_properties=[]) }}
