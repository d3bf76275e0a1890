# 江西省社会保险线上服务大厅 — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON_SYSTEM ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the portal needs: Pango + HarfBuzz subsetting for WeasyPrint (without
# libharfbuzz-subset0 a Chinese PDF page renders ~50x slower), CJK fonts, gettext for
# translations, Chromium + driver for browser tests, Node.js for the IE11 checks, poppler for
# looking at PDFs.
SYSTEM_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-noto-cjk gettext chromium chromium-driver nodejs npm poppler-utils postgresql-client
# The PostgreSQL server the suite runs against (trust auth); `make test` creates what it needs.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jxsi_portal

.PHONY: run test system-deps deps messages messages-update check-translations lint ie11 pytest-postgres \
	pytest-sqlite migrations-check reset-demo bench bench-scale bench-batch bench-billing bench-load clean

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if command -v node >/dev/null && command -v npm >/dev/null; then \
		missing=$$(echo $$missing | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' '); fi; \
	if [ -n "$${missing// /}" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
		else \
			echo "Please install the system packages:  sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi

$(VENV)/.installed: pyproject.toml
	@if [ ! -x $(PY) ]; then \
		python=$$(command -v $(PYTHON_SYSTEM) || command -v python3); \
		$$python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
			{ echo "Python 3.11 is needed ($$python is $$($$python -V))"; exit 1; }; \
		$$python -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	fi
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
		print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(PY) -m pip install -q -r $(VENV)/requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: system-deps $(VENV)/.installed node_modules/.installed

messages: deps
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Serve the demo on http://127.0.0.1:8000 (SQLite under var/ unless DATABASE_URL is set).
run: deps messages
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo --manifest var/demo-manifest.json
	DEBUG=$${DEBUG:-True} $(PY) manage.py runserver $(HOST):$(PORT)

# Start the demo database afresh (scenario dates are placed relative to the day of seeding).
reset-demo:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: deps
	$(PY) manage.py makemigrations --check --dry-run

check-translations: messages
	$(PY) manage.py check_translations

# After changing strings: refresh the catalogue, then translate the new entries in the .po file.
messages-update: deps
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=node_modules \
		--ignore=var --ignore=tests --ignore=bench --ignore='*/migrations/*' --ignore=static/vendor

# IE11: our JavaScript must parse as ES5, our CSS must use nothing IE11 lacks.
ie11: deps
	npx --no-install es-check es5 'static/js/**/*.js' --not='static/vendor/**' --checkFeatures
	npx --no-install stylelint 'static/css/**/*.css'

pytest-postgres: deps messages
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
	DATABASE_URL=$(TEST_DATABASE_URL) ./scripts/pytest-required $(PYTEST_ARGS)

pytest-sqlite: deps messages
	env -u DATABASE_URL ./scripts/pytest-required $(PYTEST_ARGS)

test: lint migrations-check check-translations ie11 pytest-postgres pytest-sqlite

# Speed of certificates on the demo data (run `make run` once before).
bench: deps messages
	$(PY) bench/certificates.py

# The province at scale on PostgreSQL (its own database, jxsi_scale): pages against their floors at
# three sizes; `BENCH_ARGS=--keep` reuses a database built before.
bench-scale: deps messages
	$(PY) bench/scale.py $(BENCH_ARGS)

# 批量增员 of 1,000 rows on PostgreSQL (its own database, jxsi_batch): reading, checking, the
# upload and approval beside openpyxl alone and bare bulk inserts.
bench-batch: deps messages
	$(PY) bench/batch.py $(BENCH_ARGS)

# The month's 缴费核定 over the province that bench-scale built, beside one INSERT … SELECT.
bench-billing: deps messages
	$(PY) bench/billing.py $(BENCH_ARGS)

# 50 agents browsing for 20 s against gunicorn over the scale database, beside the floor views.
bench-load: deps messages
	$(PY) bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var
