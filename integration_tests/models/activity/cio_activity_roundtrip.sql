{#- The round trip: people the identify sync sent to Customer.io, their
    message activity read back (the customer_io_activity source over the
    export fixture), and the nexus person each event lands on. It stands in
    for dbt-nexus's identity resolution, which the tests do not run:
    identifiers match by type and value as written (user_id, email), the
    matched entities go to their person through the people model's person
    map, as the events sync reads it. One row per event and person. -#}
{%- set persons = ref('cio_identify_default') %}
{%- set entities = ref('nexus_entities') %}
{%- set identifiers = ref('customer_io_activity_entity_identifiers') %}
{%- set events = ref('customer_io_activity_events') %}
{%- set info = nexus_customer_io._cio_persons_columns(persons, 'cio_activity_roundtrip')
    if execute else {'exists': false} %}
{%- if not info.exists %}
select cast(null as {{ dbt.type_string() }}) as event_id, cast(null as {{ dbt.type_string() }}) as event_name,
    cast(null as {{ dbt.type_string() }}) as entity_id, cast(null as {{ dbt.type_string() }}) as {{ adapter.quote('userId') }}
from {{ events }} where 1 = 0
{%- else %}
    with nexus_identifiers as (
        select
            entity_id,
            'user_id' as identifier_type,
            trim(user_id) as identifier_value
        from {{ entities }}
        where entity_type = 'person' and trim(user_id) <> ''
        union all
        select
            entity_id,
            'email' as identifier_type,
            trim(email) as identifier_value
        from {{ entities }}
        where entity_type = 'person' and trim(email) <> ''
    ),

    matched as (
        select distinct
            activity.event_id,
            nexus_identifiers.entity_id
        from {{ identifiers }} as activity
        inner join nexus_identifiers
            on
                activity.identifier_type = nexus_identifiers.identifier_type
                and activity.identifier_value = nexus_identifiers.identifier_value
    ),

    person_map as (
        {{ nexus_customer_io._cio_person_map(persons, info, false, user_id_only=true) }}
    )

    select distinct
        events.event_id,
        events.event_name,
        matched.entity_id,
        person_map._cio_user_id as {{ adapter.quote('userId') }}
    from {{ events }} as events
    inner join matched
        on events.event_id = matched.event_id
    inner join person_map
        on matched.entity_id = person_map._cio_entity_id
{%- endif %}
