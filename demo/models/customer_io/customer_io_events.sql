{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
-- Events for Customer.io: one row per event and patient or companion, only for
-- people in customer_io_persons, with the event's own columns as properties.
{{ nexus_customer_io.customer_io_events(
    persons=ref('customer_io_persons'),
    participant_roles=['patient', 'companion'],
    ignore_properties=['event_description']
) }}
