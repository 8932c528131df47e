"""Rules shared by the four syncs, as the documents state them.

Every function here is written from docs/*.md, README.md and
the package docs, never from the package's SQL.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

# docs/identify.md: identifiers are "trimmed of spaces, tabs and line breaks;
# empty or blank counts as null".
ID_WHITESPACE = " \t\n\r"

# README "Checks on your input" and docs/identify.md: secret-looking names.
SENSITIVE_PARTS = ("password", "secret", "token", "api_key", "access_key", "private_key", "credential")

# docs/identify.md: system columns never sent as traits.
ENTITY_SYSTEM_COLUMNS = ("entity_id", "entity_type", "traits_entity_id", "_processed_at",
                         "_updated_at", "_last_merged_at")

TEXT, TIMESTAMP, TIMESTAMPTZ, DATE, BOOLEAN, DOUBLE, INTEGER = (
    "text", "timestamp", "timestamptz", "date", "boolean", "double", "integer")
TIME_TYPES = (TIMESTAMP, TIMESTAMPTZ, DATE)


@dataclass
class Table:
    """An input relation: ordered (name, type) columns and rows as dicts."""
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)

    def names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def type_of(self, name: str) -> str:
        return dict(self.columns)[name]

    def find(self, name: str) -> str:
        """The relation's column that an argument names (case-insensitive)."""
        for col in self.names():
            if col.lower() == name.lower():
                return col
        raise KeyError(name)


@dataclass
class Output:
    """What a macro's model holds: column names in order and rows."""
    columns: list[str]
    rows: list[tuple]


def clean_id(value):
    """Identifier rule: trimmed of spaces, tabs and line breaks; blank is null."""
    if value is None:
        return None
    text = str(value).strip(ID_WHITESPACE)
    return text or None


def person_key(value):
    """Person matching (docs/identify.md): trimmed; compared case-insensitively when
    the value contains `@` (Customer.io treats email so), exactly otherwise."""
    text = clean_id(value)
    if text is None:
        return None
    return text.lower() if "@" in text else text


def dedupe_value(value):
    """identify stage 1: the dedupe column trimmed and lower-cased; blank = null."""
    text = clean_id(value)
    return None if text is None else text.lower()


def output_name(column: str) -> str:
    """README / docs/identify.md: a name the warehouse reports all upper- or all lower-case is
    sent lower-case; a mixed-case name keeps its case."""
    if column == column.lower() or column == column.upper():
        return column.lower()
    return column


def is_sensitive(column: str) -> bool:
    low = column.lower()
    return any(part in low for part in SENSITIVE_PARTS)


# docs/identify.md "Text timestamps": the ISO-8601 shapes that are parsed.
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def parse_iso(text):
    """Text timestamp -> naive UTC datetime, or None for any other text.

    Date, optional time (`T` or space, seconds and fraction optional), zone
    `Z`, `+hh`, `+hhmm` or `+hh:mm` (only after a time); no zone = UTC;
    surrounding spaces ignored; impossible dates are null."""
    if text is None:
        return None
    m = _ISO.fullmatch(str(text).strip(" "))
    if not m:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    try:
        value = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0),
                            int(((frac or "") + "000000")[:6]))
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        value -= sign * offset
    return value


def to_utc(value, kind: str):
    """Timestamp rule: every timestamp is UTC without a zone. Zone-aware values
    are converted; values without a zone are UTC already; dates are midnight;
    text is parsed as ISO-8601 (other text is null)."""
    if value is None:
        return None
    if kind == TIMESTAMPTZ:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if kind == TIMESTAMP:
        return value
    if kind == DATE:
        return dt.datetime(value.year, value.month, value.day)
    if kind == TEXT:
        return parse_iso(value)
    raise ValueError(f"not a time type: {kind}")


