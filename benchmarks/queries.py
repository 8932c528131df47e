"""The SQL our macros are timed against, on the same generated data.

floor     - a `create table as` of the same output rows and columns with no
            dedupe, ranking or person matching: the cost of reading the input
            and writing the output.
upstream  - the upstream dbt-nexus way, ported to DuckDB as faithfully as we
            could: the `nexus.customer_io_identify` macro's SQL (QUALIFY on
            lower(trim(email)), every column a trait) and the upstream docs'
            hand-written events model (five CTEs joining on the exact email).
            The upstream docs give no SQL for objects and relationships; those
            two are the hand-written shape such docs lead to (a filtered select;
            window ranks and OBJECT_CONSTRUCT -> json_object), written by us.
Snowflake functions are replaced by their DuckDB equivalents
(TO_TIMESTAMP_NTZ -> cast as timestamp, OBJECT_CONSTRUCT -> json_object).
"""
from __future__ import annotations

SYSTEM = {"entity_id", "entity_type", "traits_entity_id", "_processed_at"}


def _trait_select(columns: dict[str, str], exclude: set[str], renames: dict[str, str]) -> str:
    parts = []
    for name, dtype in columns.items():
        if name in exclude:
            continue
        expr = f'cast("{name}" as timestamp)' if dtype.startswith("TIMESTAMP") else f'"{name}"'
        parts.append(f'{expr} as "{renames.get(name, name)}"')
    return ",\n        ".join(parts)


def upstream_identify(entity_columns: dict[str, str]) -> str:
    traits = _trait_select(entity_columns, SYSTEM | {"user_id"}, {"_created_at": "created_at"})
    return f"""
with base_entities as (
    select
        user_id as "userId",
        cast(_updated_at as timestamp) as "timestamp",
        {traits}
    from nexus_entities
    where entity_type = 'person'
      and (user_id is not null)
)
select * from base_entities
qualify row_number() over (partition by lower(trim("email")) order by "timestamp" desc nulls last) = 1
"""


def upstream_events(persons_table: str) -> str:
    return f"""
with customer_io_person_ids as (
    select "userId" as email from {persons_table}
),
source_events as (
    select e.event_id, e.occurred_at, e.event_name, e.event_type, e.event_description, e.significance, e.source
    from nexus_events e
),
person_participants as (
    select event_id, entity_id as person_entity_id
    from nexus_entity_participants
    where entity_type = 'person'
),
persons as (
    select e.entity_id, e.email
    from nexus_entities e
    inner join customer_io_person_ids cip on e.email = cip.email
    where e.entity_type = 'person'
),
events_with_person as (
    select se.*, p.email
    from source_events se
    inner join person_participants pp on se.event_id = pp.event_id
    inner join persons p on pp.person_entity_id = p.entity_id
    where p.email is not null
)
select
    email as "userId",
    cast(occurred_at as timestamp) as "timestamp",
    event_name as "event",
    event_id as "event_id",
    event_description as "event_description",
    event_type as "event_type",
    significance as "significance",
    source as "event_data_source"
from events_with_person
"""


def upstream_objects() -> str:
    return """
select
    location_id as "groupId",
    '1' as "objectTypeId",
    cast(_updated_at as timestamp) as "timestamp",
    location_name as "location_name",
    city as "city",
    cast(_created_at as timestamp) as "created_at"
from nexus_entities
where entity_type = 'group'
  and location_id is not null
"""


def upstream_relationships() -> str:
    return """
with memberships as (
    select r.entity_a_id as person_entity_id, r.entity_b_id as location_entity_id,
           r.established_at, r.last_updated_at, r._updated_at
    from nexus_relationships r
    where r.relationship_type = 'membership' and r.is_active
      and r.entity_a_type = 'person' and r.entity_b_type = 'group'
),
ranked as (
    select m.*, p.user_id, l.location_id, l.location_name,
        row_number() over (partition by m.person_entity_id order by m.last_updated_at desc) as recency_rank,
        row_number() over (partition by m.person_entity_id order by m.established_at asc) as first_rank,
        count(*) over (partition by m.person_entity_id) as location_count
    from memberships m
    inner join nexus_entities p on p.entity_id = m.person_entity_id
    inner join nexus_entities l on l.entity_id = m.location_entity_id
    where p.user_id is not null and l.location_id is not null
)
select
    location_id as "groupId",
    '1' as "objectTypeId",
    user_id as "userId",
    cast(_updated_at as timestamp) as "timestamp",
    json_object(
        'is_primary_location', recency_rank = 1,
        'is_most_recent_location', recency_rank = 1,
        'is_first_location', first_rank = 1,
        'has_multiple_locations', location_count > 1,
        'location_count', location_count,
        'first_interaction_at', established_at,
        'last_interaction_at', last_updated_at,
        'location_name', location_name
    ) as "relationshipAttributes"
from ranked
"""


