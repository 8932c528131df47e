"""sqlfluff (dbt templater, DuckDB) over the integration models must be clean."""
import pytest
import os
import subprocess
import sys
from pathlib import Path

from helpers import PROJECT

# one worker builds the integration project once for all of these files
pytestmark = pytest.mark.xdist_group("built")


def test_sqlfluff_is_clean(built, work_dir):
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    proc = subprocess.run([str(sqlfluff), "lint", "models", "--disable-progress-bar"], cwd=PROJECT,
                          env=dict(os.environ, CIO_WORK_DIR=str(work_dir)), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    assert "All Finished" in proc.stdout
