"""Who is annotating: the analyst's name and a UUID made once per installation.

Kept in the user config directory (not in the database) so that a shared copy of
the database carries authors but never decides who the receiving analyst is.
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs

from editor.core.annotations import Author

APP_NAME = "trendmark"


@dataclass(frozen=True)
class Identity:
    id: str
    name: str


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """Where the analyst's database lives unless --db says otherwise."""
    return data_dir() / "trendmark.sqlite"


def _identity_file() -> Path:
    return config_dir() / "identity.json"


def load_identity() -> Identity | None:
    """The stored analyst, or None before the first run (or if the file is unreadable)."""
    try:
        raw = json.loads(_identity_file().read_text(encoding="utf-8"))
        return Identity(id=str(uuid.UUID(raw["id"])), name=str(raw["name"]).strip() or _os_user())
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_identity(name: str) -> Identity:
    """Store the analyst's name, keeping the installation's id if there is one."""
    name = name.strip()
    if not name:
        raise ValueError("the analyst name must not be empty")
    current = load_identity()
    identity = Identity(id=current.id if current else str(uuid.uuid4()), name=name)
    path = _identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"id": identity.id, "name": identity.name}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # atomic: a crash never leaves half a file
    return identity


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"


def suggested_name() -> str:
    """Prefill for the first-run prompt: the OS user name."""
    return _os_user()


class AuthorBook(Protocol):
    """What resolving the author needs of a store (this module sits below editor.store)."""

    def ensure_author(self, name: str, author_id: str | None = None) -> Author: ...


def resolve_author(store: AuthorBook, name: str | None) -> Author:
    """The database author for this run: ``--author NAME`` if given, else the stored analyst.

    The first name ever used on this installation becomes the stored identity, so the
    window does not ask again. A different ``--author`` on the same machine (two
    analysts sharing a workstation, or a test) is a different author, found by name.
    Returns the store's ``Author``.
    """
    identity = load_identity()
    if name is None or not name.strip():
        if identity is None:
            identity = save_identity(suggested_name())
        return store.ensure_author(identity.name, author_id=identity.id)
    name = name.strip()
    if identity is None:
        identity = save_identity(name)
    if identity.name == name:
        return store.ensure_author(name, author_id=identity.id)
    return store.ensure_author(name)
