# Everyday commands. Each target runs inside the project's own virtualenv (.venv).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
STAGE ?= local
# `make bench BENCH=suggest` runs bench/suggest.py only; empty runs every file in bench/.
BENCH ?=
# Arguments for each benchmark, e.g. `make bench BENCH=match_bench BENCH_ARGS="--sizes 1000"`.
BENCH_ARGS ?=
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k health -x"`.
PYTEST_ARGS ?=
# Test processes in parallel (pytest-xdist); each worker starts its own moto, memcached and chalice local.
PYTEST_WORKERS ?= 2

.PHONY: help venv run token keys lint test bootstrap seed bench clean distclean

help:
	@echo "make venv       create .venv and install requirements (again only when they change)"
	@echo "make run        local stack: moto, memcached (if installed), tables, seed, chalice local :8000"
	@echo "make token USER=alice [ADMIN=1]   print a local JWT (make keys: only create .local/ keys)"
	@echo "make lint       ruff + mypy"
	@echo "make test       lint, then the whole pytest suite"
	@echo "make bootstrap  create tables for STAGE (default local; the local stack must be running)"
	@echo "make seed       load the catalog for STAGE"
	@echo "make bench [BENCH=name]   run bench/*.py (or bench/NAME.py)"
	@echo "make package STAGE=dev|prod   CloudFormation (SAM) template + zip for a deployed stage"
	@echo "make clean      remove caches; make distclean also removes .venv and .local"

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'pip<26.3'
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

run: venv
	$(BIN)/python scripts/local_stack.py

keys: venv
	$(BIN)/python scripts/local_auth.py keys

# USER must come from the command line: the shell's own USER (the login name) is not a test user.
# Prints the token alone, so `TOKEN=$$(make -s token USER=alice)` works; keys are created if missing.
token: venv
	@test "$(origin USER)" = "command line" || { echo "usage: make token USER=alice [ADMIN=1]" >&2; exit 2; }
	@$(BIN)/python scripts/local_auth.py token --user "$(USER)" $(if $(filter 1 yes true,$(ADMIN)),--admin,)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy chalicelib app.py scripts $(wildcard bench/*.py)

test: lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bootstrap: venv
	$(BIN)/python -m chalicelib.ops bootstrap --stage $(STAGE)

seed: venv
	$(BIN)/python -m chalicelib.ops seed --stage $(STAGE)

bench: venv
	@set -e; \
	if [ -n "$(BENCH)" ]; then files="bench/$(BENCH:.py=).py"; else files="$$(ls bench/*.py 2>/dev/null | grep -v -e __init__ -e support || true)"; fi; \
	test -n "$$files" || { echo "no benchmarks in bench/"; exit 0; }; \
	for f in $$files; do echo "== $$f"; PYTHONPATH=. $(BIN)/python "$$f" $(BENCH_ARGS); done

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis

distclean: clean
	rm -rf $(VENV) .local

# `make package STAGE=prod`: the SAM template (sam.yaml) and deployment.zip for a deployed stage, merged
# with deploy/template-$(STAGE).yml, then checked with cfn-lint. Nothing is sent to AWS: deploy the
# result with `aws cloudformation package` / `deploy` (docs/operations.md). chalice needs a region only
# to write the template; the operator's own AWS_DEFAULT_REGION wins.
PACKAGE_DIR ?= .chalice/deployments/package-$(STAGE)

.PHONY: package
package: venv
	@case "$(STAGE)" in dev|prod) ;; *) echo "usage: make package STAGE=dev|prod [PACKAGE_DIR=dir]" >&2; exit 2;; esac
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(BIN)/chalice package --stage $(STAGE) \
		--merge-template deploy/template-$(STAGE).yml $(PACKAGE_DIR)
	$(BIN)/cfn-lint $(PACKAGE_DIR)/sam.yaml
	@! grep -q REPLACE_WITH_ .chalice/config.json || \
		echo "warning: .chalice/config.json still holds REPLACE_WITH_ placeholders (docs/operations.md, Cognito)" >&2
	@echo "packaged $(STAGE) into $(PACKAGE_DIR)"
