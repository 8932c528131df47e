"""Print a model's rows from a finished test build in the expected-CSV form.

A reviewing aid only: expected files are written and checked by hand against
the docs; this shows what the SQL produced so the two can be compared.
    python tests/dump_actual.py WORK_DIR TARGET MODEL
"""
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import Warehouse, canon_rows  # noqa: E402

work, target, model = sys.argv[1:]
names, rows = Warehouse(target, Path(work)).table(model)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(names)
w.writerows(canon_rows(rows))
