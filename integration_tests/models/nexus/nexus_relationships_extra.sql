{#- nexus_relationships with a column no relationship has a value in, for a
    guard model (warn_relationships_person_attribute). -#}
select
    relationship_id,
    entity_a_id,
    entity_a_type,
    entity_a_role,
    entity_b_id,
    entity_b_type,
    entity_b_role,
    relationship_type,
    relationship_direction,
    is_active,
    established_at,
    last_updated_at,
    primary_source,
    _processed_at,
    _updated_at,
    _created_at,
    membership_tier,
    cast(null as {{ dbt.type_string() }}) as coach
from {{ ref('nexus_relationships') }}
