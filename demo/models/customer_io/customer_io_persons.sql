{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
-- People for Customer.io: one row per person, identified by user_id, deduped
-- on email, sign-up time parsed from text.
{{ nexus_customer_io.customer_io_identify(
    user_id_column='user_id',
    dedupe_column='email',
    timestamp_traits=['signed_up_at']
) }}
