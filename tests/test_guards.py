"""Every guard the docs list: the error names the argument, the value and the
fix. The deliberately bad models live in integration_tests/models/guards and
are enabled only here (var cio_guards)."""
import json
import re

import pytest

from helpers import TARGETS, run_dbt

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

COLUMNS_LISTED = "Its columns are: entity_id, entity_type, email, first_name, user_id, anon_id"


def unknown(arg, name):
    return [f"nexus_customer_io.customer_io_identify: argument `{arg}` names column `{name}`, which",
            "does not have.", COLUMNS_LISTED, f"Fix: use one of these names, or remove it from `{arg}`."]


def reserved(name, key):
    return [f"nexus_customer_io.customer_io_identify: trait `{name}` (column `plan`) would be read by "
            f"Customer.io as its reserved name `{key}`.",
            "Fix: rename it with rename_traits={'plan': 'another_name'} or leave it out with ignore_traits=['plan']."]


EXPECTED_ERRORS = {
    "guard_unknown_user_id_column": unknown("user_id_column", "userid_typo"),
    "guard_unknown_anonymous_id_column": unknown("anonymous_id_column", "anon"),
    "guard_unknown_dedupe_column": unknown("dedupe_column", "e_mail"),
    "guard_unknown_timestamp_column": unknown("timestamp_column", "updated"),
    "guard_unknown_include_traits": unknown("include_traits", "shoe_size"),
    "guard_unknown_rename_traits": unknown("rename_traits", "shoe_size"),
    "guard_unknown_timestamp_traits": unknown("timestamp_traits", "signed_up"),
    "guard_unknown_allow_sensitive_traits": unknown("allow_sensitive_traits", "password"),
    "guard_unknown_identifier_traits": unknown("identifier_traits", "e_mail"),
    "guard_duplicate_after_rename": [
        "two output columns would be named `email`: from column `", "` and from column `",
        "Fix: rename one with rename_traits or leave one out with ignore_traits."],
    "guard_duplicate_case_insensitive": [
        "two output columns would be named `Email`", "names compare case-insensitively"],
    "guard_reserved_userid": reserved("UserId", "userid"),
    "guard_reserved_anonymousid": reserved("anonymousId", "anonymousid"),
    "guard_reserved_timestamp": reserved("TIMESTAMP", "timestamp"),
    "guard_reserved_event": reserved("event", "event"),
    "guard_reserved_groupid": reserved("groupId", "groupid"),
    "guard_reserved_objecttypeid": reserved("objectTypeId", "objecttypeid"),
    "guard_reserved_relationshipattributes": reserved("relationshipAttributes", "relationshipattributes"),
    "guard_reserved_messageid": reserved("messageId", "messageid"),
    "guard_reserved_id": reserved("id", "id"),
    "guard_reserved_cio_id": reserved("cio_id", "cio_id"),
    "guard_bad_trait_timestamp_format": [
        "argument `trait_timestamp_format` must be one of unix, timestamp, iso8601, got `epoch`."],
    "guard_ignore_traits_not_a_list": [
        "argument `ignore_traits` must be a list of strings, got `plan`. Fix: write ignore_traits=['plan']."],
    "guard_include_traits_not_a_list": [
        "argument `include_traits` must be a list of strings, got `email`. Fix: write include_traits=['email']."],
    "guard_rename_traits_not_a_dict": [
        "argument `rename_traits` must be a dict of old name to new name, got `['plan']`."],
    "guard_rename_traits_blank_target": [
        "argument `rename_traits` must map each name to a non-empty new name, got `plan` mapped to ` `. Fix: give the new name, or leave `plan` out of rename_traits."],
    "guard_filters_not_a_list": [
        "argument `filters` must be a list of strings, got `plan = 'pro'`."],
    "guard_entities_not_a_relation": [
        "argument `entities` must be a relation such as ref('nexus_entities') or source('nexus', 'nexus_entities'), got `nexus_entities`."],
    "guard_blank_entity_type": ["argument `entity_type` must be a non-empty string, got ``."],
}
EV = "nexus_customer_io.customer_io_events: "
EXPECTED_ERRORS.update({
    "guard_events_unknown_user_id_column": [EV + "argument `user_id_column` names column `userid_typo`, which", "nexus_entities"],
    "guard_events_unknown_event_name_column": [EV + "argument `event_name_column` names column `name`, which", "nexus_events",
                                               "Its columns are: event_id, occurred_at, event_name"],
    "guard_events_unknown_include_properties": [EV + "argument `include_properties` names column `colour`"],
    "guard_events_reserved_property": [EV + "property `Event` (column `event_type`) would be read by Customer.io as its reserved name `event`.",
                                       "Fix: rename it with rename_properties={'event_type': 'another_name'} or leave it out with ignore_properties=['event_type']."],
    "guard_events_duplicate_property": [EV + "two output columns would be named `source`"],
    "guard_events_bad_occurred_after": [EV + "argument `occurred_after` must be a UTC date or time such as '2024-01-31' or '2024-01-31 08:00:00', got `last tuesday`. For a moving window use `filters`."],
    "guard_events_persons_not_a_people_table": [EV + "argument `persons` must be a people table built by customer_io_identify, with a \"userId\" column;"],
    "guard_events_event_names_not_a_list": [EV + "argument `event_names` must be a list of strings, got `payment completed`."],
    "guard_events_rename_events_not_a_dict": [EV + "argument `rename_events` must be a dict of old name to new name"],
    "guard_events_missing_events_relation": [EV + "the relation", "no_such_nexus_events", "given by `events` does not exist. Build it first"],
})
OB = "nexus_customer_io.customer_io_objects: "
RL = "nexus_customer_io.customer_io_relationships: "
TYPE_ID_FIX = "argument `object_type_id` must be a positive integer such as 1 or '1' (the id Customer.io gave the object type in your workspace), got "
EXPECTED_ERRORS.update({
    "guard_objects_type_id_zero": [OB + TYPE_ID_FIX + "`0`."],
    "guard_objects_type_id_text": [OB + TYPE_ID_FIX + "`locations`."],
    "guard_objects_type_id_decimal": [OB + TYPE_ID_FIX + "`1.5`."],
    "guard_objects_unknown_object_id_column": [OB + "argument `object_id_column` names column `loc_id`, which"],
    "guard_objects_reserved_object_id": [OB + "trait `object_id` (column `location_name`) would be read by Customer.io as its reserved name `object_id`."],
    "guard_objects_reserved_relationship": [OB + "trait `_Relationship` (column `location_name`) would be read by Customer.io as its reserved name `_relationship`."],
    "guard_relationships_type_id_negative": [RL + TYPE_ID_FIX + "`-1`."],
    "guard_relationships_bad_object_name": [RL + "argument `object_name` must be lower-case letters, digits and underscores, starting with a letter, such as 'location' (it names attribute keys such as is_primary_<object_name>), got `Location Site`."],
    "guard_relationships_attribute_collides": [RL + "argument `object_attributes` lists `last_interaction_at`, but the relationship attributes already have a key `last_interaction_at`."],
    "guard_relationships_unknown_relationship_attribute": [RL + "argument `relationship_attributes` names column `tier`, which", "nexus_relationships", "Its columns are: relationship_id, entity_a_id"],
    "guard_relationships_unknown_user_id_column": [RL + "argument `user_id_column` names column `uid`, which"],
    "guard_events_persons_without_map": [EV + "argument `persons`: ", "bad_people", " has no _cio_entity_id column, "
                                         "the person map that tells which nexus entities each person stands for. Build "
                                         "the people model with customer_io_identify of nexus_customer_io 0.2.0 or later"],
    "guard_relationships_persons_without_map": [RL + "argument `persons`: ", "bad_people", " has no _cio_entity_id "
                                                "column, the person map"],
    "guard_relationships_attribute_is_active": [RL + "argument `relationship_attributes` lists `is_active`, but the relationship attributes already have a key `is_active`."],
})
EXPECTED_ERRORS.update({
    "guard_boolean_text": ["nexus_customer_io.customer_io_identify: argument `sync_unsubscribed` must be true or false, got `false` (a text). Fix: write sync_unsubscribed=false, without quotes."],
    "guard_relationships_active_only_text": [RL + "argument `active_only` must be true or false, got `no` (a text). Fix: write active_only=false, without quotes."],
    "guard_relationships_timestamp_format": [RL + "argument `trait_timestamp_format` must be one of unix, iso8601, got `timestamp`. "
                                             "relationshipAttributes is JSON, which has no timestamp type."],
    "guard_tracking_append": ["nexus_customer_io.customer_io_objects: an incremental Customer.io model cannot use incremental_strategy='append': it would keep the old version of a changed row beside the new one, and send both."],
})
# Generic tests with bad arguments (models/guards/_guard_tests.yml): errors when they run.
EXPECTED_TEST_ERRORS = {
    "guard_contract_unknown_check": "nexus_customer_io.customer_io_contract: argument `checks` must hold only 'contract' and/or 'limits', got `nonsense` in ['nonsense'].",
    "guard_contract_future_minutes_text": "nexus_customer_io.customer_io_contract: argument `future_minutes` must be a whole number, 0 or more, got `abc`.",
    "guard_max_bytes_text": "nexus_customer_io.customer_io_max_bytes: argument `max_bytes` must be a whole number, 1 or more, got `abc`.",
}
DL = "nexus_customer_io.customer_io_deletions: "
EXPECTED_ERRORS.update({
    "guard_deletions_nothing": [DL + "nothing to delete: pass `relationships` (a tracked customer_io_relationships model)"],
    "guard_deletions_delete_people_text": [DL + "argument `delete_people` must be true or false, got `true` (a text). Fix: write delete_people=true, without quotes."],
    "guard_deletions_without_people": [DL + "argument `delete_people` is true but `people` is not given. Fix: people=ref('<your customer_io_identify model>')."],
    "guard_deletions_untracked": [DL + "argument `relationships`: ", "cio_relationships_locations",
                                  " is not change-tracked (no _cio_removed_at column), so it does not know what it no longer produces."],
    "guard_deletions_not_relationships": [DL + "argument `relationships`: ", "cio_identify_default",
                                          ' has no "groupId" column; it must be a model built by customer_io_relationships.'],
})
EXPECTED_ERRORS.update({
    "guard_tracking_wrong_unique_key": ["nexus_customer_io.customer_io_identify: an incremental Customer.io model needs unique_key='_cio_key' (the column the package adds), got unique_key=`userId`.",
                                        "Fix: config(materialized='incremental', unique_key='_cio_key', on_schema_change='append_new_columns')."],
    "guard_tracking_no_schema_change": ["nexus_customer_io.customer_io_objects: an incremental Customer.io model needs on_schema_change='append_new_columns' or 'sync_all_columns'"],
})
EXPECTED_ERRORS.update({
    "guard_timestamp_traits_not_timestamps": [
        "nexus_customer_io.customer_io_identify: argument `timestamp_traits`: column `first_name` is not a timestamp: "
        "none of its 18 values in entities of entity_type 'person' is an ISO-8601 date or time (e.g. `Ann`, `Quinn`), "
        "so `first_name` would be sent as null for everyone, deleting the attribute in Customer.io. "
        "Fix: remove `first_name` from `timestamp_traits`."],
})
IDF = "nexus_customer_io.customer_io_identify: "
EXPECTED_ERRORS.update({
    "guard_timestamp_as_user_id": [IDF + "argument `user_id_column` names column `_created_at` of type ",
                                   "; an identifier must be text or a number. Fix: name the column that holds the identifier."],
    "guard_objects_timestamp_as_object_id": [OB + "argument `object_id_column` names column `_created_at` of type ",
                                             "; an identifier must be text or a number. Fix: name the column that holds the identifier."],
    "guard_events_timestamp_as_user_id": [EV + "argument `user_id_column` names column `_created_at` of type ",
                                          "; an identifier must be text or a number. Fix: name the column that holds the identifier."],
    "guard_relationships_timestamp_as_object_id": [RL + "argument `object_id_column` names column `_created_at` of type ",
                                                   "; an identifier must be text or a number. Fix: name the column that holds the identifier."],
    "guard_trait_name_double_quote": [IDF + "trait `the \"plan\"` (column `plan`) contains a double quote, which cannot be "
                                      "part of a quoted column name. Fix: rename it with rename_traits={'plan': 'another_name'}"],
    "guard_trait_name_too_long": [IDF + "trait `" + "p" * 151 + "` (column `plan`) is 151 bytes long; Customer.io accepts "
                                  "attribute names of at most 150 bytes. Fix: rename it with rename_traits={'plan': 'another_name'} "
                                  "or leave it out with ignore_traits=['plan']."],
})
# Models that build, with a dbt warning each (values that match nothing).
EXPECTED_WARNINGS = {
    "warn_identify_values": [
        "nexus_customer_io.customer_io_identify: warn_identify_values: argument `entity_type`: `Person` matches no row: "
        "the values in column `entity_type` of nexus_entities are only `person`, `group`. `person` differs only in case. "
        "Fix: use a value that is there, or remove it from `entity_type`."],
    "warn_identify_null_columns": [
        "nexus_customer_io.customer_io_identify: warn_identify_null_columns: argument `dedupe_column`: column "
        "`location_id` is null or blank on all 18 entities of entity_type 'person', so no two entities are merged by it."],
    "warn_include_traits_empty": [
        "nexus_customer_io.customer_io_identify: warn_include_traits_empty: `include_traits` is an empty list, so no "
        "trait is sent: only the identifiers and the timestamp. To send every trait, leave `include_traits` out."],
    "warn_objects_null_id": [
        "nexus_customer_io.customer_io_objects: warn_objects_null_id: argument `object_id_column`: column `email` is "
        "null or blank on all 4 entities of entity_type 'group', so no object is sent."],
    "warn_events_values": [
        # 'payment completed' is there: only the other spelling warns
        "nexus_customer_io.customer_io_events: warn_events_values: argument `event_names`: `Payment Completed` "
        "matches no row: the values in column `event_name` of nexus_events are only `payment completed`, ",
        "nexus_customer_io.customer_io_events: warn_events_values: argument `sources`: `Stripe` matches no row: "
        "the values in column `source` of nexus_events are only `stripe`, `lobbie`. `stripe` differs only in case.",
        "nexus_customer_io.customer_io_events: warn_events_values: argument `participant_roles`: `Patient` matches "
        "no row: the values in column `role` of nexus_entity_participants are only `patient`, "],
    "warn_relationships_values": [
        "nexus_customer_io.customer_io_relationships: warn_relationships_values: argument `relationship_type`: "
        "`Membership` matches no row: the values in column `relationship_type` of nexus_relationships are only "
        "`membership`, `association`. `membership` differs only in case.",
        "nexus_customer_io.customer_io_relationships: warn_relationships_values: argument `object_entity_type`: "
        "`location` matches no row: the values in columns `entity_a_type` and `entity_b_type` of nexus_relationships "
        "are only `group`, `person`. Fix: use a value that is there, or remove it from `object_entity_type`."],
}
EXPECTED_ERRORS.update({
    "guard_events_impossible_occurred_after": [EV + "argument `occurred_after` must be a UTC date or time such as '2024-01-31' or "
                                               "'2024-01-31 08:00:00', got `2024-02-30`, which is not a date of the calendar. "
                                               "For a moving window use `filters`."],
    "guard_filters_blank_entry": [IDF + "argument `filters` must hold non-empty strings, got `  ` in [\"plan = 'pro'\", '  ']. "
                                  "Fix: remove the blank entry."],
    "guard_filters_blank_text": [IDF + "argument `filters` must be a list of strings, got ``. Fix: leave `filters` out, "
                                 "or write filters=[] for none."],
    "guard_unsubscribed_not_boolean": [IDF + "argument `sync_unsubscribed`: column `first_name` is not a boolean: none of its 18 "
                                       "values in entities of entity_type 'person' is true or false (or 1/0, yes/no) (e.g. `Ann`, "
                                       "`Quinn`), so `unsubscribed` would be sent as null for everyone, deleting the attribute in "
                                       "Customer.io. Fix: set sync_unsubscribed=false, or send a column that holds true or false."],
    "guard_events_send_activity_text": [EV + "argument `send_customer_io_activity` must be true or false, got `yes` (a text). "
                                        "Fix: write send_customer_io_activity=true, without quotes."],
    "guard_deletions_bad_max_deletions": [DL + "argument `max_deletions` must be none (no limit), a whole number of rows, or a "
                                          "mapping with `count` (a whole number) and/or `share` (a number from 0 to 1 of the rows "
                                          "previously synced), such as {'count': 10, 'share': 0.2}; got `{'share': 20}`."],
    "guard_relationships_bad_max_ended": [RL + "argument `max_ended` must be none (no limit), a whole number of rows, or a mapping",
                                          "got `lots`."],
    "guard_deletions_objects_not_objects": [DL + "argument `objects`: ", "cio_relationships_locations", " has the columns of a "
                                            "relationships model; it must be a model built by customer_io_objects (pass memberships "
                                            "as `relationships`)."],
})
EXPECTED_WARNINGS_EXTRA = {
    "warn_relationships_person_attribute": [
        "nexus_customer_io.customer_io_relationships: warn_relationships_person_attribute: argument `object_attributes`: column "
        "`first_name` is null or blank on all 4 entities of entity_type 'group', so it is never sent (is it a trait of the "
        "person entities? Leave it out).",
        "nexus_customer_io.customer_io_relationships: warn_relationships_person_attribute: argument "
        "`relationship_attributes`: column `coach` is null or blank on all 11 membership relationships, so it is never "
        "sent."],
    "warn_include_traits_null": [
        "nexus_customer_io.customer_io_identify: warn_include_traits_null: `include_traits` names location_name, null for every "
        "row of this entity type, so it is not sent (a trait of another entity type?). Fix: remove it from `include_traits`, or "
        "set keep_empty_traits=true to send null."],
}
EXPECTED_WARNINGS.update(EXPECTED_WARNINGS_EXTRA)
MISSING = ["nexus_customer_io.customer_io_identify: the relation", "no_such_nexus_entities",
           "given by `entities` does not exist. Build it first (for example `dbt build --select +no_such_nexus_entities`)"]


