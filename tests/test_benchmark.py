"""The benchmark and its probes run end to end at scale XS (once; timings are never asserted)."""
import json
import subprocess
import sys

import pytest

from helpers import ROOT


def test_benchmark_runs_at_scale_xs(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scales", "XS", "--repeat", "1",
                           "--work", str(tmp_path)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())[0]
    assert results["input_rows"]["nexus_events"] == 100_000
    for macro in ("identify", "events", "objects", "relationships"):
        for kind in ("ours", "floor", "upstream"):
            assert results["macros"][macro][kind]["rows"] > 0, (macro, kind)
    assert set(results["incremental"]) == {"bench_persons_tracked", "bench_events_tracked", "bench_memberships_tracked"}
    for name, timed in results["incremental"].items():
        assert {"full_s", "one_percent_s", "plain_s"} <= set(timed), (name, timed)
    for name in ("bench_persons_tracked", "bench_events_tracked", "bench_memberships_tracked"):
        assert results["incremental"][name]["read_floor_s"] > 0, name
    assert "| XS | identify |" in proc.stdout and "incremental / full" in proc.stdout
    assert "read floor / full" in proc.stdout and "after 1 % change / plain" in proc.stdout
    # the probes of what knowing what changed costs (benchmarks/benchmarks_notes.md) run on the same build
    probe = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "change_floors.py"), "--scale", "XS",
                            "--repeat", "1", "--work", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert probe.returncode == 0, probe.stdout[-3000:] + probe.stderr[-3000:]
    assert "[XS] bench_memberships: inputs read and joined (_cio_identified)" in probe.stdout
    assert probe.stdout.count("+ fingerprint:") == 3, probe.stdout
    assert "[XS] bench_events: + compared with the table's people (_cio_scope)" in probe.stdout
    # the profile (docs/benchmarks.md, "Reading the numbers") knows each step of the plain models
    profile = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "profile.py"), "--scale", "XS",
                              "--models", "bench_events,bench_memberships", "--work", str(tmp_path)],
                             capture_output=True, text=True, timeout=300)
    assert profile.returncode == 0, profile.stdout[-3000:] + profile.stderr[-3000:]
    for step in ("messageId: the 26 Crockford digits", "messageId: hex digits to integers",
                 "messageId: md5 of event and person", "dedupe (arg_min aggregate)", "JSON attributes",
                 "windows (dedupe, rankings)", "write"):
        assert f"%  {step}\n" in profile.stdout, (step, profile.stdout)


def test_events_run_floor_needs_an_incremental_run():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import queries

    incremental = "with _cio_keyed as (select 1),\n_cio_scope as (select 1),\n\n_cio_event_rows as (select 1)\nselect 1"
    assert queries.events_run_floor(incremental).startswith("with _cio_keyed as (select 1),\n_cio_scope as (select 1)\nselect *")
    with pytest.raises(ValueError, match=r"needs the SQL of an incremental run of bench_events_tracked "
                                         r"\(one with _cio_scope\); this is a full build's"):
        queries.events_run_floor("with _cio_keyed as (select 1),\n_cio_event_rows as (select 1)\nselect 1")
