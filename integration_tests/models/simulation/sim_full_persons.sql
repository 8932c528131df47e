{#- The proof of sameness (tests/test_sync_simulation.py): what sim_persons
    holds after each incremental run must equal this full recompute of the
    same call, built in the same run. -#}
{{ config(materialized='table') }}
{{ nexus_customer_io.customer_io_identify(entities=source('sim', 'simsrc_entities')) }}
