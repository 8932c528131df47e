{#- nexus_relationships with a column no relationship has a value in, for a
    guard model (warn_relationships_person_attribute). -#}
select
    nexus_relationships.*,
    cast(null as {{ dbt.type_string() }}) as coach
from {{ ref('nexus_relationships') }} as nexus_relationships
