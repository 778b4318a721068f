"""Exports of a report with its annotations: PDF, JSON, CSV, Markdown, W3C Web Annotation, REFI-QDA.

:func:`export_report` is the one entry point the command line and the window use. The
data formats are written from an :class:`ExportDocument` (see :mod:`.collect`); the
PDF is imported lazily so that Qt is loaded only when a PDF is asked for. Every
format is written to a temporary file beside the destination and renamed into place
on success, so a failed or cancelled export never leaves a half-written file.
"""

from __future__ import annotations

import dataclasses
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from .collect import ExportDocument, HighlightEntry, NodeEntry, collect_export
from .options import (
    PAGE_SIZES, ExportCancelled, ExportError, ExportOptions, ExportWarning, ProgressFn, atomic_output, check_progress,
)

if TYPE_CHECKING:
    from editor.store import Store

# format -> (module, writer function taking (document, path, progress)); imported on use.
_DATA_WRITERS = {
    "json": ("editor.export.json_export", "write_json"),
    "csv": ("editor.export.csv_export", "write_csv"),
    "md": ("editor.export.markdown", "write_markdown"),
    "w3c": ("editor.export.w3c", "write_w3c"),
    "qdpx": ("editor.export.qdpx", "write_qdpx"),
}
FORMATS = ("pdf", *_DATA_WRITERS)
_AS_WRITTEN = ("w3c", "qdpx")  # always the text as written, whatever the chosen script


def export_report(store: Store, fmt: str, out_path: Path, report_id: str, options: ExportOptions | None = None,
                  progress: ProgressFn | None = None) -> Path:
    """Write report ``report_id`` from ``store`` as ``fmt`` to ``out_path``; returns the path.

    ``progress(done, total)`` is called as the export advances; returning False cancels
    it (:class:`ExportCancelled`, nothing written).
    """
    options = options or ExportOptions()
    out_path = Path(out_path)
    if fmt == "pdf":
        from editor.export.pdf import export_pdf  # Qt is loaded only here

        with atomic_output(out_path) as tmp:
            export_pdf(store, tmp, report_id, options, progress=progress)
        return out_path
    if fmt not in _DATA_WRITERS:
        raise ValueError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    module_name, function_name = _DATA_WRITERS[fmt]
    writer = getattr(import_module(module_name), function_name)
    if fmt in _AS_WRITTEN and options.script != "original":
        # Interchange formats point into the text other tools hold: the text as written.
        options = dataclasses.replace(options, script="original")
    # Collect (and so validate the filters) before creating any file.
    document = collect_export(store, report_id, options)
    with atomic_output(out_path) as tmp:
        writer(document, tmp, progress)
    return out_path


__all__ = [
    "FORMATS", "PAGE_SIZES", "ExportCancelled", "ExportDocument", "ExportError", "ExportOptions", "ExportWarning",
    "HighlightEntry", "NodeEntry", "ProgressFn", "atomic_output", "check_progress", "collect_export",
    "export_report",
]
