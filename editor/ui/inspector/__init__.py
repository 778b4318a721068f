"""The inspector beside the reading pane: a node's tags, ratings, note and highlights."""

from editor.ui.inspector.panel import Inspector, NodeAnnotations

__all__ = ["Inspector", "NodeAnnotations"]
