{#- Breaks the semantic delete events on purpose: a Relationship Deleted
    without objectId, one with object type 0; a User Deleted that is fine. -#}
{%- set rows = [
    ("'u1'", "'Relationship Deleted'", "'m1'", "null", "1"),
    ("'u2'", "'Relationship Deleted'", "'m2'", "'loc_1'", "0"),
    ("'u3'", "'User Deleted'", "'m3'", "null", "null"),
] %}
{% for user_id, event, message_id, object_id, object_type_id in rows -%}
    select
        {{ user_id }} as {{ adapter.quote('userId') }},
        cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as {{ adapter.quote('timestamp') }},
        {{ event }} as {{ adapter.quote('event') }},
        {{ message_id }} as {{ adapter.quote('messageId') }},
        cast({{ object_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('objectId') }},
        cast({{ object_type_id }} as {{ dbt.type_int() }}) as {{ adapter.quote('objectTypeId') }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
