"""Analysts: each has a UUID made once per installation, a display name, and the public key they sign with."""

from __future__ import annotations

import uuid

from nacl.signing import SigningKey

from editor.core import signing
from editor.core.annotations import Author
from editor.core.errors import NotFoundError

from .base import StoreBase, build
from .ids import clean_name
from .stamps import next_stamp, now


class AuthorsMixin(StoreBase):
    """Who wrote each annotation."""

    def ensure_author(self, name: str, author_id: str | None = None) -> Author:
        """The author with this id (created or renamed to ``name``), or else by name (created if new)."""
        name = clean_name(name, "author")
        with self.transaction():
            if author_id is None:
                row = self._one("SELECT id FROM authors WHERE name = ? ORDER BY created_at, id LIMIT 1",
                                (name,))
                if row is not None:
                    return Author(row[0], name)
                author_id = str(uuid.uuid4())
            row = self._one("SELECT name, updated_at FROM authors WHERE id = ?", (author_id,))
            if row is None:
                stamp = now()
                self._exec("INSERT INTO authors (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                           (author_id, name, stamp, stamp))
            elif row[0] != name:
                self._exec("UPDATE authors SET name = ?, updated_at = ? WHERE id = ?",
                           (name, next_stamp(row[1]), author_id))
        return Author(author_id, name)

    def author(self, author_id: str) -> Author:
        """One author by id; NotFoundError if unknown."""
        row = self._named_one("SELECT id, name FROM authors WHERE id = ?", (author_id,))
        if row is None:
            raise NotFoundError(f"unknown author id {author_id}")
        return build(Author, row)

    def authors(self) -> list[Author]:
        """Every author, by name."""
        return [build(Author, row) for row in self._named_all("SELECT id, name FROM authors ORDER BY name, id")]

    def use_signing_key(self, author_id: str, key: SigningKey) -> None:
        """Sign ``author_id``'s rows with ``key`` from now on, and put its public key on the author row."""
        self._signer = (author_id, key)
        if self.read_only:
            return
        public = signing.public_text(key)
        with self.transaction():
            self._exec("UPDATE authors SET public_key = ? WHERE id = ? AND public_key IS NOT ?",
                       (public, author_id, public))

    def public_key(self, author_id: str) -> str | None:
        """The pinned public key of an author, if any."""
        row = self._one("SELECT public_key FROM authors WHERE id = ?", (author_id,))
        return None if row is None else row[0]

    def unsigned_count(self) -> int:
        """Rows held without a verified signature (accepted unverified, or changed by someone without the key)."""
        return int(self._scalar("SELECT count(*) FROM signatures WHERE signature IS NULL"))
