"""Reports rated by a team of analysts, for the trend-matrix tests and benchmarks."""

from __future__ import annotations

import random

from editor.store import Store

ANALYSTS = ("Ana", "Bo", "Chen", "Dara")


def rate_team(store: Store, report_id: str, count: int, *, analysts: tuple[str, ...] = ANALYSTS,
              seed: int = 18) -> list[str]:
    """Rate the first ``count`` nodes on Impact, Likelihood and Confidence by every analyst; returns their ids.

    Each trend gets a "true" position and every analyst rates within one step of it, so
    the matrix shows clusters with a visible spread, as real team ratings do.
    """
    rng = random.Random(seed)
    impact, likelihood, confidence = (store.dimension(name).id for name in ("Impact", "Likelihood", "Confidence"))
    authors = [store.ensure_author(name).id for name in analysts]
    nodes = [node.id for node in store.nodes(report_id)[:count]]
    with store.transaction():
        for node_id in nodes:
            centre = (rng.randint(1, 5), rng.randint(1, 5))
            for author_id in authors:
                store.set_rating(node_id, impact, author_id, _near(rng, centre[0]))
                store.set_rating(node_id, likelihood, author_id, _near(rng, centre[1]))
                store.set_rating(node_id, confidence, author_id, rng.randint(1, 5))
    return nodes


def _near(rng: random.Random, value: int) -> int:
    return min(5, max(1, value + rng.choice((-1, 0, 0, 0, 1))))
