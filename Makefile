# The README's commands. `make demo` runs the app with demo data; `make test` runs the test suite.
# Both set everything up first on a machine that has only Python (3.12+).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.laurel-installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DEBUG=1
SERVICE_ENV := DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/laurel} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} CELERY_TASK_ALWAYS_EAGER=0

.PHONY: install demo run worker serve test lint service-test test-postgres bench messages clean

$(STAMP): pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py make_demo_signer
	@echo "Starting the Celery worker and the web server on http://$(HOST):$(PORT)/ (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	$(DEMO_ENV) $(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
		--schedule=var/celerybeat-schedule & \
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT) --noreload

run: install
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(DEMO_ENV) $(VENV)/bin/celery -A config worker --beat --loglevel=INFO

# The app as in production (DEBUG off, gunicorn, WhiteNoise, a Celery worker and beat), on plain
# http://$(HOST):$(PORT) thanks to LAUREL_LOCAL_HTTP (loopback only). PostgreSQL and Redis when DATABASE_URL and
# CELERY_BROKER_URL are set, else SQLite and the filesystem broker under var/. Without SECRET_KEY, a key is made
# once and kept in var/secret_key.
SERVE_ENV := DEBUG=0 LAUREL_LOCAL_HTTP=1 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret_key} LAUREL_BIND=$(HOST):$(PORT)

serve: install
	@mkdir -p var; test -n "$$SECRET_KEY" || test -n "$$SECRET_KEY_FILE" || test -s var/secret_key || \
		(umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ with gunicorn, a Celery worker and beat (Ctrl+C stops all three)"
	@trap 'kill 0' EXIT INT TERM; \
	$(SERVE_ENV) $(VENV)/bin/celery --app config worker --loglevel INFO --concurrency 2 & \
	$(SERVE_ENV) $(VENV)/bin/celery --app config beat --loglevel INFO --schedule var/celerybeat-schedule & \
	$(SERVE_ENV) $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py

lint: install
	$(VENV)/bin/ruff check .
	$(PY) scripts/compile_messages.py --check
	$(PY) scripts/dead_code.py

test: install lint
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(VENV)/bin/pytest -m "not service"

service-test: install
	$(SERVICE_ENV) $(VENV)/bin/pytest -m service

# The rest of the suite once more on PostgreSQL (Celery eager), so that no flow depends on SQLite. The browser
# tests are left out: the service suite plays the browser story on PostgreSQL through `make serve`.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/laurel} $(VENV)/bin/pytest -m "not service and not browser"

bench: install
	@for b in bench/*_bench.py; do echo "== $$b"; $(PY) $$b | tail -n 1; done

messages: install
	# Strings under an app with its own locale/ go there; the rest (templates/, config/) to locale/.
	$(DEMO_ENV) $(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=var
	$(PY) scripts/compile_messages.py

clean:
	rm -rf var/ $(VENV)
