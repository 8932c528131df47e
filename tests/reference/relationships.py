"""customer_io_relationships, from docs/relationships.md and README.md."""
from __future__ import annotations

from .common import (TEXT, TIME_TYPES, Output, Table, clean_id, format_trait_timestamp, latest_first,
                     output_name, person_key, to_utc)
from .events import person_map
from .objects import object_type_text


def _earliest_first(items, value, tie):
    """Ranking "first": earliest value, null last, ties by the lowest tie."""
    return sorted(items, key=lambda i: (value(i) is None, value(i) or 0, tie(i)))


def relationships(relationships_table: Table, entities: Table, *, object_type_id, object_id_column,
                  user_id_column="user_id", object_name="object", object_name_plural=None,
                  relationship_type="membership", person_entity_type="person",
                  object_entity_type="group", active_only=True, object_attributes=(),
                  relationship_attributes=(), persons=None, keep_null_attributes=False,
                  row_filter=None, identifier_attributes=("email",), trait_timestamp_format="unix") -> Output:
    """`persons` as in events: the person map decides whose membership it is
    (people without "userId" have none); `user_id_column` is then ignored. `row_filter` stands for
    the raw-SQL `filters` on the relationships relation.

    Without `persons` the pair key is the person key (emails compared
    case-insensitively); which spelling of such an email is sent is not
    documented, so callers should compare "userId" by person key then."""
    type_text = object_type_text(object_type_id)
    plural = object_name_plural or f"{object_name}s"
    rels = relationships_table
    ent = {e["entity_id"]: e for e in entities.rows}
    uid_col = entities.find(user_id_column) if persons is None else None
    by_entity = person_map(persons) if persons is not None else None
    gid_col = entities.find(object_id_column)
    obj_attr_cols = [entities.find(c) for c in object_attributes]
    rel_attr_cols = [rels.find(c) for c in relationship_attributes]

    pairs = {}  # (groupId, person key) -> {"uid":..., "rels": [(rel, object entity)]}
    for rel in rels.rows:
        if row_filter is not None and not row_filter(rel):
            continue
        if rel["relationship_type"] != relationship_type:
            continue
        if active_only and rel["is_active"] is not True:
            continue
        if rel["entity_a_type"] == person_entity_type and rel["entity_b_type"] == object_entity_type:
            pid, oid = rel["entity_a_id"], rel["entity_b_id"]
        elif rel["entity_b_type"] == person_entity_type and rel["entity_a_type"] == object_entity_type:
            pid, oid = rel["entity_b_id"], rel["entity_a_id"]
        else:
            continue
        if oid not in ent:
            continue
        if persons is not None:
            uid = by_entity[pid]["userId"] if pid in by_entity else None
        else:
            uid = clean_id(ent[pid][uid_col]) if pid in ent else None
        gid = clean_id(ent[oid][gid_col])
        if uid is None or gid is None:
            continue
        pair = pairs.setdefault((gid, person_key(uid)), {"gid": gid, "uid": uid, "rels": []})
        pair["rels"].append((rel, ent[oid]))

    kind = rels.type_of
    for pair in pairs.values():
        rs = [r for r, _ in pair["rels"]]
        firsts = [to_utc(r["established_at"], kind("established_at")) for r in rs]
        lasts = [to_utc(r["last_updated_at"], kind("last_updated_at")) for r in rs]
        stamps = [to_utc(r["_updated_at"], kind("_updated_at")) for r in rs]
        pair["first"] = min((v for v in firsts if v is not None), default=None)
        pair["last"] = max((v for v in lasts if v is not None), default=None)
        pair["ts"] = max((v for v in stamps if v is not None), default=None)
        # Listed attributes: the pair's latest relationship, ties lowest relationship_id.
        pair["latest"] = latest_first(pair["rels"], lambda ro: to_utc(ro[0]["_updated_at"], kind("_updated_at")),
                                      lambda ro: ro[0]["relationship_id"])[0]

    by_person = {}
    for pair in pairs.values():
        by_person.setdefault(person_key(pair["uid"]), []).append(pair)
    for items in by_person.values():
        most_recent = latest_first(items, lambda p: p["last"], lambda p: p["gid"])[0]
        first = _earliest_first(items, lambda p: p["first"], lambda p: p["gid"])[0]
        for p in items:
            p["attrs"] = {
                "is_active": True,
                f"is_primary_{object_name}": p is most_recent,
                f"is_most_recent_{object_name}": p is most_recent,
                f"is_first_{object_name}": p is first,
                f"has_multiple_{plural}": len(items) > 1,
                f"{object_name}_count": len(items),
                "first_interaction_at": format_trait_timestamp(p["first"], trait_timestamp_format),
                "last_interaction_at": format_trait_timestamp(p["last"], trait_timestamp_format),
            }
            rel, obj = p["latest"]
            for col in obj_attr_cols:
                p["attrs"][output_name(col)] = _json_value(obj[col], entities.type_of(col), col, identifier_attributes, trait_timestamp_format)
            for col in rel_attr_cols:
                p["attrs"][output_name(col)] = _json_value(rel[col], kind(col), col, identifier_attributes, trait_timestamp_format)
            if not keep_null_attributes:
                p["attrs"] = {k: v for k, v in p["attrs"].items() if v is not None}

    columns = ["groupId", "objectTypeId", "userId", "timestamp", "relationshipAttributes"]
    rows = [(p["gid"], type_text, p["uid"], p["ts"], p["attrs"]) for p in pairs.values()]
    return Output(columns, rows)


def _json_value(value, kind, col, identifiers, fmt):
    """Booleans and numbers keep JSON types, text is a string (identifier
    columns trimmed, blank as null), typed timestamps and dates are UTC in
    `fmt` ('unix' seconds or 'iso8601' with T and Z)."""
    if kind == TEXT and col.lower() in {c.lower() for c in identifiers}:
        return clean_id(value)
    if kind in TIME_TYPES:
        return format_trait_timestamp(to_utc(value, kind), fmt)
    return value
