"""Finding bundled files (style sheets, translations) in an installed copy and in the source tree."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def resource_dir() -> Path:
    """The folder that holds ``style/`` and ``translations/``.

    Installed copies ship it as the ``editor.resources`` package. A source checkout
    that was not installed (e.g. run with ``python -m editor`` from the tree) has no
    such package, so fall back to the top-level ``resources/`` folder beside ``editor/``.
    """
    try:
        root = importlib.resources.files("editor.resources")
        path = Path(str(root))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled file, e.g. ``resource_path("style", "trendmark.qss")``."""
    return resource_dir().joinpath(*parts)


def app_icon_path() -> Path:
    """The application icon (SVG), the source of every packaged icon size."""
    return resource_path("icons", "trendmark.svg")
