"""A fresh project, before any table exists: parse and compile must work
(compile renders placeholder SQL with a warning); run must fail and say which
relation to build first."""
import pytest

from helpers import TARGETS, run_dbt


@pytest.fixture(scope="module")
def empty_work_dir(tmp_path_factory, dbt_deps):
    return tmp_path_factory.mktemp("empty")


@pytest.mark.parametrize("target", TARGETS)
def test_parse_and_compile_without_tables(empty_work_dir, target):
    # the simulation's models too: tracked relationships and the deletions that read them
    with_sim = ("--vars", "{cio_simulation: true}")
    run_dbt(target, "parse", *with_sim, work_dir=empty_work_dir)
    proc = run_dbt(target, "compile", "--select", "cio_identify_default", "cio_identify_in_cte",
                   "sim_relationships", "sim_deletions_people", *with_sim, work_dir=empty_work_dir)
    assert "does not exist. Build it first" in proc.stdout
    assert "Rendering placeholder SQL with no rows." in proc.stdout
    assert "customer_io_deletions: sim_deletions_people: the relation" in proc.stdout and "given by `relationships` does not exist" in proc.stdout


@pytest.mark.parametrize("target", TARGETS)
def test_run_without_tables_names_the_missing_relation(empty_work_dir, target):
    proc = run_dbt(target, "run", "--select", "cio_identify_default", work_dir=empty_work_dir, check=False)
    assert proc.returncode != 0
    assert "nexus_customer_io.customer_io_identify: the relation" in proc.stdout
    assert "nexus_entities" in proc.stdout
    assert "given by `entities` does not exist. Build it first (for example `dbt build --select +nexus_entities`)" in proc.stdout
