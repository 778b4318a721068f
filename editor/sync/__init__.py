"""The team hub: a PostgreSQL database where every analyst's annotations meet, row by row.

The local SQLite file stays the working copy. A sync pushes our rows changed since the last
push and pulls everyone else's rows after the last change number seen; the local side merges
them with the file-merge rules (editor.store.hub). The server enforces authorship itself:
row-level security lets a role write only rows of the analyst it was granted as. PostgreSQL
is spoken only in this package.
"""
