{#- A date that is not on the calendar: this error, not the warehouse's conversion error. -#}
{{ nexus_customer_io.customer_io_events(occurred_after='2024-02-30') }}
