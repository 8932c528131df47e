{#- Built with the old form of its timestamp traits first, then with Unix seconds (tests/test_guards.py). -#}
{{ config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='location_id',
    trait_timestamp_format=var('cio_guard_format', 'timestamp')) }}
