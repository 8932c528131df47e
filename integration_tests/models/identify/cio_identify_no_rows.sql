{#- Canary: a filter that keeps nothing still gives a valid, typed table. -#}
{{ nexus_customer_io.customer_io_identify(anonymous_id_column='anon_id', filters=['1 = 0']) }}