@pytest.fixture(scope="module", params=TARGETS)
def guard_results(request, built, work_dir):
    target = request.param
    out = work_dir / f"guards-{target}.json"
    proc = run_dbt(target, "build", "--select", "guards", "--vars", "{cio_guards: true}",
                   work_dir=work_dir, results_json=out, check=False)
    assert proc.returncode != 0
    nodes = {n["name"]: n for n in json.loads(out.read_text())["nodes"]}
    return target, nodes, proc.stdout, json.loads(out.read_text())["warnings"]


def test_every_guard_model_is_checked():
    from helpers import PROJECT
    models = {p.stem for p in (PROJECT / "models" / "guards").glob("*.sql")}
    tests = set(re.findall(r"^ +name: (guard_\w+)", (PROJECT / "models" / "guards" / "_guard_tests.yml").read_text(), re.M))
    assert tests == set(EXPECTED_TEST_ERRORS)
    assert models == set(EXPECTED_ERRORS) | set(EXPECTED_WARNINGS) | {"guard_missing_relation"} | BUILT_FIRST


@pytest.mark.parametrize("model", sorted(EXPECTED_ERRORS))
def test_guard_error_text(guard_results, model):
    target, nodes, *_ = guard_results
    node = nodes[model]
    assert node["status"] == "error", f"{model} on {target} did not fail: {node}"
    for part in EXPECTED_ERRORS[model]:
        assert part in node["message"], f"{model} on {target}: {part!r} not in\n{node['message']}"


