{#- Customer.io accepts attribute names of at most 150 bytes. -#}
{{ nexus_customer_io.customer_io_identify(rename_traits={'plan': 'p' * 151}) }}
