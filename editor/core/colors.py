"""Colours that mean the same everywhere: the store's default, the window's menus, the exports."""

from __future__ import annotations

# A highlight made without choosing a colour (the first of the window's highlight colours).
DEFAULT_HIGHLIGHT_COLOR = "#FFE066"
