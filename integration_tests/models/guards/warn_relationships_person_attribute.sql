{#- A person trait named as an object attribute: null on every group, so never
    sent; a relationship column null on every membership, the same. -#}
{{ nexus_customer_io.customer_io_relationships(object_type_id=1, object_id_column='location_id',
                                               object_attributes=['location_name', 'first_name'],
                                               relationships=ref('nexus_relationships_extra'),
                                               relationship_attributes=['coach']) }}
