"""Whether a colleague's row is what its author signed: pinned keys, signatures, and what is refused.

Each author id has at most one public key here: the first one seen (pinned). A row of
theirs that names an author with a pinned key must carry that author's signature over
exactly its content, or it is refused — whoever edited it in their copy (rewrote my note,
deleted my highlight, reset my rating) did not hold my key. An author row claiming a key
other than the pinned one is refused, and so is every row claiming that author, as their
signatures cannot verify. Rows of authors without a key (files made before signatures)
are accepted as *unverified*. A colleague's file passes on a third analyst's rows with
that analyst's signatures, which we store with them: sharing stays checkable A -> B -> C.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editor.core.signing import Verifier, valid_public_key

from editor.store.merge.source import TheirRows
from editor.store.merge.tables import Refusals
from editor.store.signatures import SIGNED, message, row_key

@dataclass(frozen=True)
class Vouched:
    """Their row may be applied: with its author's signature, or None for an author without a key."""

    signature: str | None


class Trust:
    """Pinned keys of every author (ours, then any new ones their file brings) and checks against them."""

    def __init__(self, conn: sqlite3.Connection, theirs: TheirRows) -> None:
        self.theirs = theirs
        self.pinned: dict[str, str] = {aid: key for aid, key in conn.execute(
            "SELECT id, public_key FROM authors WHERE public_key IS NOT NULL")}
        self.verifiers: dict[str, Verifier] = {}
        self.claimed: dict[str, str | None] = {}
        for author_id, key in theirs.public_keys():
            if isinstance(author_id, str):
                self.claimed[author_id] = valid_public_key(key)
        # row key -> (signed content, their signature or None when unverified) of rows accepted from them
        self.accepted: dict[str, tuple[tuple, str | None]] = {}
        self.refusals = Refusals()

    def verifier(self, author_id: str) -> Verifier | None:
        key = self.pinned.get(author_id)
        if key is None:
            return None
        found = self.verifiers.get(key)
        if found is None:
            found = self.verifiers[key] = Verifier(key)
        return found

    def author_key(self, author_id: str) -> tuple[str | None, bool]:
        """(the key their author row is checked against, whether it is consistent with ours).

        Consistent: no key pinned here yet, or their row claims the pinned one.
        """
        claimed = self.claimed.get(author_id)
        pinned = self.pinned.get(author_id)
        if pinned is not None and claimed is not None and claimed != pinned:
            return pinned, False
        return pinned or claimed, True

    def pin(self, author_id: str, key: str | None) -> None:
        if key is not None and author_id not in self.pinned:
            self.pinned[author_id] = key

    def check(self, table: str, row: dict[str, Any], revision: Callable[[], str | None]) -> Vouched | None:
        """What vouches for their ``row`` of ``table`` (None: refuse it; a refused row is not counted here).

        ``revision`` gives the row's text revision, asked only when there is a key to check against:
        rows of authors without one (and junk rows naming nobody) cost no lookups.
        """
        spec = SIGNED[table]
        author = row[spec.author]
        verifier = self.verifier(author) if isinstance(author, str) else None
        if verifier is None:
            return Vouched(None)
        try:
            signed = message(table, row, revision())
            key = row_key(table, row)
        except TypeError:
            return None
        signature = self.theirs.signature(key)
        if signature is None or not verifier.verify(signed, signature):
            return None
        return Vouched(signature)

    def remember(self, table: str, row: dict[str, Any], vouched: Vouched) -> None:
        """Keep the signature of their ``row``, once it is valid and will be merged, to store with it."""
        spec = SIGNED[table]
        content = tuple(row[column] for column in (*spec.key, *spec.content))
        self.accepted[row_key(table, row)] = (content, vouched.signature)

    def signature_for(self, table: str, row: dict[str, Any]) -> tuple[bool, str | None]:
        """(whether the written ``row`` is their accepted version, its signature then) for storing with it."""
        spec = SIGNED[table]
        found = self.accepted.get(row_key(table, row))
        if found is None or found[0] != tuple(row[column] for column in (*spec.key, *spec.content)):
            return False, None
        return True, found[1]