def test_missing_relation_fails_a_run(guard_results):
    target, nodes, *_ = guard_results
    node = nodes["guard_missing_relation"]
    assert node["status"] == "error"
    for part in MISSING:
        assert part in node["message"], node["message"]


@pytest.mark.parametrize("target", TARGETS)
def test_missing_relation_compiles_to_placeholder_with_warning(built, work_dir, target):
    proc = run_dbt(target, "compile", "--select", "guard_missing_relation", "--vars", "{cio_guards: true}",
                   work_dir=work_dir)
    assert MISSING[2] in proc.stdout and "Rendering placeholder SQL with no rows." in proc.stdout
    assert "_cio_placeholder" in proc.stdout and "where 1 = 0" in proc.stdout


# Guard models the guard build builds well, on purpose; the next run, with other vars, must fail.
BUILT_FIRST = {"guard_tracking_pre_existing", "guard_tracking_timestamp_form"}


def test_a_built_table_that_cannot_take_the_new_rows_says_to_full_refresh(guard_results, work_dir):
    """A table switched to tracking, and a tracked table whose timestamp traits
    were built in another type (0.1.0's default 'timestamp'), in one run."""
    target, nodes, *_ = guard_results
    assert all(nodes[name]["status"] == "success" for name in BUILT_FIRST)
    out = work_dir / f"guards-rebuilt-{target}.json"
    proc = run_dbt(target, "run", "--select", *sorted(BUILT_FIRST),
                   "--vars", "{cio_guards: true, cio_pre_tracking: incremental, cio_guard_format: unix}",
                   work_dir=work_dir, results_json=out, check=False)
    assert proc.returncode != 0
    rebuilt = {n["name"]: n for n in json.loads(out.read_text())["nodes"]}
    message = rebuilt["guard_tracking_pre_existing"]["message"]
    assert "nexus_customer_io.customer_io_objects:" in message
    assert ("exists but has no _cio_key / _cio_row_hash columns: it was built before change tracking was turned on. "
            "Rebuild it once with `dbt run --full-refresh --select guard_tracking_pre_existing`") in message
    message = rebuilt["guard_tracking_timestamp_form"]["message"]
    assert rebuilt["guard_tracking_timestamp_form"]["status"] == "error", message
    for part in ["nexus_customer_io.customer_io_objects: column `created_at` of ",
                 "guard_tracking_timestamp_form", " is of type TIMESTAMP",
                 ", but the model now sends it as integers (Unix seconds) (trait_timestamp_format='unix'; "
                 "'unix' is the default since 0.2.0). Rebuild the table once with "
                 "`dbt run --full-refresh --select guard_tracking_timestamp_form` (every row is then sent once more, "
                 "its dates in the new form), or keep the old form with trait_timestamp_format='timestamp'."]:
        assert part in message, message


