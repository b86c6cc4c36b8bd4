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

# The settings loader decides whether there is a token: the bot, else the terminal chat.
run: $(STAMP)
	@$(BIN)/cablebot run --or-chat

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
