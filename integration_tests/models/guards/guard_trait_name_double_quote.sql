{#- A rename target with a double quote cannot be quoted. -#}
{{ nexus_customer_io.customer_io_identify(rename_traits={'plan': 'the "plan"'}) }}
