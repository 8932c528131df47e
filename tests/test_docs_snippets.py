"""Every snippet in README.md and docs/ runs as printed, on tables shaped like
real dbt-nexus v0.13 output (tests/snippet_project: no user_id column).

The test plays a new user: a folder with this repository cloned as
`nexus_customer_io` and, beside it, a project `my_project` whose
packages.yml is the README's install block as printed. Into it go every SQL
snippet (one model each, named by its `-- models/.../NAME.sql` first line),
every `models:` YAML snippet (merged into one properties file),
every `# dbt_project.yml` snippet (merged into the project file) and the
README's dispatch override macro. Then `dbt deps`, `dbt build` and every
`dbt ...` shell line of the docs run as printed, on DuckDB, in one process.
A second `dbt build` follows, after a membership ended upstream. Each
snippet model must build both times and hold rows (the deletions snippets:
the ended membership's Relationship Deleted); no dbt warning may fire.

What is not run is named in NOT_RUN with the reason, so a new snippet of an
unknown kind fails here until someone decides what it is.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
import yaml

from helpers import ROOT, dbt_env

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FIXTURE = ROOT / "tests" / "snippet_project"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.S | re.M)

# (document, first line of the snippet) -> why it is not run here.
NOT_RUN = {
    ("docs/connecting.md", "create role if not exists CUSTOMERIO_REVERSE_ETL;"):
        "Snowflake administration (roles, users, keys): no such objects on DuckDB",
    ("docs/connecting.md", "-- Least privilege for the role Customer.io's Reverse ETL connects with."):
        "output of customer_io_grants (the command itself runs here)",
    ("docs/connecting.md", "create network policy CUSTOMERIO_REVERSE_ETL_US"):
        "Snowflake network policy",
    ("docs/connecting.md", "# dbt_project.yml"):
        "grants to a Snowflake role, which DuckDB does not have",
    ("docs/connecting.md", "openssl genrsa 2048 | openssl pkcs8 -topk8 -v2 des3 -inform PEM -out customerio_rsa_key.p8"):
        "key generation, not dbt",
    ("docs/connecting-bigquery.md", "gcloud iam service-accounts create customerio-reverse-etl \\"):
        "Google Cloud administration, not dbt",
    ("docs/connecting-bigquery.md", "dbt run-operation customer_io_grants --target bigquery --args "
                                    "'{role: \"serviceAccount:customerio-reverse-etl@my-project.iam.gserviceaccount.com\"}'"):
        "needs a BigQuery target: tests/test_sync_layer.py runs customer_io_grants on BigQuery (the emulator)",
    ("docs/connecting-bigquery.md", "-- Least privilege for the service account Customer.io's Reverse ETL connects with."):
        "output of customer_io_grants on BigQuery",
    ("docs/activity.md", "# dbt_project.yml"):
        "needs Customer.io's export loaded: the integration project runs this config over the export fixture "
        "(tests/test_activity.py)",
}


ENDING_MEMBERSHIP = "rel_05,per_7f3a05,person,patient,grp_9c01,group,location,membership,a_to_b,true,"


def run_batch(home: Path, project: Path, commands: list[list[str]], name: str) -> list[dict]:
    """Run dbt commands one after the other in one process (tests/dbt_runner.py --batch)."""
    (home / f"{name}.json").write_text(json.dumps(commands))
    out = home / f"{name}_results.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "dbt_runner.py"), "duckdb", "--project", str(project),
         "--batch", str(home / f"{name}.json"), "--results-json", str(out)],
        cwd=project, env=dbt_env(home / "work"), capture_output=True, text=True)
    assert out.exists(), f"dbt did not run:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return json.loads(out.read_text())


def snippets() -> list[dict]:
    found = []
    for doc in DOCS:
        text = doc.read_text()
        for match in FENCE.finditer(text):
            body = textwrap.dedent(match.group(3))
            found.append({
                "doc": doc.relative_to(ROOT).as_posix(),
                "line": text[:match.start()].count("\n") + 1,
                "lang": match.group(2),
                "body": body,
                "first": body.splitlines()[0] if body.strip() else "",
            })
    return found


def classify(snippet: dict) -> str:
    """model | macro | models_yml | project_yml | packages_yml | command | output | not_run"""
    lang, body, first = snippet["lang"], snippet["body"], snippet["first"]
    if (snippet["doc"], first) in NOT_RUN:
        return "not_run"
    if lang in ("", "text"):
        return "output"
    if lang == "sql" and "{% macro" in body:
        return "macro"
    if lang == "sql" and "{{" in body:
        return "model"
    if lang == "yaml" and first == "# dbt_project.yml":
        return "project_yml"
    if lang == "yaml" and "packages:" in body:
        return "packages_yml"
    if lang == "yaml" and yaml.safe_load(body).keys() == {"models"}:
        return "models_yml"
    if lang == "sh" and all(line.startswith("dbt ") for line in body.strip().splitlines()):
        return "command"
    raise AssertionError(f"{snippet['doc']}:{snippet['line']}: a {lang or 'plain'} snippet of unknown kind "
                         f"(first line {first!r}); make it runnable here or add it to NOT_RUN with the reason")


def model_name(snippet: dict, taken: set[str]) -> str:
    named = re.match(r"--\s*models/(?:[\w/]+/)?(\w+)\.sql\s*$", snippet["first"])
    stem = Path(snippet["doc"]).stem.lower()
    name = named.group(1) if named else f"snippet_{stem}_{snippet['line']}"
    if name in taken:  # the same model shown again in another form: its own copy
        name = f"{name}__{stem}_{snippet['line']}"
    taken.add(name)
    return name


def merge_models_yml(blocks: list[str]) -> dict:
    """One properties file from every `models:` snippet: a model shown twice
    gets the union of its configs, columns and tests (identical tests once)."""
    merged: dict[str, dict] = {}
    for block in blocks:
        for entry in yaml.safe_load(block)["models"]:
            into = merged.setdefault(entry["name"], {"name": entry["name"]})
            for key, value in entry.items():
                if key == "config":
                    into.setdefault("config", {}).update(value)
                elif key in ("data_tests", "columns"):
                    for item in value:
                        if key == "columns" and any(c["name"] == item["name"] for c in into.get("columns", [])):
                            column = next(c for c in into["columns"] if c["name"] == item["name"])
                            column.setdefault("data_tests", [])
                            column["data_tests"] += [t for t in item.get("data_tests", []) if t not in column["data_tests"]]
                        elif item not in into.setdefault(key, []):
                            into[key].append(item)
    return {"version": 2, "models": list(merged.values())}


@pytest.fixture(scope="module")
def snippet_run(tmp_path_factory) -> dict:
    found = snippets()
    kinds = {kind: [s for s in found if classify(s) == kind]
             for kind in ("model", "macro", "models_yml", "project_yml", "packages_yml", "command")}
    assert len(kinds["packages_yml"]) == 1, "the README has one install block"
    assert kinds["packages_yml"][0]["doc"] == "README.md"

    home = tmp_path_factory.mktemp("new_user")
    (home / "nexus_customer_io").symlink_to(ROOT, target_is_directory=True)
    project = home / "my_project"
    shutil.copytree(FIXTURE, project)
    (project / "packages.yml").write_text(kinds["packages_yml"][0]["body"])

    config = yaml.safe_load((project / "dbt_project.yml").read_text())
    for block in kinds["project_yml"]:
        config.update(yaml.safe_load(block["body"]))
    (project / "dbt_project.yml").write_text(yaml.safe_dump(config, sort_keys=False))

    (project / "macros").mkdir()
    for i, block in enumerate(kinds["macro"]):
        (project / "macros" / f"snippet_{i}.sql").write_text(block["body"])

    models_dir = project / "models" / "customer_io"
    models_dir.mkdir(parents=True)
    taken: set[str] = set()
    models = {}
    for block in kinds["model"]:
        name = model_name(block, taken)
        models[name] = block
        (models_dir / f"{name}.sql").write_text(block["body"])
    properties = merge_models_yml([b["body"] for b in kinds["models_yml"]])
    for entry in properties["models"]:
        assert entry["name"] in models, f"a YAML snippet describes `{entry['name']}`, which no SQL snippet builds"
    (models_dir / "_customer_io.yml").write_text(yaml.safe_dump(properties, sort_keys=False))

    commands = [["deps"], ["build"]]
    for block in kinds["command"]:
        commands += [shlex.split(line)[1:] for line in block["body"].strip().splitlines()]
    results = run_batch(home, project, commands, "first")
    # A second run in which a membership ends: the deletions snippets then hold
    # its Relationship Deleted, and the change-tracked snippets build incrementally.
    seed = project / "seeds" / "nexus_relationships.csv"
    ended = seed.read_text().replace(ENDING_MEMBERSHIP, ENDING_MEMBERSHIP.replace(",true,", ",false,"))
    assert ended != seed.read_text()
    seed.write_text(ended)
    results += run_batch(home, project, [["build"]], "second")
    return {"models": models, "results": results, "project": project}


def test_every_snippet_is_run_or_named_as_not_run():
    kinds = [classify(s) for s in snippets()]
    assert kinds.count("model") >= 20, kinds
    stale = set(NOT_RUN) - {(s["doc"], s["first"]) for s in snippets()}
    assert not stale, f"NOT_RUN names snippets that are no longer in the docs: {stale}"


def test_install_and_build_as_printed(snippet_run):
    for record in snippet_run["results"]:
        command = "dbt " + " ".join(record["args"])
        failed = [n for n in record["nodes"] if n["status"] in ("error", "fail")]
        assert record["success"] and not failed, (
            f"`{command}` failed: {record['exception']}\n{failed}\n{record['output'][-4000:]}")
    for build in (snippet_run["results"][1], snippet_run["results"][-1]):
        built = {n["name"] for n in build["nodes"] if n["status"] == "success"}
        missing = set(snippet_run["models"]) - built
        assert not missing, f"snippet models not built: {missing}"


def test_the_second_build_of_the_events_model_is_incremental(snippet_run):
    """docs/events.md (Incremental runs): on v0.13-shaped data (with _ingested_at) the quick
    start's change-tracked events model reads only what changed on its next run."""
    second = snippet_run["results"][-1]["output"]
    assert ("nexus_customer_io.customer_io_events: customer_io_events: incremental run: reads the events "
            "with `_ingested_at` from ") in second, second[-4000:]


