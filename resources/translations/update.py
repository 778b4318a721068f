"""Regenerate the translations: extract strings, fill in Chinese, compile.

    python resources/translations/update.py

For each language (``zh_CN``, and ``zh_TW`` made from it, see zh_TW.py):

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string of ``editor/ui`` into
   ``trendmark_<language>.ts`` (keeping the file's existing entries, dropping obsolete ones);
2. strings lupdate cannot see — ``translate(_CONTEXT, "…")`` where the context is a
   module-level string constant rather than a literal — are added from the sources' syntax trees;
3. each message gets its translation from ``<language>.py`` (no hand edits in the XML);
4. ``pyside6-lrelease`` compiles ``trendmark_<language>.qm``, which the application loads.

Exits non-zero, naming the strings, if any source text has no translation.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "editor" / "ui"
LANGUAGES = ("zh_CN", "zh_TW")


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


def constant_context_messages(paths) -> set[tuple[str, str]]:
    """(context, source) of ``translate(NAME, "text")`` calls whose context is a module string constant.

    pyside6-lupdate only reads literal contexts; these calls translate at run time all the
    same, so their strings must be in the .ts file too.
    """
    found: set[tuple[str, str]] = set()
    for path in paths:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                     for target in node.targets if isinstance(target, ast.Name)
                     and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and len(call.args) >= 2):
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            context, text = call.args[0], call.args[1]
            if (name == "translate" and isinstance(context, ast.Name) and context.id in constants
                    and isinstance(text, ast.Constant) and isinstance(text.value, str)):
                found.add((constants[context.id], text.value))
    return found


def add_messages(ts_path: Path, messages: set[tuple[str, str]]) -> None:
    """Add messages the .ts file lacks, in their contexts (created as needed)."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    contexts = {context.findtext("name"): context for context in root.iter("context")}
    for context_name, source in sorted(messages):
        context = contexts.get(context_name)
        if context is None:
            context = contexts[context_name] = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
        if any(message.findtext("source") == source for message in context.iter("message")):
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation", {"type": "unfinished"})
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)


def update(language: str) -> int:
    ts_path = HERE / f"trendmark_{language}.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
                    "-target-language", language, "-ts", str(ts_path.relative_to(ROOT))],
                   cwd=ROOT, check=True)
    add_messages(ts_path, constant_context_messages(SOURCES.rglob("*.py")))
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