def test_deletions_warn_when_people_is_given_without_delete_people(guard_results):
    _, _, stdout, _ = guard_results
    assert ("nexus_customer_io.customer_io_deletions: guard_deletions_untracked: argument `people` is read only with "
            "delete_people=true; no User Deleted is sent.") in stdout


@pytest.mark.parametrize("test_name", sorted(EXPECTED_TEST_ERRORS))
def test_generic_test_argument_errors(guard_results, test_name):
    target, nodes, *_ = guard_results
    node = nodes[test_name]
    assert node["status"] == "error", f"{test_name} on {target}: {node}"
    assert EXPECTED_TEST_ERRORS[test_name] in node["message"], node["message"]


@pytest.mark.parametrize("model", sorted(EXPECTED_WARNINGS))
def test_values_that_match_nothing_are_dbt_warnings(guard_results, model):
    """The model builds (its input is valid SQL) but says, as a dbt warning
    (level warn in dbt's structured log, fatal under --warn-error), which
    argument matches nothing and what is there."""
    target, nodes, _, warnings = guard_results
    assert nodes[model]["status"] == "success", nodes[model]
    mine = [w["message"] for w in warnings if f": {model}: " in w["message"]]
    assert len(mine) == len(EXPECTED_WARNINGS[model]), f"{model} on {target}: {mine}"
    for part in EXPECTED_WARNINGS[model]:
        assert any(part in m for m in mine), f"{model} on {target}: {part!r} not in\n{mine}"