def iso_z(value):
    """Inside JSON and for trait_timestamp_format='iso8601': `...T...Z`, to the second."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def unix_seconds(value):
    return None if value is None else calendar.timegm(value.timetuple())


def format_trait_timestamp(value, fmt: str):
    """trait_timestamp_format: 'unix' (the default), 'timestamp' (UTC, no zone), 'iso8601'."""
    if fmt == "timestamp":
        return value
    if fmt == "unix":
        return unix_seconds(value)
    if fmt == "iso8601":
        return iso_z(value)
    raise ValueError(fmt)


def latest_first(rows, ts, tie):
    """Dedupe order: latest timestamp first, null last, ties by the lowest `tie`."""
    return sorted(rows, key=lambda r: (ts(r) is None, _neg(ts(r)), tie(r)))


def _neg(value):
    # Sort key giving "latest first" for datetimes without negating them.
    if value is None:
        return 0
    return -((value - dt.datetime(1, 1, 1)) // dt.timedelta(microseconds=1))


def dedupe(rows, key, ts, tie, merge=None):
    """Keep one row per non-null key (latest ts, ties lowest tie); rows with a
    null key are never merged with each other. `merge(winner, loser)` is
    called for every row that loses."""
    keep, seen = [], {}
    for row in latest_first(rows, ts, tie):
        k = key(row)
        if k is None:
            keep.append(row)
        elif k not in seen:
            seen[k] = row
            keep.append(row)
        elif merge is not None:
            merge(seen[k], row)
    return keep


def select_traits(table: Table, *, rows_of_type: list[dict], excluded_columns, ignore_traits=(),
                  include_traits=None, rename_traits=None, allow_sensitive=(), drop_unsubscribed=False,
                  keep_empty_traits=False) -> list[tuple[str, str]]:
    """Trait discovery as identify documents it, shared by objects.

    Returns (column, output name) pairs in the relation's column order."""
    excluded = {c.lower() for c in excluded_columns}
    ignore = {c.lower() for c in ignore_traits}
    include = None if include_traits is None else {c.lower() for c in include_traits}
    allow = {c.lower() for c in allow_sensitive}
    renames = {"_created_at": "created_at"}
    renames.update({k.lower(): v for k, v in (rename_traits or {}).items()})
    out = []
    for col in table.names():
        low = col.lower()
        if low in excluded or low in ignore:
            continue
        if include is not None and low not in include:
            continue
        if is_sensitive(col) and low not in allow:
            continue
        if drop_unsubscribed and low == "unsubscribed":
            continue
        if not keep_empty_traits and all(r.get(col) is None for r in rows_of_type):
            continue
        out.append((col, renames.get(low, output_name(col))))
    return out


class ExpectedError(Exception):
    """The call must fail, with `text` in dbt's message."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def check_timestamp_traits(table: Table, rows_of_type: list[dict], traits, timestamp_traits) -> None:
    """A text trait named a timestamp with values, none of which parses, is
    an error (it would be sent as null for everyone)."""
    named = {t.lower() for t in timestamp_traits}
    for col, _ in traits:
        if table.type_of(col) != TEXT or col.lower() not in named:
            continue
        values = [r.get(col) for r in rows_of_type if r.get(col) is not None]
        if values and all(parse_iso(v) is None for v in values):
            raise ExpectedError(f"argument `timestamp_traits`: column `{output_name(col)}` is not a timestamp")


def trait_value(table: Table, row: dict, col: str, *, timestamp_traits=(), fmt="unix",
                identifier_traits=("email",)):
    """A trait's value: text sent as stored, but identifier traits (email by
    default) trimmed like identifiers, blank as null; typed timestamps and
    dates and the named text timestamp traits follow the timestamp rule and
    the format."""
    kind = table.type_of(col)
    value = row.get(col)
    if kind == TEXT and col.lower() in {t.lower() for t in identifier_traits}:
        return clean_id(value)
    if kind in TIME_TYPES:
        return format_trait_timestamp(to_utc(value, kind), fmt)
    if kind == TEXT and col.lower() in {t.lower() for t in timestamp_traits}:
        return format_trait_timestamp(parse_iso(value), fmt)
    return value


def parse_boolean(value):
    """`unsubscribed` as sync_unsubscribed=true sends it: true, 1, yes, y, t and false,
    0, no, n, f (any case, trimmed) as a boolean; anything else null."""
    if value is None:
        return None
    text = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
    return True if text in ("true", "1", "yes", "y", "t") else False if text in ("false", "0", "no", "n", "f") else None


def check_boolean_trait(rows_of_type: list[dict], col: str, name: str) -> None:
    """A column sent as `unsubscribed` with values, none of them a boolean, is an error."""
    values = [r.get(col) for r in rows_of_type if r.get(col) is not None]
    if values and all(parse_boolean(v) is None for v in values):
        raise ExpectedError(f"argument `sync_unsubscribed`: column `{output_name(col)}` is not a boolean")
