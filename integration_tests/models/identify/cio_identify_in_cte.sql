{#- The macro as the body of a CTE, its filter naming another CTE of this
    model (the upstream docs' "filter by customer journey" pattern); dates
    as warehouse timestamps. The final select lists the columns: a star over
    a CTE loses the case of "userId" on the BigQuery emulator (emulator-shaped;
    BigQuery itself keeps it). -#}
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

select
    {{ adapter.quote('userId') }},
    {{ adapter.quote('timestamp') }},
    {{ adapter.quote('email') }},
    {{ adapter.quote('first_name') }},
    {{ adapter.quote('anon_id') }},
    {{ adapter.quote('signed_up_at') }},
    {{ adapter.quote('last_seen_tz') }},
    {{ adapter.quote('plan') }},
    {{ adapter.quote('FavoriteColor') }},
    {{ adapter.quote('created_at') }},
    {{ adapter.quote('last_interaction_at') }},
    {{ adapter.quote('first_interaction_at') }},
    _cio_entity_id,
    _cio_merged_entity_ids
from people
