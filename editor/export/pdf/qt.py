"""Qt set-up the PDF export needs without any widget: a GUI application.

The PDF is drawn with QtGui (fonts, text layout, QPdfWriter), which needs a
``QGuiApplication``. From the command line none exists yet, possibly on a machine
without a display, so one is created on the ``offscreen`` platform in that case (a
``QApplication`` if QtWidgets is already loaded by someone else; this module never
imports it).

"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from editor.export.options import ExportError

# Kept referenced for the life of the process: an application Python forgets is destroyed.
_application: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """Return the running QGuiApplication, creating an offscreen-safe one if there is none."""
    global _application
    app = QCoreApplication.instance()
    if app is None:
        argv = [sys.argv[0] if sys.argv and sys.argv[0] else "trendmark"]
        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if not os.environ.get("QT_QPA_PLATFORM") and (sys.platform.startswith("linux") and not has_display):
            # A terminal session or a server without a display: QtGui works on "offscreen".
            argv += ["-platform", "offscreen"]
        # If the process already uses widgets (a test session, an embedding tool), only a
        # QApplication serves both: a plain QGuiApplication would make the first widget abort.
        widgets = sys.modules.get("PySide6.QtWidgets")
        application_class = widgets.QApplication if widgets is not None else QGuiApplication
        _application = application_class(argv)
        app = _application
    if not isinstance(app, QGuiApplication):
        raise ExportError("the PDF export needs a graphical Qt application, but a console-only one is running")
    return app

