"""One person, everywhere: the people model's person map decides whose events
and memberships an entity's are; left-out rows are counted in the build log,
and the suspicious cases are dbt warnings (rows: test_outputs.py)."""
import pytest

from helpers import TARGETS

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")


def lines(build_log_levels, target, level, start):
    return [m for lvl, m in build_log_levels[target] if lvl == level and m.startswith(start)]


@pytest.mark.parametrize("target", TARGETS)
def test_every_entity_merged_into_a_person_sends_to_that_person(built, target):
    """People keyed on user_id, deduped on email: each participation and membership
    of an entity in the person map reaches the person, none is lost."""
    wh = built[target]
    _, _, people = wh.query('select "userId", _cio_entity_id, _cio_merged_entity_ids from cio_identify_default')
    person_of = {}
    for uid, own, merged in people:
        for entity in [own] + (merged.split(",") if merged else []):
            person_of[entity] = uid
    assert person_of["per_01"] == "u_ann2" and person_of["per_16"] == "u_17" and person_of["per_11"] == "u_10"
    _, _, parts = wh.query("select event_id, entity_id from nexus_entity_participants where entity_type = 'person'")
    _, _, sent = wh.query('select event_id, "userId" from cio_events_persons_by_id')
    assert {(e, person_of[ent]) for e, ent in parts if ent in person_of} == set(sent)
    assert len(sent) == len(set(sent))  # one row per event and person
    _, _, rels = wh.query("select entity_a_id, entity_b_id from nexus_relationships "
                          "where relationship_type = 'membership' and is_active")
    _, _, pairs = wh.query('select "groupId", "userId" from cio_relationships_persons_by_id')
    locations = {"grp_01": "loc_01", "grp_02": "loc_02"}  # grp_03 has no location_id
    want = set()
    for a, b in rels:
        person, group = (a, b) if a.startswith("per_") else (b, a)
        if person in person_of and group in locations:
            want.add((locations[group], person_of[person]))
    assert want == set(pairs) and ("loc_02", "u_ann2") in want


@pytest.mark.parametrize("target", TARGETS)
def test_left_out_rows_are_counted_in_the_build_log(build_log_levels, target):
    info = [m for lvl, m in build_log_levels[target] if lvl == "info"]
    assert ("nexus_customer_io.customer_io_events: cio_events_default: 5 of 19 participations left out: "
            "2 entity_type is not 'person', 3 person has no user_id.") in info
    assert ("nexus_customer_io.customer_io_events: cio_events_filtered: 4 of 7 participations of the selected "
            "events left out: 3 role not in participant_roles, 1 person has no user_id.") in info
    assert ("nexus_customer_io.customer_io_events: cio_events_persons_by_id: 5 of 19 participations left out: "
            "2 entity_type is not 'person', 3 person not in the people model cio_identify_default.") in info
    assert ("nexus_customer_io.customer_io_relationships: cio_relationships_locations: 3 of 11 membership "
            "relationships between a person and a group left out: 1 inactive, 1 person has no user_id, "
            "1 object has no location_id.") in info


@pytest.mark.parametrize("target", TARGETS)
def test_most_rows_left_out_with_persons_is_a_dbt_warning(build_log_levels, target):
    warn = [m for lvl, m in build_log_levels[target] if lvl == "warn"]
    assert ("nexus_customer_io.customer_io_events: cio_events_few_persons: 15 of 19 participations left out: "
            "2 entity_type is not 'person', 13 person not in the people model cio_identify_in_cte. That is more "
            "than half of the 17 candidates: check that `persons` is the right people model, built from the "
            "same nexus entities before this model.") in warn
    assert ("nexus_customer_io.customer_io_relationships: cio_relationships_few_persons: 7 of 11 membership "
            "relationships between a person and a group left out: 1 inactive, 6 person not in the people model "
            "cio_identify_in_cte. That is more than half of the 10 candidates: check that `persons` is the right "
            "people model, built from the same nexus entities before this model.") in warn
    # below half: a log line, not a warning
    assert not [m for m in warn if "cio_events_persons_by_id:" in m]


@pytest.mark.parametrize("target", TARGETS)
def test_identifier_arguments_with_persons_warn(build_log_levels, target):
    warn = [m for lvl, m in build_log_levels[target] if lvl == "warn"]
    assert ("nexus_customer_io.customer_io_events: cio_events_email_persons: user_id_column ignored: with "
            "`persons` every entity is sent under the \"userId\" / \"anonymousId\" its person has in "
            "cio_identify_options (the people sync decides who a person is). Remove user_id_column from this "
            "call.") in warn
