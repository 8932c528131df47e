{#- Built as a table first, then switched to incremental (tests/test_guards.py). -#}
{{ config(materialized=var('cio_pre_tracking', 'table'), unique_key='_cio_key', on_schema_change='append_new_columns') }}
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='location_id') }}
