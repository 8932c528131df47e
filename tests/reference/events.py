"""customer_io_events, from docs/events.md, README.md."""
from __future__ import annotations

import datetime as dt
import hashlib
import math

from .common import (TEXT, TIME_TYPES, Output, Table, clean_id, format_trait_timestamp, is_sensitive, output_name,
                     person_key, to_utc)

EVENT_SYSTEM_COLUMNS = ("event_id", "_processed_at", "_ingested_at", "source_table")


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def row_key(event_id: str, key: str) -> str:
    """`md5(event_id || '|' || key)`, key `u:<normalised userId>` or `a:<normalised anonymousId>`:
    the key of an events row (and 0.1.0's messageId)."""
    return hashlib.md5(f"{event_id}|{key}".encode("utf-8")).hexdigest()


def ulid(millis: int, bits80: int) -> str:
    """26 Crockford base32 characters: 48-bit milliseconds, then 80 bits."""
    value = (millis << 80) | bits80
    return "".join(CROCKFORD[(value >> (5 * i)) & 31] for i in range(25, -1, -1))


def message_id(event_id: str, key: str, when) -> str:
    """A ULID: time from the event's timestamp (whole seconds, UTC; 0 when null or
    before 1970), the other 80 bits from the first 20 hex digits of `row_key`."""
    millis = 0
    if when is not None:
        aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
        millis = max(math.floor(aware.timestamp()), 0) * 1000
    return ulid(millis, int(row_key(event_id, key)[:20], 16))


def person_map(persons: list[dict]) -> dict:
    """The people model as the one map from entities to people: entity_id ->
    the person row it belongs to (its own `_cio_entity_id` and every id in
    `_cio_merged_entity_ids`)."""
    by_entity = {}
    for p in persons:
        ids = [p["_cio_entity_id"]] + (p["_cio_merged_entity_ids"] or "").split(",")
        for entity_id in ids:
            if entity_id:
                by_entity[entity_id] = p
    return by_entity


def events(events_table: Table, participants: Table, entities: Table, *,
           user_id_column="user_id", anonymous_id_column=None, event_name_column="event_name",
           rename_events=None, event_names=None, sources=None, participant_roles=None,
           ignore_properties=(), rename_properties=None, include_properties=None, persons=None,
           persons_have_anonymous_id=False, occurred_after=None, entity_type="person",
           timestamp_column="occurred_at", allow_sensitive_properties=(), row_filter=None,
           identifier_properties=("email",), trait_timestamp_format="unix") -> Output:
    """`persons` is the people table as a list of dicts with "userId" (and
    "anonymousId" when `persons_have_anonymous_id`). `occurred_after` is a
    naive UTC datetime. `row_filter` stands for the raw-SQL `filters` on the
    events relation. Measurements/dimensions are not modelled."""
    rename_events = rename_events or {}
    rename_properties = {"source": "event_data_source"} if rename_properties is None else rename_properties
    renames = {k.lower(): v for k, v in rename_properties.items()}
    name_col = events_table.find(event_name_column)
    ts_col = events_table.find(timestamp_column)
    ts_kind = events_table.type_of(ts_col)
    # With `persons`, identifiers come from the people model (user_id_column and
    # anonymous_id_column are ignored); "anonymousId" is sent when it has one.
    uid_col = entities.find(user_id_column) if persons is None else None
    aid_col = (entities.find(anonymous_id_column) if anonymous_id_column else None) if persons is None else None
    with_anonymous = aid_col is not None if persons is None else persons_have_anonymous_id
    by_entity = person_map(persons) if persons is not None else None

    excluded = {c.lower() for c in EVENT_SYSTEM_COLUMNS} | {name_col.lower(), ts_col.lower()}
    ignore = {c.lower() for c in ignore_properties}
    include = None if include_properties is None else {c.lower() for c in include_properties}
    allow = {c.lower() for c in allow_sensitive_properties}
    props = []
    for col in events_table.names():
        low = col.lower()
        if low in excluded or low in ignore or (include is not None and low not in include):
            continue
        if is_sensitive(col) and low not in allow:
            continue
        props.append((col, renames.get(low, output_name(col))))

    entity_by_id = {e["entity_id"]: e for e in entities.rows}
    columns = ["userId"] + (["anonymousId"] if with_anonymous else []) + ["timestamp", "event", "messageId",
                                                                   "event_id"] + [n for _, n in props]
    rows = []
    for ev in events_table.rows:
        if row_filter is not None and not row_filter(ev):
            continue
        if event_names is not None and ev[name_col] not in event_names:
            continue
        if sources is not None and ev.get("source") not in sources:
            continue
        when = to_utc(ev[ts_col], ts_kind)
        if occurred_after is not None and (when is None or when < occurred_after):
            continue
        # key -> (entity_id, userId, anonymousId); the lowest entity_id spells it.
        chosen = {}
        for part in participants.rows:
            if part["event_id"] != ev["event_id"]:
                continue
            if participant_roles is not None and part.get("role") not in participant_roles:
                continue
            if persons is not None:
                person = by_entity.get(part["entity_id"])
                if person is None:
                    continue
                uid = person["userId"]
                aid = person.get("anonymousId") if with_anonymous else None
            else:
                ent = entity_by_id.get(part["entity_id"])
                if ent is None or ent["entity_type"] != entity_type:
                    continue
                uid = clean_id(ent[uid_col])
                aid = clean_id(ent[aid_col]) if aid_col else None
                if uid is None and aid is None:
                    continue
            key = f"u:{person_key(uid)}" if uid is not None else f"a:{person_key(aid)}"
            cand = (part["entity_id"], uid, aid)
            if key not in chosen or cand[0] < chosen[key][0]:
                chosen[key] = cand
        for key, (_, uid, aid) in chosen.items():
            name = ev[name_col]
            values = [uid] + ([aid] if with_anonymous else []) + [when, rename_events.get(name, name),
                                                          message_id(ev["event_id"], key, when), ev["event_id"]]
            for col, _ in props:
                kind = events_table.type_of(col)
                if kind == TEXT and col.lower() in {c.lower() for c in identifier_properties}:
                    values.append(clean_id(ev[col]))  # identifier properties: trimmed, blank as null
                else:
                    values.append(format_trait_timestamp(to_utc(ev[col], kind), trait_timestamp_format)
                                  if kind in TIME_TYPES else ev[col])
            rows.append(tuple(values))
    return Output(columns, rows)
