{{ nexus_customer_io.customer_io_events(events=api.Relation.create(database=target.database, schema=target.schema, identifier='no_such_nexus_events')) }}
