# Two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval gen-corpus clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	@if [ -n "$$DISCORD_TOKEN" ] || grep -qs '^DISCORD_TOKEN=.' .env; then \
		$(BIN)/cablebot run; \
	else \
		echo "No DISCORD_TOKEN set: starting the terminal chat (see README, 'Discord')."; \
		$(BIN)/cablebot chat; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check bot handlers config benchmarks tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# A cables.csv-format test library under bench-data/ (git-ignored): SIZE=10k|100k|full.
SIZE ?= 10k
gen-corpus: $(STAMP)
	$(BIN)/python -m benchmarks.generate --size $(SIZE)

eval: $(STAMP)
	$(BIN)/python -m benchmarks.evaluate

# Only what can be rebuilt: data/ (the research desk's database) is never removed.
clean:
	rm -rf $(VENV) .cache
