"""Signed authorship: Ed25519 signatures over a canonical encoding of one annotation revision.

A signature covers the table, the row's identity (its key columns), its content and
deletion state, its ``updated_at``, the author id and, for texts and ratings, the text
revision id. ``created_at`` is left out on purpose: a merge keeps the earlier of two
creation times, which must not invalidate the winner's signature. The encoding is JSON
with sorted structure and no insignificant spaces, so the writer and every later reader
(transitively, A -> B -> C) compute the same bytes from the stored values.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

from nacl import exceptions as nacl_errors
from nacl import pwhash, secret, utils
from nacl.signing import SigningKey, VerifyKey

from editor.core.errors import TrendmarkError

DOMAIN = "trendmark-revision-v1"
KEY_FILE_KIND = "trendmark-signing-key-v1"


def canonical(table: str, author_id: str, values: Sequence[object], revision: str | None) -> bytes:
    """The bytes signed for one revision of a row (``values``: key, content, stamps, in a fixed order)."""
    return json.dumps([DOMAIN, table, author_id, revision, list(values)], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def new_key() -> SigningKey:
    return SigningKey.generate()


def public_text(key: SigningKey) -> str:
    """The public half as stored in ``authors.public_key``: 64 hex digits."""
    return key.verify_key.encode().hex()


def sign(key: SigningKey, message: bytes) -> str:
    """The detached signature as 128 hex digits."""
    return key.sign(message).signature.hex()


class Verifier:
    """Checks signatures against one public key (parsed once: merges check thousands of rows)."""

    def __init__(self, public_key: str) -> None:
        self.key = VerifyKey(bytes.fromhex(public_key))

    def verify(self, message: bytes, signature: object) -> bool:
        if not isinstance(signature, str) or len(signature) != 128:
            return False
        try:
            self.key.verify(message, bytes.fromhex(signature))
        except (ValueError, nacl_errors.BadSignatureError):
            return False
        return True


def fingerprint(public_key: str) -> str:
    """The public key as people compare it by eye or over the phone: groups of four hex digits."""
    return " ".join(public_key[i:i + 4] for i in range(0, len(public_key), 4))


def valid_public_key(value: object) -> str | None:
    """``value`` if it is a well-formed public key as stored, else None."""
    if not isinstance(value, str) or len(value) != 64:
        return None
    try:
        VerifyKey(bytes.fromhex(value))
    except (ValueError, nacl_errors.CryptoError):
        return None
    return value


# -- moving the key between machines ------------------------------------------------------------


class WrongPassphrase(TrendmarkError):
    """The key file does not open with this passphrase (or is not a key file)."""


def seal_key(key: SigningKey, passphrase: str, extra: dict[str, str]) -> bytes:
    """The key file: the private key and ``extra`` (the analyst's id and name), encrypted with a passphrase.

    Argon2id (PyNaCl's ``pwhash``, interactive limits) stretches the passphrase into a
    SecretBox key, so a copied file cannot be opened by guessing cheaply.
    """
    salt = utils.random(pwhash.argon2id.SALTBYTES)
    box = secret.SecretBox(_stretch(passphrase, salt))
    payload = json.dumps({"seed": key.encode().hex(), **extra}).encode("utf-8")
    sealed = box.encrypt(payload)
    return json.dumps({"kind": KEY_FILE_KIND, "salt": base64.b64encode(salt).decode("ascii"),
                       "box": base64.b64encode(bytes(sealed)).decode("ascii")}).encode("utf-8")


def open_key(data: bytes, passphrase: str) -> tuple[SigningKey, dict[str, str]]:
    """(key, extra) from a key file made by ``seal_key``; WrongPassphrase if it does not open."""
    try:
        outer = json.loads(data.decode("utf-8"))
        if outer.get("kind") != KEY_FILE_KIND:
            raise WrongPassphrase("it is not a Trendmark key file")
        salt = base64.b64decode(outer["salt"])
        sealed = base64.b64decode(outer["box"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise WrongPassphrase("it is not a Trendmark key file") from exc
    try:
        payload = json.loads(secret.SecretBox(_stretch(passphrase, salt)).decrypt(sealed))
    except nacl_errors.CryptoError as exc:
        raise WrongPassphrase("the passphrase does not open it") from exc
    try:
        seed = bytes.fromhex(payload.pop("seed"))
        return SigningKey(seed), {str(k): str(v) for k, v in payload.items()}
    except (AttributeError, KeyError, TypeError, ValueError, nacl_errors.CryptoError) as exc:
        raise WrongPassphrase("it is not a Trendmark key file") from exc


def _stretch(passphrase: str, salt: bytes) -> bytes:
    return pwhash.argon2id.kdf(secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                               opslimit=pwhash.argon2id.OPSLIMIT_INTERACTIVE,
                               memlimit=pwhash.argon2id.MEMLIMIT_INTERACTIVE)
