{#- A text where a boolean belongs: 'false' is truthy in Jinja. -#}
{{ nexus_customer_io.customer_io_identify(sync_unsubscribed='false') }}
