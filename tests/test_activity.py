"""Customer.io's message activity as a dbt-nexus source (docs/activity.md).

The integration build reads the export fixture (tests/cio_export_fixture.py)
through the package's customer_io_activity models on every target; their rows
are compared with integration_tests/expected by tests/test_outputs.py. Here:
the fixture is the cited schema and what the generator writes, the cases it
holds come out as documented (checked from the fixture itself, not from the
expected files), the round trip lands on the right person, and the events
sync does not echo the activity back.
"""
import hashlib
import re

import pytest

import cio_export_fixture as fixture
from helpers import PROJECT, ROOT, TARGETS, run_dbt

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")


def test_the_committed_fixture_is_what_the_generator_writes():
    for name, text in fixture.rendered().items():
        assert (fixture.SEEDS / name).read_text() == text, f"{name}: run tests/cio_export_fixture.py"


def test_the_fixture_has_the_columns_the_docs_cite():
    """docs/activity.md lists each file's columns; the fixture has exactly those, in order."""
    doc = (ROOT / "docs" / "activity.md").read_text()
    for title, columns in (("Deliveries", fixture.DELIVERIES), ("Metrics", fixture.METRICS), ("People", fixture.PEOPLE)):
        section = doc[doc.index(f"#### {title}\n") + 5:]
        section = section[:re.search(r"^#", section, re.M).start()]
        listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
        assert listed == columns, (title, listed)


def rows(built, target, model):
    names, data = built[target].table(model)
    return [dict(zip(names, r)) for r in data]


@pytest.mark.parametrize("target", TARGETS)
def test_one_event_per_metric_with_nexus_ids(built, target):
    metrics = {m["event_id"] for m in fixture.metrics()}
    events = rows(built, target, "customer_io_activity_events")
    # an event exported twice (m03) is one event; the id is nexus.create_nexus_id('event', [event_id])
    assert sorted(e["event_id"] for e in events) == sorted("evt_" + hashlib.md5(m.encode()).hexdigest() for m in metrics)
    assert {e["source"] for e in events} == {"customer_io"}
    by_id = {e["event_id"]: e for e in events}
    name = {m["event_id"]: by_id["evt_" + hashlib.md5(m["event_id"].encode()).hexdigest()]["event_name"] for m in fixture.metrics()}
    assert name["m04"] == "email link clicked" and name["m16"] == "email marked as spam" and name["m15"] == "in-app clicked"
    assert name["m07"] == "email bounced" and name["m09"] == "push opened" and name["m14"] == "sms failed"
    # a bounce without an open: d2 has no opened metric, and its bounce is an event of its own
    assert not [m for m in fixture.metrics() if m["delivery_id"] == "d2" and m["metric"] == "opened"]


@pytest.mark.parametrize("target", TARGETS)
def test_identifiers_link_each_person_once_per_event(built, target):
    ids = rows(built, target, "customer_io_activity_entity_identifiers")
    of = {}
    for r in ids:
        of.setdefault(r["event_id"], set()).add((r["identifier_type"], r["identifier_value"]))
        assert r["edge_id"].startswith("ent_edg_") and r["role"] == "recipient" and r["entity_type"] == "person"
    edges = {}
    for r in ids:
        edges.setdefault(r["event_id"], set()).add(r["edge_id"])
    assert all(len(e) == 1 for e in edges.values()), edges  # one edge per event: nexus merges the ids
    event = {m["event_id"]: "evt_" + hashlib.md5(m["event_id"].encode()).hexdigest() for m in fixture.metrics()}
    assert of[event["m01"]] == {("cio_id", "cio_01"), ("user_id", "u_ann2"), ("email", "ann@example.com")}
    assert of[event["m08"]] == {("cio_id", "cio_02"), ("user_id", "u_03")}             # known by id alone
    assert of[event["m10"]] == {("cio_id", "cio_03"), ("email", "O'Brien@example.com")}  # known by email alone
    assert of[event["m15"]] == {("cio_id", "cio_06")}                                   # no People row
    assert event["m12"] not in of                                                        # deleted in Customer.io


