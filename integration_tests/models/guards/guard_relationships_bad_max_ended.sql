{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id', max_ended='lots') }}
