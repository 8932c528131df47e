{#- People keyed on an id column with the email dedupe (cio_identify_default):
    the events of every entity merged into a person reach that person under
    its own "userId" (the person map), e.g. Ann@Example.com's (u_ann) under
    u_ann2, and a person in one event twice, as two merged entities, is one row. -#}
{{ nexus_customer_io.customer_io_events(persons=ref('cio_identify_default')) }}
