"""Names and report text from any file, shown as text and never interpreted as markup.

A tag, an analyst's name or a report's title comes from files other people made (a
colleague's database, a scraped report). Qt guesses whether a label's or a tooltip's text
is HTML (Qt::mightBeRichText), so a tag named ``<img src=…>`` would show an image and
``<span style=font-size:120px>`` huge text. Every widget that shows such text goes through
here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def text_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` (and whatever is set later) literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally: rich text made explicit, the text escaped."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
