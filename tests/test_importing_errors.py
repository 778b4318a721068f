"""Files that hold no report are refused with one line that says what is wrong and where."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from editor.core.errors import ReportError
from editor.importing import parse_report, read_report
from tests.cli_process import assert_one_line_error, run_cli, shared_dir  # noqa: F401 (a fixture)


def refusal(data: bytes, source: str = "report.txt") -> str:
    with pytest.raises(ReportError) as caught:
        parse_report(data, source=source)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{source}: ")
    return message


@pytest.fixture(scope="module")
def furniture(sample_bytes: bytes) -> str:
    """The sample's site header and footer with the report itself cut out."""
    text = sample_bytes.decode("utf-8")
    return text[: text.index("2025年下沉市場消費金融與移動支付融合發(fā)展趨勢研究報告參考模板")] + \
        text[text.index("溫馨提示"):]


def test_empty_file():
    assert "empty" in refusal(b"")


def test_only_blank_lines():
    assert "blank" in refusal(b"\r\n \n\t\n")


def test_random_bytes_are_binary():
    noise = random.Random(7).randbytes(4096)
    assert "binary" in refusal(noise)


def test_random_bytes_without_nul_are_not_text():
    rng = random.Random(8)
    noise = bytes(rng.randrange(1, 256) for _ in range(4096))
    assert "binary" in refusal(noise)


def test_png_renamed_to_txt():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    assert "PNG image" in refusal(png, source="picture.txt")


def test_pdf_is_named_as_such():
    assert "PDF" in refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_broken_utf16_says_so():
    message = refusal(b"\xff\xfe" + b"\x00\xd8a\x00")  # a lone high surrogate
    assert "UTF-16" in message and "offset" in message


def test_html_page_without_outline():
    page = ("<!DOCTYPE html><html><head><title>下沉市場</title></head><body><h1>文章</h1>"
            "<p>這是一篇沒有大綱的網頁文章。</p><ul><li>1. 第一點</li><li>2. 第二點</li></ul></body></html>")
    assert "HTML page" in refusal(page.encode("utf-8"))


def test_html_page_with_an_outline_imports():
    page = ("<html><body><h1>數字金融研究報告</h1><p>一、總論</p><p>1.1.背景</p><p>1.1.1.市場快速增長。</p>"
            "<p>一、總論本章概述。1.1.背景市場快速增長,用戶規模擴大。</p></body></html>")
    report = parse_report(page.encode("utf-8"))
    assert report.title == "數字金融研究報告"
    assert [(n.path, n.body) for n in report.walk()] == [
        ("1", "本章概述。"), ("1.1", ""), ("1.1.1", "市場快速增長,用戶規模擴大。")]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_site_furniture_only(furniture, encoding):
    message = refusal(furniture.encode(encoding))
    assert "page furniture" in message and "no report" in message


def test_prose_without_outline():
    prose = "下沉市場消費金融與移動支付的融合發展呈現出新的特點。\n一、這一行像標題但後面沒有章節。\n" * 50
    assert "no report outline" in refusal(prose.encode("utf-8"))


def test_sixty_megabytes_without_outline_is_refused():
    # Lines of prose with the odd numbered-looking line, repeated to 60 MB in memory.
    block = ("金融機構不斷創新產品和服務,下沉市場需求持續增長。\n"
             "2025年,移動支付用戶規模擴大。\n"
             "一、這不是大綱\n"
             "3.5%的增長率來自農村地區。\n").encode()
    data = block * (60_000_000 // len(block) + 1)
    assert len(data) >= 60_000_000
    assert "no report outline" in refusal(data, source="huge.txt")


def test_missing_file(tmp_path: Path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(ReportError, match="no such file") as caught:
        read_report(path)
    assert str(path) in str(caught.value)


def test_directory(tmp_path: Path):
    with pytest.raises(ReportError, match="folder"):
        read_report(tmp_path)


def test_empty_file_on_disk(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReportError, match=r"^empty\.txt: the file is empty$"):
        read_report(path)


def test_permission_denied(shared_dir: Path):
    path = shared_dir / "locked.txt"
    path.write_bytes(b"x")
    path.chmod(0o000)
    done = run_cli("--db", str(shared_dir / "db.sqlite"), "import", str(path), cwd=shared_dir, unprivileged=True)
    assert_one_line_error(done, str(path), "permission denied")
