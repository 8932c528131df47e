{{ cio_export_table('cio_export_metrics_seed', {'workspace_id': 'int', 'link_id': 'int', 'seq_num': 'int',
    'created_at': 'timestamp', 'proxied': 'boolean', 'prefetched': 'boolean', 'machine': 'boolean'}) }}
