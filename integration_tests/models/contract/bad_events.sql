{#- Breaks the track contract on purpose: no "messageId" column. -#}
select
    'u1' as {{ adapter.quote('userId') }},
    'paid' as {{ adapter.quote('event') }},
    cast('2024-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as {{ adapter.quote('timestamp') }}
