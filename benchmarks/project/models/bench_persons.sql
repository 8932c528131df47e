{{ nexus_customer_io.customer_io_identify(entities=source('nexus', 'nexus_entities'), timestamp_traits=['signed_up_at']) }}
