{#- An empty allow-list sends identifiers only: allowed, but said. -#}
{{ nexus_customer_io.customer_io_identify(include_traits=[]) }}
