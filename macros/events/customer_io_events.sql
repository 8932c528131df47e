{#- Events (track) sync: one row per event and person, "userId" /
    "anonymousId", "timestamp", "event", "messageId", then the event's
    properties. See customer_io_events.yml. -#}

{% macro customer_io_events(
    user_id_column=none,
    anonymous_id_column=none,
    event_name_column='event_name',
    rename_events={},
    event_names=none,
    sources=none,
    participant_roles=none,
    ignore_properties=[],
    rename_properties={'source': 'event_data_source'},
    include_properties=none,
    include_measurements=false,
    include_dimensions=false,
    persons=none,
    occurred_after=none,
    filters=[],
    events=none,
    participants=none,
    entities=none,
    measurements=none,
    dimensions=none,
    entity_type='person',
    timestamp_column='occurred_at',
    trait_timestamp_format='unix',
    allow_sensitive_properties=[],
    identifier_properties=['email'],
    watermark_column='_ingested_at',
    watermark_lookback_minutes=1440,
    send_customer_io_activity=none
) %}
    {#- ref() is called here, at parse time too, so dbt records the dependencies. -#}
    {%- set events = events if events is not none else ref('nexus_events') -%}
    {%- set participants = participants if participants is not none else ref('nexus_entity_participants') -%}
    {%- if persons is none -%}
        {%- set entities = entities if entities is not none else ref('nexus_entities') -%}
    {%- endif -%}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_booleans('customer_io_events',
            [('include_measurements', include_measurements), ('include_dimensions', include_dimensions)]) -%}
    {%- endif -%}
    {%- if include_measurements and measurements is none -%}
        {%- set measurements = ref('nexus_event_measurements') -%}
    {%- endif -%}
    {%- if include_dimensions and dimensions is none -%}
        {%- set dimensions = ref('nexus_event_dimensions') -%}
    {%- endif -%}
    {{ return(adapter.dispatch('customer_io_events', 'nexus_customer_io')(
        user_id_column=user_id_column,
        anonymous_id_column=anonymous_id_column,
        event_name_column=event_name_column,
        rename_events=rename_events,
        event_names=event_names,
        sources=sources,
        participant_roles=participant_roles,
        ignore_properties=ignore_properties,
        rename_properties=rename_properties,
        include_properties=include_properties,
        measurements=measurements if include_measurements else none,
        dimensions=dimensions if include_dimensions else none,
        persons=persons,
        occurred_after=occurred_after,
        filters=filters,
        events=events,
        participants=participants,
        entities=entities,
        entity_type=entity_type,
        timestamp_column=timestamp_column,
        trait_timestamp_format=trait_timestamp_format,
        allow_sensitive_properties=allow_sensitive_properties,
        identifier_properties=identifier_properties,
        watermark_column=watermark_column,
        watermark_lookback_minutes=watermark_lookback_minutes,
        send_customer_io_activity=send_customer_io_activity
    )) }}
{% endmacro %}


{% macro default__customer_io_events(
    user_id_column, anonymous_id_column, event_name_column, rename_events,
    event_names, sources, participant_roles, ignore_properties, rename_properties,
    include_properties, measurements, dimensions, persons, occurred_after, filters,
    events, participants, entities, entity_type, timestamp_column, trait_timestamp_format,
    allow_sensitive_properties, identifier_properties, watermark_column, watermark_lookback_minutes,
    send_customer_io_activity
) %}
{%- set m = 'customer_io_events' -%}
{%- set ready = namespace(ok=false) -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_arguments(m,
        booleans=[('send_customer_io_activity', send_customer_io_activity)]
            if send_customer_io_activity is not none else [],
        strings=[('entity_type', entity_type), ('event_name_column', event_name_column),
            ('timestamp_column', timestamp_column)],
        optional_strings=[('user_id_column', user_id_column), ('watermark_column', watermark_column)],
        lists=[('filters', filters)],
        optional_lists=[('event_names', event_names), ('sources', sources), ('participant_roles', participant_roles)],
        mappings=[('rename_events', rename_events)], timestamp_format=trait_timestamp_format) -%}
    {%- do nexus_customer_io._cio_check_person_columns(m, persons, user_id_column, anonymous_id_column) -%}
    {%- do nexus_customer_io._cio_check_whole_number(m, 'watermark_lookback_minutes', watermark_lookback_minutes, 0,
        unit=' of minutes') -%}
    {%- if occurred_after is not none -%}
        {%- do nexus_customer_io._cio_check_utc_text(m, 'argument `occurred_after`', occurred_after,
            'For a moving window use `filters`.') -%}
    {%- endif -%}
    {%- set ev = nexus_customer_io._cio_relation_columns(events, m, 'events') -%}
    {%- set pa = nexus_customer_io._cio_relation_columns(participants, m, 'participants') -%}
    {%- set en = nexus_customer_io._cio_relation_columns(entities, m, 'entities') if persons is none
        else {'exists': true} -%}
    {%- set me = nexus_customer_io._cio_relation_columns(measurements, m, 'measurements') if measurements is not none
        else {'exists': true, 'columns': []} -%}
    {%- set di = nexus_customer_io._cio_relation_columns(dimensions, m, 'dimensions') if dimensions is not none
        else {'exists': true, 'columns': []} -%}
    {%- set pe = nexus_customer_io._cio_persons_columns(persons, m) if persons is not none
        else {'exists': true, 'has_anonymous': false} -%}
    {%- set ready.ok = ev.exists and pa.exists and en.exists and me.exists and di.exists and pe.exists -%}
{%- endif -%}
{%- if not ready.ok -%}
{{ nexus_customer_io._cio_placeholder([('userId', dbt.type_string())]
    + ([('anonymousId', dbt.type_string())] if anonymous_id_column and persons is none else [])
    + [('timestamp', dbt.type_timestamp()), ('event', dbt.type_string()), ('messageId', dbt.type_string()),
        ('event_id', dbt.type_string())]) }}
{%- else -%}
{#- The steps below read the arguments and the inputs' columns from the plan. -#}
{%- set p = nexus_customer_io._cio_events_plan(dict(m=m, ev=ev, pa=pa, en=en, me=me, di=di, pe=pe,
    user_id_column=user_id_column, anonymous_id_column=anonymous_id_column, event_name_column=event_name_column,
    rename_events=rename_events, event_names=event_names, sources=sources, participant_roles=participant_roles,
    ignore_properties=ignore_properties, rename_properties=rename_properties, include_properties=include_properties,
    measurements=measurements, dimensions=dimensions, persons=persons, occurred_after=occurred_after,
    filters=filters, events=events, participants=participants, entities=entities, entity_type=entity_type,
    timestamp_column=timestamp_column, trait_timestamp_format=trait_timestamp_format,
    allow_sensitive_properties=allow_sensitive_properties, identifier_properties=identifier_properties,
    watermark_column=watermark_column, watermark_lookback_minutes=watermark_lookback_minutes,
    send_customer_io_activity=send_customer_io_activity)) -%}
{%- set inputs = nexus_customer_io._cio_events_inputs(p) -%}
{%- set rows = nexus_customer_io._cio_events_rows(p) -%}

{#- Full recompute or incremental run (logged either way); the definition
    is the SQL of a full recompute, so a change of the arguments, of the
    inputs' columns or of the package makes the next run a full one. -#}
{%- set definition = local_md5(inputs.full ~ rows.ctes | replace('__cio_scope__', '') ~ rows.select) -%}
{%- set plan = nexus_customer_io._cio_incremental_plan(m, p.ev_watermark, watermark_column, watermark_lookback_minutes,
    definition, (['include_measurements'] if measurements is not none else [])
        + (['include_dimensions'] if dimensions is not none else [])) -%}
{%- set scope_line -%}
    {%- if plan.narrow %}
    {{ 'and' if participant_roles is not none else 'where' }} _cio_p.{{ p.pa_event.quoted }} in (select _cio_event_id from _cio_scope)
    {%- endif -%}
{%- endset -%}
{%- set read = inputs.narrow if plan.narrow else inputs.full -%}
{%- set ctes = read ~ ',\n\n' ~ rows.ctes | replace('__cio_scope__', scope_line) -%}
{#- An incremental run does not count the participations left out: the
    count would read the participants a second time, and the full builds
    count them all. -#}
{%- if not plan.narrow -%}
    {%- do nexus_customer_io._cio_events_left_out(p, read) -%}
{%- endif -%}
{%- do nexus_customer_io._cio_events_input_checks(p) -%}

{{ nexus_customer_io._cio_finalize(m, rows.select | replace('__cio_definition__', definition), p.columns,
    nexus_customer_io._cio_message_key(adapter.quote('event_id'),
        nexus_customer_io._cio_person_key(adapter.quote('userId'),
            adapter.quote('anonymousId') if p.with_anonymous else none)),
    carried=p.carried, keyed=['messageId'], formats=nexus_customer_io._cio_trait_formats(p.props, trait_timestamp_format),
    ctes=ctes, scope={'key': 'event_id', 'cte': '_cio_scope', 'column': '_cio_event_id'} if plan.narrow else none) }}
{%- endif -%}
{% endmacro %}


{#- The column plan of an events model: the arguments and inputs (`a`) with
    the columns found in them, who the persons are, the properties and the
    payload's columns. Returns a dict; the steps below read it. -#}
{% macro _cio_events_plan(a) %}
{%- set m, ev, pa, en = a.m, a.ev, a.pa, a.en -%}
{%- set p = {} -%}
{%- do p.update(a) -%}
{%- set ev_id = nexus_customer_io._cio_find_column(ev.columns, 'event_id', m, 'events', a.events) -%}
{%- set ev_name = nexus_customer_io._cio_find_column(ev.columns, a.event_name_column, m, 'event_name_column', a.events) -%}
{%- set ev_ts = nexus_customer_io._cio_find_column(ev.columns, a.timestamp_column, m, 'timestamp_column', a.events) -%}
{%- do p.update({
    'ev_id': ev_id,
    'ev_name': ev_name,
    'ev_ts': ev_ts,
    'pa_event': nexus_customer_io._cio_find_column(pa.columns, 'event_id', m, 'participants', a.participants),
    'pa_entity': nexus_customer_io._cio_find_column(pa.columns, 'entity_id', m, 'participants', a.participants),
    'pa_role': nexus_customer_io._cio_find_column(pa.columns, 'role', m, 'participant_roles', a.participants)
        if a.participant_roles is not none else none,
    'pa_type': nexus_customer_io._cio_column_named(pa.columns, 'entity_type'),
    'en_id': none, 'en_type': none, 'user_col': none, 'anon_col': none, 'ev_source': none
}) -%}
{%- if a.persons is none -%}
    {%- do p.update({
        'en_id': nexus_customer_io._cio_find_column(en.columns, 'entity_id', m, 'entities', a.entities),
        'en_type': nexus_customer_io._cio_find_column(en.columns, 'entity_type', m, 'entities', a.entities)}) -%}
    {%- set user_col = nexus_customer_io._cio_find_column(en.columns, a.user_id_column or 'user_id', m, 'user_id_column',
        a.entities) -%}
    {%- set anon_col = nexus_customer_io._cio_find_column(en.columns, a.anonymous_id_column, m, 'anonymous_id_column',
        a.entities) if a.anonymous_id_column else none -%}
    {%- do p.update({'user_col': user_col, 'anon_col': anon_col, 'with_anonymous': anon_col is not none}) -%}
    {%- do nexus_customer_io._cio_check_id_column(m, 'user_id_column', user_col) -%}
    {%- do nexus_customer_io._cio_check_id_column(m, 'anonymous_id_column', anon_col) -%}
{%- else -%}
    {%- do p.update({'with_anonymous': a.pe.has_anonymous}) -%}
{%- endif -%}
{#- The watermark: found by name; the default missing (an older dbt-nexus)
    means every run reads every event, a name given and missing is an error. -#}
{%- set ev_watermark = none -%}
{%- if a.watermark_column is not none -%}
    {%- set ev_watermark = nexus_customer_io._cio_column_named(ev.columns, a.watermark_column) -%}
    {%- if not ev_watermark and a.watermark_column != '_ingested_at' -%}
        {%- set ev_watermark = nexus_customer_io._cio_find_column(ev.columns, a.watermark_column, m, 'watermark_column',
            a.events) -%}
    {%- endif -%}
{%- endif -%}
{%- if a.sources is not none -%}
    {%- do p.update({'ev_source': nexus_customer_io._cio_find_column(ev.columns, 'source', m, 'sources', a.events)}) -%}
{%- endif -%}
{%- set echo = nexus_customer_io._cio_events_echo(m, a.events, ev.columns, a.sources, a.send_customer_io_activity) -%}

{#- Properties: the event's own columns, then measurements and dimensions,
    each qualified by its alias, through the one trait-list builder. -#}
{%- set candidates = [] -%}
{%- for alias, cols in [('_cio_e', ev.columns), ('_cio_m', a.me.columns), ('_cio_d', a.di.columns)] -%}
    {%- for col in cols -%}
        {%- if alias == '_cio_e' or col.lname != 'event_id' -%}
            {%- set qualified = {} -%}
            {%- do qualified.update(col) -%}
            {%- do qualified.update({'quoted': alias ~ '.' ~ col.quoted}) -%}
            {%- do candidates.append(qualified) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor -%}
{%- set props = nexus_customer_io._cio_select_traits(
    m, a.events, candidates, noun='property',
    excluded=['event_id', ev_name.lname, ev_ts.lname, '_processed_at', '_ingested_at', 'source_table'],
    ignore=a.ignore_properties, rename=a.rename_properties, include=a.include_properties,
    allow_sensitive=a.allow_sensitive_properties, identifiers=a.identifier_properties
) -%}

{#- A change-tracked table keeps each row's event watermark and the
    definition it was built with (see _cio_incremental_plan). -#}
{%- set ingested = nexus_customer_io._cio_column_utc({'kind': ev_watermark.kind,
    'quoted': '_cio_e.' ~ ev_watermark.quoted}, parse_text=true) if ev_watermark else none -%}
{%- set tracked = nexus_customer_io._cio_is_tracked() -%}
{%- set role_ok -%}
    {%- if a.participant_roles is not none -%}
    _cio_p.{{ p.pa_role.quoted }} in ({{ nexus_customer_io._cio_literal_list(a.participant_roles) }})
    {%- endif -%}
{%- endset -%}
{%- do p.update({
    'ev_watermark': ev_watermark,
    'echo': echo,
    'props': props,
    'ingested': ingested,
    'tracked': tracked,
    'role_ok': role_ok,
    'event_filtered': a.event_names is not none or a.sources is not none or a.occurred_after is not none
        or a.filters or echo,
    'person_key': nexus_customer_io._cio_person_key('_cio_user_id',
        '_cio_anonymous_id' if p.with_anonymous else none),
    'person_cols': ['_cio_entity_id', '_cio_user_id'] + (['_cio_anonymous_id'] if p.with_anonymous else []),
    'columns': ['userId'] + (['anonymousId'] if p.with_anonymous else [])
        + ['timestamp', 'event', 'messageId', 'event_id'] + props | map(attribute='name') | list,
    'carried': (['_cio_ingested_at'] if ingested else []) + ['_cio_definition'] if tracked else []
}) -%}
{{ return(p) }}
{% endmacro %}


{#- The CTEs an events model reads its inputs with (plan `p`): `full`, every
    selected event, and `narrow`, the events of an incremental run (see
    _cio_incremental_plan): those ingested since the table's watermark (less
    the lookback), and those whose people differ from the ones the table
    holds (merges, re-pointed participants, new, re-keyed or removed people,
    a changed dedupe winner). People are compared by their match key, as the
    row hash compares them. Both end with the people CTEs. -#}
{% macro _cio_events_inputs(p) %}
{%- set event_conditions %}
    where 1 = 1
    {%- if p.event_names is not none %}
        and {{ p.ev_name.quoted }} in ({{ nexus_customer_io._cio_literal_list(p.event_names) }})
    {%- endif %}
    {%- if p.sources is not none %}
        and {{ p.ev_source.quoted }} in ({{ nexus_customer_io._cio_literal_list(p.sources) }})
    {%- endif %}
    {%- if p.occurred_after is not none %}
        and {{ nexus_customer_io._cio_column_utc(p.ev_ts, parse_text=true) }} >= cast({{
            nexus_customer_io._cio_string_literal(p.occurred_after) }} as {{ dbt.type_timestamp() }})
    {%- endif %}
    {%- for condition in p.filters %}
        and ({{ condition }})
    {%- endfor %}
    {%- if p.echo %}
        and {{ p.echo }}
    {%- endif %}
{%- endset -%}
{%- set people_ctes %}
-- Each person entity with its identifiers, once per entity, before the join
-- with the (much larger) participants: from the people model's person map
-- when `persons` is given, else from the entities' own columns.
_cio_people as (
    {%- if p.persons is not none %}
    {{ nexus_customer_io._cio_person_map(p.persons, p.pe, p.with_anonymous) }}
    {%- else %}
    {{ nexus_customer_io._cio_entity_ids(p.entities, p.en_id, p.en_type, p.entity_type,
        [('_cio_user_id', p.user_col)] + ([('_cio_anonymous_id', p.anon_col)] if p.anon_col else []), any_id=true) }}
    {%- endif %}
),

_cio_keyed as (
    select
        {{ p.person_cols | join(', ') }},
        {{ p.person_key }} as _cio_person_key
    from _cio_people
)
{%- endset -%}
{%- set full_ctes %}
_cio_event_rows as (
    select * from {{ p.events }}
    {{- event_conditions }}
),
{{ people_ctes }}
{%- endset -%}

{%- set identities = [] -%}
{%- for user, anonymous in [('_cio_k._cio_user_id', '_cio_k._cio_anonymous_id'),
        (adapter.quote('userId'), adapter.quote('anonymousId'))] -%}
    {%- set user_key = nexus_customer_io._cio_match_key(user) -%}
    {%- do identities.append("coalesce(" ~ user_key ~ ", '') || chr(31) || coalesce("
        ~ nexus_customer_io._cio_match_key(anonymous) ~ ", '')"
        if p.with_anonymous else user_key) -%}
{%- endfor -%}
{%- set narrow_ctes %}
{{ people_ctes }},
{%- if p.event_filtered %}

_cio_selected_events as (
    select * from {{ p.events }}
    {{- event_conditions }}
),
{%- endif %}

-- The people of every event now: a join, without the dedupe.
_cio_people_now as (
    select
        _cio_p.{{ p.pa_event.quoted }} as _cio_event_id,
        {{ identities[0] }} as _cio_identity
    from {{ p.participants }} as _cio_p
    {%- if p.event_filtered %}
    inner join _cio_selected_events as _cio_e
        on _cio_e.{{ p.ev_id.quoted }} = _cio_p.{{ p.pa_event.quoted }}
    {%- endif %}
    inner join _cio_keyed as _cio_k
        on _cio_k._cio_entity_id = _cio_p.{{ p.pa_entity.quoted }}
    {%- if p.participant_roles is not none %}
    where {{ p.role_ok }}
    {%- endif %}
),

-- The people of every event as the table holds them.
_cio_people_held as (
    select
        {{ adapter.quote('event_id') }} as _cio_event_id,
        {{ identities[1] }} as _cio_identity
    from {{ this }}
    where _cio_removed_at is null
),

-- The events to read: people added or gone (one full join finds both
-- sides' unmatched pairs), and events ingested since the watermark less
-- {{ p.watermark_lookback_minutes }} minutes (late, new or re-ingested).
_cio_scope as (
    select coalesce(_cio_n._cio_event_id, _cio_h._cio_event_id) as _cio_event_id
    from _cio_people_now as _cio_n
    full outer join _cio_people_held as _cio_h
        on _cio_h._cio_event_id = _cio_n._cio_event_id
        and _cio_h._cio_identity = _cio_n._cio_identity
    where _cio_n._cio_event_id is null or _cio_h._cio_event_id is null
    union all
    select _cio_e.{{ p.ev_id.quoted }}
    from {{ p.events }} as _cio_e
    where {{ p.ingested }} >= (select max(_cio_ingested_at) from {{ this }}) - {{
            nexus_customer_io._cio_minutes(p.watermark_lookback_minutes) }}
        or {{ p.ingested }} is null
),

_cio_event_rows as (
    select * from {{ '_cio_selected_events' if p.event_filtered else p.events }}
    where {{ p.ev_id.quoted }} in (select _cio_event_id from _cio_scope)
)
{%- endset -%}
{{ return({'full': full_ctes, 'narrow': narrow_ctes}) }}
{% endmacro %}


{#- The rows of an events model (plan `p`), over _cio_event_rows and
    _cio_keyed: `ctes`, one row per event and person with its "messageId"
    digits, and `select`, the payload's columns. `__cio_scope__` in `ctes`
    stands for an incremental run's scope condition on the participants,
    `__cio_definition__` in `select` for the definition's hash. -#}
{% macro _cio_events_rows(p) %}
{%- set uid, aid = adapter.quote('userId'), adapter.quote('anonymousId') -%}
{%- set event_expr -%}
    {%- if p.rename_events -%}
    case _cio_e.{{ p.ev_name.quoted }}
        {%- for old, new in p.rename_events.items() %}
        when {{ nexus_customer_io._cio_string_literal(old) }} then {{ nexus_customer_io._cio_string_literal(new) }}
        {%- endfor %}
        else _cio_e.{{ p.ev_name.quoted }}
    end
    {%- else -%}
    _cio_e.{{ p.ev_name.quoted }}
    {%- endif -%}
{%- endset -%}
{%- set carried_values = {'_cio_ingested_at': '_cio_ingested_at', '_cio_definition': "'__cio_definition__'"} -%}
{%- set body_ctes %}
_cio_participations as (
    select _cio_p.{{ p.pa_event.quoted }} as _cio_event_id, _cio_k.*
    from {{ p.participants }} as _cio_p
    inner join _cio_keyed as _cio_k
        on _cio_k._cio_entity_id = _cio_p.{{ p.pa_entity.quoted }}
    {%- if p.participant_roles is not none %}
    where {{ p.role_ok }}
    {%- endif %}
    {{- '__cio_scope__' }}
),

_cio_one_per_event_person as (
    {{ nexus_customer_io._cio_dedupe('_cio_participations', ['_cio_event_id', '_cio_person_key'], '_cio_entity_id',
        ['_cio_event_id'] + p.person_cols + ['_cio_person_key']) }}
),

_cio_rows as (
    select
        _cio_k._cio_user_id as {{ uid }},
        {%- if p.with_anonymous %}
        _cio_k._cio_anonymous_id as {{ aid }},
        {%- endif %}
        {{ nexus_customer_io._cio_column_utc({'kind': p.ev_ts.kind, 'quoted': '_cio_e.' ~ p.ev_ts.quoted},
            parse_text=true) }} as {{ adapter.quote('timestamp') }},
        {{ event_expr }} as {{ adapter.quote('event') }},
        {{ nexus_customer_io._cio_message_key('_cio_e.' ~ p.ev_id.quoted, '_cio_k._cio_person_key') }} as _cio_message_key,
        {%- if p.tracked and p.ingested %}
        {{ p.ingested }} as _cio_ingested_at,
        {%- endif %}
        _cio_e.{{ p.ev_id.quoted }} as {{ adapter.quote('event_id') }}
        {%- for prop in p.props %},
        {{ nexus_customer_io._cio_trait_expression(prop, p.trait_timestamp_format) }} as {{ adapter.quote(prop.name) }}
        {%- endfor %}
    from _cio_event_rows as _cio_e
    inner join _cio_one_per_event_person as _cio_k
        on _cio_k._cio_event_id = _cio_e.{{ p.ev_id.quoted }}
    {%- for relation, found, alias, arg_name in [(p.measurements, p.me, '_cio_m', 'measurements'),
        (p.dimensions, p.di, '_cio_d', 'dimensions')] if relation is not none %}
    left join {{ relation }} as {{ alias }}
        on {{ alias }}.{{ nexus_customer_io._cio_find_column(found.columns, 'event_id', p.m, arg_name,
            relation).quoted }} = _cio_e.{{ p.ev_id.quoted }}
    {%- endfor %}
),

-- "messageId": a ULID, its time from "timestamp", its other 80 bits from the
-- md5 of event and person (the key of the row).
_cio_timed as (
    select
        _cio_rows.*,
        {{ nexus_customer_io._cio_ulid_columns(adapter.quote('timestamp'), '_cio_message_key') }}
    from _cio_rows
)
{%- endset -%}
{%- set body %}
select
    {%- for name in p.columns %}
    {{ nexus_customer_io._cio_ulid() if name == 'messageId' else adapter.quote(name) }} as {{ adapter.quote(name) }}
    {{- ',' if not loop.last or p.carried }}
    {%- endfor %}
    {%- for name in p.carried %}
    {{ carried_values[name] }} as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
from _cio_timed
{%- endset -%}
{{ return({'ctes': body_ctes, 'select': body}) }}
{% endmacro %}


{#- Participations left out by rule, counted and reported (a full build of
    an events model, plan `p`, reading its inputs with `read`): role, entity
    type (from the participants' own entity_type, when they have it), no
    person. -#}
{% macro _cio_events_left_out(p, read) %}
{%- set reasons = [] -%}
{%- set kept = [] -%}
{%- if p.participant_roles is not none -%}
    {%- do reasons.append(('not coalesce(' ~ p.role_ok ~ ', false)', 'role not in participant_roles')) -%}
    {%- do kept.append('(' ~ p.role_ok ~ ')') -%}
{%- endif -%}
{%- if p.pa_type -%}
    {%- set of_type = '_cio_p.' ~ p.pa_type.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(p.entity_type) -%}
    {%- do reasons.append((kept | join(' and ') ~ (' and ' if kept) ~ 'not coalesce(' ~ of_type ~ ', false)',
        "entity_type is not '" ~ p.entity_type ~ "'")) -%}
    {%- do kept.append(of_type) -%}
{%- endif -%}
{%- set no_person = ('person not in the people model ' ~ p.persons.identifier) if p.persons is not none
    else ('person has no ' ~ (p.user_id_column or 'user_id')
        ~ (' or ' ~ p.anonymous_id_column if p.anonymous_id_column else '')) -%}
{%- do reasons.append((kept | join(' and ') ~ (' and ' if kept) ~ '_cio_k._cio_entity_id is null',
    no_person if p.pa_type else 'not a ' ~ p.entity_type ~ ' or ' ~ no_person)) -%}
{%- set participations_in_scope -%}
from {{ p.participants }} as _cio_p
{%- if p.event_filtered %}
inner join _cio_event_rows as _cio_e
    on _cio_e.{{ p.ev_id.quoted }} = _cio_p.{{ p.pa_event.quoted }}
{%- endif %}
left join (select distinct _cio_entity_id from _cio_keyed) as _cio_k
    on _cio_k._cio_entity_id = _cio_p.{{ p.pa_entity.quoted }}
{%- endset -%}
{%- do nexus_customer_io._cio_report_left_out(p.m,
    'participations' ~ (' of the selected events' if p.event_filtered else ''),
    'with ' ~ read, participations_in_scope, reasons,
    warn_on=(reasons | length - 1) if p.persons is not none else none) -%}
{% endmacro %}


{#- Values of an events model's arguments (plan `p`) that match nothing in
    its inputs: each read without `filters`, an error or a warning. -#}
{% macro _cio_events_input_checks(p) %}
{%- set checks = [] -%}
{%- for arg_name, values, relation, column in [('event_names', p.event_names, p.events, p.ev_name),
        ('sources', p.sources, p.events, p.ev_source),
        ('participant_roles', p.participant_roles, p.participants, p.pa_role),
        ('entity_type', [p.entity_type], p.participants if p.pa_type else p.entities, p.pa_type or p.en_type)]
        if values and column -%}
    {%- do checks.append(nexus_customer_io._cio_values_check(arg_name, values, relation, column)) -%}
{%- endfor -%}
{%- if p.persons is none -%}
    {%- for arg_name, column, consequence in [('user_id_column', p.user_col,
            'every person is sent by anonymousId alone' if p.anon_col else 'no event is sent')]
        + ([('anonymous_id_column', p.anon_col, 'no person is sent by anonymousId')] if p.anon_col else []) -%}
        {%- do checks.append(nexus_customer_io._cio_id_check(arg_name, p.entities, p.en_type, p.entity_type, column,
            consequence)) -%}
    {%- endfor -%}
{%- endif -%}
{%- do nexus_customer_io._cio_check_inputs(p.m, checks) -%}
{% endmacro %}

{#- No echo: Customer.io's own message activity, read back into nexus (the
    customer_io_activity source, docs/activity.md), is not sent to
    Customer.io again. Returns the condition that leaves it out, or '' when
    nothing is left out: the events have no `source` column, the call asks for
    them (send_customer_io_activity=true, or 'customer_io' in `sources`), or,
    on dbt run / build, no event has that source. The count is a dbt warning
    (a log line with send_customer_io_activity=false, the choice made). -#}
{% macro _cio_events_echo(macro_name, events, columns, sources, send) %}
    {%- set own = nexus_customer_io._cio_activity_source() -%}
    {%- set source_col = nexus_customer_io._cio_column_named(columns, 'source') -%}
    {%- if not source_col or send is sameas true or own in (sources or []) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set condition = 'coalesce(' ~ source_col.quoted ~ ", '') <> " ~ nexus_customer_io._cio_string_literal(own) -%}
    {%- if not nexus_customer_io._cio_reports_left_out() -%}
        {{ return(condition) }}
    {%- endif -%}
    {%- set count = run_query('select count(*) from ' ~ events ~ ' where ' ~ source_col.quoted ~ ' = '
        ~ nexus_customer_io._cio_string_literal(own)).rows[0][0] | int -%}
    {%- if count == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set msg_text -%}
        left out {{ count }} events of source `{{ own }}`: Customer.io's own message activity, read
        back into nexus (docs/activity.md), which sent to Customer.io would come back as new events
        of its own. To send them, set send_customer_io_activity=true (or name '{{ own }}' in
        `sources`); set send_customer_io_activity=false to make this a log line.
    {%- endset -%}
    {%- if send is sameas false -%}
        {%- do nexus_customer_io._cio_log(macro_name, msg_text) -%}
    {%- else -%}
        {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
    {%- endif -%}
    {{ return(condition) }}
{% endmacro %}
