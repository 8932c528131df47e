{#- delete_people=true but no people model. -#}
{{ nexus_customer_io.customer_io_deletions(delete_people=true) }}
