# Everything a fresh machine needs, from the pinned requirements.
#   make test   - every test: dbt on DuckDB, Snowflake (fakesnow), PostgreSQL and BigQuery (emulator), pytest, sqlfluff
#                 (make test TARGETS=duckdb: one target)
#   make demo   - build the clinic demo on DuckDB and print the Customer.io tables
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# The BigQuery emulator pins its own duckdb: its own virtual environment.
BQ_VENV ?= .venv-bigquery-emulator

.PHONY: test demo clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BQ_VENV)/.installed: requirements-bigquery-emulator.txt
	$(PYTHON) -m venv $(BQ_VENV)
	$(BQ_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bigquery-emulator.txt
	touch $@

# TARGETS=duckdb (or duckdb,postgres) runs the tests on those targets only.
test: $(VENV)/.installed $(BQ_VENV)/.installed
	CIO_TARGETS=$(TARGETS) $(PY) -m pytest tests

demo: $(VENV)/.installed
	$(PY) demo/run_demo.py

clean:
	rm -rf $(VENV) $(BQ_VENV) integration_tests/target integration_tests/dbt_packages demo/target demo/dbt_packages
