{#- The same objects as a view: table and view materializations carry no
    bookkeeping columns. -#}
{{ config(materialized='view') }}
{{ nexus_customer_io.customer_io_objects(object_type_id=1, object_id_column='location_id') }}
