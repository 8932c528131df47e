{#- Neither relationships nor delete_people: nothing to delete. -#}
{{ nexus_customer_io.customer_io_deletions() }}
