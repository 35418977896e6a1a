# Two commands: `make book` builds the course, `make test` runs every test.
# Both create .venv and install requirements.txt on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
BUILD_FLAGS := -W -n --keep-going

.PHONY: book book-student book-instructor dist pdf pdf-instructor test lint check chromium poppler clean

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

# Every edition: the students' (English and Russian) and the instructor's.
book: book-student book-instructor

# The English edition into _build/html, then the Russian one beside it into _build/html/ru/
# (sourcebook/translation: its catalogues are kept in step and their coverage printed).
book-student: $(READY)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(BIN)/python -m sourcebook.translation.build . --language ru

check: $(READY)
	$(BIN)/python -m sourcebook check

# Debian's chromium, unless SOURCEBOOK_BROWSER=playwright says Playwright's own build is installed (GitHub).
chromium:
	@test "$$SOURCEBOOK_BROWSER" = playwright || command -v chromium >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq chromium; }

# pdftotext, with which the tests read the PDF editions.
poppler:
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq poppler-utils; }

# TypeScript's checker for the page scripts, pinned in package.json / package-lock.json.
NODE_READY := node_modules/.package-lock.json
$(NODE_READY): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_READY)

# Lint, format and types: ruff and mypy (settings in pyproject.toml), tsc over the page scripts (tsconfig.json).
lint: $(READY) $(NODE_READY)
	$(BIN)/ruff check sourcebook benchmarks tests
	$(BIN)/ruff format --check sourcebook benchmarks tests
	$(BIN)/mypy
	node_modules/.bin/tsc -p tsconfig.json

# make lint runs beside pytest (its output in .lint.log, printed after the tests); either failing fails.
test: $(READY) chromium poppler $(NODE_READY)
	@$(MAKE) --no-print-directory lint > .lint.log 2>&1 & lint=$$!; \
	$(BIN)/python -m pytest; tests=$$?; \
	wait $$lint; linted=$$?; echo "--- make lint (beside the tests)"; cat .lint.log; \
	test $$linted -eq 0 || echo "make lint failed"; test $$tests -eq 0 && test $$linted -eq 0

clean:
	rm -rf _build

# The instructor edition: answer keys and teaching notes (never publish it to students).
book-instructor: $(READY)
	SOURCEBOOK_AUDIENCE=instructor $(BIN)/jupyter-book build . --path-output _build/instructor $(BUILD_FLAGS)

# The built course as one zip, to copy to a USB stick: unzip it and open index.html from disk.
DIST := _build/dist/china-russia-central-asia.zip
dist: book-student
	$(BIN)/python -m sourcebook.offline.dist _build/html $(DIST)

# The course on paper (sourcebook/paper), printed by Debian's Chromium: _build/pdf/china-russia-central-asia.pdf
# and each chapter in _build/pdf/chapters/ (the Russian edition's in _build/pdf/ru/); the instructor edition's, with answer keys, in _build/pdf-instructor/.
pdf: book-student chromium
	$(BIN)/python -m sourcebook.paper _build/html _build/pdf
	$(BIN)/python -m sourcebook.paper _build/html/ru _build/pdf/ru --edition "Student edition, in Russian (издание для студентов на русском языке)"

pdf-instructor: book-instructor chromium
	$(BIN)/python -m sourcebook.paper _build/instructor/_build/html _build/pdf-instructor \
		--edition "Instructor edition: answer keys and teaching notes (not for students)"
