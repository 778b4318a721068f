"""Tags: shared by name (case-insensitive), attached to nodes and highlights per author."""

from __future__ import annotations

from collections import defaultdict

from editor.core.annotations import NodeTag, Tag
from editor.core.errors import NotFoundError

from .base import StoreBase, build
from .ids import clean_color, clean_name, palette_color, tag_id
from .stamps import next_stamp, now

_TAG_COLUMNS = "id, name, color"


class TagsMixin(StoreBase):
    """The tag list, and tags on nodes and on highlights."""

    # -- the tags themselves ----------------------------------------------------------------

    def tags(self) -> list[Tag]:
        """Live tags, by name."""
        rows = self._named_all(f"SELECT {_TAG_COLUMNS} FROM tags WHERE deleted_at IS NULL"
                               " ORDER BY name COLLATE NOCASE, id")
        return [build(Tag, row) for row in rows]

    def ensure_tag(self, name: str, color: str | None = None, *, author_id: str | None = None) -> Tag:
        """The tag called ``name`` in any letter case, created (or revived) if need be.

        A new tag gets ``color`` or a palette colour derived from its name; an existing one
        keeps its spelling, and its colour unless ``color`` is given.
        """
        name = clean_name(name, "tag")
        wanted = clean_color(color) if color is not None else None
        with self.transaction():
            row = self._find_tag(name)
            if row is None:
                if author_id is not None:
                    self._require_author(author_id)
                taken = [] if wanted else [c for (c,) in self._all("SELECT color FROM tags WHERE deleted_at IS NULL")]
                tag = Tag(tag_id(name), name, wanted or palette_color(name, taken))
                stamp = now()
                self._exec("INSERT INTO tags (id, name, color, author_id, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)", (tag.id, tag.name, tag.color, author_id, stamp, stamp))
                return tag
            tid, stored_name, stored_color, updated_at, deleted_at = row
            new_color = wanted or stored_color
            if deleted_at is not None or new_color != stored_color:
                self._exec("UPDATE tags SET color = ?, deleted_at = NULL, updated_at = ? WHERE id = ?",
                           (new_color, next_stamp(updated_at), tid))
            return Tag(tid, stored_name, new_color)

    def set_tag_color(self, tag_id: str, color: str) -> Tag:
        """Change a tag's colour (``#RRGGBB``)."""
        new_color = clean_color(color)
        with self.transaction():
            row = self._one("SELECT name, color, updated_at FROM tags WHERE id = ?", (tag_id,))
            if row is None:
                raise NotFoundError(f"no tag with id {tag_id}")
            name, old_color, updated_at = row
            if new_color != old_color:
                self._exec("UPDATE tags SET color = ?, updated_at = ? WHERE id = ?",
                           (new_color, next_stamp(updated_at), tag_id))
        return Tag(tag_id, name, new_color)

    def has_tag(self, name: str) -> bool:
        """Whether a live tag is called ``name`` (in any letter case)."""
        row = self._find_tag(clean_name(name, "tag"))
        return row is not None and row[4] is None

    def retire_tag_if_unused(self, name: str) -> bool:
        """Tombstone the tag ``name`` when nothing live carries it (Undo of the edit that created it).

        ``ensure_tag`` revives it on Redo. False, and nothing changed, while any node or
        highlight still has it.
        """
        with self.transaction():
            row = self._find_tag(clean_name(name, "tag"))
            if row is None or row[4] is not None:
                return False
            tid, updated_at = row[0], row[3]
            in_use = self._scalar(
                "SELECT EXISTS (SELECT 1 FROM node_tags WHERE tag_id = ? AND deleted_at IS NULL)"
                " OR EXISTS (SELECT 1 FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id"
                " WHERE ht.tag_id = ? AND ht.deleted_at IS NULL AND h.deleted_at IS NULL)", (tid, tid))
            if in_use:
                return False
            stamp = next_stamp(updated_at)
            self._exec("UPDATE tags SET deleted_at = ?, updated_at = ? WHERE id = ?", (stamp, stamp, tid))
            return True

    def _find_tag(self, name: str) -> tuple | None:
        """(id, name, color, updated_at, deleted_at) of the tag with this name, live or not."""
        columns = "id, name, color, updated_at, deleted_at"
        row = self._one(f"SELECT {columns} FROM tags WHERE id = ?", (tag_id(name),))
        if row is None:
            # A tag from an older or hand-edited copy may carry another id under the same name.
            row = self._one(f"SELECT {columns} FROM tags WHERE name = ?", (name,))
        return row

    # -- tag links (node_tags, highlight_tags) ----------------------------------------------

    def _link(self, table: str, owner_column: str, owner_id: str, tag: Tag, author_id: str) -> tuple[str, str]:
        """Attach a tag (insert, or revive a tombstone); idempotent. Returns (created_at, updated_at)."""
        key = f"{owner_column} = ? AND tag_id = ? AND author_id = ?"
        params = (owner_id, tag.id, author_id)
        row = self._one(f"SELECT created_at, updated_at, deleted_at FROM {table} WHERE {key}", params)
        if row is None:
            stamp = now()
            self._exec(f"INSERT INTO {table} ({owner_column}, tag_id, author_id, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?)", (*params, stamp, stamp))
            return stamp, stamp
        created_at, updated_at, deleted_at = row
        if deleted_at is None:
            return created_at, updated_at
        stamp = next_stamp(updated_at)
        self._exec(f"UPDATE {table} SET deleted_at = NULL, updated_at = ? WHERE {key}", (stamp, *params))
        return created_at, stamp

    def _unlink(self, table: str, owner_column: str, owner_id: str, tag_name: str, author_id: str) -> bool:
        """Tombstone a tag link; False if there was no live one."""
        found = self._find_tag(clean_name(tag_name, "tag"))
        if found is None:
            return False
        key = f"{owner_column} = ? AND tag_id = ? AND author_id = ?"
        params = (owner_id, found[0], author_id)
        row = self._one(f"SELECT updated_at FROM {table} WHERE {key} AND deleted_at IS NULL", params)
        if row is None:
            return False
        stamp = next_stamp(row[0])
        self._exec(f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE {key}", (stamp, stamp, *params))
        return True

    # -- tags on nodes ----------------------------------------------------------------------

    def add_node_tag(self, node_id: str, tag_name: str, author_id: str) -> NodeTag:
        """Tag a node (creating the tag if new); tagging twice changes nothing."""
        with self.transaction():
            self._require_editable_node(node_id)
            self._require_author(author_id)
            tag = self.ensure_tag(tag_name, author_id=author_id)
            created_at, updated_at = self._link("node_tags", "node_id", node_id, tag, author_id)
        return NodeTag(node_id, tag, author_id, created_at, updated_at)

    def remove_node_tag(self, node_id: str, tag_name: str, author_id: str) -> bool:
        """Take a tag off a node (a tombstone); False if it was not there."""
        with self.transaction():
            self._require_editable_node(node_id)
            return self._unlink("node_tags", "node_id", node_id, tag_name, author_id)

    def node_tags(self, node_id: str, author_id: str | None = None) -> list[NodeTag]:
        """Live tags on a node, of one author or (None) of all, by tag name."""
        return self._live_node_tags(node_id, author_id)

    def report_node_tags(self, report_id: str, author_id: str | None = None) -> dict[str, list[NodeTag]]:
        """Live node tags of a whole report, by node id; each list ordered as ``node_tags`` orders it.

        One query for what would otherwise be one per tagged node (an export or the
        own-work-only outline of a report with thousands of tagged nodes).
        """
        in_report = self._outline(report_id).id_set
        grouped: dict[str, list[NodeTag]] = defaultdict(list)
        for node_tag in self._live_node_tags(None, author_id):
            if node_tag.node_id in in_report:
                grouped[node_tag.node_id].append(node_tag)
        return dict(grouped)

    def _live_node_tags(self, node_id: str | None, author_id: str | None) -> list[NodeTag]:
        """Live tags on one node (or on every node, with None), of one author or all, by tag name."""
        sql = ("SELECT nt.node_id, t.id, t.name, t.color, nt.author_id, nt.created_at, nt.updated_at"
               " FROM node_tags nt JOIN tags t ON t.id = nt.tag_id"
               " WHERE nt.deleted_at IS NULL AND t.deleted_at IS NULL")
        params: tuple = ()
        if node_id is not None:
            sql += " AND nt.node_id = ?"
            params += (node_id,)
        if author_id is not None:
            sql += " AND nt.author_id = ?"
            params += (author_id,)
        rows = self._named_all(sql + " ORDER BY t.name COLLATE NOCASE, nt.author_id", params)
        return [build(NodeTag, row, tag=build(Tag, row)) for row in rows]

    # -- tags on highlights -----------------------------------------------------------------

    def _require_live_highlight(self, highlight_id: str) -> None:
        row = self._one("SELECT deleted_at FROM highlights WHERE id = ?", (highlight_id,))
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        if row[0] is not None:
            raise NotFoundError(f"highlight {highlight_id} was deleted")

    def add_highlight_tag(self, highlight_id: str, tag_name: str, author_id: str) -> Tag:
        """Tag a highlight (creating the tag if new); idempotent."""
        with self.transaction():
            self._require_live_highlight(highlight_id)
            self._require_author(author_id)
            tag = self.ensure_tag(tag_name, author_id=author_id)
            self._link("highlight_tags", "highlight_id", highlight_id, tag, author_id)
        return tag

    def remove_highlight_tag(self, highlight_id: str, tag_name: str, author_id: str) -> bool:
        """Take a tag off a highlight (a tombstone); False if it was not there."""
        with self.transaction():
            if self._one("SELECT 1 FROM highlights WHERE id = ?", (highlight_id,)) is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            return self._unlink("highlight_tags", "highlight_id", highlight_id, tag_name, author_id)

    def highlight_tags(self, highlight_id: str) -> list[Tag]:
        """Live tags on a highlight (any author), by name."""
        rows = self._named_all(
            "SELECT DISTINCT t.id, t.name, t.color FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id"
            " WHERE ht.highlight_id = ? AND ht.deleted_at IS NULL AND t.deleted_at IS NULL"
            " ORDER BY t.name COLLATE NOCASE, t.id", (highlight_id,))
        return [build(Tag, row) for row in rows]

    def report_highlight_tags(self, report_id: str) -> dict[str, list[Tag]]:
        """Live tags of every live highlight in a report, by highlight id; each list as ``highlight_tags`` orders it."""
        in_report = self._outline(report_id).id_set
        grouped: dict[str, list[Tag]] = defaultdict(list)
        for row in self._named_all(
                "SELECT DISTINCT h.node_id, ht.highlight_id, t.id, t.name, t.color FROM highlight_tags ht"
                " JOIN tags t ON t.id = ht.tag_id JOIN highlights h ON h.id = ht.highlight_id"
                " WHERE ht.deleted_at IS NULL AND t.deleted_at IS NULL AND h.deleted_at IS NULL"
                " ORDER BY t.name COLLATE NOCASE, t.id"):
            if row["node_id"] in in_report:
                grouped[row["highlight_id"]].append(build(Tag, row))
        return dict(grouped)
