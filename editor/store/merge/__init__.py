"""Merging a colleague's database into ours; the rules are told in apply.py."""

from editor.store.merge.apply import MergeResult, merge_database
from editor.store.merge.conflicts import Conflict, open_conflicts, resolve_conflict

__all__ = ["Conflict", "MergeResult", "merge_database", "open_conflicts", "resolve_conflict"]
