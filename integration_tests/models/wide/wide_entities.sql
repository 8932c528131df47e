{#- 301 traits: more than Customer.io keeps per person. -#}
select
    'per_w1' as entity_id,
    'person' as entity_type,
    'w1' as user_id,
    {%- for i in range(1, 302) %}
    'v{{ i }}' as trait_{{ '%03d' % i }},
    {%- endfor %}
    cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as _updated_at
