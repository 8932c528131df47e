{{ nexus_customer_io.customer_io_objects(object_type_id='locations', object_id_column='location_id') }}
