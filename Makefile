# Two commands: `make book` builds the course, `make test` runs every test.
# Both create .venv and install requirements.txt on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
BUILD_FLAGS := -W -n --keep-going

.PHONY: book book-instructor dist test check chromium clean

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

book: $(READY)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)

check: $(READY)
	$(BIN)/python -m sourcebook check

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

test: $(READY) chromium
	$(BIN)/python -m pytest

clean:
	rm -rf _build

# The instructor edition: answer keys and teaching notes (never publish it to students).
book-instructor: $(READY)
	SOURCEBOOK_AUDIENCE=instructor $(BIN)/jupyter-book build . --path-output _build/instructor $(BUILD_FLAGS)

# The built course as one zip, to copy to a USB stick: unzip it and open index.html from disk.
DIST := _build/dist/china-russia-central-asia.zip
dist: book
	$(BIN)/python -m sourcebook.offline.dist _build/html $(DIST)
