# Two commands set up everything on a fresh Linux machine:
#   make run    - create .venv, install, start Trendmark on your default database
#   make test   - create .venv, install test tools, run the whole suite offscreen
#   make lint   - ruff, mypy on editor/, and the import contracts (pyproject.toml)
.PHONY: run test bench venv system-deps system-deps-gui system-deps-bench lint clean

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian/Ubuntu packages the app and the tests need. Elsewhere, install the
# equivalents by hand: a CJK font (Noto Sans CJK), an outline emoji font (Symbola), poppler, Xvfb, xdotool.
RUN_DEBS := fonts-noto-cjk fonts-symbola libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
            libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 \
            libfontconfig1 libdbus-1-3
TEST_DEBS := $(RUN_DEBS) poppler-utils xvfb xauth xdotool desktop-file-utils appstream \
	pandoc libreoffice-writer-nogui texlive-xetex texlive-lang-chinese qpdf postgresql chromium fonts-arphic-uming
BENCH_DEBS := $(TEST_DEBS) valgrind
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

run: venv system-deps-gui
	$(PY) -m editor $(ARGS)

test: venv system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# Lint rules, types and the layer contracts; needs no display and no system packages.
lint: venv
	$(VENV)/bin/ruff check editor tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Opt-in measurements (seconds, memory, instructions); each prints its figures next to a baseline.
bench: venv system-deps-bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -s -p no:randomly \
		-o python_files='bench_*.py' -o addopts='' $(PYTEST_ARGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $@

# Installs missing Debian packages; on other systems says what is needed.
system-deps:
	@sh packaging/system-deps.sh $(TEST_DEBS)

system-deps-gui:
	@sh packaging/system-deps.sh $(RUN_DEBS)

system-deps-bench:
	@sh packaging/system-deps.sh $(BENCH_DEBS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

-include packaging/packaging.mk
