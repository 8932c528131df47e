{#- An identifier trait the relation does not have (the default ['email'] may be absent; a chosen name may not). -#}
{{ nexus_customer_io.customer_io_identify(identifier_traits=['e_mail']) }}
