"""Notes: one sanitised rich-text note per node per author, with its plain text for search."""

from __future__ import annotations

from editor.core.annotations import Note
from editor.core.richtext import html_to_text, sanitize_html

from .base import StoreBase, build
from .ids import note_id
from .stamps import next_stamp, now

_NOTE_COLUMNS = "no.id, no.node_id, no.author_id, no.html, no.text, no.created_at, no.updated_at"


class NotesMixin(StoreBase):
    """Each analyst's note on each node."""

    def save_note(self, node_id: str, author_id: str, html: str) -> Note | None:
        """Save the author's note on a node; a note with no text is removed (tombstone) -> None."""
        clean = sanitize_html(html)
        text = html_to_text(clean)
        with self.transaction():
            self._require_editable_node(node_id)
            self._require_author(author_id)
            row = self._one("SELECT id, html, created_at, updated_at, deleted_at FROM notes"
                            " WHERE node_id = ? AND author_id = ?", (node_id, author_id))
            if not text.strip():
                if row is not None and row[4] is None:
                    stamp = next_stamp(row[3])
                    self._exec("UPDATE notes SET deleted_at = ?, updated_at = ? WHERE id = ?",
                               (stamp, stamp, row[0]))
                return None
            if row is None:
                stamp = now()
                nid = note_id(node_id, author_id)
                self._exec("INSERT INTO notes (id, node_id, author_id, html, text, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", (nid, node_id, author_id, clean, text, stamp, stamp))
                return Note(nid, node_id, author_id, clean, text, stamp, stamp)
            nid, old_html, created_at, updated_at, deleted_at = row
            if deleted_at is None and old_html == clean:
                # Autosave calls this after every pause in typing; an unchanged note must not
                # look newer than a colleague's edit at merge time.
                return Note(nid, node_id, author_id, clean, text, created_at, updated_at)
            stamp = next_stamp(updated_at)
            self._exec("UPDATE notes SET html = ?, text = ?, deleted_at = NULL, updated_at = ? WHERE id = ?",
                       (clean, text, stamp, nid))
            return Note(nid, node_id, author_id, clean, text, created_at, stamp)

    def note(self, node_id: str, author_id: str) -> Note | None:
        """The author's live note on a node, if any."""
        row = self._named_one(f"SELECT {_NOTE_COLUMNS} FROM notes no"
                              " WHERE no.node_id = ? AND no.author_id = ? AND no.deleted_at IS NULL",
                              (node_id, author_id))
        return None if row is None else build(Note, row)

    def notes(self, node_id: str | None = None, *, report_id: str | None = None) -> list[Note]:
        """Live notes of every author, on one node and/or one report, in outline order."""
        sql = (f"SELECT {_NOTE_COLUMNS} FROM notes no JOIN nodes n ON n.id = no.node_id"
               " WHERE no.deleted_at IS NULL")
        params: list = []
        if node_id is not None:
            sql += " AND no.node_id = ?"
            params.append(node_id)
        if report_id is not None:
            sql += " AND n.report_id = ?"
            params.append(report_id)
        rows = self._named_all(sql + " ORDER BY n.report_id, n.seq, no.created_at, no.author_id", params)
        return [build(Note, row) for row in rows]
