"""Ingest: a file (or a string) → RawDocument(s) with pages of text.

Readers are registered by file suffix, the way spaCy registers components: each takes the path and
its bytes and returns one or more `RawDocument`. A file that cannot be read raises `IngestError`
naming the file and the reason; the batch driver reports it and goes on.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import unicodedata
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
    """Bytes → str: BOM, UTF-8, UTF-16 without BOM, then the legacy Vietnamese byte encodings
    TCVN3 (ABC) / VNI when the text reads as one, else Windows-1258. Legacy text that reached UTF-8
    as Latin-1 look-alikes ("Uû ban nh©n d©n") is converted too (pipeline.legacy_encodings)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _unlegacy(data.decode(enc))
    try:
        return _unlegacy(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: every other byte of ASCII-range text is NUL
    if len(data) >= 4 and data.count(0) > len(data) // 4:
        enc = "utf-16-le" if data[1] == 0 else "utf-16-be"
        try:
            return _unlegacy(data.decode(enc))
        except UnicodeDecodeError:
            pass
    # single-byte: TCVN3 / VNI are judged on the Latin-1 reading of the bytes (their tables are
    # keyed that way); Windows-1258 is the fallback
    latin = data.decode("latin-1")
    converted = _unlegacy(latin)
    if converted is not latin:
        return converted
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))  # cp1258 decodes to combining marks
    except UnicodeDecodeError:
        raise IngestError(None, "text is neither UTF-8, UTF-16, TCVN3, VNI nor Windows-1258") from None


def _unlegacy(text: str) -> str:
    """TCVN3 / VNI text → Unicode; any other text is returned as the same object."""
    from .legacy_encodings import fix_legacy  # lazy: tables load on first legacy-looking text

    fixed, enc = fix_legacy(text)
    return fixed if enc else text


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


# --- PDF: text layer, or OCR page by page --------------------------------------------------
# pypdfium2 reads the text layer in content-stream order: the two header columns (issuer | Quốc
# hiệu) come out apart, where pdfplumber's geometric lines interleave them, and it is ~50× faster
# (5 ms against 270 ms a page on the Công báo PDFs). pdfplumber stays for table geometry.
#
# Each page is judged on its own. A page whose text layer holds most of its words is read from it;
# a page that is mostly image with only a signing stamp or a running header as text (Công báo's
# scanned Nghị quyết pages carry "CÔNG BÁO/Số 271/…" over a scan), or whose text layer is garbled
# (a broken font map: few real Vietnamese syllables), is rendered at 300 dpi and OCRed. A text
# layer in TCVN3 / VNI (old .VnTime PDFs without a ToUnicode map) is converted, not OCRed.

PDF_OCR_DPI = 300
_TEXT_PAGE_CHARS = 800     # this many characters in the text layer: a text page, no geometry needed
_IMAGE_SHARE = 0.15        # images covering this share of the page may hold its text …
_TEXT_OVER_IMAGE = 0.25    # … unless text covers at least this share of the image area
_OUTLINE_PATHS = 300       # a page with no text but this many vector paths is outlined text


def judge_pdf_page(page, textpage, text: str) -> str:
    """How to read one PDF page: "text", "ocr", or a legacy encoding ("tcvn3"/"vni") to convert."""
    chars = len(text) - text.count(" ") - text.count("\n")
    if chars < _TEXT_PAGE_CHARS:
        import pypdfium2.raw as pdfium_c

        width, height = page.get_size()
        area = max(width * height, 1.0)
        text_area = 0.0
        for k in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(k)
            text_area += max(0.0, right - left) * max(0.0, top - bottom)
        image_area = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            w = min(right, width) - max(left, 0.0)
            h = min(top, height) - max(bottom, 0.0)
            image_area += max(0.0, w) * max(0.0, h)
        image_area = min(image_area, area)
        if image_area >= _IMAGE_SHARE * area and text_area < _TEXT_OVER_IMAGE * image_area:
            return "ocr"
        if chars < 10:
            paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))
            return "ocr" if paths >= _OUTLINE_PATHS else "text"
    from .legacy_encodings import detect, looks_garbled

    enc = detect(text)
    if enc:
        return enc
    return "ocr" if looks_garbled(text) else "text"


