{#- A group trait named in include_traits of a people model: null on every person. -#}
{{ nexus_customer_io.customer_io_identify(include_traits=['email', 'location_name']) }}
