{{ cio_export_table('cio_export_people_seed', {'workspace_id': 'int', 'deleted': 'boolean', 'suppressed': 'boolean',
    'created_at': 'timestamp', 'updated_at': 'timestamp'}) }}
