{#- A meta typo: customer_io_sync_queries warns, skips it and lists the others. -#}
{{ config(meta={'customer_io': {'sync_type': 'Identify'}}) }}
select 1 as one
