"""The analyst's identity: asked once, stored per installation, distinct per --author name."""

from __future__ import annotations

import uuid

import pytest

from editor.identity import load_identity, resolve_author, save_identity
from editor.store import Store


def test_no_identity_before_first_run():
    assert load_identity() is None


def test_saved_identity_keeps_its_id_across_renames():
    first = save_identity("  王小明 ")
    assert first.name == "王小明" and uuid.UUID(first.id)
    renamed = save_identity("Wang Xiaoming")
    assert renamed.id == first.id
    assert load_identity() == renamed


def test_empty_name_is_refused():
    with pytest.raises(ValueError):
        save_identity("   ")


def test_resolve_author_uses_the_installation_id_and_separates_other_names():
    store = Store.memory()
    alice = resolve_author(store, "Alice")  # first name used becomes the stored identity
    assert load_identity().id == alice.id
    assert resolve_author(store, None).id == alice.id
    bob = resolve_author(store, "Bob")
    assert bob.id != alice.id
    assert resolve_author(store, "Bob").id == bob.id  # found again by name
    assert load_identity().name == "Alice"
    assert {a.name for a in store.authors()} >= {"Alice", "Bob"}


def test_corrupt_identity_file_is_treated_as_first_run(isolated_user_dirs):
    from editor.identity import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "identity.json").write_text("{not json", encoding="utf-8")
    assert load_identity() is None
    assert save_identity("Carol").name == "Carol"
