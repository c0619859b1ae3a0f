# PT Guide tasks. `make help` lists them. Each target installs what it needs first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help preview build test lint clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

preview: build ## Build the site, then serve it at http://127.0.0.1:8000/pt-guide/ (LAN=1 to try it on a phone)
	$(BIN)/python -m ptguide.static_server build $(if $(LAN),--lan)

build: $(VENV)/.runtime ## Build the static site into build/
	$(BIN)/python freeze.py

test: $(VENV)/.dev node_modules/.installed ## Run every test: JS units, Python, real browser
	scripts/ensure-browser
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/python -m pytest

lint: $(VENV)/.dev ## Check Python style
	$(BIN)/ruff check .

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
