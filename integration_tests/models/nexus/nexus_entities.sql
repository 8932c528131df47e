{#- nexus_entities as dbt-nexus v0.13 builds it: traits are text, timestamps
    typed. Adds one zone-aware trait and one mixed-case quoted column. -#}
select
    entity_id,
    entity_type,
    {{ decode_cell('email') }} as email,
    first_name,
    {{ decode_cell('user_id') }} as user_id,
    anon_id,
    signed_up_at,
    cast(last_seen_tz as {{ tz_timestamp_type() }}) as last_seen_tz,
    plan,
    unsubscribed,
    api_token,
    favorite_color as {{ adapter.quote('FavoriteColor') }},
    {{ decode_cell('location_id') }} as location_id,
    location_name,
    entity_id as traits_entity_id,
    cast(_processed_at as {{ tz_timestamp_type() }}) as _processed_at,
    cast(_updated_at as {{ dbt.type_timestamp() }}) as _updated_at,
    cast(_created_at as {{ dbt.type_timestamp() }}) as _created_at,
    cast(_last_merged_at as {{ dbt.type_timestamp() }}) as _last_merged_at,
    cast(last_interaction_at as {{ dbt.type_timestamp() }}) as last_interaction_at,
    cast(first_interaction_at as {{ dbt.type_timestamp() }}) as first_interaction_at
from {{ ref('nexus_entities_seed') }}
