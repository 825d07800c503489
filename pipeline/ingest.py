"""Ingest: a file (or a string) → RawDocument(s) with pages of text.

Readers are registered by file suffix, the way spaCy registers components: each takes the path and
its bytes and returns one or more `RawDocument`. A file that cannot be read raises `IngestError`
naming the file and the reason; the batch driver reports it and goes on.
"""
from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .records import Page, RawDocument

Reader = Callable[[Path, bytes], list[RawDocument]]
READERS: dict[str, Reader] = {}


class IngestError(Exception):
    """A file that could not be turned into text; `str()` names the file and the reason."""

    def __init__(self, path: str | Path | None, reason: str):
        self.path = str(path) if path is not None else "<text>"
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s.lower()] = fn
        return fn
    return register


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Modules that register more readers (scans, office files); imported on first need so that
# `congvan --help` and plain-text runs never pay for OCR or LibreOffice imports.
_EXTRA_READER_MODULES = ("pipeline.ocr", "pipeline.office")
_extras_loaded = False


def _load_extra_readers() -> None:
    global _extras_loaded
    if _extras_loaded:
        return
    _extras_loaded = True
    import importlib
    for name in _EXTRA_READER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # module not written yet or optional dependency absent
            if exc.name not in (name, name.rsplit(".", 1)[-1]):
                raise


def supported_suffixes() -> list[str]:
    _load_extra_readers()
    return sorted(READERS)


def read_file(path: str | Path) -> list[RawDocument]:
    """Read one file into one RawDocument (several for .jsonl)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in READERS:
        _load_extra_readers()
    fn = READERS.get(suffix)
    if fn is None:
        raise IngestError(p, f"unsupported file type '{suffix or '(none)'}'")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(p, f"cannot read file ({exc.strerror or exc})") from None
    if not data:
        raise IngestError(p, "empty file")
    try:
        return fn(p, data)
    except IngestError:
        raise
    except Exception as exc:  # a reader's library failed on this file: name the file and why
        raise IngestError(p, f"{type(exc).__name__}: {exc}") from None


def read_text(text: str, name: str | None = None) -> RawDocument:
    """A string given directly (API use): one page, format txt."""
    return RawDocument(path=name, format="txt", pages=[Page(1, text)], sha256=sha256(text.encode("utf-8")))


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively, sorted, hidden ones skipped)."""
    _load_extra_readers()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) \
                        and f.suffix.lower() in READERS:
                    yield f
        else:
            yield p


# --- text ------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> str:
    """Bytes → str: BOM, then UTF-8, then UTF-16 without BOM, then Windows-1258 (Vietnamese ANSI)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: every other byte of ASCII-range text is NUL
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        enc = "utf-16-le" if data[1] == 0 else "utf-16-be"
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise IngestError(None, "text is neither UTF-8, UTF-16 nor Windows-1258") from None


@reader(".txt", ".text")
def _read_txt(path: Path, data: bytes) -> list[RawDocument]:
    try:
        text = decode_text(data)
    except IngestError as exc:
        raise IngestError(path, exc.reason) from None
    return [RawDocument(str(path), "txt", [Page(1, text)], sha256(data))]


@reader(".md", ".markdown")
def _read_md(path: Path, data: bytes) -> list[RawDocument]:
    doc = _read_txt(path, data)[0]
    doc.format = "md"
    return [doc]


# --- JSON records (crawled documents) --------------------------------------------------------

_TEXT_KEYS = ("text", "content", "noi_dung")
_INFO_KEYS = ("id", "number", "issue_date", "complete", "url", "title")


def _record_doc(path: Path, rec: object, raw: bytes, where: str) -> RawDocument:
    if not isinstance(rec, dict):
        raise IngestError(path, f"{where}: a JSON object with a 'text' field was expected")
    text = next((rec[k] for k in _TEXT_KEYS if isinstance(rec.get(k), str)), None)
    if text is None:
        raise IngestError(path, f"{where}: no 'text' field")
    info = {k: rec[k] for k in _INFO_KEYS if k in rec}
    if where:
        info["record"] = where
    return RawDocument(str(path), "json", [Page(1, text)], sha256(raw), info)


@reader(".json")
def _read_json(path: Path, data: bytes) -> list[RawDocument]:
    try:
        obj = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if isinstance(obj, list):
        return [_record_doc(path, rec, json.dumps(rec, ensure_ascii=False, sort_keys=True).encode(), f"item {i}")
                for i, rec in enumerate(obj)]
    return [_record_doc(path, obj, data, "")]


@reader(".jsonl", ".ndjson")
def _read_jsonl(path: Path, data: bytes) -> list[RawDocument]:
    """One document per line. A bad line is reported as an error of its own (the others still come
    out) by returning it as an IngestError placeholder? No: records must be all-or-nothing per file
    would lose good lines, so bad lines are collected into `info['errors']` of the first document."""
    docs: list[RawDocument] = []
    errors: list[str] = []
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            docs.append(_record_doc(path, rec, line, f"line {n}"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            errors.append(f"line {n}: invalid JSON ({exc})")
        except IngestError as exc:
            errors.append(exc.reason)
    if not docs:
        raise IngestError(path, "no readable records" + (f" ({errors[0]})" if errors else ""))
    if errors:
        docs[0].info["errors"] = errors
    return docs


# --- PDF text layer --------------------------------------------------------------------------
# pypdfium2 reads the text layer in content-stream order: the two header columns (issuer | Quốc
# hiệu) come out apart, where pdfplumber's geometric lines interleave them, and it is ~50× faster
# (5 ms against 270 ms a page on the Công báo PDFs). pdfplumber stays for table geometry.

@reader(".pdf")
def _read_pdf(path: Path, data: bytes) -> list[RawDocument]:
    import pypdfium2 as pdfium  # lazy: native library

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"not a readable PDF ({exc})") from None
    pages: list[Page] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(Page(i + 1, textpage.get_text_bounded().replace("\r\n", "\n")))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not pages:
        raise IngestError(path, "PDF has no pages")
    return [RawDocument(str(path), "pdf", pages, sha256(data))]
