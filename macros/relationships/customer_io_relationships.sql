{#- Relationships (group with userId) sync: one row per object and person,
    "groupId", "objectTypeId", "userId", "timestamp", "relationshipAttributes".
    See customer_io_relationships.yml. -#}

{% macro customer_io_relationships(
    object_type_id,
    object_id_column,
    user_id_column=none,
    object_name='object',
    object_name_plural=none,
    relationship_type='membership',
    person_entity_type='person',
    object_entity_type='group',
    active_only=true,
    object_attributes=[],
    relationship_attributes=[],
    persons=none,
    filters=[],
    relationships=none,
    entities=none,
    keep_null_attributes=false,
    identifier_attributes=['email'],
    trait_timestamp_format='unix',
    max_ended={'count': 10, 'share': 0.2}
) %}
    {#- ref() is called here, at parse time too, so dbt records the dependencies. -#}
    {%- set relationships = relationships if relationships is not none else ref('nexus_relationships') -%}
    {%- set entities = entities if entities is not none else ref('nexus_entities') -%}
    {#- After the build: a run that ended more memberships than max_ended warns. -#}
    {%- do config(post_hook=nexus_customer_io._cio_after_build_hook('customer_io_relationships', max_ended)) -%}
    {{ return(adapter.dispatch('customer_io_relationships', 'nexus_customer_io')(
        object_type_id=object_type_id,
        object_id_column=object_id_column,
        user_id_column=user_id_column,
        object_name=object_name,
        object_name_plural=object_name_plural,
        relationship_type=relationship_type,
        person_entity_type=person_entity_type,
        object_entity_type=object_entity_type,
        active_only=active_only,
        object_attributes=object_attributes,
        relationship_attributes=relationship_attributes,
        persons=persons,
        filters=filters,
        relationships=relationships,
        entities=entities,
        keep_null_attributes=keep_null_attributes,
        identifier_attributes=identifier_attributes,
        trait_timestamp_format=trait_timestamp_format,
        max_ended=max_ended
    )) }}
{% endmacro %}


{% macro default__customer_io_relationships(
    object_type_id, object_id_column, user_id_column, object_name, object_name_plural,
    relationship_type, person_entity_type, object_entity_type, active_only,
    object_attributes, relationship_attributes, persons, filters, relationships,
    entities, keep_null_attributes, identifier_attributes, trait_timestamp_format, max_ended
) %}
{%- set m = 'customer_io_relationships' -%}
{%- set ready = namespace(ok=false) -%}
{%- if execute -%}
    {%- do nexus_customer_io._cio_check_arguments(m,
        booleans=[('active_only', active_only), ('keep_null_attributes', keep_null_attributes)],
        strings=[('object_id_column', object_id_column), ('relationship_type', relationship_type),
            ('person_entity_type', person_entity_type), ('object_entity_type', object_entity_type)],
        optional_strings=[('user_id_column', user_id_column)],
        lists=[('object_attributes', object_attributes), ('relationship_attributes', relationship_attributes),
            ('identifier_attributes', identifier_attributes), ('filters', filters)],
        timestamp_format=trait_timestamp_format, in_json=true) -%}
    {%- do nexus_customer_io._cio_removal_limit(m, 'max_ended', max_ended) -%}
    {%- set type_id = nexus_customer_io._cio_object_type_id(m, object_type_id) -%}
    {%- do nexus_customer_io._cio_check_person_columns(m, persons, user_id_column) -%}
    {%- for arg_name, value in [('object_name', object_name), ('object_name_plural', object_name_plural)] -%}
        {%- if value is not none and not modules.re.match('^[a-z][a-z0-9_]*$', value | string) -%}
            {%- set msg_text -%}
                argument `{{ arg_name }}` must be lower-case letters, digits and underscores,
                starting with a letter, such as 'location' (it names attribute keys such as
                is_primary_<object_name>), got `{{ value }}`.
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(m, msg_text) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set re = nexus_customer_io._cio_relation_columns(relationships, m, 'relationships') -%}
    {%- set en = nexus_customer_io._cio_relation_columns(entities, m, 'entities') -%}
    {%- set pe = nexus_customer_io._cio_persons_columns(persons, m) if persons is not none
        else {'exists': true, 'has_anonymous': false} -%}
    {%- set ready.ok = re.exists and en.exists and pe.exists -%}
{%- endif -%}
{%- if not ready.ok -%}
{{ nexus_customer_io._cio_placeholder([('groupId', dbt.type_string()), ('objectTypeId', dbt.type_string()),
    ('userId', dbt.type_string()), ('timestamp', dbt.type_timestamp()),
    ('relationshipAttributes', nexus_customer_io._cio_json_type())]) }}
{%- else -%}
{#- The steps below read the arguments and the inputs' columns from the plan. -#}
{%- set p = nexus_customer_io._cio_relationships_plan(dict(m=m, re=re, en=en, pe=pe, type_id=type_id,
    object_id_column=object_id_column, user_id_column=user_id_column, object_name=object_name,
    object_name_plural=object_name_plural, relationship_type=relationship_type,
    person_entity_type=person_entity_type, object_entity_type=object_entity_type, active_only=active_only,
    object_attributes=object_attributes, relationship_attributes=relationship_attributes, persons=persons,
    filters=filters, relationships=relationships, entities=entities, keep_null_attributes=keep_null_attributes,
    identifier_attributes=identifier_attributes, trait_timestamp_format=trait_timestamp_format)) -%}
{%- set inputs = nexus_customer_io._cio_relationships_inputs(p) -%}
{%- do nexus_customer_io._cio_relationships_left_out(p, inputs) -%}
{%- do nexus_customer_io._cio_relationships_input_checks(p) -%}
{%- set body = nexus_customer_io._cio_relationships_rows(p, inputs) -%}
{#- A tracked model sends a membership it no longer produces once more, as
    ended: inactive, every flag false, ended_at when the run noticed, its
    other attributes as last sent. -#}
{%- set sent = '_cio_t.' ~ adapter.quote('relationshipAttributes') -%}
{%- set sent_false = p.builtin | selectattr('ended_false') | map(attribute='key') | list -%}
{%- set ended_entries = [] -%}
{%- for key, expr in p.entries -%}
    {%- do ended_entries.append((key, 'false' if key in sent_false else nexus_customer_io._cio_json_get(sent, key))) -%}
{%- endfor -%}
{%- do ended_entries.append(('ended_at',
    nexus_customer_io._cio_format_timestamp(nexus_customer_io._cio_now(), trait_timestamp_format))) -%}
{%- do nexus_customer_io._cio_log_full_read(m, relationship_type ~ ' relationship', "nexus relationships have no warehouse-time
    watermark (`_updated_at` is the event time of the newest declaration), and one membership that changes can change the
    rankings of all its person's memberships") -%}
{#- A key sent and now left out (null, no longer listed, or the ended_at of a
    membership that comes back) is sent as null, so Customer.io removes it
    (_cio_finalize, json_keys). -#}
{%- set entry_keys = p.entries | map(attribute='0') | list -%}
{{ nexus_customer_io._cio_finalize(m, body, ['groupId', 'objectTypeId', 'userId', 'timestamp', 'relationshipAttributes'],
    adapter.quote('groupId') ~ " || '|' || " ~ nexus_customer_io._cio_person_key(adapter.quote('userId')),
    ended={'timestamp': nexus_customer_io._cio_now(),
           'relationshipAttributes': nexus_customer_io._cio_json_object(ended_entries, keep_null_attributes)},
    json_keys=('relationshipAttributes', entry_keys + ['ended_at'],
        ([] if keep_null_attributes else entry_keys) + ['ended_at'])) }}
{%- endif -%}
{% endmacro %}


{#- The column plan of a relationships model: the arguments and inputs (`a`)
    with the columns found in them, the built-in attributes (`builtin`: each
    key with its expression over _cio_ranked, and `ended_false` for the ones
    an ended membership sends as false, the others it sends as last sent),
    the listed object (`oa`) and relationship (`ra`) columns, and `entries`,
    every attribute as a (key, expression over _cio_ranked) pair. Returns a
    dict; the steps below read it. -#}
{% macro _cio_relationships_plan(a) %}
{%- set m, re, en = a.m, a.re, a.en -%}
{%- set p = {} -%}
{%- do p.update(a) -%}
{%- set col = {} -%}
{%- for name in ['relationship_id', 'entity_a_id', 'entity_a_type', 'entity_b_id', 'entity_b_type', 'relationship_type',
    'established_at', 'last_updated_at', '_updated_at'] + (['is_active'] if a.active_only else []) -%}
    {%- do col.update({name: nexus_customer_io._cio_find_column(re.columns, name, m, 'relationships',
        a.relationships)}) -%}
{%- endfor -%}
{%- do p.update({'col': col, 'user_col': none,
    'en_id': nexus_customer_io._cio_find_column(en.columns, 'entity_id', m, 'entities', a.entities),
    'en_type': nexus_customer_io._cio_find_column(en.columns, 'entity_type', m, 'entities', a.entities)}) -%}
{%- if a.persons is none -%}
    {%- do p.update({'user_col': nexus_customer_io._cio_find_column(en.columns, a.user_id_column or 'user_id', m,
        'user_id_column', a.entities)}) -%}
{%- endif -%}
{%- set object_col = nexus_customer_io._cio_find_column(en.columns, a.object_id_column, m, 'object_id_column',
    a.entities) -%}
{%- do p.update({'object_col': object_col}) -%}
{%- do nexus_customer_io._cio_check_id_column(m, 'object_id_column', object_col) -%}
{%- do nexus_customer_io._cio_check_id_column(m, 'user_id_column', p.user_col) -%}

{%- set name, plural, format = a.object_name, a.object_name_plural or a.object_name ~ 's', a.trait_timestamp_format -%}
{%- set builtin = [
    {'key': 'is_active', 'expr': 'true', 'ended_false': true},
    {'key': 'is_primary_' ~ name, 'expr': '_cio_recent_rank = 1', 'ended_false': true},
    {'key': 'is_most_recent_' ~ name, 'expr': '_cio_recent_rank = 1', 'ended_false': true},
    {'key': 'is_first_' ~ name, 'expr': '_cio_first_rank = 1', 'ended_false': true},
    {'key': 'has_multiple_' ~ plural, 'expr': '_cio_object_count > 1', 'ended_false': false},
    {'key': name ~ '_count', 'expr': '_cio_object_count', 'ended_false': false},
    {'key': 'first_interaction_at',
        'expr': nexus_customer_io._cio_format_timestamp('_cio_pair_first', format), 'ended_false': false},
    {'key': 'last_interaction_at',
        'expr': nexus_customer_io._cio_format_timestamp('_cio_pair_last', format), 'ended_false': false}
] -%}
{#- The listed object and relationship columns; a listed column that would
    overwrite another key is an error. -#}
{%- set keys = builtin | map(attribute='key') | list + ['ended_at'] -%}
{%- set extra = [] -%}
{%- for arg_name, cols, relation, prefix in [('object_attributes', en.columns, a.entities, '_cio_oa_'),
    ('relationship_attributes', re.columns, a.relationships, '_cio_ra_')] -%}
    {%- for listed in a[arg_name] -%}
        {%- set c = nexus_customer_io._cio_find_column(cols, listed, m, arg_name, relation) -%}
        {%- if c.lname in keys | map('lower') | list -%}
            {%- set msg_text -%}
                argument `{{ arg_name }}` lists `{{ c.display }}`, but the relationship attributes
                already have a key `{{ c.lname }}`. Fix: leave it out, or choose another
                object_name.
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(m, msg_text) }}
        {%- endif -%}
        {%- do keys.append(c.display) -%}
        {%- do extra.append({'key': c.display, 'column': c, 'alias': prefix ~ loop.index, 'from': arg_name}) -%}
    {%- endfor -%}
{%- endfor -%}
{%- set ra = extra | selectattr('from', 'equalto', 'relationship_attributes') | list -%}
{%- set oa = extra | selectattr('from', 'equalto', 'object_attributes') | list -%}
{%- set entries = [] -%}
{%- for attr in builtin -%}{%- do entries.append((attr.key, attr.expr)) -%}{%- endfor -%}
{%- for attr in oa + ra -%}{%- do entries.append((attr.key, attr.alias)) -%}{%- endfor -%}
{%- do p.update({'builtin': builtin, 'ra': ra, 'oa': oa, 'entries': entries,
    'carried': ['_cio_rel_id', '_cio_first', '_cio_last', '_cio_updated'] + extra | map(attribute='alias') | list,
    'person_key': nexus_customer_io._cio_person_key('_cio_user_id')}) -%}
{{ return(p) }}
{% endmacro %}


{#- The CTEs a relationships model reads its inputs with (plan `p`): the
    relationships of the type, in either orientation (_cio_oriented), the
    persons (_cio_keyed) and the objects (_cio_objects). -#}
{% macro _cio_relationships_inputs(p) %}
{%- set col = p.col -%}
{%- set inputs %}
with _cio_rels as (
    select * from {{ p.relationships }}
    where {{ col.relationship_type.quoted }} = {{ nexus_customer_io._cio_string_literal(p.relationship_type) }}
    {%- for condition in p.filters %}
        and ({{ condition }})
    {%- endfor %}
),

-- Either orientation: person as entity a, or as entity b.
_cio_oriented as (
    {%- for person_side, object_side in [('a', 'b'), ('b', 'a')] %}
    select
        {{ col.relationship_id.quoted }} as _cio_rel_id,
        {{ col['entity_' ~ person_side ~ '_id'].quoted }} as _cio_person_entity_id,
        {{ col['entity_' ~ object_side ~ '_id'].quoted }} as _cio_object_entity_id,
        {{ nexus_customer_io._cio_column_utc(col.established_at, parse_text=true) }} as _cio_first,
        {{ nexus_customer_io._cio_column_utc(col.last_updated_at, parse_text=true) }} as _cio_last,
        {{ nexus_customer_io._cio_column_utc(col._updated_at, parse_text=true) }} as _cio_updated,
        {{ (col.is_active.quoted ~ ' = true') if p.active_only else 'true' }} as _cio_is_active
        {%- for attr in p.ra %},
        {{ nexus_customer_io._cio_json_value(attr.column, p.identifier_attributes, p.trait_timestamp_format) }} as {{
            attr.alias }}
        {%- endfor %}
    from _cio_rels
    where {{ col['entity_' ~ person_side ~ '_type'].quoted }} = {{
            nexus_customer_io._cio_string_literal(p.person_entity_type) }}
        and {{ col['entity_' ~ object_side ~ '_type'].quoted }} = {{
            nexus_customer_io._cio_string_literal(p.object_entity_type) }}
    {{- '\n    union all' if loop.first }}
    {%- endfor %}
),

-- Each person entity with its "userId", once per entity, before the joins
-- with the relationships: from the people model's person map when `persons`
-- is given, else from the entities' own column.
_cio_people as (
    {%- if p.persons is not none %}
    {{ nexus_customer_io._cio_person_map(p.persons, p.pe, false, user_id_only=true) }}
    {%- else %}
    {{ nexus_customer_io._cio_entity_ids(p.entities, p.en_id, p.en_type, p.person_entity_type,
        [('_cio_user_id', p.user_col)]) }}
    {%- endif %}
),

_cio_keyed as (
    select _cio_entity_id, _cio_user_id, {{ p.person_key }} as _cio_person_key
    from _cio_people
),

{%- set object_values = [] -%}
{%- for attr in p.oa -%}
    {%- do object_values.append((nexus_customer_io._cio_json_value(attr.column, p.identifier_attributes,
        p.trait_timestamp_format), attr.alias)) -%}
{%- endfor %}
_cio_objects as (
    {{ nexus_customer_io._cio_entity_ids(p.entities, p.en_id, p.en_type, p.object_entity_type,
        [('_cio_group_id', p.object_col)], extra=object_values) }}
)
{%- endset -%}
{{ return(inputs) }}
{% endmacro %}


{#- Relationships left out by rule, counted and reported (plan `p`, over
    `inputs`): inactive, no person, no object id. -#}
{% macro _cio_relationships_left_out(p, inputs) %}
{%- set relationships_in_scope -%}
from _cio_oriented as _cio_o
left join (select distinct _cio_entity_id from _cio_keyed) as _cio_k
    on _cio_k._cio_entity_id = _cio_o._cio_person_entity_id
left join (select distinct _cio_entity_id from _cio_objects) as _cio_b
    on _cio_b._cio_entity_id = _cio_o._cio_object_entity_id
{%- endset -%}
{%- set no_person = ('person not in the people model ' ~ p.persons.identifier) if p.persons is not none
    else 'person has no ' ~ (p.user_id_column or 'user_id') -%}
{%- do nexus_customer_io._cio_report_left_out(p.m,
    p.relationship_type ~ " relationships between a " ~ p.person_entity_type ~ " and a " ~ p.object_entity_type,
    inputs, relationships_in_scope, [
        ('not coalesce(_cio_o._cio_is_active, false)', 'inactive'),
        ('_cio_o._cio_is_active and _cio_k._cio_entity_id is null', no_person),
        ('_cio_o._cio_is_active and _cio_k._cio_entity_id is not null and _cio_b._cio_entity_id is null',
            'object has no ' ~ p.object_id_column)
    ], warn_on=1 if p.persons is not none else none) -%}
{% endmacro %}


{#- Values of a relationships model's arguments (plan `p`) that match
    nothing in its inputs, each read without `filters`, and listed
    attributes null on every row they are read from (a person trait named in
    object_attributes, say: never sent): an error or a warning. -#}
{% macro _cio_relationships_input_checks(p) %}
{%- set col = p.col -%}
{%- set types_sql -%}
(select {{ col.entity_a_type.quoted }} as _cio_type from {{ p.relationships }}
    union all select {{ col.entity_b_type.quoted }} from {{ p.relationships }}) as _cio_types
{%- endset -%}
{%- set either_type = {'quoted': '_cio_type'} -%}
{%- set either_words = 'columns `entity_a_type` and `entity_b_type` of ' ~ p.relationships.identifier -%}
{%- set checks = [
    nexus_customer_io._cio_values_check('relationship_type', [p.relationship_type], p.relationships,
        col.relationship_type),
    nexus_customer_io._cio_values_check('person_entity_type', [p.person_entity_type], p.relationships, either_type,
        types_sql, either_words),
    nexus_customer_io._cio_values_check('object_entity_type', [p.object_entity_type], p.relationships, either_type,
        types_sql, either_words)
] -%}
{%- for arg_name, column, entity_type_value, consequence in [('object_id_column', p.object_col, p.object_entity_type,
        'no relationship is sent')]
    + ([('user_id_column', p.user_col, p.person_entity_type, 'no relationship is sent')] if p.persons is none else []) -%}
    {%- do checks.append(nexus_customer_io._cio_id_check(arg_name, p.entities, p.en_type, entity_type_value, column,
        consequence)) -%}
{%- endfor -%}
{%- for attr in p.oa -%}
    {%- do checks.append({'kind': 'not_null', 'arg': 'object_attributes', 'from': p.entities,
        'where': p.en_type.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(p.object_entity_type),
        'expr': attr.column.quoted, 'column': attr.column.display,
        'what': "entities of entity_type '" ~ p.object_entity_type ~ "'",
        'consequence': "it is never sent (is it a trait of the " ~ p.person_entity_type ~ " entities? Leave it out)"}) -%}
{%- endfor -%}
{%- for attr in p.ra -%}
    {%- do checks.append({'kind': 'not_null', 'arg': 'relationship_attributes', 'from': p.relationships,
        'where': col.relationship_type.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(p.relationship_type),
        'expr': attr.column.quoted, 'column': attr.column.display,
        'what': p.relationship_type ~ " relationships", 'consequence': "it is never sent"}) -%}
{%- endfor -%}
{%- do nexus_customer_io._cio_check_inputs(p.m, checks) -%}
{% endmacro %}


{#- The payload of a relationships model (plan `p`, after its `inputs`):
    one row per object and person, its span over all their relationships,
    its rankings and its attributes as one JSON value. -#}
{% macro _cio_relationships_rows(p, inputs) %}
{%- set body %}
{{ inputs }},

_cio_identified as (
    select
        _cio_o._cio_rel_id, _cio_o._cio_first, _cio_o._cio_last, _cio_o._cio_updated,
        {%- for attr in p.ra %}
        _cio_o.{{ attr.alias }},
        {%- endfor %}
        {%- for attr in p.oa %}
        _cio_obj.{{ attr.alias }},
        {%- endfor %}
        _cio_obj._cio_group_id,
        _cio_person._cio_user_id,
        _cio_person._cio_person_key
    from _cio_oriented as _cio_o
    inner join _cio_keyed as _cio_person
        on _cio_person._cio_entity_id = _cio_o._cio_person_entity_id
    inner join _cio_objects as _cio_obj
        on _cio_obj._cio_entity_id = _cio_o._cio_object_entity_id
    where _cio_o._cio_is_active
),

-- Several relationships on one object + person (two roles, or two spellings
-- of one email): the pair spans all of them; its other values come from the
-- latest one.
_cio_latest as (
    {{ nexus_customer_io._cio_dedupe('_cio_identified', ['_cio_group_id', '_cio_person_key'],
        '_cio_updated desc nulls last, _cio_rel_id',
        p.carried + ['_cio_group_id', '_cio_user_id', '_cio_person_key']) }}
),

_cio_spans as (
    select
        _cio_group_id,
        _cio_person_key,
        min(_cio_first) as _cio_pair_first,
        max(_cio_last) as _cio_pair_last,
        max(_cio_updated) as _cio_pair_updated
    from _cio_identified
    group by _cio_group_id, _cio_person_key
),

_cio_pairs as (
    select
        _cio_latest.*,
        _cio_spans._cio_pair_first,
        _cio_spans._cio_pair_last,
        _cio_spans._cio_pair_updated
    from _cio_latest
    inner join _cio_spans
        on _cio_spans._cio_group_id = _cio_latest._cio_group_id
        and _cio_spans._cio_person_key = _cio_latest._cio_person_key
),

-- Rankings per person over this object type; ties by groupId.
_cio_ranked as (
    select
        _cio_pairs.*,
        row_number() over (partition by _cio_person_key order by _cio_pair_last desc nulls last, _cio_group_id) as _cio_recent_rank,
        row_number() over (partition by _cio_person_key order by _cio_pair_first asc nulls last, _cio_group_id) as _cio_first_rank,
        count(*) over (partition by _cio_person_key) as _cio_object_count
    from _cio_pairs
)

select
    _cio_group_id as {{ adapter.quote('groupId') }},
    cast({{ nexus_customer_io._cio_string_literal(p.type_id) }} as {{ dbt.type_string() }}) as {{
        adapter.quote('objectTypeId') }},
    _cio_user_id as {{ adapter.quote('userId') }},
    _cio_pair_updated as {{ adapter.quote('timestamp') }},
    {{ nexus_customer_io._cio_json_object(p.entries, p.keep_null_attributes) }} as {{
        adapter.quote('relationshipAttributes') }}
from _cio_ranked
{%- endset -%}
{{ return(body) }}
{% endmacro %}


{#- A column as a JSON value: identifier columns (`identifiers`) trimmed,
    blank as null; timestamps by the UTC rule in `format` ('unix' or
    'iso8601'), anything else as it is. -#}
{% macro _cio_json_value(column, identifiers, format) %}
    {%- if column.kind == 'text' and column.lname in identifiers | map('lower') | list -%}
        {{ return(nexus_customer_io._cio_clean_id(column.quoted)) }}
    {%- endif -%}
    {%- if column.kind in ['tz', 'ntz', 'date'] -%}
        {{ return(nexus_customer_io._cio_format_timestamp(nexus_customer_io._cio_column_utc(column), format)) }}
    {%- endif -%}
    {{ return(column.quoted) }}
{% endmacro %}
