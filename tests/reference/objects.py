"""customer_io_objects, from docs/objects.md, README.md."""
from __future__ import annotations

from .common import (check_timestamp_traits, ENTITY_SYSTEM_COLUMNS, Output, Table, clean_id, dedupe, select_traits, to_utc,
                     trait_value)


def object_type_text(object_type_id) -> str:
    """A positive integer (1 or '1', spaces trimmed) sent as text."""
    if isinstance(object_type_id, bool):
        raise ValueError(object_type_id)
    text = str(object_type_id).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(object_type_id)
    return str(int(text))


def objects(entities: Table, *, object_type_id, object_id_column, entity_type="group",
            ignore_traits=(), rename_traits=None, include_traits=None, timestamp_column="_updated_at",
            timestamp_traits=(), trait_timestamp_format="unix", allow_sensitive_traits=(),
            keep_empty_traits=False, row_filter=None, identifier_traits=("email",)) -> Output:
    """`row_filter` stands for the raw-SQL `filters` (before the dedupe; the
    all-null trait check ignores it)."""
    type_text = object_type_text(object_type_id)
    gid_col = entities.find(object_id_column)
    ts_col = entities.find(timestamp_column)
    ts_kind = entities.type_of(ts_col)
    of_type = [r for r in entities.rows if r["entity_type"] == entity_type]
    traits = select_traits(
        entities, rows_of_type=of_type, excluded_columns=list(ENTITY_SYSTEM_COLUMNS) + [gid_col],
        ignore_traits=ignore_traits, include_traits=include_traits, rename_traits=rename_traits,
        allow_sensitive=allow_sensitive_traits, drop_unsubscribed=False,
        keep_empty_traits=keep_empty_traits)
    check_timestamp_traits(entities, of_type, traits, timestamp_traits)
    objs = [{"row": r, "gid": clean_id(r[gid_col]), "ts": to_utc(r[ts_col], ts_kind)} for r in of_type
            if row_filter is None or row_filter(r)]
    objs = [o for o in objs if o["gid"] is not None]
    # One row per "groupId" (after trimming, case-sensitive); latest wins.
    objs = dedupe(objs, lambda o: o["gid"], lambda o: o["ts"], lambda o: o["row"]["entity_id"])
    columns = ["groupId", "objectTypeId", "timestamp"] + [n for _, n in traits]
    rows = [tuple([o["gid"], type_text, o["ts"]] + [
        trait_value(entities, o["row"], col, timestamp_traits=timestamp_traits, fmt=trait_timestamp_format,
                               identifier_traits=identifier_traits)
        for col, _ in traits]) for o in objs]
    return Output(columns, rows)
