"""customer_io_events: what is left out and why, messageId, the event-name
length report, types (rows: test_outputs.py)."""
import datetime as dt
import json

import pytest

from helpers import TARGETS, canon_rows, run_dbt
from reference.events import message_id, ulid

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

# Person participations of the seed that the default events model leaves out.
LEFT_OUT_DEFAULT = {
    ("evt_03", "per_14"): "person has neither userId nor anonymousId",
    ("evt_08", "per_12"): "person has no userId; no anonymous id configured",
    ("evt_11", "per_07"): "userId blank after trimming; no anonymous id configured",
}
# The email-keyed model with persons: participations whose person is not in
# the people table (no email, so no userId there).
LEFT_OUT_EMAIL_PERSONS = {
    ("evt_01", "per_03"), ("evt_04", "per_05"), ("evt_05", "per_04"), ("evt_08", "per_12"),
    ("evt_11", "per_07"), ("evt_12", "per_03"),
}

PARTICIPATIONS = """
    select p.event_id, p.entity_id, trim(e.{col}) as id
    from nexus_entity_participants p
    join nexus_entities e on e.entity_id = p.entity_id
    where e.entity_type = 'person'
"""


def left_out(wh, model, col, case_insensitive=False):
    _, _, parts = wh.query(PARTICIPATIONS.format(col=col))
    _, _, out = wh.query(f'select event_id, "userId" from {model}')
    norm = (lambda v: v.lower()) if case_insensitive else (lambda v: v)
    sent = {(e, norm(u)) for e, u in out}
    return {(e, ent) for e, ent, ident in parts if not ident or (e, norm(ident)) not in sent}


@pytest.mark.parametrize("target", TARGETS)
def test_left_out_participations_are_the_documented_ones(built, target):
    assert left_out(built[target], "cio_events_default", "user_id") == set(LEFT_OUT_DEFAULT)


@pytest.mark.parametrize("target", TARGETS)
def test_persons_keeps_only_synced_people_and_rekeys_case_variants(built, target):
    wh = built[target]
    assert left_out(wh, "cio_events_email_persons", "email", case_insensitive=True) == LEFT_OUT_EMAIL_PERSONS
    _, _, people = wh.query('select "userId" from cio_identify_options')
    _, _, sent = wh.query('select distinct "userId" from cio_events_email_persons')
    assert {r[0] for r in sent} <= {r[0] for r in people}
    # evt_06 belongs to 'Ann@Example.com', who lost the people dedupe; it reaches the winner.
    _, _, rows = wh.query("select \"userId\" from cio_events_email_persons where event_id = 'evt_06'")
    assert rows == [("ann@example.com",)]


@pytest.mark.parametrize("target", TARGETS)
def test_one_row_per_event_and_person(built, target):
    wh = built[target]
    for model in ("cio_events_default", "cio_events_email_persons", "cio_events_anonymous"):
        _, _, rows = wh.query(f'select count(*), count(distinct "messageId") from {model}')
        assert rows[0][0] == rows[0][1], model
    # per_09 takes part in evt_02 twice (patient, payer): one row
    _, _, rows = wh.query("select count(*) from cio_events_default where event_id = 'evt_02'")
    assert rows[0][0] == 1
    # evt_01 has two person participants: two rows, two messageIds
    _, _, rows = wh.query("select count(distinct \"messageId\") from cio_events_default where event_id = 'evt_01'")
    assert rows[0][0] == 2
    # evt_07 has the two spellings of one email: one row when the email is the id
    _, _, rows = wh.query("select count(*) from cio_events_email_persons where event_id = 'evt_07'")
    assert rows[0][0] == 1


def test_message_id_is_stable_across_targets_models_and_spellings(built):
    ids = {}
    for target in TARGETS:
        for model in ("cio_events_default", "cio_events_anonymous", "cio_events_tz"):
            _, _, rows = built[target].query(f'select event_id, "userId", "messageId" from {model} where "userId" is not null')
            for e, u, mid in rows:
                ids.setdefault((e, u), set()).add(mid)
    assert all(len(v) == 1 for v in ids.values()), {k: v for k, v in ids.items() if len(v) > 1}
    # The email-keyed messageId does not depend on which spelling won the people dedupe:
    # a ULID whose 80 random bits come from md5(event_id | 'u:' | lower(email)), and whose
    # time is the event's.
    import hashlib
    _, _, rows = built["duckdb"].query("select \"messageId\", \"timestamp\" from cio_events_email_persons where event_id = 'evt_06'")
    (mid, when), = rows
    assert mid == message_id("evt_06", "u:ann@example.com", when)
    assert mid[10:] == ulid(0, int(hashlib.md5(b"evt_06|u:ann@example.com").hexdigest()[:20], 16))[10:]


def test_message_id_is_a_ulid(built):
    """26 characters of Crockford base32, first one 0-7 (128 bits), its time
    part the event's timestamp in milliseconds (whole seconds)."""
    import re
    for target in TARGETS:
        _, _, rows = built[target].query('select "messageId", "timestamp" from cio_events_default')
        for mid, when in rows:
            assert re.fullmatch("[0-7][0-9A-HJKMNP-TV-Z]{25}", mid), (target, mid)
            millis = sum("0123456789ABCDEFGHJKMNPQRSTVWXYZ".index(c) << (5 * (9 - i)) for i, c in enumerate(mid[:10]))
            aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
            assert millis == int(aware.timestamp()) * 1000, (target, mid, when)


@pytest.mark.parametrize("target", TARGETS)
def test_long_event_names_are_reported(built, work_dir, target):
    results = json.loads((work_dir / f"run_results-{target}.json").read_text())
    tests = [r for r in results["results"] if "customer_io_max_bytes" in r["unique_id"]]
    assert len(tests) == 1
    assert tests[0]["status"] == "warn" and tests[0]["failures"] == 1


@pytest.mark.parametrize("target", TARGETS)
def test_secret_looking_properties_are_logged(build_logs, target):
    assert "customer_io_events: cio_events_default: left out secret-looking properties: session_token." in build_logs[target]


@pytest.mark.parametrize("target", TARGETS)
def test_tracked_events_without_ingested_at_read_every_event(built, work_dir, target):
    """Events of a dbt-nexus before v0.13 (no `_ingested_at`): a change-tracked
    events model's next run is a full recompute and says why, writes nothing
    when nothing changed, and holds the untracked model's rows."""
    wh = built[target]
    model = "cio_events_tracked_no_watermark"
    _, stamped = wh.table(model)
    proc = run_dbt(target, "run", "--select", model, work_dir=work_dir)
    assert (f"customer_io_events: {model}: full recompute: the events have no column `_ingested_at` "
            "(watermark_column); every event is read.") in proc.stdout, proc.stdout[-3000:]
    names, rows = wh.table(model)
    assert canon_rows(rows) == canon_rows(stamped)  # _cio_changed_at included: nothing rewritten
    assert "_cio_ingested_at" not in names and "_cio_definition" in names
    default_names, default_rows = wh.table("cio_events_default")
    payload = [names.index(n) for n in default_names]
    assert canon_rows([tuple(row[i] for i in payload) for row in rows]) == canon_rows(default_rows)
