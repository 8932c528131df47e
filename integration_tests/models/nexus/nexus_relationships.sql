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
    cast(is_active as boolean) as is_active,
    cast(established_at as {{ dbt.type_timestamp() }}) as established_at,
    cast(last_updated_at as {{ dbt.type_timestamp() }}) as last_updated_at,
    primary_source,
    cast(_processed_at as {{ tz_timestamp_type() }}) as _processed_at,
    cast(_updated_at as {{ dbt.type_timestamp() }}) as _updated_at,
    cast(_created_at as {{ dbt.type_timestamp() }}) as _created_at,
    membership_tier
from {{ ref('nexus_relationships_seed') }}
