{#- Anonymous people: the people model has "anonymousId", so the events carry
    it too; people without a userId are reached on their anonymousId. -#}
{{ nexus_customer_io.customer_io_events(
    persons=ref('cio_identify_anonymous'),
    include_properties=['event_type', 'source']
) }}
