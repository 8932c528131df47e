{#- Breaks the identify contract on purpose: a special column in the wrong
    case, a duplicate id, a blank id, a future timestamp, a value over 1000 bytes. -#}
{%- set ts = dbt.type_timestamp() -%}
{%- set rows = [
    ("'u1'", "'a1'", "'2024-01-01 00:00:00'", "'" ~ 'x' * 1200 ~ "'"),
    ("'u1'", "null", "'2024-01-02 00:00:00'", "'basic'"),
    ("'  '", "null", "'2024-01-03 00:00:00'", "'basic'"),
    ("'u3'", "null", "'2999-01-01 00:00:00'", "'basic'"),
] %}
{% for user_id, anonymous_id, at, plan in rows -%}
    select
        {{ user_id }} as {{ adapter.quote('userId') }},
        cast({{ anonymous_id }} as {{ dbt.type_string() }}) as anonymousid,
        cast({{ at }} as {{ ts }}) as {{ adapter.quote('timestamp') }},
        {{ plan }} as plan
    {% if not loop.last %}union all{% endif %}
{% endfor %}
