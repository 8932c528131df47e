"""customer_io_identify, built for real on DuckDB and on Snowflake (fakesnow),
compared row by row and column by column with integration_tests/expected."""
import pytest

from helpers import EXPECTED, TARGETS, canon_rows, diff_report, read_expected

MODELS = sorted(p.stem for p in EXPECTED.glob("cio_identify_*.csv"))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("model", MODELS)
def test_rows_equal_expected(built, target, model):
    exp_cols, exp_rows = read_expected(model)
    got_cols, rows = built[target].table(model)
    report = diff_report(f"{model} on {target}", exp_cols, exp_rows, got_cols, canon_rows(rows))
    assert not report, report


@pytest.mark.parametrize("model", MODELS + ["cio_identify_wide"])
def test_targets_give_identical_rows(built, model):
    duck_cols, duck_rows = built["duckdb"].table(model)
    snow_cols, snow_rows = built["snowflake"].table(model)
    report = diff_report(f"{model}: snowflake vs duckdb", duck_cols, canon_rows(duck_rows),
                         snow_cols, canon_rows(snow_rows))
    assert not report, report


TYPES = {
    # column -> (DuckDB type, Snowflake type prefix)
    "cio_identify_default": {"userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                             "last_seen_tz": ("TIMESTAMP", "TIMESTAMP_NTZ"), "created_at": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                             "signed_up_at": ("VARCHAR", "VARCHAR")},
    "cio_identify_anonymous": {"anonymousId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                               "signed_up_at": ("VARCHAR", "VARCHAR"), "last_seen_tz": ("VARCHAR", "VARCHAR")},
    "cio_identify_unix": {"timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"), "signed_up_at": ("BIGINT", "NUMBER"),
                          "last_seen_tz": ("BIGINT", "NUMBER"), "created_at": ("BIGINT", "NUMBER")},
    "cio_identify_no_rows": {"userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ")},
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("model", sorted(TYPES))
def test_output_column_types(built, target, model):
    """Every timestamp is UTC without zone; unix traits are integers, ISO
    traits text; identifiers text."""
    types = built[target].column_types(model)
    for column, (duck, snow) in TYPES[model].items():
        want = duck if target == "duckdb" else snow
        assert types[column].startswith(want), f"{model}.{column} on {target}: {types[column]}, want {want}"
    if target == "snowflake":
        assert not [c for c, t in types.items() if t.startswith(("TIMESTAMP_TZ", "TIMESTAMP_LTZ"))]
    else:
        assert not [c for c, t in types.items() if "TIME ZONE" in t]


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
    assert "left out trait `unsubscribed`: a stale false or a null re-subscribes people in Customer.io. Set sync_unsubscribed=true to send it." in log
    assert ("left out traits that are null on every row in scope (sending them would only delete attributes in "
            "Customer.io): location_id, location_name. Set keep_empty_traits=true to send them.") in log
    assert "`ignore_traits` names `no_longer_a_trait`" in log and "nothing to ignore" in log
    assert "301 traits selected; Customer.io keeps at most 300 attributes per profile." in log


@pytest.mark.parametrize("target", TARGETS)
def test_more_than_300_traits_warns_but_builds(built, target):
    cols, rows = built[target].table("cio_identify_wide")
    assert len(cols) == 2 + 301 and len(rows) == 1
