{#- Anonymous people: matched to the people table on anonymousId. -#}
{{ nexus_customer_io.customer_io_events(
    anonymous_id_column='anon_id',
    persons=ref('cio_identify_anonymous'),
    include_properties=['event_type', 'source']
) }}
