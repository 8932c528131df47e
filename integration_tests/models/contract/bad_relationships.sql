{#- Breaks the relationship contract on purpose: object type 0, attributes that
    are a JSON array, a missing userId, a removed (ended) row still active. -#}
{%- set rows = [
    ("'loc_1'", "'0'", "'u1'", json_literal('[1, 2]'), "null"),
    ("'loc_2'", "'1'", "null", json_literal('{"a": 1}'), "null"),
    ("'loc_3'", "'1'", "'u3'", json_literal('{"is_active": true}'), "'2024-01-02 00:00:00'"),
    ("'loc_4'", "'1'", "'u4'", json_literal('{"is_active": false}'), "'2024-01-02 00:00:00'"),
] %}
{% for group_id, object_type_id, user_id, attributes, removed_at in rows -%}
    select
        {{ group_id }} as {{ adapter.quote('groupId') }},
        {{ object_type_id }} as {{ adapter.quote('objectTypeId') }},
        cast({{ user_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('userId') }},
        cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as {{ adapter.quote('timestamp') }},
        {{ attributes }} as {{ adapter.quote('relationshipAttributes') }},
        cast({{ removed_at }} as {{ dbt.type_timestamp() }}) as _cio_removed_at
    {% if not loop.last %}union all{% endif %}
{% endfor %}
