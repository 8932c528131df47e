{{ cio_export_table('cio_export_deliveries_seed', {'workspace_id': 'int', 'campaign_id': 'int', 'action_id': 'int',
    'newsletter_id': 'int', 'content_id': 'int', 'trigger_id': 'int', 'transactional_message_id': 'int',
    'seq_num': 'int', 'created_at': 'timestamp'}) }}
