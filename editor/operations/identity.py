"""Who the analyst is across machines: the signing identity shown, exported and imported.

One analyst on two machines is one author only if both hold the same id and signing key;
without it, the second machine signs as a second author and merges show it as such.
"""

from __future__ import annotations

from pathlib import Path

from editor import identity as installation
from editor.identity import Identity


def whoami() -> tuple[Identity, str]:
    """This installation's analyst and the fingerprint of the key they sign with."""
    analyst = installation.load_identity() or installation.save_identity(installation.suggested_name())
    return analyst, installation.public_fingerprint()


def export_identity(out: Path, passphrase: str) -> Identity:
    """Write this installation's id, name and signing key to ``out``, encrypted with ``passphrase``."""
    return installation.export_identity(out, passphrase)


def import_identity(source: Path, passphrase: str) -> Identity:
    """Make the identity exported on another machine this installation's (the old one is kept aside)."""
    return installation.import_identity(source, passphrase)
