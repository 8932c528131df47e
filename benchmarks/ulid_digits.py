"""How to spell a ULID's 26 digits on DuckDB: the alternatives side by side.

    .venv/bin/python benchmarks/ulid_digits.py [--rows 10000000]

Builds one table of timestamps and keys, then times, each as a `create table
as` over the same rows: the parts alone (md5, epoch, two hex-to-integer
casts), then the parts and the digits spelled three ways. Prints seconds and
each variant's ratio to the package's (pairs), and checks that they agree.
"""
import argparse
import time

import duckdb

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PARTS = """select greatest(coalesce(cast(floor(epoch(ts)) as bigint), 0), 0) * 1000 as t,
    cast('0x' || substr(m, 1, 10) as bigint) as h, cast('0x' || substr(m, 11, 10) as bigint) as l
from (select ts, md5(k) as m from keys)"""


def lookups(bits: int) -> list[str]:
    """The digit look-ups of (t: 50 bits, h and l: 40 bits each), `bits` at a time."""
    mask = 2 ** bits - 1
    return [f"c[((({col} >> {bits * p}) & {mask}) + 1)]"
            for col, width in (("t", 50), ("h", 40), ("l", 40)) for p in range(width // bits - 1, -1, -1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    rows = parser.parse_args().rows
    con = duckdb.connect()
    con.execute("set threads = 2")
    con.execute(f"""create table keys as
        select timestamp '2024-01-01' + to_seconds(i) as ts, 'evt_' || i || '|u:user' || (i % 1000000) || '@x.com' as k
        from range({rows}) as r(i)""")
    singles = "[" + ", ".join(f"'{c}'" for c in ALPHABET) + "]"
    pairs = "[" + ", ".join(f"'{a}{b}'" for a in ALPHABET for b in ALPHABET) + "]"
    variants = {
        "parts only": f"select t + h + l as u from ({PARTS})",
        "pairs: 13 look-ups per 10 bits, joined with ||": f"select {' || '.join(lookups(10))} as u from (select *, {pairs} as c from ({PARTS}))",
        "singles: 26 look-ups per 5 bits, array_to_string (0.2.0 before)": f"select array_to_string([{', '.join(lookups(5))}], '') as u from (select *, {singles} as c from ({PARTS}))",
        "substr of the alphabet per digit": "select " + " || ".join(
            f"substr('{ALPHABET}', cast((({col} >> {5 * p}) & 31) + 1 as integer), 1)"
            for col, width in (("t", 50), ("h", 40), ("l", 40)) for p in range(width // 5 - 1, -1, -1)) + f" as u from ({PARTS})",
    }
    seconds = {}
    for name, sql in variants.items():
        start = time.perf_counter()
        con.execute(f"create or replace table out_{len(seconds)} as {sql}")
        seconds[name] = time.perf_counter() - start
    for i in range(2, len(variants)):
        differ = con.execute(f"select count(*) from out_1 positional join out_{i} as o where out_1.u <> o.u").fetchall()[0][0]
        assert differ == 0, f"variant {i} differs from pairs in {differ} rows"
    ours = seconds["pairs: 13 look-ups per 10 bits, joined with ||"]
    print(f"{rows:,} rows, 2 threads; digits = variant - parts only")
    for name, s in seconds.items():
        print(f"  {name:66s} {s:6.2f} s   digits {s - seconds['parts only']:5.2f} s   / pairs {s / ours:4.2f}")


if __name__ == "__main__":
    main()
