"""The annotated PDF: layout and painting through Qt, then bookmarks, annotations and metadata added after."""

from editor.export.pdf.document import export_pdf, write_pdf

__all__ = ["export_pdf", "write_pdf"]
