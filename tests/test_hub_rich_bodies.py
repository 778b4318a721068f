"""A report with styled bodies reaches a colleague through the team hub with its styles."""

from __future__ import annotations

import subprocess

from editor.importing import read_report
from editor.operations.hub import sync
from tests.test_hub_support import hub, member, pg_server  # noqa: F401
from tests.test_importing_rich_bodies import MARKDOWN
from tests.test_merge_support import clock  # noqa: F401


def test_styles_travel_through_the_hub(hub, tmp_path, clock):
    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    source = tmp_path / "rich.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    docx = tmp_path / "rich.docx"
    subprocess.run(["pandoc", "-o", str(docx), str(source)], check=True, capture_output=True)
    info, _ = alice.store.add_report(read_report(docx))
    section = next(n for n in alice.store.nodes(info.id) if n.path == "1.1")
    assert section.styles
    alice.store.save_note(section.id, alice.author.id, "<p>styled</p>")
    sync(alice.store, alice_url, alice.author.id)
    sync(bob.store, bob_url, bob.author.id)
    assert bob.store.node(section.id).styles == section.styles
