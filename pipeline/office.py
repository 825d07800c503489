"""Office and web files: .docx / .doc / .html → one page of text in reading order.

.docx (python-docx): body paragraphs and tables in document order. The NĐ 30 header (issuer |
Quốc hiệu, Số | place and date) and the signature block (Nơi nhận | signer) are laid out as small
borderless tables: they are read row by row, left cell then right cell, each cell's paragraphs on
their own lines. Other tables are content: one line per row, cells joined by " | ". Runs in a
.VnTime / VNI-Times font are converted from TCVN3 / VNI (pipeline.legacy_encodings).
.doc is converted to .docx by LibreOffice headless when `soffice` is installed.
.html / .htm (BeautifulSoup + lxml): block elements become lines, tables as above, scripts and
styles dropped.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator, Optional

from .ingest import IngestError, decode_text, reader, sha256
from .records import Page, RawDocument

SEP = " | "
LAYOUT_MAX_ROWS = 4
LAYOUT_MAX_COLS = 3
SOFFICE_TIMEOUT = 180  # seconds
# A small table holding one of these is the header / signature layout, not content
_LAYOUT_MARKERS = re.compile(
    r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN|Số\s*:|Nơi nhận|Kính gửi|V/v|\b(?:KT|TM|TL|TUQ)\.|"
    r"ngày\s+\S*\s+tháng|CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG", re.I)
_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")


def _clean(line: str) -> str:
    return _WS.sub(" ", line).strip()


def _is_layout(rows: list[list[list[str]]]) -> bool:
    """A header/signature layout table: few rows and columns, and NĐ 30 header or signature words."""
    if not rows or len(rows) > LAYOUT_MAX_ROWS or max(len(r) for r in rows) > LAYOUT_MAX_COLS:
        return False
    text = "\n".join(l for r in rows for cell in r for l in cell)
    return bool(_LAYOUT_MARKERS.search(text))


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Rows of cells (each a list of lines) → text lines: layout tables in reading order, content
    tables one line per row with " | " between cells."""
    out: list[str] = []
    if _is_layout(rows):
        for row in rows:
            for cell in row:
                out.extend(l for l in cell if l)
        return out
    for row in rows:
        cells = [" ".join(l for l in cell if l) for cell in row]
        if any(cells):
            out.append(SEP.join(cells))
    return out


# --- .docx ------------------------------------------------------------------------------------------

def _docx_font(run, paragraph, default: Optional[str]) -> Optional[str]:
    """Font of a run: its own, else its paragraph style's (and base styles'), else the document's."""
    name = run.font.name
    if name:
        return name
    rpr = run._element.rPr
    if rpr is not None and rpr.rFonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            val = rpr.rFonts.get(_qn(attr))
            if val:
                return val
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return default


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


def _docx_paragraph(p, default_font: Optional[str]) -> str:
    from .legacy_encodings import font_encoding, to_unicode

    parts = []
    for run in p.runs:
        text = run.text
        if not text:
            continue
        enc = font_encoding(_docx_font(run, p, default_font))
        if enc and not text.isascii():
            text = to_unicode(text, enc)
        parts.append(text)
    if not parts:  # hyperlinks and fields hold runs python-docx does not list
        return p.text
    return "".join(parts)


def _docx_blocks(parent, owner, default_font: Optional[str]) -> Iterator[tuple[str, object]]:
    """("p", text) and ("table", rows) in document order under a body or a table cell element;
    `owner` is the python-docx body, through which styles are looked up."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", _docx_paragraph(Paragraph(child, owner), default_font)
        elif tag == "tbl":
            yield "table", _docx_table(Table(child, owner), owner, default_font)
        elif tag == "sdt":  # content controls wrap paragraphs and tables
            content = child.find(_qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, owner, default_font)


def _docx_table(table, owner, default_font: Optional[str]) -> list[list[list[str]]]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells, seen = [], set()
        for tc in tr.tc_lst:
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            lines: list[str] = []
            for kind, val in _docx_blocks(tc, owner, default_font):
                if kind == "p":
                    lines.extend(_clean(l) for l in str(val).split("\n"))
                else:
                    lines.extend(table_lines(val))  # a table inside a cell
            cells.append([l for l in lines if l])
        rows.append(cells)
    return rows


def _docx_default_font(doc) -> Optional[str]:
    try:
        styles = doc.styles.element
        rfonts = styles.find(".//" + _qn("w:rPrDefault") + "//" + _qn("w:rFonts"))
        if rfonts is not None:
            return rfonts.get(_qn("w:ascii")) or rfonts.get(_qn("w:hAnsi"))
        normal = doc.styles["Normal"]
        return normal.font.name
    except (KeyError, AttributeError):
        return None


def docx_text(data: bytes) -> str:
    """A .docx file's body text in reading order (see the module docstring)."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    default_font = _docx_default_font(doc)
    lines: list[str] = []
    for kind, val in _docx_blocks(doc.element.body, doc._body, default_font):
        if kind == "p":
            lines.extend(_clean(l) for l in str(val).split("\n"))
        else:
            if lines and lines[-1]:
                lines.append("")
            lines.extend(table_lines(val))
            lines.append("")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    from .legacy_encodings import fix_legacy  # legacy text in a font we could not see

    return fix_legacy(text)[0]


