{{ nexus_customer_io.customer_io_identify(rename_traits={'plan': 'id'}) }}
