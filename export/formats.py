"""Per-document exports: Markdown, JSON and plain text under OUT/export/<doc_id>.<ext>.

JSON carries every committed row of the document (metadata, pages, tasks, words, failures)
so it round-trips to the Parquet tables; Markdown is for reading (headings, tables from the
TAB rows); plain text is the final page texts separated by form feeds, the same convention
vanban reads text inputs with.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from vanban.errors import UsageError
from vanban.export.bundle import DocBundle, load_bundles, write_text_atomic

_ROMAN_HEADING = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])[.)]\s+\S")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(bundle: DocBundle) -> str:
    """The document's rows, table by table, in the Parquet tables' key order."""
    payload = {
        "schema_version": bundle.document.get("schema_version"),
        "document": bundle.document,
        "pages": bundle.pages,
        "tasks": bundle.tasks,
        "words": bundle.words,
        "failures": bundle.failures,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def to_text(bundle: DocBundle) -> str:
    """Final page texts joined by form feeds (text.split("\\f") gives the pages back)."""
    return "\f".join(str(p["text"] or "") for p in bundle.pages) + "\n"


def _cell(text: str) -> str:
    return text.strip().replace("\\", "\\\\").replace("|", "\\|") or " "


def _md_table(rows: Sequence[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    padded = [[_cell(c) for c in r] + [" "] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(padded[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in padded[1:]]
    return lines


def _is_heading(line: str) -> bool:
    """Roman/letter section heads ("II. NHIỆM VỤ"): the documents' own outline."""
    s = line.strip()
    return bool(s) and len(s) <= 160 and bool(_ROMAN_HEADING.match(s))


def _is_caps(line: str) -> bool:
    """Short all-capital lines (issuer block, document type): bold, not headings."""
    letters = [c for c in line if c.isalpha()]
    return len(line) <= 160 and len(letters) >= 4 and all(c.isupper() for c in letters)


def page_markdown(text: str) -> list[str]:
    """Markdown blocks of one page: TAB rows become tables, the rest paragraphs/headings."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            out.extend([*_md_table(table), ""])
            table.clear()

    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        s = line.strip()
        if not s:
            continue
        esc = re.sub(r"^([#>+*-])", r"\\\1", s)
        if _is_heading(s):
            esc = f"### {esc}"
        elif _is_caps(s):
            esc = f"**{esc}**"
        out.extend([esc, ""])
    flush()
    return out


def _meta_lines(doc: dict[str, Any]) -> list[str]:
    fields = [("Loại văn bản", "doc_type_name"), ("Số", "number"), ("Nơi ban hành", "place"),
              ("Ngày ban hành", "issue_date"), ("Cơ quan ban hành", "issuer"),
              ("Người ký", "signer"), ("Tệp nguồn", "source_path"), ("doc_id", "doc_id"),
              ("Trạng thái", "status")]
    rows = [[label, str(doc[key])] for label, key in fields if doc.get(key) not in (None, "")]
    return [*_md_table([["Trường", "Giá trị"], *rows]), ""]


def to_markdown(bundle: DocBundle) -> str:
    doc = bundle.document
    title = " — ".join(str(doc[k]) for k in ("doc_type_name", "title") if doc.get(k))
    lines = [f"# {title or Path(str(doc['source_path'])).name}", "", *_meta_lines(doc)]
    if doc.get("recipients"):
        lines += ["**Nơi nhận:**", "", *[f"- {r}" for r in doc["recipients"]], ""]
    for w in doc.get("warnings") or []:
        lines += [f"> Cảnh báo: {w}", ""]
    for p in bundle.pages:
        lines += [f"## Trang {p['page_no']}", ""]
        lines += page_markdown(str(p["text"] or ""))
    if bundle.tasks:
        lines += ["## Nhiệm vụ", ""]
        head = ["task_id", "kind", "date", "session", "text", "owner", "deadline", "page:line"]
        rows = [[str(t["task_id"]), str(t["kind"]), str(t["date"] or ""),
                 str(t["session"] or ""), str(t["text"] or ""), str(t["owner"] or ""),
                 str(t["deadline"] or t["deadline_text"] or ""),
                 f"{t['page_no']}:{t['line_no']}"] for t in bundle.tasks]
        lines += [*_md_table([head, *rows]), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


FORMATS: dict[str, tuple[str, Callable[[DocBundle], str]]] = {
    "md": ("md", to_markdown),
    "json": ("json", to_json),
    "txt": ("txt", to_text),
}


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """`--to md,json --to txt` -> ("md", "json", "txt"); unknown names are a usage error."""
    out: list[str] = []
    for value in values:
        for name in (v.strip().lower() for v in value.split(",")):
            if not name:
                continue
            if name not in FORMATS:
                raise UsageError(f"--to: unknown format {name!r} (choose from "
                                 f"{', '.join(FORMATS)})")
            if name not in out:
                out.append(name)
    return tuple(out)


def export_documents(out: Path | str, formats: Iterable[str] = ("md", "json", "txt"),
                     bundles: Sequence[DocBundle] | None = None) -> list[Path]:
    """Write OUT/export/<doc_id>.<ext> for every committed document; returns the paths."""
    names = parse_formats(formats)
    if bundles is None:
        bundles, _ = load_bundles(out)
    folder = Path(out) / "export"
    written = []
    for bundle in bundles:
        for name in names:
            ext, render = FORMATS[name]
            dest = folder / f"{bundle.doc_id}.{ext}"
            write_text_atomic(dest, render(bundle))
            written.append(dest)
    return written
