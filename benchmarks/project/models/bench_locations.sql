{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='location_id', entities=source('nexus', 'nexus_entities')) }}
