"""What the frozen Trendmark folder may contain: read by the PyInstaller spec and by the packaging check.

Pure Python (no PyInstaller import), so the same rules that trim the build also
verify the built folder afterwards.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Python modules the app never imports but that PyInstaller could otherwise reach
# through optional imports of its dependencies.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "test", "lib2to3", "ensurepip",
    "pydoc_data", "pytest", "_pytest", "pytestqt", "IPython", "matplotlib",
    "PIL", "yaml", "setuptools", "pip", "pkg_resources", "distutils",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.QtQuick3D",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtBluetooth", "PySide6.QtNetworkAuth", "PySide6.QtNfc",
    "PySide6.QtSql", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtNetwork",
    "PySide6.QtPositioning", "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort",
    "PySide6.QtSerialBus", "PySide6.QtRemoteObjects", "PySide6.QtScxml", "PySide6.QtStateMachine",
    "PySide6.QtSpatialAudio", "PySide6.QtTextToSpeech", "PySide6.QtHttpServer",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtConcurrent", "PySide6.QtXml",
    "PySide6.QtAxContainer", "PySide6.QtPrintSupport",
]

# Qt libraries a widgets app never loads. A match anywhere in the bundle is a failure
# of the trimming (check_packaging reports it), so keep these names specific.
FORBIDDEN_QT = re.compile(
    r"Qt6?(WebEngine|WebChannel|WebSockets|WebView|Quick|Qml|3D|Multimedia|Charts|DataVisualization|"
    r"Graphs|Bluetooth|NetworkAuth|Nfc|Sql|Pdf|VirtualKeyboard|Designer|Help|Test|Lottie|Labs|"
    r"Positioning|Location|Sensors|Serial|RemoteObjects|Scxml|StateMachine|SpatialAudio|"
    r"TextToSpeech|HttpServer|ShaderTools|UiTools|WaylandCompositor|Network)"
)

# System libraries that only unwanted plugins load (the GTK platform theme): their presence
# means the plugin filtering ran too late.
FORBIDDEN_SYSTEM = re.compile(r"^lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|cairo(-gobject)?|pango-1\.0|atk-1\.0)\.")

# Plugin families kept, and the plugins kept in each (base names: no "lib", no "q" prefix
# rules, no extension). Families not listed are dropped whole (eglfs device integrations,
# evdev input, TLS, network information, SQL drivers, QML tooling...).
KEPT_PLUGINS: dict[str, set[str]] = {
    # offscreen/minimal: headless runs and tests; xcb/wayland: Linux desktops;
    # windows/cocoa: the other two platforms the spec builds on.
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwayland", "qwayland-generic",
                  "qwayland-egl", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qjpeg", "qico", "qicns", "qgif"},
    "iconengines": {"qsvgicon"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
    # The desktop portal gives native file dialogs in sandboxes and on GNOME/KDE
    # without linking GTK; the gtk3 theme would pull the system's GTK into the bundle.
    "platformthemes": {"qxdgdesktopportal"},
    # Chinese input methods on Linux arrive through IBus (or compose for dead keys);
    # the virtual keyboard plugin is dropped because it needs QtQuick.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    # GL integration is tried by the xcb platform; without it Qt only warns, but keep it
    # so that a desktop with a GL driver behaves as the pip-installed app does.
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    # Wayland: the xdg-shell protocol and client-side window decorations.
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl", "shm-emulation-server"},
}

# Qt's own translations for the languages the app offers (standard dialog buttons etc.).
KEPT_QT_TRANSLATIONS = re.compile(r"^qt(base)?_(zh_CN|en)\.qm$")

# Files of the top-level resources/ folder that ship as editor.resources: pyproject's
# package-data, less the translation sources (.ts), which the running app never reads.
RESOURCE_PATTERNS = ("*.txt", "style/*", "icons/*", "icons/**/*", "translations/*.qm")


def _plugin_base(filename: str) -> str:
    name = filename
    for suffix in (".so", ".dll", ".dylib"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.startswith("lib"):
        name = name[3:]
    return name


def keep_binary(destination: str) -> bool:
    """Whether a collected file (by its path inside the bundle) belongs in the build."""
    path = PurePosixPath(destination.replace("\\", "/"))
    parts = path.parts
    if "plugins" in parts:
        index = parts.index("plugins")
        if len(parts) <= index + 2:
            return True
        family = parts[index + 1]
        return _plugin_base(parts[-1]) in KEPT_PLUGINS.get(family, set())
    if "translations" in parts and path.suffix == ".qm" and "PySide6" in parts:
        return bool(KEPT_QT_TRANSLATIONS.match(path.name))
    if "PySide6" in parts and ("qml" in parts or "resources" in parts or "metatypes" in parts):
        return False  # QML modules, QtWebEngine's resource packs, build-time type data
    return not FORBIDDEN_QT.search(path.name)


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for the bundled resources, as PyInstaller wants them."""
    base = root / "resources"
    sources = {path for pattern in RESOURCE_PATTERNS for path in base.glob(pattern)
               if path.is_file() and "__pycache__" not in path.parts}
    return [(str(source), str(PurePosixPath("editor", "resources", *source.relative_to(base).parent.parts)))
            for source in sorted(sources)]


def forbidden_files(bundle: Path) -> list[str]:
    """Paths inside a built folder that the trimming should have kept out."""
    found = []
    for path in bundle.rglob("*"):
        relative = path.relative_to(bundle).as_posix()
        if path.is_file() and (not keep_binary(relative) or FORBIDDEN_SYSTEM.match(path.name)):
            found.append(relative)
        elif path.name in ("tkinter", "_tkinter") or path.name.startswith("_tkinter"):
            found.append(relative)
    return sorted(found)
