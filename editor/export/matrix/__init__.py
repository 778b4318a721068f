"""The trend matrix (Impact × Likelihood): one QPainter renderer for the window, SVG, PNG and the PDF page.

QtGui only (no widgets): :mod:`.data` reads what to draw from the store, :mod:`.paint`
draws it on any paint device, :mod:`.files` writes SVG and PNG files.
"""

from __future__ import annotations

from editor.export.matrix.data import choose_axes, matrix_data

__all__ = ["choose_axes", "matrix_data"]
