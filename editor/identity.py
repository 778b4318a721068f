"""Who is annotating: the analyst's name, a UUID made once per installation, and their signing key.

Kept in the user config directory (not in the database) so that a shared copy of
the database carries authors but never decides who the receiving analyst is. The
Ed25519 signing key (``signing-key``, owner-only permissions) signs every annotation
the analyst writes; only its public half goes into the database. ``export_identity``
and ``import_identity`` move id, name and key to another machine in a file encrypted
with a passphrase, so one analyst on two machines stays one author.
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs

from nacl.signing import SigningKey

from editor.core import signing
from editor.core.annotations import Author
from editor.core.errors import TrendmarkError
from editor.core.files import NotRegularFile, TooLarge, read_regular

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


MIN_PASSPHRASE = 8
MAX_KEY_FILE = 64 * 1024  # a key file is a few hundred bytes


def public_fingerprint() -> str:
    """This installation's public key, grouped for reading out to a colleague who wants to check it."""
    return signing.fingerprint(signing.public_text(signing_key()))


def _key_file() -> Path:
    return config_dir() / "signing-key"


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` readable by its owner only, atomically (a crash never leaves half a key)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def signing_key() -> SigningKey:
    """This installation's signing key, made (and stored with mode 0600) on first use."""
    path = _key_file()
    try:
        seed = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if (path.stat().st_mode & 0o077) != 0:
            os.chmod(path, 0o600)  # copied in by hand with looser permissions
        return SigningKey(seed)
    except FileNotFoundError:
        pass
    except (ValueError, UnicodeDecodeError) as exc:
        # Replacing a damaged key silently would make this analyst a stranger to every colleague.
        raise TrendmarkError(f"the signing key {path} is damaged; restore it (trendmark identity import)") from exc
    key = signing.new_key()
    _write_private(path, key.encode().hex().encode("ascii"))
    return key


def export_identity(out: Path, passphrase: str) -> Identity:
    """Write id, name and signing key to ``out``, encrypted with ``passphrase`` (mode 0600)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise TrendmarkError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    identity = load_identity() or save_identity(suggested_name())
    data = signing.seal_key(signing_key(), passphrase, {"id": identity.id, "name": identity.name})
    try:
        _write_private(Path(out), data)
    except OSError as exc:
        raise TrendmarkError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return identity


def import_identity(source: Path, passphrase: str) -> Identity:
    """Make the identity in ``source`` (from ``export_identity``) this installation's.

    The identity and key it replaces are kept beside it (``*.replaced``): annotations
    this installation signed before are still theirs, and the key may be wanted back.
    Raises TrendmarkError (one line, nothing changed) when the file does not open.
    """
    try:
        data = read_regular(source, MAX_KEY_FILE)
    except (OSError, NotRegularFile, TooLarge) as exc:
        raise TrendmarkError(f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}") from exc
    try:
        key, extra = signing.open_key(data, passphrase)
    except signing.WrongPassphrase as exc:
        raise signing.WrongPassphrase(f"cannot import {source}: {exc}") from exc
    try:
        identity = Identity(id=str(uuid.UUID(extra["id"])), name=extra["name"].strip() or _os_user())
    except (KeyError, ValueError) as exc:
        raise signing.WrongPassphrase(f"cannot import {source}: it is not a Trendmark key file") from exc
    for kept in (_key_file(), _identity_file()):
        if kept.exists():
            _write_private(kept.with_name(kept.name + ".replaced"), kept.read_bytes())
    _write_private(_key_file(), key.encode().hex().encode("ascii"))
    path = _identity_file()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"id": identity.id, "name": identity.name}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return identity


class AuthorBook(Protocol):
    """What resolving the author needs of a store (this module sits below editor.store)."""

    def ensure_author(self, name: str, author_id: str | None = None) -> Author: ...

    def use_signing_key(self, author_id: str, key: SigningKey) -> None: ...


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
        return _signed_author(store, identity.name, identity.id)
    name = name.strip()
    if identity is None:
        identity = save_identity(name)
    if identity.name == name:
        return _signed_author(store, name, identity.id)
    return store.ensure_author(name)


def _signed_author(store: AuthorBook, name: str, author_id: str) -> Author:
    """The installation's analyst, whose rows the store signs with this installation's key."""
    author = store.ensure_author(name, author_id=author_id)
    store.use_signing_key(author.id, signing_key())
    return author