def floor_identify(output_columns: list[str]) -> str:
    traits = [c for c in output_columns if c not in ("userId", "timestamp") and not c.startswith("_cio_")]
    renames = {"created_at": "_created_at"}
    select = ",\n    ".join(f'"{renames.get(c, c)}" as "{c}"' for c in traits)
    # the person map's own column (the entity id) is part of the output too
    return f"""
select
    user_id as "userId",
    _updated_at as "timestamp",
    {select},
    entity_id as "_cio_entity_id"
from nexus_entities
where entity_type = 'person' and user_id is not null
"""


def floor_events(output_columns: list[str]) -> str:
    props = [c for c in output_columns if c not in ("userId", "timestamp", "event", "messageId", "event_id")]
    renames = {"event_data_source": "source"}
    select = ",\n    ".join(f'e."{renames.get(c, c)}" as "{c}"' for c in props)
    return f"""
select
    p.email as "userId",
    e.occurred_at as "timestamp",
    e.event_name as "event",
    e.event_id as "event_id",
    {select}
from nexus_events e
inner join nexus_entity_participants ep on ep.event_id = e.event_id
inner join nexus_entities p on p.entity_id = ep.entity_id
where p.entity_type = 'person' and p.email is not null
"""


def floor_objects(output_columns: list[str]) -> str:
    traits = [c for c in output_columns if c not in ("groupId", "objectTypeId", "timestamp")]
    renames = {"created_at": "_created_at"}
    select = ",\n    ".join(f'"{renames.get(c, c)}" as "{c}"' for c in traits)
    return f"""
select
    location_id as "groupId",
    '1' as "objectTypeId",
    _updated_at as "timestamp",
    {select}
from nexus_entities
where entity_type = 'group' and location_id is not null
"""


def floor_relationships() -> str:
    return """
select
    l.location_id as "groupId",
    '1' as "objectTypeId",
    p.user_id as "userId",
    r._updated_at as "timestamp",
    json_object('first_interaction_at', r.established_at, 'last_interaction_at', r.last_updated_at,
                'location_name', l.location_name) as "relationshipAttributes"
from nexus_relationships r
inner join nexus_entities p on p.entity_id = r.entity_a_id
inner join nexus_entities l on l.entity_id = r.entity_b_id
where r.relationship_type = 'membership' and r.is_active
  and p.user_id is not null and l.location_id is not null
"""


def read_floors() -> dict[str, str]:
    """Per tracked model that reads every row (no watermark): one query that reads each value
    such a run compares once, from its inputs and its own table, and computes nothing else
    (a max per column). What a run of it costs at least, whatever changed."""
    return {
        "bench_persons_tracked": """
select *
from (select max(columns(*)) from nexus_entities where entity_type = 'person') as _inputs,
     (select max(columns(*)) from bench_persons_tracked) as _held
""",
        "bench_memberships_tracked": """
select *
from (select max(columns(*)) from nexus_relationships where relationship_type = 'membership') as _inputs,
     (select max(entity_id), max(entity_type), max(user_id), max(location_id), max(location_name)
      from nexus_entities) as _entities,
     (select max(columns(*)) from bench_memberships_tracked) as _held
""",
    }


def events_run_floor(compiled_incremental: str) -> str:
    """The least an events run after 1 % new events pays without a participants watermark
    (dbt-nexus stamps none outside its own incremental mode), over the SQL the incremental
    run compiled: the events in scope found as the run finds them (`_cio_scope`: every
    participant joined to its person and compared with the table's people, and the events
    since the watermark), then their rows read from the events, the participants and the
    table (every column, a max per column, as read_floors reads) — and nothing computed on
    them: no dedupe, messageId, row hash or write."""
    if "_cio_scope as (" not in compiled_incremental:
        raise ValueError("events_run_floor needs the SQL of an incremental run of bench_events_tracked "
                         "(one with _cio_scope); this is a full build's")
    cut = compiled_incremental.index("_cio_event_rows as (")
    ctes = compiled_incremental[:cut].rstrip().rstrip(",")
    scoped = "where event_id in (select _cio_event_id from _cio_scope)"
    return f"""{ctes}
select *
from (select max(columns(*)) from nexus_events {scoped}) as _events,
     (select max(columns(*)) from nexus_entity_participants {scoped}) as _participants,
     (select max(columns(*)) from bench_events_tracked {scoped}) as _held
"""
