{#- sync_unsubscribed=true sends `unsubscribed` as a boolean: a column of names is not one. -#}
{{ nexus_customer_io.customer_io_identify(include_traits=['first_name'], rename_traits={'first_name': 'unsubscribed'},
                                          sync_unsubscribed=true) }}
