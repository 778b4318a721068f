"""Whether a colleague's row is what its author signed: pinned keys, signatures, and what is refused.

Each author id has at most one public key here: the first one seen (pinned). A row of
theirs that names an author with a pinned key must carry that author's signature over
exactly its content, or it is refused — whoever edited it in their copy (rewrote my note,
deleted my highlight, reset my rating) did not hold my key. An author row claiming a key
other than the pinned one is refused, and so is every row claiming that author, as their
signatures cannot verify. Rows of authors without a key (files made before signatures)
are accepted as *unverified*. A colleague's file passes on a third analyst's rows with
that analyst's signatures, which we store with them: sharing stays checkable A -> B -> C.

Checking a signature costs ~56 µs of libsodium, which releases the GIL: ``vet`` reads their
rows in chunks, looks up each chunk's signatures and revisions in batches and verifies the
chunk in worker threads, one share per core, before the planner works through it. (Verifying
the next chunk while the planner works on this one was measured slower: the workers then
wait for the GIL the planner holds.) Memory stays bounded by one chunk, whatever the size of
their file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

from editor.core.signing import Verifier, valid_public_key

from editor.store.merge.source import TheirRows
from editor.store.merge.tables import Refusals
from editor.store.signatures import SIGNED, message, row_key

CHUNK = 2000  # rows verified together: large enough for batched lookups, small enough to stay bounded
WORKERS = min(4, os.cpu_count() or 1)

MIN_PARALLEL = 64  # fewer rows are verified on the spot: not worth a thread
Row = dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one of their records ahead: valid only for that very record and key."""

    row: Row
    verifier: Verifier
    signature: str | None
    valid: bool


Checked = tuple[Row, Verifier, bytes, str | None]  # a record, its author's key, the signed bytes, their signature


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
        self._verdicts: dict[int, Verdict] = {}  # id(record) -> its verdict, for the chunk being planned
        self._pool: ThreadPoolExecutor | None = None

    def close(self) -> None:
        """Stop the worker threads (idle once every chunk is checked)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def vet(self, table: str, records: Iterable[Row], fresh: Callable[[Row], bool],
            revision_id: Callable[[Row], str] | None) -> Iterator[Row]:
        """Yield ``records`` (their rows of ``table``), with the signatures of the ``fresh`` ones checked ahead.

        ``fresh`` tells which records the planner will check (not already ours); ``revision_id``
        gives the row id their text revision is kept under. ``check`` then answers from the
        verdict for the very record yielded; any other row is checked on the spot.
        """
        rows = iter(records)
        while chunk := list(islice(rows, CHUNK)):
            checked, revision_ids = self._prepare(table, chunk, fresh, revision_id)
            valid = self._verify(checked)
            self._verdicts = {id(row): Verdict(row, verifier, signature, ok)
                              for (row, verifier, _signed, signature), ok in zip(checked, valid, strict=True)}
            yield from chunk
            self.theirs.release_revisions(revision_ids)
        self._verdicts = {}

    def _prepare(self, table: str, rows: list[Row], fresh: Callable[[Row], bool],
                 revision_id: Callable[[Row], str] | None) -> tuple[list[Checked], list[str]]:
        """What to verify of a chunk: (record, verifier, signed bytes, their signature) of each fresh row
        whose author has a key, and the revision ids held for the planner meanwhile."""
        spec = SIGNED[table]
        candidates: list[tuple[Row, Verifier]] = []
        for row in rows:
            author = row[spec.author]
            verifier = self.verifier(author) if isinstance(author, str) else None
            if verifier is not None and fresh(row):
                candidates.append((row, verifier))
        revision_ids = [revision_id(row) for row, _verifier in candidates] if revision_id else []
        self.theirs.hold_revisions(revision_ids)
        keyed: list[tuple[Row, Verifier, bytes, str]] = []
        for row, verifier in candidates:
            revision = (self.theirs.revision_of(revision_id(row), str(row["updated_at"]))[0]
                        if revision_id else None)
            try:
                keyed.append((row, verifier, message(table, row, revision), row_key(table, row)))
            except TypeError:
                continue  # not a value any Trendmark row holds: check refuses it on the spot
        signatures = self.theirs.signatures_of(key for *_rest, key in keyed)
        return [(row, verifier, signed, signatures.get(key)) for row, verifier, signed, key in keyed], revision_ids

    def _verify(self, checked: list[Checked]) -> list[bool]:
        """Whether each signature verifies: one share per core, this thread taking the first."""
        share = -(-len(checked) // WORKERS) or 1
        parts = [checked[start:start + share] for start in range(0, len(checked), share)]
        if len(parts) < 2 or len(checked) < MIN_PARALLEL:
            return _verify_all(checked)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(WORKERS - 1, thread_name_prefix="verify")
        others = [self._pool.submit(_verify_all, part) for part in parts[1:]]
        valid = _verify_all(parts[0])
        for future in others:
            valid.extend(future.result())
        return valid

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
        ahead = self._verdicts.get(id(row))
        if ahead is not None and ahead.row is row and ahead.verifier is verifier:
            return Vouched(ahead.signature) if ahead.valid else None
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


def _verify_all(checked: list[Checked]) -> list[bool]:
    """Whether each signature verifies (run in a worker thread: libsodium releases the GIL)."""
    return [signature is not None and verifier.verify(signed, signature)
            for _row, verifier, signed, signature in checked]