def test_bad_input_catalogue(guard_results):
    """Every deliberately bad invocation in models/guards and every bad test
    argument has one outcome class: a clear error (text asserted above) or a
    dbt warning (model builds, warning asserted above). None builds silently."""
    target, nodes, _, warnings = guard_results
    classes = {"clear error": [], "dbt warning": [], "built silently": []}
    for name, node in nodes.items():
        if not name.startswith(("guard_", "warn_")):
            continue
        warned = any(f": {name}: " in w["message"] for w in warnings)
        if node["status"] == "error":
            classes["clear error"].append(name)
        elif warned:
            classes["dbt warning"].append(name)
        elif name not in BUILT_FIRST:  # built well first, on purpose (tested above)
            classes["built silently"].append(name)
    print(f"bad input catalogue on {target}: " + ", ".join(f"{k} {len(v)}" for k, v in classes.items()))
    assert classes["built silently"] == [], classes["built silently"]
    assert sorted(classes["clear error"]) == sorted(
        set(EXPECTED_ERRORS) | set(EXPECTED_TEST_ERRORS) | {"guard_missing_relation"})
    assert sorted(classes["dbt warning"]) == sorted(EXPECTED_WARNINGS)


def test_a_pinned_clock_that_is_not_a_date_is_an_error(guard_results, work_dir):
    """The var nexus_customer_io_now (here through the integration project's
    CIO_SIMULATION_NOW) must be a date of the calendar."""
    target, *_ = guard_results
    proc = run_dbt(target, "run", "--select", "guard_tracking_timestamp_form", "--vars", "{cio_guards: true}",
                   work_dir=work_dir, check=False, env={"CIO_SIMULATION_NOW": "2024-02-30 10:00:00"})
    assert proc.returncode == 1
    assert ("nexus_customer_io.vars: var nexus_customer_io_now must be a UTC date or time such as '2024-01-31' or "
            "'2024-01-31 08:00:00', got `2024-02-30 10:00:00`, which is not a date of the calendar. Leave it unset "
            "(or '') to use the warehouse clock.") in proc.stdout, proc.stdout[-3000:]
