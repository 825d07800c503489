"""Stages: a file path or a string → Document, running every stage in order.

ingest → normalize → layout → sentences → citations → resolve → tasks (deadlines, agencies)
→ task tables (PDF only: one task per table row, replacing the prose read of the table).
Each stage is a pure function of what the earlier ones put on the record.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Union

from . import ingest
from .records import Document, RawDocument


def _doc_id(raw: RawDocument) -> str:
    return raw.sha256[:16]


def from_raw(raw: RawDocument) -> Document:
    from . import citations as cit
    from . import layout as lay
    from . import normalize as norm
    from . import resolve, sentences, tasks

    n = norm.normalize(raw)
    lo = lay.analyze(n.text, raw.info)
    md = lo.metadata
    found = cit.find_citations(n.text, own_reference=md.reference)
    found = resolve.citations(n.text, found, md)
    source = {
        "path": raw.path, "format": raw.format, "pages": len(raw.pages),
        "ocr": any(p.ocr for p in raw.pages), "sha256": raw.sha256,
        "page_starts": n.page_starts,
    }
    conf = [p.confidence for p in raw.pages if p.confidence is not None]
    if conf:
        source["page_confidence"] = [p.confidence for p in raw.pages]
    for key in ("record", "signed_at", "errors"):
        if key in raw.info:
            source[key] = raw.info[key]
    doc_id = _doc_id(raw)
    doc = Document(doc_id=doc_id, source=source, text=n.text, metadata=md, citations=found)
    doc.sentences = sentences.segment(lo)
    doc.tasks = tasks.extract(lo, found, doc_id, md.date, md.doc_type)
    if raw.format == "pdf":  # task tables: one task per row, replacing the prose read of the table
        from . import task_tables
        rows = task_tables.rows_from_pdf(raw, n.text, n.page_starts)
        if rows:
            doc.tasks = task_tables.merge_tasks(doc.tasks, rows, n.text, doc_id, md.date, found)
    return doc


def extract(path_or_text: Union[str, Path]) -> Document:
    """One document from a file path (its first record, for .jsonl) or from the text itself."""
    if isinstance(path_or_text, Path) or _looks_like_path(path_or_text):
        raws = ingest.read_file(path_or_text)  # a missing file is an IngestError, not a text
        return from_raw(raws[0])
    return from_raw(ingest.read_text(str(path_or_text)))


def _looks_like_path(s: str) -> bool:
    """A one-line string naming an existing file, or ending in a suffix we read."""
    if "\n" in s or len(s) > 4096:
        return False
    p = Path(s)
    return p.is_file() or (p.suffix.lower() in ingest.supported_suffixes() and " " not in p.name)


def extract_all(paths: Iterable[Union[str, Path]]) -> Iterator[tuple[str, Union[Document, ingest.IngestError]]]:
    """Every document under the given files and folders; a file that fails yields its IngestError."""
    for p in ingest.iter_paths(paths):
        try:
            raws = ingest.read_file(p)
        except ingest.IngestError as exc:
            yield str(p), exc
            continue
        for raw in raws:
            try:
                yield str(p), from_raw(raw)
            except Exception as exc:  # a bug on one document must not stop the batch
                where = raw.info.get("record")
                reason = f"extraction failed{' at ' + where if where else ''}: {type(exc).__name__}: {exc}"
                yield str(p), ingest.IngestError(p, reason)
        errors = raws[0].info.get("errors") if raws else None
        for e in errors or ():
            yield str(p), ingest.IngestError(p, e)
