{#- Email as the id, only events of synced people (the people table keyed on
    email), measurements and dimensions joined as properties. user_id_column
    is ignored with persons, and says so in a warning. -#}
{{ nexus_customer_io.customer_io_events(
    user_id_column='email',
    persons=ref('cio_identify_options'),
    include_measurements=true,
    include_dimensions=true
) }}
