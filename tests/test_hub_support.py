"""Shared material for the hub tests: a fresh hub database on the session's server, analysts granted on it.

Holds no tests itself; the ``test_hub_`` prefix keeps it with the files it serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from editor.operations.hub import grant_role, init_hub
from tests.pg_server import PgServer, pg_server  # noqa: F401  (the fixture travels with the import)
from tests.test_merge_support import Analyst, analyst_db


@dataclass
class HubDb:
    server: PgServer
    dbname: str

    @property
    def admin_url(self) -> str:
        return self.server.url(dbname=self.dbname)

    def role(self, author_id: str | None = None, password: str = "pw") -> str:
        role = self.server.new_role(password)
        grant_role(self.admin_url, role, author_id)
        return role

    def url(self, role: str, password: str | None = "pw") -> str:
        return self.server.url(role, password, self.dbname)


@pytest.fixture
def hub(pg_server) -> HubDb:
    dbname = pg_server.new_database()
    init_hub(pg_server.url(dbname=dbname))
    return HubDb(pg_server, dbname)


def member(hub: HubDb, folder: Path, name: str) -> tuple[Analyst, str]:
    """An analyst's database of the sample and the hub URL of the role granted as that analyst."""
    analyst = analyst_db(folder / f"{name}.sqlite", name)
    return analyst, hub.url(hub.role(analyst.author.id))
