{# People keyed on email, as in the upstream docs' events example. #}
{{ nexus_customer_io.customer_io_identify(entities=source('nexus', 'nexus_entities'), user_id_column='email', dedupe_column=none) }}
