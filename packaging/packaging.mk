# Packaging: wheel and sdist, the PyInstaller folder, their checks, and the Linux desktop
# files. Included by the top-level Makefile, which defines VENV, PY, STAMP and system-deps.
#
#   make dist              wheel + sdist in dist/, contents checked
#   make bundle            one-folder app in dist/trendmark/ (PyInstaller)
#   make check-packaging   both of the above, then pipx install, frozen-app and Datasette checks
#   make install-desktop   menu entry, icons and AppStream file into ~/.local/share
#   make icons             re-render the PNG/ICO/ICNS icons from resources/icons/trendmark.svg
.PHONY: packaging-tools dist bundle check-packaging icons install-desktop uninstall-desktop

PACKAGING_STAMP := $(VENV)/.packaging-installed
BUNDLE_DIR := dist/trendmark
CHECK_WORK := build/check-packaging
# Program the menu entry starts; the pip/pipx-installed launcher by default. For the
# frozen folder: make install-desktop EXEC="$$PWD/dist/trendmark/trendmark"
EXEC ?=

packaging-tools: $(PACKAGING_STAMP)

$(PACKAGING_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,packaging]'
	touch $@

dist: $(PACKAGING_STAMP)
	rm -f dist/trendmark-*.whl dist/trendmark-*.tar.gz
	$(PY) -m build --outdir dist .
	$(PY) packaging/check_packaging.py --dist dist --only dist

bundle: $(PACKAGING_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/pyinstaller/trendmark.spec

check-packaging: dist bundle system-deps
	$(PY) packaging/check_packaging.py --dist dist --bundle $(BUNDLE_DIR) --work $(CHECK_WORK) \
		--only pipx bundle datasette

icons: venv
	QT_QPA_PLATFORM=offscreen $(PY) packaging/linux/make_icons.py

install-desktop:
	sh packaging/linux/install-desktop.sh $(if $(EXEC),--exec "$(EXEC)")

uninstall-desktop:
	sh packaging/linux/install-desktop.sh --uninstall
