{#- Breaks the relationship contract on purpose: object type 0, attributes that
    are a JSON array, a missing userId. -#}
{%- set rows = [
    ("'loc_1'", "'0'", "'u1'", json_literal('[1, 2]')),
    ("'loc_2'", "'1'", "null", json_literal('{"a": 1}')),
] %}
{% for group_id, object_type_id, user_id, attributes in rows -%}
    select
        {{ group_id }} as {{ adapter.quote('groupId') }},
        {{ object_type_id }} as {{ adapter.quote('objectTypeId') }},
        cast({{ user_id }} as {{ dbt.type_string() }}) as {{ adapter.quote('userId') }},
        cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as {{ adapter.quote('timestamp') }},
        {{ attributes }} as {{ adapter.quote('relationshipAttributes') }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
