"""Every model of the integration project that has an expected file, built
for real on every target (DuckDB, Snowflake on fakesnow, Postgres, BigQuery on
its emulator), compared row by row and column by column with
integration_tests/expected, and every target with DuckDB."""
import pytest

from helpers import EXPECTED, TARGETS, canon_rows, diff_report, read_expected

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")

MODELS = sorted(p.stem for p in EXPECTED.glob("*.csv"))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("model", MODELS)
def test_rows_equal_expected(built, target, model):
    exp_cols, exp_rows = read_expected(model)
    got_cols, rows = built[target].table(model)
    report = diff_report(f"{model} on {target}", exp_cols, exp_rows, got_cols, canon_rows(rows))
    assert not report, report


@pytest.mark.parametrize("other", TARGETS[1:])
@pytest.mark.parametrize("model", MODELS + ["cio_identify_wide"])
def test_targets_give_identical_rows(built, model, other):
    duck_cols, duck_rows = built["duckdb"].table(model)
    other_cols, other_rows = built[other].table(model)
    report = diff_report(f"{model}: {other} vs duckdb", duck_cols, canon_rows(duck_rows),
                         other_cols, canon_rows(other_rows))
    assert not report, report


# Postgres and BigQuery names for the DuckDB types above (BigQuery's TIMESTAMP is its UTC instant)
POSTGRES = {"VARCHAR": ("CHARACTER VARYING", "TEXT"), "TIMESTAMP": "TIMESTAMP WITHOUT TIME ZONE",
            "BIGINT": "BIGINT", "JSON": "JSONB"}
BIGQUERY = {"VARCHAR": "STRING", "TIMESTAMP": "TIMESTAMP", "BIGINT": "INTEGER", "JSON": "JSON"}

TYPES = {
    # column -> (DuckDB type, Snowflake type prefix)
    "cio_identify_default": {"userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                             "last_seen_tz": ("BIGINT", "NUMBER"), "created_at": ("BIGINT", "NUMBER"),
                             "signed_up_at": ("VARCHAR", "VARCHAR")},
    "cio_identify_in_cte": {"timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"), "created_at": ("TIMESTAMP", "TIMESTAMP_NTZ")},
    "cio_identify_anonymous": {"anonymousId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                               "signed_up_at": ("VARCHAR", "VARCHAR"), "last_seen_tz": ("VARCHAR", "VARCHAR")},
    "cio_identify_unix": {"timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"), "signed_up_at": ("BIGINT", "NUMBER"),
                          "last_seen_tz": ("BIGINT", "NUMBER"), "created_at": ("BIGINT", "NUMBER")},
    "cio_events_default": {"userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                           "event": ("VARCHAR", "VARCHAR"), "messageId": ("VARCHAR", "VARCHAR"),
                           "occurred_at_local": ("BIGINT", "NUMBER")},
    "cio_events_filtered": {"timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"), "occurred_at_local": ("TIMESTAMP", "TIMESTAMP_NTZ")},
    "cio_events_tz": {"timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ")},
    "cio_objects_locations": {"groupId": ("VARCHAR", "VARCHAR"), "objectTypeId": ("VARCHAR", "VARCHAR"),
                              "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ")},
    "cio_relationships_locations": {"groupId": ("VARCHAR", "VARCHAR"), "objectTypeId": ("VARCHAR", "VARCHAR"),
                                    "userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ"),
                                    # fakesnow describes OBJECT_CONSTRUCT's OBJECT as VARIANT
                                    "relationshipAttributes": ("JSON", ("OBJECT", "VARIANT"))},
    "cio_identify_no_rows": {"userId": ("VARCHAR", "VARCHAR"), "timestamp": ("TIMESTAMP", "TIMESTAMP_NTZ")},
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("model", sorted(TYPES))
def test_output_column_types(built, target, model):
    """Every timestamp is UTC without zone; unix traits are integers, ISO
    traits text; identifiers text."""
    types = built[target].column_types(model)
    for column, (duck, snow) in TYPES[model].items():
        want = {"duckdb": duck, "snowflake": snow, "postgres": POSTGRES[duck], "bigquery": BIGQUERY[duck]}[target]
        assert types[column].startswith(want), f"{model}.{column} on {target}: {types[column]}, want {want}"
    if target == "postgres":
        assert not [c for c, t in types.items() if t == "TIMESTAMP WITH TIME ZONE"]
    elif target == "snowflake":
        assert not [c for c, t in types.items() if t.startswith(("TIMESTAMP_TZ", "TIMESTAMP_LTZ"))]
    elif target == "bigquery":
        assert not [c for c, t in types.items() if t == "DATETIME"]
    else:
        assert not [c for c, t in types.items() if "TIME ZONE" in t]
