-- Locations as Customer.io objects (object type 1 in the workspace).
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='location_id') }}
