"""customer_io_objects and customer_io_relationships: what is left out and
why, the JSON attributes (rows: test_outputs.py)."""
import json

import pytest

from helpers import TARGETS

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

LOCATION_KEYS = {"is_active", "is_primary_location", "is_most_recent_location", "is_first_location",
                 "has_multiple_locations", "location_count", "first_interaction_at", "last_interaction_at"}


def attributes(wh, model):
    _, _, rows = wh.query(f'select "groupId", "userId", "relationshipAttributes" from {model}')
    return {(g, u): a if isinstance(a, dict) else json.loads(a) for g, u, a in rows}


@pytest.mark.parametrize("target", TARGETS)
def test_objects_leave_out_rows_without_object_id_and_duplicates(built, target):
    _, _, rows = built[target].query('select "groupId", location_name from cio_objects_locations')
    # grp_03 has no location_id; grp_04's ' loc_01 ' trims to loc_01 and loses to grp_01 (updated later)
    assert sorted(rows) == [("loc_01", "Downtown Clinic"), ("loc_02", "Uptown Clinic")]


@pytest.mark.parametrize("target", TARGETS)
def test_relationship_keys_and_json_types(built, target):
    attrs = attributes(built[target], "cio_relationships_locations")
    for (group, user), obj in attrs.items():
        assert LOCATION_KEYS <= set(obj), (group, user, obj)
        assert isinstance(obj["is_primary_location"], bool) and isinstance(obj["has_multiple_locations"], bool)
        assert isinstance(obj["location_count"], int) and not isinstance(obj["location_count"], bool)
        for key in ("first_interaction_at", "last_interaction_at", "established_at"):
            assert isinstance(obj[key], int) and not isinstance(obj[key], bool), obj[key]  # Unix seconds
        assert None not in obj.values()  # nulls left out by default
        assert obj["is_active"] is True and "ended_at" not in obj  # ended ones: tracked models only
    assert "membership_tier" not in attrs[("loc_01", "u_18")]


@pytest.mark.parametrize("target", TARGETS)
def test_rankings_ties_and_spans(built, target):
    attrs = attributes(built[target], "cio_relationships_locations")
    # equal interaction times: the lower groupId wins, deterministically
    assert attrs[("loc_01", "u_18")]["is_primary_location"] and not attrs[("loc_02", "u_18")]["is_primary_location"]
    assert attrs[("loc_01", "u_18")]["is_first_location"] and not attrs[("loc_02", "u_18")]["is_first_location"]
    # two roles at one location: one row spanning both relationships
    ann = attrs[("loc_01", "u_ann2")]
    assert (ann["first_interaction_at"], ann["last_interaction_at"]) == (1701388800, 1714521600)  # 2023-12-01, 2024-05-01
    assert attrs[("loc_02", "u_ann2")]["is_first_location"] and ann["is_primary_location"]


@pytest.mark.parametrize("target", TARGETS)
def test_left_out_memberships(built, target):
    keys = set(attributes(built[target], "cio_relationships_locations"))
    users = {u for _, u in keys}
    assert "u_dup" not in users          # rel_04 inactive
    assert "u_05" not in users           # rel_06: location without location_id
    assert not any(u is None for u in users)  # rel_07: per_14 has no user_id
    assert ("loc_02", "u_03") not in keys     # rel_12 is an association, not a membership
    assert ("loc_02", "u_10") in keys         # rel_05 declared group-to-person


@pytest.mark.parametrize("target", TARGETS)
def test_persons_rekeys_case_variant_memberships(built, target):
    attrs = attributes(built[target], "cio_relationships_email_persons")
    # per_01 (Ann@Example.com, lost the people dedupe) and per_02 both hold loc_02: one row for the synced person
    ann = attrs[("loc_02", "ann@example.com")]
    assert (ann["first_interaction_at"], ann["last_interaction_at"]) == (1682899200, 1709251200)  # 2023-05-01, 2024-03-01
    assert ann["membership_tier"] == "platinum"  # from the latest relationship
    assert ("loc_02", "x9@example.com") in attrs     # active_only=false keeps rel_04
    assert attrs[("loc_01", "O'Brien@example.com")]["membership_tier"] is None  # keep_null_attributes
