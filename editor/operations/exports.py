"""Writing a report out for readers (PDF) or other tools (JSON, CSV, Markdown, W3C, QDPX)."""

from __future__ import annotations

from pathlib import Path

from editor.export import ExportOptions, ProgressFn, atomic_output, export_report
from editor.export.collect import ExportDocument, collect_export
from editor.export.agreement import agreement_report
from editor.store import Store


def export(store: Store, fmt: str, out_path: Path, report_id: str, options: ExportOptions | None = None,
           progress: ProgressFn | None = None) -> Path:
    """Export one report with its annotations to ``out_path`` (written whole, or not at all)."""
    if out_path.is_dir():
        raise ValueError(f"{out_path} is a directory; give a file name with --out")
    export_report(store, fmt, out_path, report_id, options, progress)
    return out_path


def agreement(store: Store, report_id: str) -> dict:
    """Inter-rater agreement between the analysts' ratings of one report."""
    return agreement_report(store, report_id)


def collect_pdf(store: Store, report_id: str, options: ExportOptions) -> ExportDocument:
    """Read what an annotated PDF will show, in the thread that owns the store (fast)."""
    return collect_export(store, report_id, options)


def write_pdf(document: ExportDocument, out_path: Path, progress: ProgressFn | None = None) -> Path:
    """Lay out and write the PDF of a collected document (slow: the window runs it in a worker thread)."""
    from editor.export.pdf import write_pdf as write  # Qt's layout code, loaded on first export

    with atomic_output(out_path) as tmp:
        write(document, tmp, progress)
    return out_path
