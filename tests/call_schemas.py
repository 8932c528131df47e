"""The calls customer_io_preview prints, checked against the JSON Schemas in
schemas/pipelines/ (derived from Customer.io's published Pipelines API
description; their README cites the sources)."""
from __future__ import annotations

import json
import re
from functools import lru_cache

import jsonschema

from helpers import ROOT

SCHEMAS = ROOT / "schemas" / "pipelines"
DELETE_EVENTS = {"Relationship Deleted": "relationship-deleted", "User Deleted": "user-deleted",
                 "Object Deleted": "object-deleted", "User Suppressed": "user-suppressed",
                 "User Unsuppressed": "user-unsuppressed"}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text())


def kind(call: dict) -> str:
    """The schema a call must satisfy, by its type and content."""
    if call.get("type") == "group":
        return "group-relationship" if "userId" in call else "group-object"
    if call.get("type") == "track":
        return DELETE_EVENTS.get(call.get("event"), "track")
    return call.get("type", "?")


def problems(call: dict) -> list[str]:
    """Why a call does not satisfy its schema (empty when it does)."""
    name = kind(call)
    if not (SCHEMAS / f"{name}.schema.json").exists():
        return [f"no schema for a call of kind {name!r}"]
    validator = jsonschema.Draft7Validator(schema(name))
    found = [f"{name}: {e.message} at {'/'.join(map(str, e.absolute_path)) or 'the top'}"
             for e in validator.iter_errors(call)]
    # JSON Schema cannot say two fields are equal: a Relationship Deleted names one object twice
    if name == "relationship-deleted" and call.get("properties", {}).get("objectId") != call.get("properties", {}).get("groupId"):
        found.append("relationship-deleted: properties.objectId and properties.groupId differ")
    return found


def previewed(out: str) -> dict[str, list[dict]]:
    """model -> the calls the preview_models run-operation printed for it."""
    calls, model = {}, None
    for line in out.splitlines():
        if m := re.search(r"### preview of (\w+)", line):
            model = m.group(1)
            calls[model] = []
        elif '{"type"' in line and model:
            calls[model].append(json.loads(line[line.index("{"):]))
    return calls
