"""Rating scales (dimensions) and each analyst's rating of a node on them."""

from __future__ import annotations

import dataclasses
import uuid

from editor.core.annotations import Dimension, Rating
from editor.core.errors import NotFoundError

from .base import StoreBase, build
from .ids import clean_name, dimension_id
from .stamps import next_stamp, now

_DIMENSION_COLUMNS = "id, name, min, max, position"
_RATING_COLUMNS = "r.node_id, r.dimension_id, r.author_id, r.value, r.created_at, r.updated_at"


class RatingsMixin(StoreBase):
    """Dimensions (Impact, Likelihood, Confidence, …) and ratings on them."""

    # -- dimensions -------------------------------------------------------------------------

    def dimensions(self) -> list[Dimension]:
        """Live dimensions, in display order."""
        rows = self._named_all(f"SELECT {_DIMENSION_COLUMNS} FROM dimensions WHERE deleted_at IS NULL"
                               " ORDER BY position, name")
        return [build(Dimension, row) for row in rows]

    def dimension(self, name_or_id: str) -> Dimension:
        """A dimension by id or by name in any letter case; NotFoundError naming the valid ones."""
        wanted = name_or_id.strip()
        for dim in self.dimensions():
            if dim.id == wanted or dim.name.casefold() == wanted.casefold():
                return dim
        valid = ", ".join(dim.name for dim in self.dimensions()) or "none defined"
        raise NotFoundError(f"unknown dimension {name_or_id!r}; valid dimensions: {valid}")

    def add_dimension(self, name: str, min: int = 1, max: int = 5) -> Dimension:
        """A new rating scale after the existing ones; adding an identical one again is a no-op."""
        name = clean_name(name, "dimension")
        if not (isinstance(min, int) and isinstance(max, int)) or min < 1 or max <= min:
            # 0 means "no rating", so a scale starts at 1 at the lowest.
            raise ValueError(f"a dimension needs whole numbers 1 <= min < max; got {min}..{max}")
        with self.transaction():
            row = self._named_one(f"SELECT {_DIMENSION_COLUMNS}, updated_at, deleted_at FROM dimensions"
                                  " WHERE name = ?", (name,))
            if row is not None:
                dim, updated_at, deleted_at = build(Dimension, row), row["updated_at"], row["deleted_at"]
                if deleted_at is None and (dim.min, dim.max) == (min, max):
                    return dim
                if deleted_at is None:
                    raise ValueError(f"dimension {dim.name} already exists with scale {dim.min}..{dim.max}")
                self._exec("UPDATE dimensions SET min = ?, max = ?, deleted_at = NULL, updated_at = ?"
                           " WHERE id = ?", (min, max, next_stamp(updated_at), dim.id))
                return Dimension(dim.id, dim.name, min, max, dim.position)
            new_id = dimension_id(name)
            if self._one("SELECT 1 FROM dimensions WHERE id = ?", (new_id,)) is not None:
                # The derived id belongs to a dimension that was renamed away from this name.
                new_id = str(uuid.uuid4())
            last = self._one("SELECT max(position) FROM dimensions")
            position = 0 if last is None or last[0] is None else last[0] + 1
            stamp = now()
            self._exec("INSERT INTO dimensions (id, name, min, max, position, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", (new_id, name, min, max, position, stamp, stamp))
        return Dimension(new_id, name, min, max, position)

    def rename_dimension(self, dimension_id: str, name: str) -> Dimension:
        """Give a dimension a new name (its id, and so every rating on it, stays)."""
        name = clean_name(name, "dimension")
        with self.transaction():
            row = self._named_one(f"SELECT {_DIMENSION_COLUMNS}, updated_at FROM dimensions WHERE id = ?",
                                  (dimension_id,))
            if row is None:
                raise NotFoundError(f"no dimension with id {dimension_id}")
            clash = self._one("SELECT name FROM dimensions WHERE name = ? AND id != ?", (name, dimension_id))
            if clash is not None:
                raise ValueError(f"there is already a dimension called {clash[0]}")
            dim = build(Dimension, row)
            if dim.name != name:
                self._exec("UPDATE dimensions SET name = ?, updated_at = ? WHERE id = ?",
                           (name, next_stamp(row["updated_at"]), dimension_id))
        return dataclasses.replace(dim, name=name)

    def retire_dimension(self, dimension_id: str) -> None:
        """Tombstone a dimension no live rating uses (Undo of adding one); ``add_dimension`` revives it.

        A scale with ratings on it is refused: retiring it would hide those ratings.
        """
        with self.transaction():
            row = self._one("SELECT name, updated_at, deleted_at FROM dimensions WHERE id = ?", (dimension_id,))
            if row is None:
                raise NotFoundError(f"no dimension with id {dimension_id}")
            name, updated_at, deleted_at = row
            if deleted_at is not None:
                return
            used = self._scalar("SELECT count(*) FROM ratings WHERE dimension_id = ? AND deleted_at IS NULL",
                                (dimension_id,))
            if used:
                raise ValueError(f"dimension {name} has {used} rating(s); it cannot be removed")
            stamp = next_stamp(updated_at)
            self._exec("UPDATE dimensions SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       (stamp, stamp, dimension_id))

    # -- ratings ----------------------------------------------------------------------------

    def set_rating(self, node_id: str, dimension_id: str, author_id: str, value: int | None) -> Rating | None:
        """Rate a node on a dimension; None or 0 clears the rating (a tombstone) and returns None."""
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"a rating is a whole number, not {value!r}")
        with self.transaction():
            self._require_editable_node(node_id)
            self._require_author(author_id)
            dim = self._one("SELECT name, min, max FROM dimensions WHERE id = ?", (dimension_id,))
            if dim is None:
                raise NotFoundError(f"no dimension with id {dimension_id}")
            name, low, high = dim
            if value is not None and value != 0 and not low <= value <= high:
                raise ValueError(f"{name} takes a rating from {low} to {high} (0 clears it); got {value}")
            key = "node_id = ? AND dimension_id = ? AND author_id = ?"
            params = (node_id, dimension_id, author_id)
            row = self._one(f"SELECT value, created_at, updated_at, deleted_at FROM ratings WHERE {key}", params)
            if not value:
                if row is not None and row[3] is None:
                    stamp = next_stamp(row[2])
                    self._exec(f"UPDATE ratings SET deleted_at = ?, updated_at = ? WHERE {key}",
                               (stamp, stamp, *params))
                return None
            if row is None:
                stamp = now()
                self._exec("INSERT INTO ratings (node_id, dimension_id, author_id, value, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)", (*params, value, stamp, stamp))
                return Rating(*params, value, stamp, stamp)
            old_value, created_at, updated_at, deleted_at = row
            if deleted_at is None and old_value == value:
                return Rating(*params, value, created_at, updated_at)
            stamp = next_stamp(updated_at)
            self._exec(f"UPDATE ratings SET value = ?, deleted_at = NULL, updated_at = ? WHERE {key}",
                       (value, stamp, *params))
            return Rating(*params, value, created_at, stamp)

    def ratings(self, node_id: str | None = None, *, report_id: str | None = None,
                author_id: str | None = None) -> list[Rating]:
        """Live ratings, filtered by node, report and/or author; in outline and dimension order."""
        sql = (f"SELECT {_RATING_COLUMNS} FROM ratings r JOIN nodes n ON n.id = r.node_id"
               " JOIN dimensions d ON d.id = r.dimension_id WHERE r.deleted_at IS NULL")
        params: list = []
        for column, value in (("r.node_id", node_id), ("n.report_id", report_id), ("r.author_id", author_id)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        rows = self._named_all(sql + " ORDER BY n.report_id, n.seq, d.position, r.author_id", params)
        return [build(Rating, row) for row in rows]