def _render(pdf, index: int):
    """A page as a 300 dpi grey image, without form widgets (the signing stamp is one)."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=PDF_OCR_DPI / 72, grayscale=True, may_draw_forms=False)
        return bitmap.to_pil().copy()  # the copy outlives the bitmap's buffer
    finally:
        page.close()


def pdf_signatures(pdf) -> list[dict]:
    """Digital signatures of a PDF: [{"signed_at": ISO 8601, "reason": …}] (pdfium signature objects)."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from .ocr_repair import iso_time

    out = []
    try:
        count = pdfium_c.FPDF_GetSignatureCount(pdf.raw)
    except AttributeError:  # a pdfium build without the signature API
        return out
    for k in range(max(count, 0)):
        sig = pdfium_c.FPDF_GetSignatureObject(pdf.raw, k)
        entry: dict = {}
        n = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
        if n > 0:
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFSignatureObj_GetTime(sig, buf, n)
            when = iso_time(buf.value.decode("ascii", "replace"))
            if when:
                entry["signed_at"] = when
        n = pdfium_c.FPDFSignatureObj_GetReason(sig, None, 0)
        if n > 2:
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFSignatureObj_GetReason(sig, buf, n)
            entry["reason"] = buf.raw.decode("utf-16-le", "replace").rstrip("\x00").strip()
        if entry:
            out.append(entry)
    return out


@reader(".pdf")
def _read_pdf(path: Path, data: bytes) -> list[RawDocument]:
    import pypdfium2 as pdfium  # lazy: native library

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"not a readable PDF ({exc})") from None
    pages: list[Page] = []
    to_ocr: list[int] = []
    info: dict = {}
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
            verdict = judge_pdf_page(page, textpage, text)
            textpage.close()
            page.close()
            if verdict in ("tcvn3", "vni"):
                from .legacy_encodings import to_unicode
                text = to_unicode(text, verdict)
                info["legacy_encoding"] = verdict
            elif verdict == "ocr":
                to_ocr.append(i)
            pages.append(Page(i + 1, text))
        if not pages:
            raise IngestError(path, "PDF has no pages")
        if to_ocr:
            _ocr_pdf_pages(path, pdf, pages, to_ocr, info)
        signatures = pdf_signatures(pdf)
    finally:
        pdf.close()
    _strip_stamps(pages, info)
    if signatures:
        info["signatures"] = signatures
        times = sorted(s["signed_at"] for s in signatures if "signed_at" in s)
        if times:  # the issuer signs first; a Công báo or văn thư countersignature comes later
            info["signed_at"] = times[0]
    return [RawDocument(str(path), "pdf", pages, sha256(data), info)]


def _ocr_pdf_pages(path: Path, pdf, pages: list[Page], to_ocr: list[int], info: dict) -> None:
    from . import ocr

    reason = ocr.unavailable_reason()
    if reason:
        if len(to_ocr) == len(pages) and not any(pages[i].text.strip() for i in to_ocr):
            raise IngestError(path, f"PDF has no usable text layer and OCR is unavailable: {reason}")
        info["ocr_skipped"] = f"{len(to_ocr)} page(s) left as their text layer: {reason}"
        return
    results = ocr.ocr_images(((_render(pdf, i), PDF_OCR_DPI) for i in to_ocr), count=len(to_ocr))
    for i, page in zip(to_ocr, ocr.to_pages(results, info, [i + 1 for i in to_ocr])):
        pages[i] = page


def _strip_stamps(pages: list[Page], info: dict) -> None:
    """Signing-stamp lines of text-layer pages go to info["stamp"] (OCR pages had theirs moved)."""
    from .ocr_repair import strip_signature_stamp

    for p in pages:
        if p.ocr:
            continue
        p.text, stamp, signed = strip_signature_stamp(p.text)
        if stamp:
            info.setdefault("stamp", []).extend(stamp)
        if signed:
            info.setdefault("signed_at", signed)
