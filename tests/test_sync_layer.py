"""The sync layer on both targets: the contract test on good and bad models,
the sync-query and grants run-operations, and the payload preview."""
import json
import re

import pytest

from helpers import TARGETS, run_dbt

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

BAD = {
    "bad_people": {("special column in the wrong case", "anonymousid"), ("no identifier", "  "),
                   ("duplicate key", "u:u1"), ("timestamp in the future", None), ("value over 1000 bytes", "plan of u:u1")},
    "bad_relationships": {("blank userId", "(null)"), ("objectTypeId is not a positive integer", "0"),
                          ("relationshipAttributes is not a JSON object", "loc_1|u:u1"),
                          ("ended relationship not sent as inactive", "loc_3|u:u3")},
    "bad_deletions": {("Relationship Deleted without objectId", "m1"), ("Relationship Deleted without groupId", "m1"),
                      ("objectTypeId is not a positive integer", "0"), ("Object Deleted without anonymousId", "m4"),
                      ("no identifier", "(null)")},
    "bad_events": {("missing special column", "messageId (names are exact and case-sensitive; columns: userId, event, timestamp)")},
}


def contract_results(work_dir, target):
    results = json.loads((work_dir / f"run_results-{target}.json").read_text())
    return {r["unique_id"].split(".")[2]: r for r in results["results"] if "customer_io_contract" in r["unique_id"]}


@pytest.mark.parametrize("target", TARGETS)
def test_contract_passes_on_the_good_models(built, work_dir, target):
    results = contract_results(work_dir, target)
    good = {k: v for k, v in results.items() if "_bad_" not in k}
    assert len(good) == 4 and all(r["status"] == "pass" for r in good.values()), good


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("model", sorted(BAD))
def test_contract_fails_on_the_bad_models_with_the_expected_failures(built, work_dir, target, model):
    result = next(r for k, r in contract_results(work_dir, target).items() if f"_{model}_" in k)
    assert result["status"] == "warn" and result["failures"] == len(BAD[model])
    _, _, rows = built[target].query(f"select failure, detail from {result['relation_name']}")
    # Snowflake reports the unquoted column upper-case
    got = {(f, None if f == "timestamp in the future" else d.lower() if f.startswith("special column") else d)
           for f, d in rows}
    assert got == BAD[model]


@pytest.fixture(scope="module", params=TARGETS)
def run_operation(request, built, work_dir):
    target = request.param

    def run(name, args=None, check=True):
        cmd = ["run-operation", name] + (["--args", json.dumps(args)] if args else [])
        proc = run_dbt(target, *cmd, work_dir=work_dir, check=check)
        if not check:
            assert proc.returncode != 0, proc.stdout[-2000:]
        return proc.stdout

    return target, run


def test_sync_queries_in_order_with_mappings(run_operation):
    target, run = run_operation
    out = run("customer_io_sync_queries", {"settle_minutes": 10})
    order = [out.index(f"{name} - ") for name in
             ("cio_identify_default", "cio_objects_locations", "cio_relationships_locations", "cio_events_email_persons")]
    assert order == sorted(order), out
    assert out.count("{{last_sync_time}}") == 4
    # a meta typo is reported, and the other models are still listed
    assert ("nexus_customer_io.customer_io_sync_queries: bad_meta: meta customer_io.sync_type must be "
            "one of identify, object, relationship, track, got `Identify`. Skipped.") in out
    # untracked models filter on "timestamp", with the late-data warning
    quoted = "`timestamp`" if target == "bigquery" else '"timestamp"'
    assert f"{quoted} >=" in out and "is not change-tracked" in out and "late-arriving event" in out
    assert "Object ID <- groupId" in out and "Object Type ID <- objectTypeId" in out
    assert "Relationship Attributes <- relationshipAttributes" in out and "Event Name <- event" in out
    # the window: [last_sync_time - settle, warehouse clock in UTC - settle)
    if target == "snowflake":
        assert ">= dateadd(minute, -10, to_timestamp_ntz({{last_sync_time}}))" in out
        assert "< cast(convert_timezone('UTC', current_timestamp) as timestamp_ntz) - interval '10 minutes'" in out
    elif target == "bigquery":
        assert ">= timestamp_sub(timestamp_seconds({{last_sync_time}}), interval 10 minute)" in out
        assert "< cast(current_timestamp as timestamp) - interval 10 minute" in out
    elif target == "postgres":
        assert ">= cast((to_timestamp({{last_sync_time}})) at time zone 'UTC' as timestamp) - interval '10 minutes'" in out
        assert "< cast((current_timestamp) at time zone 'UTC' as timestamp) - interval '10 minutes'" in out
    else:
        assert ">= timezone('UTC', to_timestamp({{last_sync_time}})) - interval '10 minutes'" in out
        assert "< timezone('UTC', current_timestamp) - interval '10 minutes'" in out


