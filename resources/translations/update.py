"""Regenerate the translations: extract strings, fill in Chinese, compile.

    python resources/translations/update.py

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string of ``editor/ui`` into
   ``trendmark_zh_CN.ts`` (keeping the file's existing entries, dropping obsolete ones);
2. each message gets its translation from ``zh_CN.py`` (no hand edits in the XML);
3. ``pyside6-lrelease`` compiles ``trendmark_zh_CN.qm``, which the application loads.

Exits non-zero, naming the strings, if any source text has no translation.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "editor" / "ui"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    """A Qt tool next to the running interpreter (the virtualenv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"error: {name} not found; install PySide6 (it ships {name})")
    return found


def _translations(language: str) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location(f"translations_{language}", HERE / f"{language}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.TRANSLATIONS


def fill(ts_path: Path, translations: dict[str, str]) -> list[str]:
    """Write translations into the .ts file; returns source texts that have none."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        text = translations.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def update(language: str) -> int:
    ts_path = HERE / f"trendmark_{language}.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
                    "-target-language", language, "-ts", str(ts_path.relative_to(ROOT))],
                   cwd=ROOT, check=True)
    missing = fill(ts_path, _translations(language))
    if missing:
        for source in missing:
            print(f"error: no {language} translation for {source!r}", file=sys.stderr)
        return 1
    subprocess.run([_tool("pyside6-lrelease"), str(ts_path), "-qm", str(ts_path.with_suffix(".qm"))],
                   cwd=ROOT, check=True)
    return 0


def main() -> int:
    return max(update(language) for language in LANGUAGES)


if __name__ == "__main__":
    raise SystemExit(main())
