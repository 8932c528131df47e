{#- The macro as the body of a CTE, its filter naming another CTE of this
    model (the upstream docs' "filter by customer journey" pattern); dates
    as warehouse timestamps. -#}
with pro_customers as (
    select entity_id
    from {{ ref('nexus_entities') }}
    where plan = 'pro'
),

people as (
    {{ nexus_customer_io.customer_io_identify(
        filters=["entity_id in (select entity_id from pro_customers)", "first_name <> 'nobody' or first_name is null"],
        trait_timestamp_format='timestamp'
    ) }}
)

select * from people