def test_grants_are_least_privilege(run_operation):
    target, run = run_operation
    if target == "bigquery":
        member = "serviceAccount:cio@cio-test.iam.gserviceaccount.com"
        out = run("customer_io_grants", {"role": member})
        grants = [line for line in out.splitlines() if line.startswith("grant ")]
        assert len(grants) == 4 and all(g.startswith("grant `roles/bigquery.dataViewer` on table `cio-test`.")
                                        and g.endswith(f' to "{member}";') for g in grants), out
        assert f'gcloud projects add-iam-policy-binding cio-test --member="{member}" --role="roles/bigquery.jobUser"' in out
        assert "nexus_customer_io.customer_io_grants: argument `role` must be the member to grant to on BigQuery" in run(
            "customer_io_grants", {"role": "CIO_RETL"}, check=False)
        return
    out = run("customer_io_grants", {"role": "CIO_RETL", "warehouse": "CIO_WH"})
    grants = [line for line in out.splitlines() if "grant " in line]
    selects = [g for g in grants if "grant select" in g]
    if target == "postgres":
        assert len(selects) == 4 and all(g.rstrip().endswith("to CIO_RETL;") for g in selects)
        assert any("grant connect, create on database" in g for g in grants)
    else:
        assert len(selects) == 4 and all(g.rstrip().endswith("to role CIO_RETL;") for g in selects)
        assert any("grant create schema on database" in g for g in grants)
        assert any("grant usage on warehouse CIO_WH" in g for g in grants)
    assert not any(word in out.lower() for word in ("all privileges", "ownership", "grant insert", "grant update"))


def preview(run, model, limit=10):
    out = run("customer_io_preview", {"model": model, "limit": limit})
    calls = [json.loads(line[line.index("{"):]) for line in out.splitlines() if '{"type"' in line]
    return out, calls


def test_preview_identify_and_track_calls(run_operation):
    _, run = run_operation
    _, calls = preview(run, "cio_identify_default")
    assert calls and all(c["type"] == "identify" and "userId" in c and isinstance(c["traits"], dict) for c in calls)
    assert all(c["timestamp"].endswith("Z") and "T" in c["timestamp"] for c in calls if c.get("timestamp"))
    _, calls = preview(run, "cio_events_email_persons")
    assert all(c["type"] == "track" and c["event"] and c["messageId"] and "event_id" in c["properties"] for c in calls)


def test_preview_group_calls(run_operation):
    _, run = run_operation
    _, calls = preview(run, "cio_relationships_locations")
    assert all(c["type"] == "group" and c["traits"]["objectTypeId"] == "1" and c["userId"] for c in calls)
    assert all(isinstance(c["traits"]["relationshipAttributes"]["is_primary_location"], bool) and "relationshipAttributes" not in c
               for c in calls)
    _, calls = preview(run, "cio_objects_locations")
    assert all(c["type"] == "group" and "userId" not in c and c["traits"]["objectTypeId"] == "1" for c in calls)


# Every Customer.io model of the integration project, by the kind of call it makes.
PREVIEWED = {folder: sync_type for folder, sync_type in
             (("identify", "identify"), ("events", "track"), ("objects", "object"), ("relationships", "relationship"))}


