{#- Breaks the semantic delete events on purpose: a Relationship Deleted
    without objectId and groupId, one with object type 0, an Object Deleted
    without anonymousId (and so without any identifier); a User Deleted that
    is fine. -#}
{%- set rows = [
    ("'u1'", "null", "'Relationship Deleted'", "'m1'", "null", "null", "1"),
    ("'u2'", "null", "'Relationship Deleted'", "'m2'", "'loc_1'", "'loc_1'", "0"),
    ("'u3'", "null", "'User Deleted'", "'m3'", "null", "null", "null"),
    ("null", "null", "'Object Deleted'", "'m4'", "'loc_9'", "null", "1"),
] %}
{% for user_id, anonymous_id, event, message_id, object_id, group_id, object_type_id in rows -%}
    select
        cast({{ user_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('userId') }},
        cast({{ anonymous_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('anonymousId') }},
        cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as {{ adapter.quote('timestamp') }},
        {{ event }} as {{ adapter.quote('event') }},
        {{ message_id }} as {{ adapter.quote('messageId') }},
        cast({{ object_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('objectId') }},
        cast({{ group_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('groupId') }},
        cast({{ object_type_id }} as {{ dbt.type_int() }}) as {{ adapter.quote('objectTypeId') }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
