# Puente Laboral. Every target sets up what it needs on a fresh machine.
#   make serve   live preview on http://127.0.0.1:8000
#   make build   the complete static site in site/
#   make test    the whole test suite (installs Chromium & co. from Debian when missing)
#   make edition your organization's own edition: writes data/organization.yml to fill in

# VENV (default .venv) is the virtual environment. Our package `puente` is installed in it in
# editable mode from the checkout that created it: `make VENV=../other/.venv` runs the other
# checkout's code. Share one only between copies of the same code (the tests do, in temporary copies).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements-installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help setup serve build test system-tools lint i18n-extract i18n-update i18n-compile i18n
.PHONY: i18n-check i18n-status i18n-mark-current i18n-add
.PHONY: linkcheck urls bench-links edition

VNU_VERSION := 26.9.27
VNU := .cache/vnu/.vnu-jar-$(VNU_VERSION)

help:
	@sed -n '2,6p' Makefile

# The pinned packages, then our own package `puente` (pyproject.toml) in editable mode.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(STAMP)

serve: setup system-tools i18n-compile
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The gate: the site is built into build/site-candidate and becomes site/ only when the catalogs
# (no untranslated, fuzzy or mismatched entry), the link check (pages, anchors, languages, hosts)
# and the published-URL contract pass; the HTML policy runs inside mkdocs build. A refused build
# leaves site/ as it was (README "Checks").
CANDIDATE := build/site-candidate
build: setup system-tools i18n-compile
	$(BIN)/puente check-catalogs
	rm -rf $(CANDIDATE)
	$(BIN)/mkdocs build --site-dir $(CANDIDATE)
	$(BIN)/puente linkcheck $(CANDIDATE)
	$(BIN)/puente published-urls $(CANDIDATE)
	rm -rf site && mv $(CANDIDATE) site
	@echo "site/ is ready to publish"

system-tools:
	@sh scripts/ensure-system-tools.sh

# Two pytest sessions at once, each using about one core: the browser tests, and the rest with the
# browser tests that mostly build copies of the project (marker `alongside`, tests/conftest.py), so
# both take about as long; the second's report is printed after the first's, each listing its
# slowest tests. They share only the project's caches, written whole.
test: setup system-tools i18n-compile $(VNU)
	@mkdir -p build
	$(BIN)/python -m pytest -m "not browser or alongside" --durations=12 > build/test-not-browser.log 2>&1 & rest=$$!; \
	$(BIN)/python -m pytest -m "browser and not alongside" --durations=12; browser=$$?; \
	wait $$rest; rest=$$?; echo; echo "== the tests without a browser, and those marked alongside (build/test-not-browser.log) =="; \
	cat build/test-not-browser.log; exit $$(( browser || rest ))

# The W3C Nu HTML Checker (tests/checks/test_html_valid.py): the npm package vnu-jar, pinned, into
# .cache/vnu (gitignored) once; it runs on Java (scripts/ensure-system-tools.sh installs both).
$(VNU): | system-tools
	rm -rf .cache/vnu
	npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)
	touch $@

lint: setup
	$(BIN)/ruff check scripts tests

# Interface strings (gettext catalogs in locales/; see README "Translating").
i18n-extract: setup
	$(BIN)/pybabel extract -F babel.cfg -o locales/messages.pot --no-wrap --sort-by-file \
	  --project "Puente Laboral" --copyright-holder "Puente Laboral contributors" .

i18n-update: i18n-extract
	$(BIN)/pybabel update -i locales/messages.pot -d locales --no-wrap --ignore-obsolete

i18n-compile: setup
	$(BIN)/puente compile-catalogs

i18n: i18n-update i18n-compile

# Translators (see README "Translating"). The catalog gate also runs in `make test`.
i18n-check: setup
	$(BIN)/puente check-catalogs

i18n-status: setup
	$(BIN)/puente i18n-status

# make i18n-mark-current FILES="docs/sobre.en.md ..."   (or FILES=--all)
i18n-mark-current: setup
	$(BIN)/puente i18n-mark-current $(FILES)

# make i18n-add LANG=fr   (LANG is reset for the command itself: it is also the shell's locale)
i18n-add: setup
	@test -n "$(LANG)" || { echo "usage: make i18n-add LANG=fr"; exit 2; }
	env LANG=C.UTF-8 $(BIN)/puente i18n-add $(LANG)

# Links (see README "Links"). `make build` already runs the offline check; this adds the online one.
linkcheck: build
	$(BIN)/puente linkcheck site --online

# Add new public addresses (pages, heading ids, PDFs) to data/published-urls.txt.
urls: build
	$(BIN)/puente published-urls --update site

bench-links: setup i18n-compile
	$(BIN)/puente bench-links

# Phone budgets (README "Performance"): every page's bytes and requests in headless Chromium,
# Lighthouse on the home and a topic page per language, build-time growth on synthetic sites.
# Lighthouse comes from npm into .cache/lighthouse (gitignored), never at test time.
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
.PHONY: bench screenshot
bench: setup system-tools i18n-compile $(LIGHTHOUSE)
	$(BIN)/puente bench --readme

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --prefix .cache/lighthouse lighthouse@12.2.3

# The README's phone-width screenshot: make screenshot  (writes media/screenshot-home.png)
screenshot: build
	$(BIN)/puente screenshot / media/screenshot-home.png

# A local edition (README, "Your own edition"): writes data/organization.yml from the commented
# template and says what to fill in; never overwrites an existing profile.
edition: setup
	$(BIN)/puente edition
