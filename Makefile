# PT Guide tasks. `make help` lists them. Each target installs what it needs first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help preview build test lint clean lighthouse bench

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

preview: build ## Build the site, then serve it at http://127.0.0.1:8000/pt-guide/ (LAN=1 to try it on a phone)
	$(BIN)/python -m ptguide.static_server build $(if $(LAN),--lan)

build: $(VENV)/.runtime ## Build the static site into build/ (SITE=examples/clinic for another content folder)
	$(BIN)/python freeze.py $(if $(SITE),--site $(SITE))

test: $(VENV)/.dev node_modules/.installed ## Run every test: JS units, Python, real browser
	scripts/ensure-browser
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/python -m pytest

lint: $(VENV)/.dev ## Check Python style
	$(BIN)/ruff check .

lighthouse: build $(VENV)/.dev node_modules/.installed ## Audit every page with Lighthouse 12, mobile (about 4 min; JSON in reports/lighthouse/)
	scripts/ensure-browser
	$(BIN)/python bench/lighthouse.py

bench: $(VENV)/.dev node_modules/.installed ## Compare builds and pages with MkDocs Material (about 10 min; table in reports/peer.md)
	scripts/ensure-browser
	$(BIN)/python bench/peer.py

clean: ## Remove build output and generated bundles
	rm -rf build static/gen

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
