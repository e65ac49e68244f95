"""Keep the .ts translation sources in step with the code (``make ts``).

Qt's ``lupdate`` misses Python ``translate()`` calls whose count argument is an expression
(``translate(ctx, "%n pending", None, len(rows))``), so the texts are collected here from the
syntax tree instead: every ``translate(<literal context>, <literal text>, …)`` call (bare or
as ``QCoreApplication.translate``) and every ``QT_TRANSLATE_NOOP(<context>, <text>)`` in
desktop/ and shared/. Existing translations are kept, texts no longer in the code are
dropped, new ones are added as unfinished. ``--check`` exits 1 when the .ts is out of date.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("desktop", "shared")
TS_FILES = sorted((ROOT / "desktop" / "translations").glob("*.ts"))


@dataclass(frozen=True)
class Text:
    context: str
    source: str
    plural: bool


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def texts_in(path: Path) -> list[Text]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        name = _called(node)
        if name not in ("translate", "QT_TRANSLATE_NOOP"):
            continue
        context, source = _literal(node.args[0]), _literal(node.args[1])
        if context is None or source is None:
            continue  # a marked constant shown through translate(ctx, CONSTANT)
        plural = name == "translate" and (len(node.args) >= 4 or
                                           any(k.arg == "n" for k in node.keywords))
        found.append(Text(context, source, plural))
    return found


def all_texts(root: Path = ROOT) -> dict[tuple[str, str], bool]:
    """(context, source) -> whether some call passes a count, in order of appearance."""
    texts: dict[tuple[str, str], bool] = {}
    for top in SOURCES:
        for path in sorted((root / top).rglob("*.py")):
            for text in texts_in(path):
                key = (text.context, text.source)
                texts[key] = texts.get(key, False) or text.plural
    return texts


def read_ts(path: Path) -> tuple[str, dict[tuple[str, str], ET.Element]]:
    root = ET.parse(path).getroot()
    translations = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None:
                translations[(name, message.findtext("source") or "")] = translation
    return root.get("language", ""), translations


def finished(translation: ET.Element | None) -> bool:
    if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                          "obsolete"):
        return False
    forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
    return all(forms)


def _text_of(translation: ET.Element | None) -> str:
    if translation is None:
        return ""
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return forms[0] if forms else (translation.text or "")


def build_ts(language: str, texts: dict[tuple[str, str], bool],
             old: dict[tuple[str, str], ET.Element]) -> str:
    root = ET.Element("TS", version="2.1", language=language)
    by_context: dict[str, list[tuple[str, bool]]] = {}
    for (context, source), plural in texts.items():
        by_context.setdefault(context, []).append((source, plural))
    for context in sorted(by_context):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, plural in by_context[context]:
            message = ET.SubElement(element, "message")
            if plural:
                message.set("numerus", "yes")
            ET.SubElement(message, "source").text = source
            previous = old.get((context, source))
            translation = ET.SubElement(message, "translation")
            text = _text_of(previous)
            if not finished(previous):
                translation.set("type", "unfinished")
            if plural:
                ET.SubElement(translation, "numerusform").text = text or None
            else:
                translation.text = text or None
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def _import(ts: Path, files: list[Path]) -> None:
    tree = ET.parse(ts)
    given: dict[tuple[str, str], str] = {}
    for file in files:
        for context, messages in json.loads(file.read_text(encoding="utf-8")).items():
            given.update({(context, source): text for source, text in messages.items() if text})
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = given.get((name, message.findtext("source") or ""))
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            translation.attrib.pop("type", None)
            forms = list(translation.iter("numerusform"))
            if forms:
                forms[0].text = text
            else:
                translation.text = text
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def _export(ts: Path, texts: dict[tuple[str, str], bool], out: Path) -> None:
    _, old = read_ts(ts)
    missing: dict[str, dict[str, str]] = {}
    for context, source in texts:
        if not finished(old.get((context, source))):
            missing.setdefault(context, {})[source] = ""
    out.write_text(json.dumps(missing, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the .ts files are up to date")
    parser.add_argument("--import", dest="imported", type=Path, action="append", default=[],
                        help="translations to take in: JSON {context: {source: text}}")
    parser.add_argument("--export", type=Path,
                        help="write the untranslated texts as JSON {context: {source: ''}}")
    args = parser.parse_args(argv)
    texts = all_texts()
    for path in TS_FILES:
        if args.imported:
            _import(path, args.imported)
        if args.export:
            _export(path, texts, args.export)
    stale = []
    for path in TS_FILES:
        language, old = read_ts(path)
        new = build_ts(language, texts, old)
        if path.read_text(encoding="utf-8") != new:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
        _, merged = read_ts(path) if not args.check else (language, old)
        missing = sum(1 for key in texts if not finished(merged.get(key)))
        print(f"{path.relative_to(ROOT)}: {len(texts)} texts, {missing} untranslated")
    if args.check and stale:
        print("out of date: run `make ts`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
