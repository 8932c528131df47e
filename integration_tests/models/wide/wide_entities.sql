{#- 301 traits of ~125 bytes: more than Customer.io keeps per person, and a
    call over 32 KB. -#}
{%- set traits = [] -%}
{%- for i in range(1, 302) -%}
    {%- do traits.append("'v" ~ i ~ 'x' * 120 ~ "' as trait_" ~ '%03d' % i) -%}
{%- endfor %}
select
    'per_w1' as entity_id,
    'person' as entity_type,
    'w1' as user_id,
    {{ traits | join(', ') }},
    cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as _updated_at
