"""A real PostgreSQL server for the hub tests: initdb + pg_ctl in a temporary folder, a random port, its own socket.

The server runs as the unprivileged ``postgres`` user when the tests run as root (PostgreSQL
refuses to run as root). Passwords are checked (scram-sha-256) on the socket and on TCP, so the
tests see the same failures a real deployment gives. In CI a server that cannot start fails the
tests; elsewhere they are skipped, saying why.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

ADMIN = "hub_admin"
ADMIN_PASSWORD = "admin-secret"
SERVER_USER = "postgres"


class ServerUnavailable(RuntimeError):
    """PostgreSQL cannot be started here (not installed, no unprivileged user, start failed)."""


def server_binary(name: str) -> str:
    """initdb / pg_ctl: on PATH, else the newest /usr/lib/postgresql/N/bin (Debian keeps them there)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if not candidates:
        raise ServerUnavailable(f"{name} not found: install the postgresql package (make system-deps)")
    return candidates[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """One running server; ``url()`` gives libpq URLs over its unix socket (or TCP)."""

    folder: Path
    port: int = field(default_factory=_free_port)
    as_user: str | None = None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def sockets(self) -> Path:
        return self.folder / "sock"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(argv)
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise ServerUnavailable(f"{Path(argv[0]).name} failed: {(result.stderr or result.stdout).strip()[-500:]}")
        return result

    def init(self) -> None:
        self.sockets.mkdir()
        pwfile = self.folder / "pwfile"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if self.as_user is not None:
            entry = pwd.getpwnam(self.as_user)
            for path in (self.folder, self.sockets, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(server_binary("initdb"), "-D", str(self.data), "-U", ADMIN, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        pwfile.unlink()
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.sockets}'\nfsync = off\n"
                       "full_page_writes = off\nmax_connections = 60\n")

    def start(self) -> None:
        self._run(server_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; ``immediate`` is a crash as far as clients can tell."""
        self._run(server_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, user: str = ADMIN, password: str | None = ADMIN_PASSWORD, dbname: str = "postgres",
            *, tcp: bool = False) -> str:
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
        if tcp:
            return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"
        return f"postgresql://{auth}@/{dbname}?host={quote(str(self.sockets), safe='')}&port={self.port}"

    def admin_sql(self, statement: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname=dbname), autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self) -> str:
        name = f"hub_{uuid.uuid4().hex[:10]}"
        self.admin_sql(f"CREATE DATABASE {name}")
        return name

    def new_role(self, password: str = "pw") -> str:
        name = f"analyst_{uuid.uuid4().hex[:8]}"
        self.admin_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        return name


def start_server() -> PgServer:
    """Start a throwaway server, as ``postgres`` when we are root."""
    as_user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise ServerUnavailable(f"running as root and there is no {SERVER_USER} user to run the server") from None
        as_user = SERVER_USER
    folder = Path(tempfile.mkdtemp(prefix="trendmark-pg-"))
    server = PgServer(folder, as_user=as_user)
    server.init()
    server.start()
    return server


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server; in CI a failure to start it fails the test, it is never skipped."""
    try:
        server = start_server()
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is needed for the hub tests in CI: {exc}")
        pytest.skip(f"no PostgreSQL server for the hub tests: {exc}")
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.folder, ignore_errors=True)
