# The two Quick start commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: run test lint demo bench soak clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/cxdash serve --host $(HOST) --port $(PORT) --demo-if-empty

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest --headless $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The performance benchmark (100k and 1M responses; BENCH_ARGS="--sizes 100k,1M,10M" for all),
# ending with the soak (SOAK_MINUTES, default 10; 0 skips it).
SOAK_MINUTES ?= 10
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run --soak-minutes $(SOAK_MINUTES) $(BENCH_ARGS)

# Only the soak: Procfile gunicorn, default cache, 32 clients over every view and export.
soak: $(VENV)/.installed-test
	$(BIN)/python -m bench.run --soak-only --sizes 100k --soak-minutes $(SOAK_MINUTES) $(BENCH_ARGS)

demo: $(VENV)/.installed
	$(BIN)/cxdash demo

clean:
	rm -rf $(VENV) instance .pytest_cache

# Screenshots of every view for the README (needs chromium and chromedriver)
screenshots: $(VENV)/.installed-test
	$(BIN)/python -m tools.screenshots
