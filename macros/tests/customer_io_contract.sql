{#- Generic test: a model against its sync type's contract and Customer.io's
    limits. Each failing row says what failed (`failure`) and where (`detail`).
    checks: 'contract' (names, identifiers, keys, timestamp, objectTypeId,
    relationshipAttributes, ended relationships sent as inactive, semantic
    delete events with their properties) and/or 'limits' (byte and count limits), so the two
    can carry different severities. -#}
{% test customer_io_contract(model, sync_type, checks=['contract', 'limits'], future_minutes=5) %}
    {%- set m = 'customer_io_contract' -%}
    {#- Checked when the test runs, never at parse: a typo on a disabled model
        must not break `dbt parse` for the whole project. -#}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_choice(m, 'sync_type', sync_type,
            nexus_customer_io._cio_sync_types().keys() | list | sort) -%}
        {%- do nexus_customer_io._cio_check_list(m, 'checks', checks) -%}
        {%- for check in checks if check not in ['contract', 'limits'] -%}
            {{ nexus_customer_io._cio_raise(m, "argument `checks` must hold only 'contract' and/or 'limits', got `"
                ~ check ~ "` in " ~ checks ~ ".") }}
        {%- endfor -%}
        {%- do nexus_customer_io._cio_check_whole_number(m, 'future_minutes', future_minutes, 0) -%}
    {%- endif -%}
    {%- set found = nexus_customer_io._cio_relation_columns(model, m, 'model') -%}
    {%- set names = found.columns | map(attribute='name') | list -%}
    {%- set lnames = found.columns | map(attribute='lname') | list -%}
    {#- The rows Customer.io gets: a tracked model's current rows (relationships:
        their ended ones too). -#}
    {%- set sent = ("(select * from " ~ model ~ " where _cio_removed_at is null) as _cio_sent")
        if nexus_customer_io._cio_current_only(sync_type, lnames) else model -%}
    {%- set needs = nexus_customer_io._cio_sync_types().get(sync_type, {'needs': []}).needs -%}
    {%- set special = nexus_customer_io._cio_special_columns() -%}
    {%- set payload = [] -%}
    {%- for col in found.columns -%}
        {%- if not col.lname.startswith('_cio_') -%}{%- do payload.append(col) -%}{%- endif -%}
    {%- endfor -%}
    {%- set traits = payload | rejectattr('name', 'in', special) | list -%}
    {%- set q = adapter.quote -%}
    {%- set key -%}
        {%- if sync_type == 'identify' -%}{{ nexus_customer_io._cio_person_key(q('userId'),
            q('anonymousId') if 'anonymousId' in names else none) }}
        {%- elif sync_type == 'object' -%}{{ q('groupId') }}
        {%- elif sync_type == 'relationship' -%}{{ q('groupId') }} || '|' || {{ nexus_customer_io._cio_person_key(q('userId')) }}
        {%- else -%}{{ q('messageId') }}
        {%- endif -%}
    {%- endset -%}
    {%- set key_columns = {'identify': ['userId'], 'object': ['groupId'], 'relationship': ['groupId', 'userId'],
        'track': ['messageId']}[sync_type] -%}
    {%- set key_ok = key_columns | reject('in', names) | list | length == 0 -%}
    {%- if not key_ok -%}{%- set key = "'(no key column)'" -%}{%- endif -%}
    {%- set failures = [] -%}
    {%- set once = "(select 1 as one) as _cio_once" -%}

    {%- if 'contract' in checks -%}
        {%- for name in needs -%}
            {%- if name not in names -%}
                {%- do failures.append(('missing special column', nexus_customer_io._cio_string_literal(name
                    ~ ' (names are exact and case-sensitive; columns: ' ~ names | join(', ') ~ ')'), '1 = 1', once)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for col in payload -%}
            {%- if col.name not in special and col.lname in special | map('lower') | list -%}
                {%- do failures.append(('special column in the wrong case',
                    nexus_customer_io._cio_string_literal(col.name), '1 = 1', once)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if 'userId' in names or 'groupId' in names -%}
            {%- set ids = [] -%}
            {%- for name in ['userId', 'anonymousId'] + ([] if sync_type == 'track' else ['groupId']) -%}
                {%- if name in names -%}{%- do ids.append(name) -%}{%- endif -%}
            {%- endfor -%}
            {%- if sync_type in ['identify', 'track'] -%}
                {%- set blank = [] -%}
                {%- for name in ids -%}{%- do blank.append(nexus_customer_io._cio_clean_id(q(name)) ~ " is null") -%}{%- endfor -%}
                {%- do failures.append(('no identifier', "coalesce(" ~ q(ids[0]) ~ ", '(null)')",
                    blank | join('\n    and '))) -%}
            {%- else -%}
                {%- for name in ['groupId'] + (['userId'] if sync_type == 'relationship' else []) -%}
                    {%- if name in names -%}
                        {%- do failures.append(('blank ' ~ name, "coalesce(" ~ q(name) ~ ", '(null)')",
                            nexus_customer_io._cio_clean_id(q(name)) ~ " is null")) -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
            {%- if key_ok %}{%- do failures.append(('duplicate key', '_cio_dup_key', '1 = 1',
                "(\n    select " ~ key ~ " as _cio_dup_key\n    from " ~ sent
                ~ "\n    group by " ~ key ~ "\n    having count(*) > 1\n) as _cio_dups")) -%}{% endif -%}
        {%- endif -%}
        {%- if 'timestamp' in names -%}
            {%- do failures.append(('null timestamp', "coalesce(" ~ key ~ ", '(null)')",
                q('timestamp') ~ " is null")) -%}
            {%- do failures.append(('timestamp in the future',
                "cast(" ~ q('timestamp') ~ " as " ~ dbt.type_string() ~ ")",
                q('timestamp') ~ " > " ~ nexus_customer_io._cio_now()
                ~ " + " ~ nexus_customer_io._cio_minutes(future_minutes))) -%}
        {%- endif -%}
        {#- Customer.io's semantic delete events (customer_io_deletions) in a track model. -#}
        {%- set relationship_deleted = q('event') ~ " = 'Relationship Deleted'" -%}
        {%- set object_event = q('event') ~ " in ('Relationship Deleted', 'Object Deleted')" -%}
        {%- if sync_type == 'track' and 'event' in names -%}
            {#- each needs its documented fields: Relationship Deleted objectId and groupId (2026 and 2024
                read one each), Object Deleted anonymousId and objectId; both objectTypeId -#}
            {%- for event, field in [('Relationship Deleted', 'objectId'), ('Relationship Deleted', 'groupId'),
                                     ('Relationship Deleted', 'objectTypeId'), ('Object Deleted', 'anonymousId'),
                                     ('Object Deleted', 'objectId'), ('Object Deleted', 'objectTypeId')] -%}
                {%- do failures.append((event ~ ' without ' ~ field, "coalesce(" ~ key ~ ", '(null)')",
                    q('event') ~ " = '" ~ event ~ "'"
                    ~ (" and " ~ nexus_customer_io._cio_clean_id(q(field)) ~ " is null" if field in names else ""))) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- if 'objectTypeId' in names -%}
            {%- do failures.append(('objectTypeId is not a positive integer',
                "coalesce(cast(" ~ q('objectTypeId') ~ " as " ~ dbt.type_string() ~ "), '(null)')",
                (object_event ~ " and " if sync_type == 'track' else "")
                ~ "not coalesce(" ~ nexus_customer_io._cio_regex_full_match(
                    "cast(" ~ q('objectTypeId') ~ " as " ~ dbt.type_string() ~ ")", '^[1-9][0-9]*$') ~ ", false)")) -%}
        {%- endif -%}
        {%- if 'relationshipAttributes' in names -%}
            {%- do failures.append(('relationshipAttributes is not a JSON object', "coalesce(" ~ key ~ ", '(null)')",
                "not coalesce(" ~ nexus_customer_io._cio_is_json_object(q('relationshipAttributes')) ~ ", false)")) -%}
            {%- if '_cio_removed_at' in lnames -%}
                {%- do failures.append(('ended relationship not sent as inactive', "coalesce(" ~ key ~ ", '(null)')",
                    "_cio_removed_at is not null and coalesce(" ~ nexus_customer_io._cio_json_text(
                        nexus_customer_io._cio_json_get(q('relationshipAttributes'), 'is_active'))
                    ~ ", '') <> 'false'")) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}

    {%- if 'limits' in checks -%}
        {%- set limits = nexus_customer_io._cio_limits() -%}
        {%- for col in traits -%}
            {%- if (col.name.encode('utf-8') | length) > limits.name_bytes -%}
                {%- do failures.append(('attribute name over ' ~ limits.name_bytes ~ ' bytes',
                    nexus_customer_io._cio_string_literal(col.name), '1 = 1', once)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if traits | length > limits.attributes -%}
            {%- do failures.append(('more than ' ~ limits.attributes ~ ' attributes',
                "'" ~ traits | length ~ " columns'", '1 = 1', once)) -%}
        {%- endif -%}
        {%- for name, limit in [('userId', limits.id_bytes), ('groupId', limits.id_bytes),
            ('event', limits.event_bytes)] -%}
            {%- if name in names -%}
                {%- do failures.append((name ~ ' over ' ~ limit ~ ' bytes', q(name),
                    nexus_customer_io._cio_byte_length(q(name)) ~ " > " ~ limit)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for col in traits if col.kind == 'text' -%}
            {%- do failures.append(('value over ' ~ limits.value_bytes ~ ' bytes',
                nexus_customer_io._cio_string_literal(col.display ~ ' of ') ~ " || coalesce(" ~ key ~ ", '(null)')",
                nexus_customer_io._cio_byte_length(col.quoted) ~ " > " ~ limits.value_bytes)) -%}
        {%- endfor -%}
        {#- A call's size, estimated as the sum of names and values as text plus
            JSON punctuation. -#}
        {%- set sizes = [] -%}
        {%- for col in payload -%}
            {%- do sizes.append("coalesce("
                ~ nexus_customer_io._cio_byte_length("cast(" ~ col.quoted ~ " as " ~ dbt.type_string() ~ ")")
                ~ ", 4) + " ~ ((col.name.encode('utf-8') | length) + 6)) -%}
        {%- endfor -%}
        {%- if sizes -%}
            {%- do failures.append(('call over 32 KB (Customer.io silently drops it)',
                "coalesce(" ~ key ~ ", '(null)')", "(\n    " ~ sizes | join('\n    + ') ~ "\n) > " ~ limits.call_bytes)) -%}
        {%- endif -%}
    {%- endif -%}

    {#- One block per rule, with a comment naming it: the SQL a user is shown
        when the test fails. -#}
    {%- set string_type = dbt.type_string() -%}
    {%- set selects = [] -%}
    {%- for item in failures -%}
        {%- set source = item[3] if item | length > 3 else sent -%}
        {%- set block -%}
-- rule: {{ item[0] }}
select
    cast({{ nexus_customer_io._cio_string_literal(item[0]) }} as {{ string_type }}) as failure,
    cast({{ item[1] }} as {{ string_type }}) as detail
from {{ source }}
where {{ item[2] }}
        {%- endset -%}
        {%- do selects.append(block) -%}
    {%- endfor -%}
    {%- if selects -%}
{{ selects | join('\n\nunion all\n\n') }}
    {%- else -%}
-- no rule applies to this model's columns
select cast(null as {{ string_type }}) as failure, cast(null as {{ string_type }}) as detail
from {{ once }}
where 1 = 0
    {%- endif -%}
{% endtest %}
