"""sqlfluff (dbt templater, DuckDB) over the integration models must be clean."""
import pytest
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import PROJECT, TARGETS

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")


def test_sqlfluff_is_clean(built, work_dir):
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    proc = subprocess.run([str(sqlfluff), "lint", "models", "--disable-progress-bar"], cwd=PROJECT,
                          env=dict(os.environ, CIO_WORK_DIR=str(work_dir)), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    assert "All Finished" in proc.stdout


@pytest.mark.parametrize("target", TARGETS)
def test_compiled_models_have_no_line_over_200_characters(built, work_dir, target):
    """What users read in their warehouse's query history: the SQL every
    integration model compiled to (by the build, no extra dbt call) has no
    line over 200 characters, except lines holding a literal of 100 or more
    characters (the long values a scenario needs: wide traits, a row over
    Customer.io's byte limit)."""
    compiled = work_dir / target / "build" / "compiled" / "nexus_customer_io_integration_tests" / "models"
    files = [p for p in compiled.rglob("*.sql") if ".yml" not in p.parent.name and p.parts[-2] != "guards"]
    assert len(files) >= 30, files  # every scenario model, not the guards
    long_lines = []
    for path in files:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if len(line) > 200 and not re.search(r"'[^']{100,}'", line):
                long_lines.append(f"{path.relative_to(compiled)}:{number}: {len(line)} characters: {line.strip()[:120]}")
    assert not long_lines, "\n".join(long_lines)


def test_every_expected_csv_has_its_dbt_test():
    """Plain `dbt build --target duckdb` compares a model with expected/<model>.csv
    only if the model carries the expected_rows test (integration_tests/README.md)."""
    import yaml

    tested = set()
    for path in (PROJECT / "models").rglob("*.yml"):
        for entry in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            if "expected_rows" in (entry.get("data_tests") or []):
                tested.add(entry["name"])
    # the package's own models (models/sources) are described in the package: pytest compares them
    shipped = {p.stem for p in (PROJECT.parent / "models").rglob("*.sql")}
    expected = {p.stem for p in (PROJECT / "expected").glob("*.csv")} - shipped
    assert expected - tested == set(), f"models with an expected CSV but no expected_rows test: {sorted(expected - tested)}"
    assert tested - expected == set(), f"expected_rows on models with no expected CSV: {sorted(tested - expected)}"


PUBLIC_MACROS = [("identify", "customer_io_identify"), ("events", "customer_io_events"),
                 ("objects", "customer_io_objects"), ("relationships", "customer_io_relationships"),
                 ("deletions", "customer_io_deletions")]


def _split_top_level(text: str) -> list[str]:
    parts, depth, current, quote = [], 0, "", None
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0 and not quote:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    return parts + ([current.strip()] if current.strip() else [])


def macro_signature(folder: str, name: str) -> list[tuple[str, str | None]]:
    """(argument, default as written, None when required) of a public macro."""
    text = (PROJECT.parent / "macros" / folder / f"{name}.sql").read_text()
    match = re.search(r"\{%-?\s*macro\s+" + name + r"\((.*?)\)\s*-?%\}", text, re.S)
    args = []
    for part in _split_top_level(match.group(1)):
        arg, eq, default = part.partition("=")
        args.append((arg.strip(), default.strip() if eq else None))
    return args


@pytest.mark.parametrize("folder,name", PUBLIC_MACROS)
def test_argument_docs_have_one_source(folder, name):
    """The macro YAML documents every argument, in the signature's order, with
    the signature's default; the README's defaults table is the signature."""
    import yaml

    signature = macro_signature(folder, name)
    doc = yaml.safe_load((PROJECT.parent / "macros" / folder / f"{name}.yml").read_text())["macros"][0]
    assert [a["name"] for a in doc["arguments"]] == [arg for arg, _ in signature]
    for (arg, default), entry in zip(signature, doc["arguments"]):
        said = " ".join(entry["description"].split())
        wanted = "Required." if default is None else f"Default {default}"
        assert wanted in said, f"{name}.yml, `{arg}`: the description must say {wanted!r}: {said}"
    readme = (PROJECT.parent / "README.md").read_text()
    section = readme[readme.index(f"## {name}\n"):]
    section = section[:section.index("\n## ", 5)]
    rows = re.findall(r"^\| `(\w+)` \| (required|`.*`) \|$", section, re.M)
    assert rows == [(arg, "required" if d is None else f"`{d}`") for arg, d in signature], (
        f"README's defaults table for {name} differs from the macro's signature")
    assert f"macros/{folder}/{name}.yml" in section, f"README's {name} section must link to its YAML"


def test_docs_sample_calls_have_the_published_shape():
    """Every sample call the README and docs print validates against schemas/pipelines/."""
    import json

    from call_schemas import problems

    from helpers import ROOT

    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    calls = [(doc.name, line) for doc in docs for line in doc.read_text().splitlines() if line.startswith('{"type"')]
    assert len(calls) >= 7, calls
    bad = [(name, problems(json.loads(line))) for name, line in calls]
    assert not [b for b in bad if b[1]], [b for b in bad if b[1]]