@pytest.mark.parametrize("target", TARGETS)
def test_traits_and_dimensions(built, target):
    traits = {(r["identifier_value"], r["trait_name"]): r["trait_value"] for r in rows(built, target, "customer_io_activity_entity_traits")}
    # cio_05's later People row (suppressed) wins; cio_03 unsubscribed; the deleted cio_04 has none
    assert traits == {("cio_01", "customer_io_suppressed"): "false", ("cio_02", "customer_io_suppressed"): "false",
                      ("cio_03", "customer_io_suppressed"): "false", ("cio_03", "customer_io_unsubscribed"): "true",
                      ("cio_05", "customer_io_suppressed"): "true"}
    dims = {(r["event_id"], r["dimension_name"]): r["dimension_value"] for r in rows(built, target, "customer_io_activity_event_dimensions")}
    click = "evt_" + hashlib.md5(b"m04").hexdigest()
    assert dims[(click, "cio_link_url")] == "https://clinic.example.com/book?utm=cio" and dims[(click, "cio_link_id")] == "7"
    assert dims[(click, "cio_campaign_id")] == "10" and dims[(click, "cio_delivery_id")] == "d1"
    bounce = "evt_" + hashlib.md5(b"m07").hexdigest()
    assert dims[(bounce, "cio_reason")] == "550 5.1.1 mailbox unavailable" and dims[(bounce, "cio_newsletter_id")] == "20"


@pytest.mark.parametrize("target", TARGETS)
def test_the_round_trip_lands_on_the_person_the_people_sync_sent(built, target):
    """People sent to Customer.io (cio_identify_default) -> their activity read back -> the same person."""
    landed = {(r["event_name"], r["userId"]) for r in rows(built, target, "cio_activity_roundtrip")}
    assert {u for _, u in landed} == {"u_ann2", "u_03", "u_18", "u_dup"}
    assert ("email unsubscribed", "u_18") in landed  # known to Customer.io by email alone
    assert ("push opened", "u_03") in landed          # by id alone
    # the deleted person (u_10) and the one without a People row land nowhere
    assert not [x for x in landed if x[1] == "u_10"]


@pytest.mark.parametrize("target", TARGETS)
def test_the_events_sync_does_not_echo_the_activity(built, build_log_levels, target):
    assert sorted(map(str, rows(built, target, "cio_events_no_echo"))) == \
        sorted(map(str, rows(built, target, "cio_events_persons_by_id")))
    warn = [m for lvl, m in build_log_levels[target] if lvl == "warn"]
    assert ("nexus_customer_io.customer_io_events: cio_events_no_echo: left out 16 events of source `customer_io`: "
            "Customer.io's own message activity, read back into nexus (docs/activity.md), which sent to Customer.io "
            "would come back as new events of its own. To send them, set send_customer_io_activity=true (or name "
            "'customer_io' in `sources`); set send_customer_io_activity=false to make this a log line.") in warn
    # asked for, it is sent, to the person it landed on
    sent = sorted((r["userId"], r["event"]) for r in rows(built, target, "cio_events_with_activity"))
    assert sent == [("u_03", "push opened"), ("u_ann2", "email link clicked"), ("u_ann2", "email opened")]


@pytest.mark.parametrize("target", TARGETS)
def test_an_export_table_without_a_documented_column_is_an_error(built, work_dir, target):
    vars_ = ("{nexus: {sources: {customer_io_activity: {enabled: true, events: true, entities: [person], models: "
             "{deliveries: cio_export_deliveries, metrics: cio_export_people, people: cio_export_people}}}}}")
    proc = run_dbt(target, "run", "--select", "customer_io_activity_events", "--vars", vars_, work_dir=work_dir, check=False)
    assert proc.returncode == 1
    assert "nexus_customer_io.customer_io_activity: the export table metrics (" in proc.stdout, proc.stdout[-3000:]
    assert ("has no column `event_id`, which Customer.io's metrics file has (docs/activity.md); its columns are: "
            "workspace_id, customer_id, internal_customer_id, deleted, suppressed, created_at, updated_at, email_addr. "
            "Fix: load the file's columns under their own names, or point "
            "nexus.sources.customer_io_activity.models.metrics at a model that has them.") in proc.stdout, proc.stdout[-3000:]