def test_the_second_build_of_the_people_model_says_it_reads_every_person(snippet_run):
    """docs/sync.md (What a run reads): the log line printed there is the quick start's
    people model's, on its second (incremental) build."""
    printed = re.search(r"Each run of the second kind logs why, for example:\n\n```text\n(.*)\n```",
                        (ROOT / "docs" / "sync.md").read_text()).group(1)
    assert printed in snippet_run["results"][-1]["output"], snippet_run["results"][-1]["output"][-4000:]
    assert printed not in snippet_run["results"][1]["output"]
    # docs/objects.md's tracked objects model says the same of its entities
    objects = re.compile(r"nexus_customer_io\.customer_io_objects: \w+: full recompute: every group entity is read, as "
                         r"nexus entities have no warehouse-time watermark \(`_updated_at` is the event time of the "
                         r"newest trait\); only changed rows are written\.")
    assert objects.search(snippet_run["results"][-1]["output"]), snippet_run["results"][-1]["output"][-4000:]


def test_no_snippet_warns(snippet_run):
    """No snippet warns, but with a warning the docs print as what that case gets (the
    anonymous visitors' snippet: Customer.io ignores anonymous identify calls)."""
    docs = "\n".join(p.read_text() for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
    warned = [(" ".join(r["args"]), w["node"], w["message"]) for r in snippet_run["results"] for w in r["warnings"]
              if re.sub(r"^nexus_customer_io\.\w+: \w+: ", "", w["message"]) not in docs]
    assert not warned, warned


def test_every_snippet_model_holds_rows(snippet_run):
    path = snippet_run["project"] / "my_project.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        empty = [f"{name} ({block['doc']}:{block['line']})" for name, block in snippet_run["models"].items()
                 if con.sql(f'select count(*) from main."{name}"').fetchall()[0][0] == 0]
    finally:
        con.close()
    assert not empty, f"snippets that build an empty table on dbt-nexus v0.13 data: {empty}"


def test_commands_print_what_the_docs_show(snippet_run):
    by_command = {" ".join(r["args"][:2]): r["output"] for r in snippet_run["results"]}
    assert "Customer.io syncs, in the order to enable them" in by_command["run-operation customer_io_sync_queries"]
    assert '"type": "identify"' in by_command["run-operation customer_io_preview"]
    assert "grant select on table" in by_command["run-operation customer_io_grants"]
