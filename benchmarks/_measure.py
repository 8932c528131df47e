"""Time one `create table as` in a fresh process: python _measure.py DB TABLE SQLFILE.
Prints {"seconds": ..., "peak_rss_mb": ...}; the process start is not timed."""
import json
import resource
import sys
import time

import duckdb

db, table, sql_file = sys.argv[1:4]
sql = open(sql_file).read()
con = duckdb.connect(db)
con.execute("set memory_limit = '12GB'")
start = time.perf_counter()
con.execute(f"create or replace table {table} as {sql}")
seconds = time.perf_counter() - start
rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
con.execute(f"drop table {table}")
con.close()
print(json.dumps({"seconds": seconds, "rows": rows,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
