"""customer_io_identify, from docs/identify.md, README.md."""
from __future__ import annotations

# The people model's person map (bookkeeping, never sent): the entity the row
# comes from, and the entities merged into it (comma-separated, sorted; null
# when none). Events and relationships given `persons` follow it.
MAP_COLUMNS = ("_cio_entity_id", "_cio_merged_entity_ids")

from .common import (check_boolean_trait, check_timestamp_traits, ENTITY_SYSTEM_COLUMNS, Output, Table, clean_id, dedupe,
                     dedupe_value, parse_boolean, person_key, select_traits, to_utc, trait_value)


def identify(entities: Table, *, entity_type="person", user_id_column="user_id",
             anonymous_id_column=None, dedupe_column="email", ignore_traits=(), rename_traits=None,
             include_traits=None, timestamp_column="_updated_at", timestamp_traits=(),
             trait_timestamp_format="unix", allow_sensitive_traits=(),
             sync_unsubscribed=False, keep_empty_traits=False, row_filter=None, identifier_traits=("email",)) -> Output:
    """`row_filter`: a Python predicate standing for the raw-SQL `filters`.
    Filters decide which rows compete in the dedupe; the all-null trait check
    ignores them."""
    uid_col = entities.find(user_id_column)
    aid_col = entities.find(anonymous_id_column) if anonymous_id_column else None
    ts_col = entities.find(timestamp_column)
    dd_col = entities.find(dedupe_column) if dedupe_column else None
    of_type = [r for r in entities.rows if r["entity_type"] == entity_type]

    excluded = list(ENTITY_SYSTEM_COLUMNS) + [uid_col] + ([aid_col] if aid_col else [])
    traits = select_traits(
        entities, rows_of_type=of_type, excluded_columns=excluded, ignore_traits=ignore_traits,
        include_traits=include_traits, rename_traits=rename_traits,
        allow_sensitive=allow_sensitive_traits, drop_unsubscribed=not sync_unsubscribed,
        keep_empty_traits=keep_empty_traits)
    check_timestamp_traits(entities, of_type, traits, timestamp_traits)
    # sync_unsubscribed=true sends `unsubscribed` as a boolean (Customer.io reads a text "true" as subscribed)
    booleans = {col for col, name in traits if sync_unsubscribed and name.lower() == "unsubscribed"}
    for col in booleans:
        check_boolean_trait(of_type, col, "unsubscribed")

    ts_kind = entities.type_of(ts_col)
    people = []
    for row in of_type:
        if row_filter is not None and not row_filter(row):
            continue
        uid = clean_id(row[uid_col])
        aid = clean_id(row[aid_col]) if aid_col else None
        if uid is None and aid is None:
            continue
        people.append({"row": row, "uid": uid, "aid": aid, "ts": to_utc(row[ts_col], ts_kind),
                       "members": []})

    ts = lambda p: p["ts"]  # noqa: E731
    tie = lambda p: p["row"]["entity_id"]  # noqa: E731
    # Three stages: dedupe value; "userId"; "anonymousId" of rows without "userId".
    # The person map: a winner takes the entities of every row it beat.
    def merge(winner, loser):
        winner["members"] += [loser["row"]["entity_id"]] + loser["members"]

    if dd_col:
        people = dedupe(people, lambda p: dedupe_value(p["row"][dd_col]), ts, tie, merge)
    people = dedupe(people, lambda p: person_key(p["uid"]), ts, tie, merge)
    people = dedupe(people, lambda p: person_key(p["aid"]) if p["uid"] is None else None, ts, tie, merge)

    columns = (["userId"] + (["anonymousId"] if aid_col else []) + ["timestamp"] + [n for _, n in traits]
               + list(MAP_COLUMNS))
    rows = []
    for p in people:
        values = [p["uid"]] + ([p["aid"]] if aid_col else []) + [p["ts"]]
        values += [parse_boolean(p["row"][col]) if col in booleans else
                   trait_value(entities, p["row"], col, timestamp_traits=timestamp_traits,
                               fmt=trait_timestamp_format,
                               identifier_traits=identifier_traits) for col, _ in traits]
        values += [p["row"]["entity_id"], ",".join(sorted(p["members"])) or None]
        rows.append(tuple(values))
    return Output(columns, rows)