def test_every_preview_call_has_the_published_shape(run_operation):
    """customer_io_preview of every integration model: each call validates against its
    JSON Schema in schemas/pipelines/ (derived from the Pipelines API description)."""
    from call_schemas import previewed, problems
    from helpers import PROJECT

    models = {path.stem: sync_type for folder, sync_type in PREVIEWED.items()
              for path in (PROJECT / "models" / folder).glob("cio_*.sql")}
    models["cio_identify_wide"] = "identify"
    _, run = run_operation
    calls = previewed(run("preview_models", {"models": models}))
    assert set(calls) == set(models) and sum(map(len, calls.values())) > 100, {m: len(c) for m, c in calls.items()}
    bad = {model: sorted({p for c in model_calls for p in problems(c)}) for model, model_calls in calls.items()}
    assert not any(bad.values()), {m: b for m, b in bad.items() if b}


def test_preview_prints_rfc3339_offsets(run_operation):
    """A zone-aware value keeps its offset with the colon RFC 3339 needs (+05:30, not +0530)."""
    _, run = run_operation
    out = run("print_preview_value", {"value": "2024-03-10 08:00:00+05:30"})
    assert "preview value: 2024-03-10T08:00:00+05:30" in out, out


def test_preview_flags_calls_over_32_kb(run_operation):
    _, run = run_operation
    out = run("customer_io_preview", {"model": "cio_identify_wide", "sync_type": "identify"})
    assert "over Customer.io's 32 KB limit: Customer.io answers 200 and silently drops it." in out
    assert "1 call(s) previewed from" in out and "1 over 32 KB." in out


RUN_OPERATION_ERRORS = [
    ("print_sync_query", {"model": "cio_objects_locations", "sync_type": "group"},
     "nexus_customer_io.customer_io_sync_query: argument `sync_type` must be one of identify, object, relationship, track, got `group`."),
    ("print_sync_query", {"model": "cio_objects_locations", "sync_type": "track"},
     "has no \"userId\" column, which a track sync needs. Is sync_type right?"),
    ("print_sync_query", {"model": "cio_objects_locations", "sync_type": "object", "settle_minutes": -5},
     "nexus_customer_io.customer_io_sync_query: argument `settle_minutes` must be a whole number of minutes, 0 or more, got `-5`."),
    ("print_sync_query", {"model": "cio_objects_locations", "sync_type": "object", "safety_margin_minutes": 2.5},
     "nexus_customer_io.customer_io_sync_query: argument `safety_margin_minutes` must be a whole number of minutes, 0 or more, got `2.5`."),
    ("customer_io_sync_queries", {"overlap_minutes": 15},
     "nexus_customer_io.customer_io_sync_queries: argument `overlap_minutes` was replaced in 0.2.0 by `settle_minutes`: rows "
     "become eligible settle_minutes after their stamp and each sync reads the window the previous one ended with, so "
     "nothing is sent twice (the overlap re-sent rows) and a run shorter than settle_minutes is never half-seen. Fix: pass "
     "settle_minutes=15 instead; add safety_margin_minutes only to re-read a margin before each window (docs/sync.md)."),
    ("customer_io_preview", {"model": "no_such_model"},
     "nexus_customer_io.customer_io_preview: no model named `no_such_model` in this project."),
    ("customer_io_preview", {"model": "nexus_entities"},
     "nexus_customer_io.customer_io_preview: model `nexus_entities` has no meta customer_io.sync_type, so the kind of call "
     "is unknown. Fix: add meta={'customer_io': {'sync_type': 'identify'}} (or object, relationship, track) to its config, "
     "or pass sync_type to customer_io_preview."),
    ("customer_io_preview", {"limit": 3},
     "nexus_customer_io.customer_io_preview: argument `model` must name a model of this project, got `None`. Fix: dbt "
     "run-operation customer_io_preview --args '{model: customer_io_persons, limit: 3}'."),
    ("customer_io_preview", {"model": " "},
     "nexus_customer_io.customer_io_preview: argument `model` must name a model of this project, got ` `."),
    ("customer_io_preview", {"model": "nexus_entities", "sync_type": "group"},
     "nexus_customer_io.customer_io_preview: argument `sync_type` must be one of identify, object, relationship, track, got `group`."),
    ("customer_io_preview", {"model": "cio_identify_default", "limit": "abc"},
     "nexus_customer_io.customer_io_preview: argument `limit` must be a whole number, 1 or more, got `abc`."),
    ("customer_io_preview", {"model": "cio_events_default", "sync_type": "identify"},
     "has the columns of a track table (userId, event, messageId), but its sync type is identify. "
     "Fix: meta: {customer_io: {sync_type: track}} in its config, or the sync_type argument."),
    ("print_sync_query", {"model": "cio_events_default", "sync_type": "track", "event": "Group Deleted"},
     "nexus_customer_io.customer_io_sync_query: argument `event` must be one of Relationship Deleted, User Deleted, "
     "Object Deleted, got `Group Deleted`. A deletions model (customer_io_deletions) has one sync per event."),
    ("print_sync_query", {"model": "cio_objects_locations", "sync_type": "object", "event": "User Deleted"},
     "nexus_customer_io.customer_io_sync_query: argument `event` is for a deletions model, whose sync type is track; "
     "got sync_type `object`."),
    ("customer_io_grants", {"warehouse": "CIO_WH"},
     "nexus_customer_io.customer_io_grants: argument `role` is required: the role Customer.io's Reverse ETL connects "
     "with (on BigQuery the member, serviceAccount:name@project.iam.gserviceaccount.com). Fix: dbt run-operation "
     "customer_io_grants --args '{role: CUSTOMERIO_REVERSE_ETL}'."),
    ("customer_io_grants", {"role": "cio; drop role x"},
     "nexus_customer_io.customer_io_grants: argument `role` must be a plain identifier (letters, digits, _ and $), got `cio; drop role x`."),
    ("call_unsupported_default", None,
     "nexus_customer_io._cio_json_object: adapter `{target}` is not supported by `_cio_json_object`; add a macro "
     "`{target}__cio_json_object` to your project and dispatch to it (README, Dispatch)."),
]