@reader(".docx", ".docm")
def _read_docx(path: Path, data: bytes) -> list[RawDocument]:
    import zipfile

    try:
        text = docx_text(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, f"not a readable .docx ({exc})") from None
    return [RawDocument(str(path), "docx", [Page(1, text)], sha256(data))]


# --- .doc via LibreOffice ----------------------------------------------------------------------------

def soffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


@reader(".doc", ".rtf", ".odt")
def _read_doc(path: Path, data: bytes) -> list[RawDocument]:
    exe = soffice()
    suffix = path.suffix.lower()
    if exe is None:
        raise IngestError(path, f"{suffix} needs LibreOffice (soffice) to convert it to .docx; install it "
                                "(apt-get install libreoffice-writer-nogui) or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="congvan-doc-") as tmp:
        src = Path(tmp, "in" + suffix)
        src.write_bytes(data)
        # a private profile: two conversions at once must not share LibreOffice's lock file
        profile = Path(tmp, "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise IngestError(path, f"LibreOffice did not convert the file within {SOFFICE_TIMEOUT} s") from None
        out = Path(tmp, "in.docx")
        if not out.exists():
            raise IngestError(path, f"LibreOffice could not convert this {suffix} file")
        text = docx_text(out.read_bytes())
    return [RawDocument(str(path), "docx", [Page(1, text)], sha256(data), {"converted_from": suffix.lstrip(".")})]


# --- .html -----------------------------------------------------------------------------------------------

_BLOCK = frozenset("""address article aside blockquote body center dd details dialog dir div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary ul
caption tbody thead tfoot tr td th""".split())
_DROP = frozenset("script style noscript head template svg iframe object button select textarea".split())


def _html_lines(node, out: list[str], buf: list[str]) -> None:
    from bs4 import Comment, NavigableString, Tag

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _DROP:
            continue
        if name == "br":
            _flush(out, buf)
        elif name == "table":
            _flush(out, buf)
            out.extend(table_lines(_html_table(child)))
        elif name in _BLOCK:
            _flush(out, buf)
            _html_lines(child, out, buf)
            _flush(out, buf)
        else:
            _html_lines(child, out, buf)


def _flush(out: list[str], buf: list[str]) -> None:
    line = _clean("".join(buf))
    buf.clear()
    if line:
        out.append(line)


def _html_table(table) -> list[list[list[str]]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = []
        for td in tr.find_all(["td", "th"]):
            if td.find_parent("table") is not table:
                continue
            lines: list[str] = []
            buf: list[str] = []
            _html_lines(td, lines, buf)
            _flush(lines, buf)
            cells.append(lines)
        if cells:
            rows.append(cells)
    return rows


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def html_text(data: bytes | str) -> str:
    from bs4 import BeautifulSoup

    if isinstance(data, bytes):
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                data = data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                data = decode_text(data)
        else:  # no declared charset: UTF-8 first, as for text files (a guesser took UTF-8 for Shift-JIS)
            data = decode_text(data)
    soup = BeautifulSoup(data, "lxml")
    root = soup.body or soup
    out: list[str] = []
    buf: list[str] = []
    _html_lines(root, out, buf)
    _flush(out, buf)
    from .legacy_encodings import fix_legacy  # <font face=".VnTime"> pages

    return fix_legacy("\n".join(out))[0]


@reader(".html", ".htm", ".xhtml")
def _read_html(path: Path, data: bytes) -> list[RawDocument]:
    return [RawDocument(str(path), "html", [Page(1, html_text(data))], sha256(data))]
