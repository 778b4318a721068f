"""Soak: five clients edit and sync with one hub concurrently for a minute, then converge with nothing lost.

Opt-in (it runs a minute): ``make bench PYTEST_ARGS=tests/benchmarks/bench_hub_soak.py``. Each client is a
thread with its own database and connection; pushes serialise on the hub's lock, so no deadlock is possible,
and every write made survives: after two quiet rounds every database holds the same annotations.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from editor.operations.hub import grant_role, init_hub, sync
from editor.store import Store
from tests.pg_server import pg_server  # noqa: F401
from tests.test_merge_support import analyst_db, annotations

CLIENTS = 5
SECONDS = 60.0


def test_five_clients_syncing_concurrently_converge(pg_server, tmp_path: Path) -> None:
    dbname = pg_server.new_database()
    admin = pg_server.url(dbname=dbname)
    init_hub(admin)
    clients = []
    for n in range(CLIENTS):
        analyst = analyst_db(tmp_path / f"c{n}.sqlite", f"Client {n}")
        role = pg_server.new_role("pw")
        grant_role(admin, role, analyst.author.id)
        clients.append((analyst, pg_server.url(role, "pw", dbname)))
        analyst.store.close()
    written: dict[int, dict[str, str]] = {n: {} for n in range(CLIENTS)}
    errors: list[BaseException] = []
    deadline = time.monotonic() + SECONDS

    def work(n: int) -> None:
        analyst, url = clients[n]
        store = Store.open(analyst.store.path)
        paths = list(analyst.nodes)
        i = 0
        try:
            while time.monotonic() < deadline:
                node = analyst.nodes[paths[(i * 3 + n) % len(paths)]].id
                html = f"<p>client {n} edit {i}</p>"
                store.save_note(node, analyst.author.id, html)
                written[n][node] = html
                if i % 3 == 0:
                    sync(store, url, analyst.author.id)
                i += 1
        except BaseException as exc:  # reported below, with the thread's name
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(n,), name=f"client-{n}") for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 120)
    assert not errors, errors
    stores = [Store.open(analyst.store.path) for analyst, _url in clients]
    for _round in range(2):
        for store, (analyst, url) in zip(stores, clients, strict=True):
            sync(store, url, analyst.author.id)
    dumps = [annotations(store) for store in stores]
    for dump in dumps:
        dump.pop("conflicts")
        assert dump == dumps[0]
    for store in stores:
        for n, (analyst, _url) in enumerate(clients):
            for node, html in written[n].items():
                assert store.note(node, analyst.author.id).html == html  # the last write of each client
    print(f"\n{CLIENTS} clients, {SECONDS:.0f} s: {sum(len(w) for w in written.values())} notes, all converged")
