{#- The facts of Customer.io that the macros, the contract test, preview and
    the sync queries all read, kept here once. -#}

{% macro _cio_sync_types() %}
    {#- sync type -> special columns it needs, order to enable, Customer.io
        column mappings; sends_ended: a tracked model's removed rows hold the
        version that tells Customer.io the row ended, sent once. -#}
    {{ return({
        'identify': {'needs': ['userId', 'timestamp'], 'order': 1,
                     'mappings': [('userId', 'User ID'), ('anonymousId', 'Anonymous ID'), ('timestamp', 'Timestamp')]},
        'object': {'needs': ['groupId', 'objectTypeId', 'timestamp'], 'order': 2,
                   'mappings': [('groupId', 'Object ID'), ('objectTypeId', 'Object Type ID'), ('timestamp', 'Timestamp')]},
        'relationship': {'needs': ['groupId', 'objectTypeId', 'userId', 'timestamp', 'relationshipAttributes'], 'order': 3, 'sends_ended': true,
                         'mappings': [('groupId', 'Object ID'), ('objectTypeId', 'Object Type ID'), ('userId', 'User ID'), ('relationshipAttributes', 'Relationship Attributes'), ('timestamp', 'Timestamp')]},
        'track': {'needs': ['userId', 'timestamp', 'event', 'messageId'], 'order': 4,
                  'mappings': [('event', 'Event Name'), ('userId', 'User ID'), ('anonymousId', 'Anonymous ID'), ('messageId', 'Message ID'), ('timestamp', 'Timestamp')]}
    }) }}
{% endmacro %}


{#- Every special column of the four sync types: never a trait. -#}
{% macro _cio_special_columns() %}
    {{ return(['userId', 'anonymousId', 'groupId', 'objectTypeId', 'event', 'messageId', 'timestamp', 'relationshipAttributes']) }}
{% endmacro %}


{#- Customer.io's limits (its docs, "Limits"): bytes of an id (userId,
    groupId) and of an attribute name; of an event name; of a text attribute
    value; attributes per profile; bytes of one call, over which Customer.io
    answers 200 and silently drops it. -#}
{% macro _cio_limits() %}
    {{ return({'id_bytes': 150, 'name_bytes': 150, 'event_bytes': 100, 'value_bytes': 1000,
               'attributes': 300, 'call_bytes': 32768}) }}
{% endmacro %}
