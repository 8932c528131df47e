"""customer_io_identify: types, left-out rows, log lines (rows: test_outputs.py)."""
import pytest

from helpers import TARGETS

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

# Every person entity of the seed that is not in the default output, and why.
# first_name is unique per entity in the seed, so it tells which entity won.
LEFT_OUT_DEFAULT = {
    "Ann": "lost the email dedupe to ' ann@example.com ' (per_02), updated later",
    "Flo": "userId blank after trimming; no anonymous id configured",
    "Gus": "lost the userId dedupe (u_dup) to per_09, updated later",
    "Jo": "tied with per_10 on email and timestamp; the lower entity_id wins",
    "Kim": "no userId; no anonymous id configured",
    "Lu": "no userId; no anonymous id configured",
    "Mo": "neither userId nor anonymousId",
    "Oz": "null timestamp loses the email dedupe to 'LATE@example.com' (nulls last)",
}


@pytest.mark.parametrize("target", TARGETS)
def test_left_out_people_are_exactly_the_documented_ones(built, target):
    _, _, people = built[target].query(
        "select first_name from nexus_entities where entity_type = 'person'")
    _, _, kept = built[target].query("select first_name from cio_identify_default")
    left_out = {r[0] for r in people} - {r[0] for r in kept}
    assert left_out == set(LEFT_OUT_DEFAULT), sorted(left_out ^ set(LEFT_OUT_DEFAULT))


@pytest.mark.parametrize("target", TARGETS)
def test_build_logs_name_what_was_left_out(build_logs, target):
    log = build_logs[target]
    assert "left out secret-looking traits: api_token. To send one, list it in allow_sensitive_traits." in log
    assert ("left out trait `unsubscribed` (column `unsubscribed`): a stale false or a null re-subscribes people in "
            "Customer.io. Set sync_unsubscribed=true to send it.") in log
    # renamed *to* unsubscribed is caught too
    assert "left out trait `unsubscribed` (column `plan`)" in log
    assert ("left out traits that are null for every row of this entity type (sending them would only delete attributes in "
            "Customer.io): location_id, location_name. Set keep_empty_traits=true to send them.") in log
    assert "`ignore_traits` names `no_longer_a_trait`" in log and "nothing to ignore" in log
    assert "301 traits selected; Customer.io keeps at most 300 attributes per profile." in log


@pytest.mark.parametrize("target", TARGETS)
def test_more_than_300_traits_warns_but_builds(built, target):
    cols, rows = built[target].table("cio_identify_wide")
    assert len(cols) == 2 + 301 + 2 and len(rows) == 1  # + the person map


@pytest.mark.parametrize("target", TARGETS)
def test_timestamp_traits_that_do_not_parse_are_a_dbt_warning(build_log_levels, target):
    """The seed's 'not a date' is sent as null: said, with the count and an example."""
    warn = [m for lvl, m in build_log_levels[target] if lvl == "warn"]
    assert ("nexus_customer_io.customer_io_identify: cio_identify_unix: argument `timestamp_traits`: 1 of 5 values "
            "of column `signed_up_at` in entities of entity_type 'person' are not ISO-8601 dates or times "
            "(e.g. `not a date`); `signed_up_at` is sent as null for those rows. Fix: correct the values, or remove "
            "`signed_up_at` from `timestamp_traits`.") in warn


@pytest.mark.parametrize("target", TARGETS)
def test_every_package_line_of_a_build_names_its_model(build_log_levels, work_dir, target):
    """With several threads a line must say which model wrote it."""
    import re

    from helpers import PROJECT

    models = {p.stem for p in (PROJECT / "models").rglob("*.sql")}  # dbt.log holds the guard runs too
    lines = [m for _, m in build_log_levels[target] if m.startswith("nexus_customer_io.")]
    assert lines
    for line in lines:
        named = re.match(r"nexus_customer_io\.\w+: (\w+): ", line)
        assert named and named.group(1) in models, line
