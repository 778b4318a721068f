"""Connecting to a hub the PostgreSQL way, and saying in one line what went wrong.

The address is anything libpq takes: a URL (``postgresql://role@host/db?sslmode=require``), a
key-value string, or ``service=NAME`` from ``~/.pg_service.conf``. libpq itself reads the
password from ``~/.pgpass`` (or PGPASSWORD), honours ``sslmode`` and the client certificates;
Trendmark never stores a password and strips any from what it prints.
"""

from __future__ import annotations

import re

import psycopg
from psycopg.conninfo import conninfo_to_dict

from editor.core.errors import StoreError

# "user:secret@" in a URL, and password=... in a key-value string (quoted or not).
_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@?#\s]*):[^@/?#\s]*@", re.IGNORECASE)
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#\s]*", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with every password a connection string in it might carry replaced by ***."""
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    text = _QUERY_PASSWORD.sub(r"\1***", text)
    return _KV_PASSWORD.sub(r"\1***", text)


def without_password(address: str) -> str:
    """The address as it may be shown and remembered (settings, messages): no password in it."""
    return redact(address.strip())


def _where(address: str) -> str:
    try:
        info = conninfo_to_dict(address)
    except psycopg.Error:
        return "the hub"
    if "service" in info:
        return f"service {info['service']}"
    host = str(info.get("host") or "localhost")
    if host.startswith("/"):
        host = "local socket"
    port = f":{info['port']}" if info.get("port") else ""
    return f"{host}{port}"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = lines[-1] if lines and lines[0].startswith("connection to server") and len(lines) > 1 else (
        lines[0] if lines else type(exc).__name__)
    return redact(text.removeprefix("FATAL:").strip())


def describe_connect_error(address: str, exc: BaseException) -> str:
    """One line for a failed connection: server down, bad password, no such database, bad address."""
    message = str(exc)
    where = _where(address)
    low = message.lower()
    if isinstance(exc, psycopg.ProgrammingError) or "invalid connection option" in low or "missing \"=\"" in low \
            or "invalid uri" in low or "invalid integer value" in low:
        return f"bad hub address: {_first_line(exc)}"
    if "password authentication failed" in low or "no password supplied" in low:
        user = re.search(r'user "([^"]+)"', message)
        who = f"role {user.group(1)}" if user else "the role"
        return (f"the hub at {where} refused the password for {who}"
                " (put the right one in ~/.pgpass, or PGPASSWORD; it is never stored by Trendmark)")
    missing = re.search(r'database "([^"]+)" does not exist', message)
    if missing:
        return f"no database {missing.group(1)} on the hub server at {where}"
    role = re.search(r'role "([^"]+)" does not exist', message)
    if role:
        return f"no role {role.group(1)} on the hub server at {where}"
    if "connection refused" in low or "no such file or directory" in low or "could not translate host" in low or "failed to resolve host" in low \
            or "timeout expired" in low or "server closed the connection" in low or "is the server running" in low:
        return f"cannot reach the hub server at {where}: it is down or the address is wrong"
    if "service" in low and "not found" in low:
        return f"bad hub address: {_first_line(exc)}"
    return f"cannot connect to the hub at {where}: {_first_line(exc)}"


def connect(address: str) -> psycopg.Connection:
    """An open connection, or StoreError; autocommit, so every use is an explicit transaction block."""
    if not address or not address.strip():
        raise StoreError("bad hub address: it is empty (give a postgresql:// URL or service=NAME)")
    try:
        return psycopg.connect(address.strip(), connect_timeout=10, application_name="trendmark", autocommit=True)
    except (psycopg.Error, ValueError) as exc:
        raise StoreError(describe_connect_error(address, exc)) from None


def lost(exc: BaseException, doing: str) -> StoreError:
    """A failure after connecting, as one line (the server went away, a statement was refused)."""
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(f"the connection to the hub was lost while {doing}; nothing half-written is kept,"
                          " run the sync again to resume")
    return StoreError(f"the hub refused {doing}: {_first_line(exc)}")
