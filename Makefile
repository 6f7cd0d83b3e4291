# Guichet: install what is missing, run the local stack, run the tests.
# Every install step is idempotent and cheap when already done (file stamps, package checks).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python

# Debian packages the project needs at run or test time (checked one by one, installed together).
# docker-compose: only its offline `config` check and bundled Compose schema (tests/deploy).
APT_PACKAGES := postgresql chromium fonts-dejavu-core docker-compose
ifeq ($(shell command -v java),)
APT_PACKAGES += openjdk-17-jre-headless
endif
ifeq ($(shell command -v mvn),)
APT_PACKAGES += maven
endif
HAVE_WEB := $(wildcard web/package.json)
ifneq ($(HAVE_WEB),)
ifeq ($(shell command -v npm),)
APT_PACKAGES += nodejs npm
endif
endif

# uv must never try to download a Python build (only package registries are reachable here).
export UV_PYTHON_DOWNLOADS := never
# Byte-compile once at install: otherwise twelve service processes compile the same modules
# concurrently on their first start.
export UV_COMPILE_BYTECODE := 1

WORKSPACE_MANIFESTS := uv.lock pyproject.toml $(wildcard kernel/pyproject.toml contracts/pyproject.toml \
	services/*/pyproject.toml deploy/local/pyproject.toml gateway/pyproject.toml)
WEB_SOURCES := $(if $(HAVE_WEB),$(shell find web -path web/node_modules -prune -o -path web/dist -prune \
	-o -type f -print 2>/dev/null))

.PHONY: help install system-packages python-env kafka-libs web-build run up down status test clean-run

help:
	@echo "make install   install what is missing (Debian packages, Python env, Kafka jars, web build)"
	@echo "make run       install, then run the whole stack in the foreground (Ctrl-C stops it)"
	@echo "make up        install, then start the stack in the background; 'make down' stops it"
	@echo "make status    show what runs"
	@echo "make test      install, then run every check and test against a fresh stack"
	@echo "make bench     measure start-up, memory, gateway overhead and the outbox relay"
	@echo "make clean-run stop the stack and delete its state (.run/)"
	@echo "make backup    back up the local databases into backups/<UTC time> (docs/operations.md)"
	@echo "make restore FROM=backups/<time>  restore a backup into a fresh local cluster"
	@echo "make bench-load  mixed load with fault injections through the gateway (not a test)"

install: system-packages python-env kafka-libs web-build

# --- Debian packages: apt-get update only when something is missing ------------------------
system-packages:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q; \
	  apt-get install -y -q --no-install-recommends $$missing; \
	fi

# --- Python: a tools venv with a pinned uv, then the locked workspace in .venv -----------------
python-env: $(VENV)/.synced

$(UV):
	$(PYTHON_BOOT) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) $(WORKSPACE_MANIFESTS)
	$(UV) sync --frozen --python $(PYTHON_BOOT)
	touch $@

# --- Kafka broker jars from Maven Central ------------------------------------------------------
kafka-libs: deploy/kafka/libs/.stamp

# Resolved into a fresh folder and swapped in: no stale jar of an older version stays behind.
deploy/kafka/libs/.stamp: deploy/kafka/pom.xml
	rm -rf deploy/kafka/libs.new
	cd deploy/kafka && mvn -q -B dependency:copy-dependencies -DoutputDirectory=libs.new
	rm -rf deploy/kafka/libs && mv deploy/kafka/libs.new deploy/kafka/libs
	touch $@

# --- Web counter: npm ci and the production build (only when web/ is a Node project) ----------
ifneq ($(HAVE_WEB),)
web-build: web/dist/index.html

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build
	touch $@
else
web-build:
	@echo "web/package.json not found: skipping the web build"
endif

# --- The local stack (deploy/local/README.md) ---------------------------------------------------
run: install
	$(PY) -m guichet_local run

up: install
	$(PY) -m guichet_local up

down:
	@if [ -x $(PY) ]; then $(PY) -m guichet_local down; else echo "nothing installed, nothing to stop"; fi

status:
	$(PY) -m guichet_local status

clean-run:
	@if [ -x $(PY) ]; then $(PY) -m guichet_local purge; else rm -rf .run; fi

# --- Checks and tests -----------------------------------------------------------------------------
SERVICES := identity organisation beneficiary invoicing notification documents
MYPY_TARGETS := -p kernel -p contracts -p guichet_gateway -p guichet_local \
	$(foreach s,$(SERVICES),-p $(s).domain)

.PHONY: lint bench

lint: python-env web-build
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(MYPY_TARGETS)
	$(VENV)/bin/lint-imports
	$(PY) -m guichet_gateway validate
	cd web && npm run --silent lint && npm test --silent

# Static checks, then the whole stack up, every Python test (unit, integration, gateway
# conformance, end-to-end, browser), and the stack down again whatever the outcome.
test: install
	$(MAKE) --no-print-directory lint
	$(PY) -m guichet_local up
	status=0; $(PY) -m pytest || status=$$?; \
	$(PY) -m guichet_local down >/dev/null || true; \
	exit $$status

# Walking-skeleton measurements against a running stack (not part of the tests).
bench: install
	$(PY) tests/bench/skeleton.py all

# Load and fault bench against a running stack (docs/operations.md); e.g.
# make bench-load LOAD_ARGS="--minutes 2 --rate 10 --faults kafka"
LOAD_ARGS ?= --minutes 10 --rate 12 --faults all
.PHONY: bench-load
bench-load: python-env
	$(PY) tests/bench/load.py $(LOAD_ARGS)

# --- Backups (docs/operations.md) ------------------------------------------------------------------
.PHONY: backup restore

backup: python-env
	$(PY) deploy/backup/guichet_backup.py --local backup backups/$$(date -u +%Y%m%dT%H%M%SZ)

restore: python-env
	@test -n "$(FROM)" || { echo "usage: make restore FROM=backups/<time>"; exit 2; }
	$(PY) deploy/backup/guichet_backup.py --local restore "$(FROM)" --create
