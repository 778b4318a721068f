"""Window state that outlives a run: layout, recent databases, language, per-report tree state.

Kept in an INI file in the user config directory (beside the analyst identity), so it
follows the same XDG rules as the rest of Trendmark's files.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from editor.identity import config_dir

MAX_RECENT = 8


class WindowSettings:
    """Typed access to the window's QSettings."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "window.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -- layout --------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        """The saved window geometry (None before the first close)."""
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        """Remember the window geometry."""
        self._qs.setValue("window/geometry", value)

    def splitter_sizes(self, name: str) -> list[int]:
        """Saved sizes of a splitter's panes ([] if none)."""
        return [int(v) for v in self._json(f"splitters/{name}", []) if isinstance(v, int) and v >= 0]

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        """Remember a splitter's pane sizes."""
        self._set_json(f"splitters/{name}", [int(s) for s in sizes])

    def header_state(self) -> QByteArray | None:
        """Saved state of the outline's header (column widths)."""
        value = self._qs.value("window/tree_header")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_header_state(self, value: QByteArray) -> None:
        """Remember the outline header's state."""
        self._qs.setValue("window/tree_header", value)

    # -- files ---------------------------------------------------------------------------
    def recent_databases(self) -> list[str]:
        """Databases opened most recently, newest first."""
        return [p for p in self._json("files/recent", []) if isinstance(p, str)]

    def add_recent_database(self, path: Path) -> None:
        """Put a database at the top of the recent list."""
        text = str(path)
        recent = [p for p in self.recent_databases() if p != text]
        self._set_json("files/recent", [text, *recent][:MAX_RECENT])

    def remove_recent_database(self, path: str) -> None:
        """Drop a database from the recent list (it could not be opened)."""
        self._set_json("files/recent", [p for p in self.recent_databases() if p != path])

    def last_report(self, db_path: Path | None) -> str:
        """The report last shown for a database ('' if none)."""
        return str(self._json("files/last_report", {}).get(str(db_path), ""))

    def set_last_report(self, db_path: Path | None, report_id: str) -> None:
        """Remember the report shown for a database."""
        value = self._json("files/last_report", {})
        if not isinstance(value, dict):
            value = {}
        value[str(db_path)] = report_id
        self._set_json("files/last_report", value)

    # -- language ------------------------------------------------------------------------
    def language(self) -> str:
        """``system``, ``en``, ``zh_CN`` or ``zh_TW``."""
        return str(self._qs.value("ui/language", "system"))

    def set_language(self, language: str) -> None:
        """Remember the interface language (``system``, ``en``, ``zh_CN`` or ``zh_TW``)."""
        self._qs.setValue("ui/language", language)

    # -- what the window shows and where files go ------------------------------------------
    def show_colleagues(self) -> bool:
        """Whether colleagues' annotations are shown beside the analyst's own (default: yes)."""
        return str(self._qs.value("view/show_colleagues", "true")).lower() != "false"

    def set_show_colleagues(self, shown: bool) -> None:
        """Remember View › Colleagues' annotations."""
        self._qs.setValue("view/show_colleagues", "true" if shown else "false")

    def text_script(self) -> str:
        """View › Show text: ``original`` (as written), ``simplified`` or ``traditional``."""
        value = str(self._qs.value("view/text_script", "original"))
        return value if value in ("original", "simplified", "traditional") else "original"

    def set_text_script(self, script: str) -> None:
        """Remember View › Show text."""
        self._qs.setValue("view/text_script", script)

    def export_folder(self) -> str:
        """The folder the last export or shared copy was written to ('' before the first)."""
        return str(self._qs.value("files/export_folder", "") or "")

    def set_export_folder(self, folder: Path) -> None:
        """Remember where exports and shared copies go."""
        self._qs.setValue("files/export_folder", str(folder))

    def hub_address(self) -> str:
        """The team hub last synced with ('' before the first); stored without any password."""
        return str(self._qs.value("hub/address", "") or "")

    def set_hub_address(self, address: str) -> None:
        self._qs.setValue("hub/address", address)

    def hub_auto_sync(self) -> bool:
        """Whether the window syncs with the hub every few minutes (default: no)."""
        return str(self._qs.value("hub/auto_sync", "false")).lower() == "true"

    def set_hub_auto_sync(self, on: bool) -> None:
        self._qs.setValue("hub/auto_sync", "true" if on else "false")

    # -- per-report tree state -----------------------------------------------------------
    def tree_state(self, report_id: str) -> tuple[list[str], str]:
        """(expanded node ids, current node id) saved for a report."""
        value = self._json(f"reports/{report_id}", {})
        if not isinstance(value, dict):
            return [], ""
        expanded = [v for v in value.get("expanded", []) if isinstance(v, str)]
        return expanded, str(value.get("current", ""))

    def set_tree_state(self, report_id: str, expanded: list[str], current: str) -> None:
        """Remember a report's expanded nodes and current node."""
        self._set_json(f"reports/{report_id}", {"expanded": expanded, "current": current})

    def set_current_node(self, report_id: str, node_id: str) -> None:
        """Remember the node being read now, on disk at once: after a crash the window reopens there."""
        expanded, _current = self.tree_state(report_id)
        self.set_tree_state(report_id, expanded, node_id)
        self.sync()

    def sync(self) -> None:
        """Write the settings to disk now."""
        self._qs.sync()

    # -- helpers: JSON avoids QSettings turning one-element lists into strings ----------
    def _json(self, key: str, default):
        raw = self._qs.value(key)
        if not isinstance(raw, str):
            return default
        try:
            return json.loads(raw)
        except ValueError:
            return default

    def _set_json(self, key: str, value) -> None:
        self._qs.setValue(key, json.dumps(value, ensure_ascii=False))
