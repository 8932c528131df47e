{#- Event names, sources and roles as a user might type them: none matches. -#}
{{ nexus_customer_io.customer_io_events(
    event_names=['Payment Completed', 'payment completed'],
    sources=['Stripe'],
    participant_roles=['Patient']
) }}