@pytest.mark.parametrize("operation, args, message", RUN_OPERATION_ERRORS, ids=lambda v: str(v)[:30])
def test_run_operation_errors_name_the_argument(run_operation, operation, args, message):
    target, run = run_operation
    if target == "bigquery" and operation == "customer_io_grants" and "role" in args:
        # on BigQuery the grantee is an IAM member, not a role name
        message = ("nexus_customer_io.customer_io_grants: argument `role` must be the member to grant to on BigQuery "
                   "(serviceAccount:name@project.iam.gserviceaccount.com, user:..., group:...), got `cio; drop role x`.")
    assert message.replace("{target}", target) in run(operation, args, check=False)


# default__ variants that are SQL every supported adapter could run; every
# other default__ must raise "not supported" through _cio_unsupported.
PORTABLE_DEFAULTS = {
    "cio_byte_length", "cio_clean_id", "cio_crockford", "cio_crockford_digits", "cio_dedupe",
    "cio_hex_to_int", "cio_iso8601", "cio_minutes", "cio_payload_columns", "cio_string_literal", "cio_sync_since",
    "customer_io_deletions", "customer_io_events", "customer_io_identify", "customer_io_objects",
    "customer_io_relationships", "customer_io_sync_query",
}


def test_every_default_variant_is_portable_or_says_not_supported():
    from helpers import ROOT

    defaults = {}
    for path in (ROOT / "macros").rglob("*.sql"):
        for m in re.finditer(r"\{%-?\s*macro\s+default__(\w+)\(.*?\{%-?\s*endmacro\s*-?%\}", path.read_text(), re.S):
            defaults[m.group(1)] = m.group(0)
    raising = {name for name, body in defaults.items() if f"_cio_unsupported('{'' if name.startswith('customer') else '_'}{name}')" in body}
    assert set(defaults) - raising == PORTABLE_DEFAULTS, set(defaults) - raising
    assert raising == {"cio_epoch_seconds", "cio_is_json_object", "cio_json_get", "cio_json_has_key", "cio_json_has_value",
                       "cio_json_object", "cio_json_parse", "cio_json_text", "cio_json_type",
                       "cio_parse_timestamp", "cio_regex_full_match", "cio_split_list", "cio_to_utc", "customer_io_grants"}
