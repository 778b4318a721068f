"""What an action changed, so the window refreshes exactly that and nothing else.

Every operation returns a :class:`Changes`. The window sends it through one signal
(``AnnotationSession.changed``); each panel reads the fields it cares about. The
command line ignores it, or prints ``result``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Changes:
    """The parts of the database an action touched (all False/empty: it changed nothing)."""

    nodes: frozenset[str] = frozenset()  # nodes whose tags, ratings, note or highlights changed
    vocabulary: bool = False  # tags or rating dimensions were created, renamed or retired
    outline: bool = False  # a report's nodes were added or replaced
    reports: bool = False  # the list of reports changed
    everything: bool = False  # anything may have changed (a merge, undoing one)
    matrix: bool = False  # a report's trend-matrix quadrant labels or grid changed
    result: Any = field(default=None, compare=False)  # what the action made, for its caller

    @property
    def empty(self) -> bool:
        """True when nothing was written (a no-op edit): no undo step, no refresh."""
        return not (self.nodes or self.vocabulary or self.outline or self.reports or self.everything
                    or self.matrix)

    def touches(self, node_id: str) -> bool:
        """Whether a view showing ``node_id`` must read it again."""
        return self.everything or self.outline or node_id in self.nodes

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            nodes=self.nodes | other.nodes, vocabulary=self.vocabulary or other.vocabulary,
            outline=self.outline or other.outline, reports=self.reports or other.reports,
            everything=self.everything or other.everything, matrix=self.matrix or other.matrix,
            result=other.result if other.result is not None else self.result,
        )

    def with_result(self, result: Any) -> Changes:
        """The same changes carrying ``result``."""
        return replace(self, result=result)


NOTHING = Changes()


def on_nodes(*node_ids: str, vocabulary: bool = False, result: Any = None) -> Changes:
    """Changes to the annotations of some nodes."""
    return Changes(nodes=frozenset(node_ids), vocabulary=vocabulary, result=result)


EVERYTHING = Changes(everything=True)
