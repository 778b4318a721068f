"""The annotation store: the only code that speaks SQL. Schema, migrations, search."""

from __future__ import annotations

from editor.store.migrations import schema_version
from .store import Store

__all__ = ["Store", "schema_version"]
