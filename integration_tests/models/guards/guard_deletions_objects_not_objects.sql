{{ nexus_customer_io.customer_io_deletions(objects=ref('cio_relationships_locations')) }}
