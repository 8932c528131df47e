{#- 'timestamp' has no JSON form: relationshipAttributes takes 'unix' or 'iso8601'. -#}
{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id', trait_timestamp_format='timestamp') }}
