"""Packaging files: desktop entry, AppStream metainfo, icons, Datasette metadata, the bundle's trimming rules.

The slow checks (building wheel and bundle, pipx, a live Datasette) run with
``make check-packaging``; these run in seconds with the normal suite.
"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import editor
from editor.store import Store

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.trendmark.Trendmark"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
CONTRACT_TABLES = ("reports", "nodes", "authors", "tags", "node_tags", "dimensions", "ratings",
                   "notes", "highlights", "highlight_tags", "meta")


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: install the '{package}' package (make test installs it)")
    return path


def _load(path: Path, name: str):
    """Import a packaging script by path (packaging/ is not a Python package)."""
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run([_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_starts_the_gui_script_with_the_app_icon():
    entry = _desktop_entry()
    gui_scripts = _pyproject()["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] in gui_scripts
    assert entry["TryExec"] == entry["Exec"].split()[0]
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"


def test_desktop_entry_window_class_is_the_application_name():
    # Qt's xcb platform sets the window's WM_CLASS class to the application name; desktops
    # match StartupWMClass against it to put the window under this entry's icon.
    from editor.ui.app import APP_NAME

    assert _desktop_entry()["StartupWMClass"] == APP_NAME


def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run([_tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_points_at_the_desktop_entry_and_this_version():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable[@type='desktop-id']")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert root.find("releases/release").get("version") == editor.__version__
    provided = {b.text for b in root.findall("provides/binary")}
    project = _pyproject()["project"]
    assert provided == set(project["scripts"]) | set(project["gui-scripts"])
    homepage = root.findtext("url[@type='homepage']")
    screenshot = root.findtext("screenshots/screenshot/image")
    assert homepage.startswith("https://") and screenshot.startswith(homepage)
    # The image to publish at that address is kept beside the metainfo.
    published = LINUX / screenshot[len(homepage):]
    assert published.is_file() and _png_header(published)[0] >= 1024
    assert root.find("content_rating") is not None


def _png_header(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from a PNG's IHDR chunk."""
    data = path.read_bytes()[:26]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.mark.parametrize("size", ICON_SIZES)
def test_hicolor_png_exists_at_its_size_with_transparency(size):
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.is_file(), f"missing {path.relative_to(ROOT)}: run make icons"
    assert _png_header(path) == (size, size, 6)  # 6: RGBA, so the rounded corners stay transparent


def test_scalable_icon_is_the_app_icon_source():
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "trendmark.svg").read_bytes()


def test_committed_pngs_match_a_fresh_render_of_the_svg(qapp):
    from PySide6.QtGui import QImage

    make_icons = _load(LINUX / "make_icons.py", "make_icons")
    fresh = QImage.fromData(make_icons.render_png(ROOT / "resources" / "icons" / "trendmark.svg", 48))
    committed = QImage(str(HICOLOR / "48x48" / "apps" / f"{APP_ID}.png"))
    fresh = fresh.convertToFormat(QImage.Format.Format_RGBA8888)
    committed = committed.convertToFormat(QImage.Format.Format_RGBA8888)
    a, b = bytes(fresh.constBits()), bytes(committed.constBits())
    assert len(a) == len(b) == 48 * 48 * 4
    # Anti-aliasing may shift edge pixels a little between Qt versions; a changed colour
    # or shape changes whole runs of pixels by far more.
    changed = sum(1 for i in range(0, len(a), 4) if max(abs(x - y) for x, y in zip(a[i:i + 4], b[i:i + 4], strict=True)) > 32)
    assert changed <= 10, f"{changed} pixels differ: the PNGs are stale, run make icons after editing the SVG"
    assert fresh.pixelColor(0, 0).alpha() == 0 and fresh.pixelColor(24, 24).alpha() == 255


@pytest.mark.parametrize("path, sizes", [
    (PACKAGING / "windows" / "trendmark.ico", {16, 24, 32, 48, 64, 128, 256}),
    (PACKAGING / "macos" / "trendmark.icns", {16, 32, 64, 128, 256, 512, 1024}),
])
def test_platform_icon_files_hold_every_size_for_qt_reader(qapp, path, sizes):
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path))
    assert reader.canRead(), f"Qt cannot read {path.name}: {reader.errorString()}"
    found = set()
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name} image {index}: {reader.errorString()}"
        assert image.width() == image.height()
        found.add(image.width())
    assert found == sizes


