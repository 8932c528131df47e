# Everything a fresh machine needs, from the pinned requirements.
#   make test   - every test: dbt on DuckDB, Snowflake (fakesnow) and PostgreSQL, pytest, sqlfluff
#                 (make test TARGETS=duckdb: one target)
#   make demo   - build the clinic demo on DuckDB and print the Customer.io tables
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: test demo clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# TARGETS=duckdb (or duckdb,postgres) runs the tests on those targets only.
test: $(VENV)/.installed
	CIO_TARGETS=$(TARGETS) $(PY) -m pytest tests

demo: $(VENV)/.installed
	$(PY) demo/run_demo.py

clean:
	rm -rf $(VENV) integration_tests/target integration_tests/dbt_packages demo/target demo/dbt_packages
