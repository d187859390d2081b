# The two commands of the README: `make pdf` and `make test`. Each installs what is
# missing (Debian packages, then Python packages into .venv) before it runs.

PYTHON ?= python3
# The project to build: this repository's briefing, or any other (make pdf PROJECT=DIR).
PROJECT ?= .
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# What WeasyPrint needs to lay out text, the Noto fonts for Latin and most scripts, and
# poppler's pdftotext, which reads the text of PDF sources; the fonts a project's
# languages need besides are installed for it (reportgen fonts).
RENDER_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
                   fontconfig fonts-noto-core poppler-utils
# The PDF checker the tests use besides poppler, the fonts of the test projects' Chinese
# inserts, and GNU gettext, which checks the catalogs reportgen writes.
TEST_PACKAGES := qpdf fonts-noto-cjk gettext

.PHONY: pdf test check lint bench clean render-packages test-packages

pdf: $(STAMP) render-packages
	@scripts/ensure-debian-packages $$($(BIN)/reportgen fonts -q --packages $(PROJECT))
	$(BIN)/reportgen build $(PROJECT)

check: $(STAMP)
	$(BIN)/reportgen check $(PROJECT)

test: $(STAMP) render-packages test-packages
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks

bench: $(STAMP) render-packages
	$(BIN)/python benchmarks/run.py

render-packages:
	@scripts/ensure-debian-packages $(RENDER_PACKAGES)

test-packages:
	@scripts/ensure-debian-packages $(TEST_PACKAGES)

# reportgen is byte-compiled as pip compiles the libraries: an editable install is not,
# and where PYTHONDONTWRITEBYTECODE is set every build would compile it again.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || \
		scripts/ensure-debian-packages python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m compileall -q src
	@touch $@

clean:
	rm -rf build/briefing.pdf build/briefing.html build/.cache build/.cache.json \
		build/briefing-*-first.pdf build/briefing-*-first.html build/distribution