def test_datasette_metadata_names_only_tables_and_columns_of_a_fresh_database():
    import yaml  # PyYAML, a test dependency: Datasette reads the same YAML

    metadata = yaml.safe_load((PACKAGING / "datasette" / "metadata.yml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["trendmark"]["tables"]
    store = Store.memory()
    try:
        existing = set(store.db.table_names())
        for name, table in tables.items():
            assert name in existing, f"metadata describes a table that does not exist: {name}"
            columns = store.db[name].columns_dict
            for column in table.get("columns", {}):
                assert column in columns, f"metadata describes a column that does not exist: {name}.{column}"
            for facet in table.get("facets", []):
                assert facet in columns, f"facet on a column that does not exist: {name}.{facet}"
            for key in ("sort", "sort_desc", "label_column"):
                if key in table:
                    assert table[key] in columns, f"{key} names a column that does not exist: {name}.{table[key]}"
            if "fts_table" in table:
                # Datasette searches rowid IN (SELECT rowid FROM fts_table WHERE … MATCH …).
                sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table["fts_table"],)).fetchone()
                assert sql is not None and "USING FTS5" in sql[0], table["fts_table"]
                assert table.get("fts_pk") == "rowid"
        searchable = {name for name, table in tables.items() if "fts_table" in table}
    finally:
        store.close()
    assert searchable == {"nodes", "notes", "highlights"}
    for name in CONTRACT_TABLES:
        assert tables.get(name, {}).get("description"), f"no description for the table {name}"


def test_install_desktop_script_installs_and_removes_for_one_user(tmp_path):
    data = tmp_path / "share"
    program = tmp_path / "my apps" / "trendmark"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    script = LINUX / "install-desktop.sh"
    subprocess.run(["sh", str(script), "--exec", str(program)], env=env, check=True, capture_output=True)
    installed = data / "applications" / DESKTOP.name
    assert f'Exec="{program}"' in installed.read_text(encoding="utf-8").splitlines()
    assert (data / "metainfo" / METAINFO.name).is_file()
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    validate = subprocess.run([_tool("desktop-file-validate", "desktop-file-utils"), str(installed)],
                              capture_output=True, text=True)
    assert validate.returncode == 0, validate.stdout
    subprocess.run(["sh", str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))


@pytest.mark.parametrize("destination, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
    ("PySide6/Qt6Qml.dll", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtdeclarative_zh_CN.qm", False),
    ("editor/resources/sample-report.txt", True),
])
def test_bundle_trimming_keeps_what_a_widgets_app_loads(destination, kept):
    contents = _load(PACKAGING / "pyinstaller" / "bundle_contents.py", "bundle_contents")
    assert contents.keep_binary(destination) is kept


def test_bundle_resources_are_the_files_the_wheel_ships():
    contents = _load(PACKAGING / "pyinstaller" / "bundle_contents.py", "bundle_contents")
    pairs = contents.resource_datas(ROOT)
    shipped = {Path(dest, Path(src).name).as_posix() for src, dest in pairs}
    assert "editor/resources/sample-report.txt" in shipped
    assert "editor/resources/icons/trendmark.svg" in shipped
    assert any(name.startswith("editor/resources/translations/") and name.endswith(".qm") for name in shipped)
    assert not any(name.endswith(".py") for name in shipped)


def test_bundle_check_names_the_files_trimming_should_have_kept_out(tmp_path):
    contents = _load(PACKAGING / "pyinstaller" / "bundle_contents.py", "bundle_contents")
    for name in ("PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
                 "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
                 "libgtk-3.so.0", "libcairo-gobject.so.2", "libfontconfig.so.1",
                 "editor/resources/sample-report.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert contents.forbidden_files(tmp_path) == sorted([
        "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/plugins/platforms/libqvnc.so",
        "libcairo-gobject.so.2", "libgtk-3.so.0",
    ])
