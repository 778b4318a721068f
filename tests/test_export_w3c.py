"""The W3C Web Annotation export, validated against the W3C test suite's JSON Schemas.

The schemas are copied unchanged into tests/data/w3c-web-annotation (licence and
source beside them). Every MUST assertion listed by the suite runs against the
collection, its embedded page and each annotation.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache, cache
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from editor.cli import main
from editor.export import ExportOptions, export_report
from tests.export_fixtures import (
    ALICE, BOB, HIGHLIGHTS, NODE_TAGS, NON_BMP_PATH, NOTES, RATINGS, annotated_sample,
)

SCHEMAS = Path(__file__).parent / "data" / "w3c-web-annotation"
URN_UUID = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


# The suite marks ids and sources as "format": "uri". jsonschema checks that format only
# with an optional package, so an absolute-URI check (RFC 3986: scheme ":" no spaces) is
# registered here, keeping the check live without another dependency.
FORMAT_CHECKER = jsonschema.FormatChecker()
_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*")


@FORMAT_CHECKER.checks("uri")
def is_absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_ABSOLUTE_URI.fullmatch(value))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Each definitions file under its bare name, which is how the assertions' $refs name them."""
    resources = []
    for path in sorted((SCHEMAS / "definitions").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def must_validators(listing: str) -> list[tuple[str, jsonschema.Draft4Validator]]:
    """(assertion file, validator) for every MUST assertion a ``*.test`` listing names."""
    test = json.loads((SCHEMAS / listing).read_text(encoding="utf-8"))
    out = []
    for name in test["assertions"]:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        out.append((name, jsonschema.Draft4Validator(schema, registry=registry(),
                                                         format_checker=FORMAT_CHECKER)))
    return out


def must_failures(instance: object, listing: str) -> list[str]:
    """The MUST assertions ``instance`` fails, with the first error of each."""
    failures = []
    for name, validator in must_validators(listing):
        error = next(iter(validator.iter_errors(instance)), None)
        if error is not None:
            failures.append(f"{name}: {error.message[:200]}")
    return failures


ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"


@pytest.fixture(scope="module")
def sample():
    sample = annotated_sample()
    yield sample
    sample.store.close()


@pytest.fixture(scope="module")
def collection(sample, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("w3c") / "annotations.jsonld"
    export_report(sample.store, "w3c", out, sample.report_id, ExportOptions())
    return json.loads(out.read_text(encoding="utf-8"))


def items_by(collection: dict, motivation: str) -> list[dict]:
    return [item for item in collection["first"]["items"] if item["motivation"] == motivation]


# -- the validator itself ------------------------------------------------------------------------

def test_validator_rejects_every_incorrect_sample():
    samples = sorted((SCHEMAS / "tools" / "samples" / "incorrect").glob("*.json"))
    assert len(samples) >= 30
    for path in samples:
        try:
            instance = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue  # not even JSON: rejected before any schema
        assert must_failures(instance, ANNOTATION_MUSTS), f"{path.name} passed every MUST assertion"


# These three use the Composite / List / Independents sets of an earlier draft of the model;
# the final Recommendation has only Choice, and so do the suite's schemas.
_PRE_RECOMMENDATION_SAMPLES = {"anno11.json", "anno12.json", "anno13.json"}


def test_validator_accepts_the_correct_samples():
    samples = sorted((SCHEMAS / "tools" / "samples" / "correct").glob("anno*.json"))
    assert len(samples) >= 30
    for path in samples:
        if path.name in _PRE_RECOMMENDATION_SAMPLES:
            continue
        instance = json.loads(path.read_text(encoding="utf-8"))
        assert must_failures(instance, ANNOTATION_MUSTS) == [], path.name


def test_uri_format_is_checked():
    assert is_absolute_uri("urn:uuid:0e1b5c9e-8a67-4a5e-9a5e-6a9d3c1b2a10")
    assert is_absolute_uri("http://example.org/anno1")
    assert not is_absolute_uri("not a uri")
    assert not is_absolute_uri("relative/path")


# -- the export ----------------------------------------------------------------------------------

def test_collection_passes_all_collection_and_page_musts(collection):
    assert must_failures(collection, COLLECTION_MUSTS) == []
    page = dict(collection["first"], **{"@context": collection["@context"]})
    assert must_failures(page, PAGE_MUSTS) == []
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["first"]["type"] == "AnnotationPage"
    assert collection["total"] == len(collection["first"]["items"])
    assert collection["label"].startswith("Annotations on 2025年")


def test_every_annotation_passes_all_musts(collection):
    items = collection["first"]["items"]
    assert items
    for item in items:
        assert must_failures(item, ANNOTATION_MUSTS) == [], item["id"]


def test_one_annotation_per_highlight_note_tag_and_rating(collection):
    assert len(items_by(collection, "highlighting")) == len(HIGHLIGHTS)
    assert len(items_by(collection, "commenting")) == len(NOTES)
    assert len(items_by(collection, "tagging")) == len(NODE_TAGS)
    assert len(items_by(collection, "assessing")) == len(RATINGS)
    assert collection["total"] == len(HIGHLIGHTS) + len(NOTES) + len(NODE_TAGS) + len(RATINGS)
    ids = [item["id"] for item in collection["first"]["items"]]
    assert len(set(ids)) == len(ids)
    assert all(URN_UUID.match(i) for i in [*ids, collection["id"], collection["first"]["id"]])


def test_highlight_targets_select_the_right_text(sample, collection):
    bodies = {f"urn:uuid:{n.id}": n.body for n in sample.store.nodes(sample.report_id)}
    highlight_ids = {f"urn:uuid:{hid}" for hid in sample.highlight_ids}
    highlights = items_by(collection, "highlighting")
    assert {h["id"] for h in highlights} == highlight_ids
    for item in highlights:
        target = item["target"]
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        body = bodies[target["source"]]
        assert body[position["start"]:position["end"]] == quote["exact"]
        assert body[:position["start"]].endswith(quote["prefix"])
        assert body[position["end"]:].startswith(quote["suffix"])
    after = next(h for h in highlights if h["target"]["selector"][0]["exact"] == "掃碼支付優惠")
    node_body = bodies[after["target"]["source"]]
    assert after["target"]["selector"][1]["start"] == node_body.index("掃碼支付優惠")  # code points, not UTF-16
    assert sample.node(NON_BMP_PATH).id in after["target"]["source"]


def test_bodies_comments_tags_and_ratings(collection, sample):
    first = next(h for h in items_by(collection, "highlighting") if h["target"]["selector"][0]["exact"] == "農村地區")
    comment, tag = first["body"]
    assert comment == {"type": "TextualBody", "purpose": "commenting", "format": "text/html", "language": "zh-Hant",
                       "value": sample.store.highlight(sample.highlight_ids[0]).comment_html}
    assert tag["purpose"] == "tagging" and tag["value"] == "風險"
    plain = next(h for h in items_by(collection, "highlighting") if h["target"]["selector"][0]["exact"] == "𠮷野家門店")
    assert "body" not in plain  # no comment, no tags: a bare highlight

    notes = items_by(collection, "commenting")
    assert {n["creator"]["name"] for n in notes} == {ALICE, BOB}
    assert all(n["body"][0]["format"] == "text/html" and n["body"][0]["language"] == "zh-Hant" for n in notes)
    assert any("<b>消費需求</b>" in n["body"][0]["value"] for n in notes)

    tag_values = sorted((t["creator"]["name"], t["body"][0]["value"]) for t in items_by(collection, "tagging"))
    assert tag_values == sorted((author, tag) for _, tag, author in NODE_TAGS)
    assert all(t["body"][0]["purpose"] == "tagging" for t in items_by(collection, "tagging"))

    ratings = sorted((r["creator"]["name"], r["body"][0]["value"]) for r in items_by(collection, "assessing"))
    assert ratings == sorted((author, f"{dim}: {value}/5") for _, dim, author, value in RATINGS)
    assert all(r["body"][0]["purpose"] == "assessing" for r in items_by(collection, "assessing"))


def test_creators_times_and_stable_ids(sample, collection, tmp_path):
    for item in collection["first"]["items"]:
        assert item["creator"]["type"] == "Person"
        assert URN_UUID.match(item["creator"]["id"])
        assert item["created"] <= item["modified"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", item["modified"])
    again = tmp_path / "again.jsonld"
    export_report(sample.store, "w3c", again, sample.report_id, ExportOptions())
    second = json.loads(again.read_text(encoding="utf-8"))
    assert [i["id"] for i in second["first"]["items"]] == [i["id"] for i in collection["first"]["items"]]
    assert second["id"] == collection["id"]


def test_filtered_export_is_still_valid_and_smaller(sample, tmp_path):
    out = tmp_path / "bob.jsonld"
    export_report(sample.store, "w3c", out, sample.report_id,
                  ExportOptions(only_author_id=sample.bob.id, tags=("風險",)))
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert must_failures(collection, COLLECTION_MUSTS) == []
    items = collection["first"]["items"]
    assert items and all(item["creator"]["name"] == BOB for item in items)
    for item in items:
        assert must_failures(item, ANNOTATION_MUSTS) == []


def test_empty_collection_is_valid(tmp_path):
    from editor.core.report import ParsedNode, ParsedReport
    from editor.store import Store

    with Store.memory() as store:
        info, _ = store.add_report(ParsedReport("空", [ParsedNode("一", "1", 1, "章", "正文")]))
        out = tmp_path / "empty.jsonld"
        export_report(store, "w3c", out, info.id, ExportOptions())
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["total"] == 0 and collection["first"]["items"] == []
    assert must_failures(collection, COLLECTION_MUSTS) == []


def test_cli_w3c_export_validates(tmp_path, capsys):
    sample = annotated_sample(tmp_path / "db.sqlite")
    sample.store.close()
    out = tmp_path / "cli.jsonld"
    assert main(["--db", str(sample.path), "export", "w3c", "--out", str(out)]) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert must_failures(collection, COLLECTION_MUSTS) == []
    assert collection["total"] == len(HIGHLIGHTS) + len(NOTES) + len(NODE_TAGS) + len(RATINGS)


def test_the_embedded_page_says_its_context(collection):
    assert collection["first"]["@context"] == collection["@context"]


def test_simplified_text_is_tagged_zh_hans():
    from editor.core.script import chinese_language_tag

    assert chinese_language_tag("下沉市场消费金融与移动支付") == "zh-Hans"
    assert chinese_language_tag("下沉市場消費金融與移動支付") == "zh-Hant"
    assert chinese_language_tag("風險", context="下沉市场的发展") == "zh-Hans"  # too short to tell alone
    assert chinese_language_tag("risk") is None
