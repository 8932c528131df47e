{#- Generic test: rows whose value is longer than `max_bytes` UTF-8 bytes.
    Customer.io drops or rejects values over its limits (event name 100 bytes,
    ids and attribute names 150, attribute values 1000). -#}
{% test customer_io_max_bytes(model, column_name, max_bytes) %}
    {%- if execute -%}
        {%- do nexus_customer_io._cio_check_whole_number('customer_io_max_bytes', 'max_bytes', max_bytes, 1) -%}
    {%- endif -%}
    {%- set bytes = nexus_customer_io._cio_byte_length(column_name) -%}
select
    {{ column_name }} as value,
    {{ bytes }} as bytes
from {{ model }}
where {{ bytes }} > {{ max_bytes | int }}
{% endtest %}
