{#- A text trait named a timestamp that holds no timestamp at all: an error,
    not a column of nulls that would delete the attribute in Customer.io. -#}
{{ nexus_customer_io.customer_io_identify(timestamp_traits=['first_name']) }}
