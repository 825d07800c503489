"""Normalize: RawDocument pages → one clean text (NFC, look-alikes fixed, layout noise removed).

The text built here is the `text` of the record: every later offset points into it, never into
the source bytes, so markdown emphasis and running headers are removed here, once, before any
stage measures an offset.
"""
from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from dataclasses import dataclass, field

from .records import RawDocument

# Look-alikes and invisible characters (SPEC §3: "Ð" U+00D0 → "Đ").
_CHAR_FIXES = {
    "\u00d0": "Đ", "\u00f0": "đ", "\u0110": "Đ",
    "\x02": "-",  # pdfium's mark for a hyphen at a line break ("NĐ-\nCP")
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u3000": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    "\u2028": "\n", "\u2029": "\n", "\x0c": "\n", "\x0b": "\n",
}
_CHAR_MAP = str.maketrans(_CHAR_FIXES)


def _fix_chars(text: str) -> str:
    """text.translate(_CHAR_MAP), but a replace per character present: translate looks up every
    character of a Vietnamese text in the map (≈0.7 ms a document); most texts hold none of these.
    (No replacement is itself a key, so the order does not matter.)"""
    for c, r in _CHAR_FIXES.items():
        if c in text:
            text = text.replace(c, r or "")
    return text

# Lines that are not document text: Công báo running headers, bare page numbers, signing stamps.
_NOISE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"C[ÔO]NG B[ÁA]O\s*/\s*S[ốô]\s*[\d+\s]+/\s*Ng[àa]y\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}\s*\d*"  # CÔNG BÁO/Số 302/Ngày 02-06-2026 44
    r"|\d{1,4}\s*C[ÔO]NG B[ÁA]O\s*/\s*S[ốô]\s*[\d+\s]+/\s*Ng[àa]y\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}"  # 44 CÔNG BÁO/… (even pages)
    r"|[-–]?\s*\d{1,4}\s*[-–]?"                                    # a page number alone
    r"|(?:Ký bởi|Cơ quan|Ngày ký|Thời gian ký|Email|Signature Not Verified)\s*:.*"  # signing stamp
    r")[ \t]*$", re.MULTILINE)

# The same header run into a line of text or a table row, or cut by a line break: "… Tháng 9/2024
# 76 CÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023 STT …", "CÔNG BÁO/S\nố 275/Ngày 15-05-2026 69",
# "… CÔNG BÁO/Số 271/Ngày 12-05-2026 Ñ7" (a page number the text layer garbled).
_INLINE_HEADER = re.compile(
    r"[ \t]*(?:(?<![\w/.,-])\d{1,4}[ \t]+)?C[ÔO]NG B[ÁA]O\s*/\s*S\s*[ốô]\s*\d[\d+ ]*/\s*Ng[àa]y\s*\d{1,2}\s*-\s*"
    r"\d{1,2}\s*-\s*\d{4}(?:[ \t]+(?:\d{1,4}(?!\S)|(?=\S{0,3}\d)\S{1,4}(?=[ \t]*$)))?[ \t]*", re.MULTILINE)

_MD_EMPHASIS = re.compile(r"\*\*\*|\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])__(?=\S)|(?<=\S)__(?![\w_])")
_CRAWL_BREAK = re.compile(r"[ ]*\r?\n[ ]+|\r\n")  # crawled HTML wrapped at ~80 columns: "…chính\r\n  quyền"
_CONG_BAO = re.compile(r"C[ÔO]NG B[ÁA]O")  # in every _INLINE_HEADER: a fast test before that pattern
_TRAILING_SPACE = re.compile(r"[ ]+$", re.MULTILINE)
_MULTISPACE = re.compile(r"[ ]{2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Letter-spaced syllables ("C Ô NG", "n g ành", "xử l ý"): web copies and PDF titles space a
# syllable's letters apart. A vowel-less token is glued to its neighbours when the glued word is a
# common Vietnamese syllable (models/syllables.json) of the onset-vowels-coda shape, so "TT ATGT"
# stays apart. A fragment that starts with a vowel ("ti ền") is left as it is.
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?")
# (each of these two leads with its letter and looks behind after it: the engine then skips ahead to
# the letters instead of trying the lookbehind at every character)
_FRAGMENT = re.compile(r"[bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX](?<![\w/.&-].)[bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX]{0,2}(?![\w/.&)-])")
# A syllable's tail cut off from its onset ("Nhi ệm", "quy ền", "li ệu"): a vowel-first token that
# is rare on its own is glued to its left neighbour by the same test; "có ý", "thì ở" stay apart
# because "ý" and "ở" are common words.
_VOWEL_FRAGMENT = re.compile(
    r"[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ](?<=[^\W\d_] .)"
    r"[^\W\d_]{0,3}(?![\w/.&)-])", re.IGNORECASE)
_RUN_LEFT = re.compile(r"(?:[^\W\d_]+ )+$")
_RUN_RIGHT = re.compile(r"(?: [^\W\d_]+)+")
_MIN_SYLLABLE_COUNT = 20  # occurrences in the crawl for a glued word to count as a syllable
_MAX_GLUE = 7             # "n g h i ê n g": a syllable has at most seven letters


def _unbreak_crawl(text: str) -> str:
    """_CRAWL_BREAK.sub(" ", text) from the line breaks out: that pattern, led by "[ ]*", is tried
    at every character (≈0.4 ms a document); here only each "\n" is looked at."""
    out: list[str] = []
    pos, n = 0, len(text)
    i = text.find("\n")
    while i >= 0:
        a = i - 1 if i - 1 >= pos and text[i - 1] == "\r" else i
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        if j > i + 1:  # spaces after the break: the spaces before it go too
            while a > pos and text[a - 1] == " ":
                a -= 1
            out.append(text[pos:a])
            out.append(" ")
            pos = j
        elif a < i:  # a bare "\r\n"
            out.append(text[pos:a])
            out.append(" ")
            pos = i + 1
        i = text.find("\n", max(i + 1, pos))
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _is_flattened(text: str) -> bool:
    """Crawled web copies: few, very long lines, broken by CRLF plus indentation at ~80 columns."""
    if "\r\n" in text and text.count("\n") * 60 < len(text):
        return True
    lines = text.count("\n") + 1
    return len(text) / lines > 400


def _syllables() -> dict[str, int]:
    from .models_data import load
    return load("syllables")["unigrams"]


def rejoin_spaced_letters(text: str) -> str:
    """Glue letter-spaced syllables back: "C Ô NG ĐIỆN" → "CÔNG ĐIỆN", "xử l ý" → "xử lý".

    Around each vowel-less token ("NG", "l", "ch"), within the run of letter tokens one space
    apart, the longest window (that token among them) whose concatenation is a common syllable
    is joined; nothing else moves. A rare vowel-first token ("ệm", "ền") is a fragment too.
    """
    counts = _syllables()
    out: list[str] = []
    pos = 0
    tails = (m for m in _VOWEL_FRAGMENT.finditer(text)
             if counts.get(m.group(0).lower(), 0) < _MIN_SYLLABLE_COUNT)
    for m in heapq.merge(_FRAGMENT.finditer(text), tails, key=lambda m: m.start()):
        if m.start() < pos:
            continue  # inside the previous join
        lm = _RUN_LEFT.search(text, max(pos, m.start() - 48), m.start())
        rm = _RUN_RIGHT.match(text, m.end(), m.end() + 48)
        left = lm.group(0).split() if lm else []
        right = rm.group(0).split() if rm else []
        toks = left + [m.group(0)] + right
        low = [t.lower() for t in toks]
        k = len(left)
        best = None
        for i in range(max(0, k - _MAX_GLUE + 1), k + 1):
            for j in range(min(len(toks), i + _MAX_GLUE), k, -1):
                if j - i < 2 or (best and j - i <= best[1] - best[0]):
                    continue
                word = "".join(low[i:j])
                if (len(word) <= _MAX_GLUE and counts.get(word, 0) >= _MIN_SYLLABLE_COUNT
                        and _SYLLABLE_SHAPE.fullmatch(word)):
                    best = (i, j)
        if not best:
            continue
        i, j = best
        start = m.start() - sum(len(t) + 1 for t in toks[i:k])
        end = m.end() + sum(len(t) + 1 for t in toks[k + 1:j])
        out.append(text[pos:start])
        out.append("".join(toks[i:j]))
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _unwrap_lines(text: str) -> str:
    """Join visual line wraps (PDF, hard-wrapped text) into logical lines, keeping length."""
    from .layout import starts_new_line  # the layout's own idea of where a line must begin

    lines = text.split("\n")
    out = [lines[0]] if lines else []
    for line in lines[1:]:
        prev = out[-1]
        if prev.strip() and line.strip() and not starts_new_line(prev, line):
            out[-1] = prev.rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


@dataclass
class Normalized:
    text: str
    page_starts: list[int]
    removed: list[str] = field(default_factory=list)  # noise lines dropped (headers, stamps)

    def page_of(self, offset: int) -> int:
        """1-based page number of a text offset."""
        return bisect.bisect_right(self.page_starts, offset)


def normalize_page(text: str, fmt: str, removed: list[str] | None = None) -> str:
    text = _fix_chars(unicodedata.normalize("NFC", text))
    if _is_flattened(text):
        text = _unbreak_crawl(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt in ("md", "txt") and "*" in text:
        text = _MD_EMPHASIS.sub("", text)
    if removed is not None:
        removed.extend(m.group(0).strip() for m in _NOISE_LINE.finditer(text) if m.group(0).strip())
    text = _NOISE_LINE.sub("", text)
    if _CONG_BAO.search(text):
        if removed is not None:
            removed.extend(m.group(0) for m in _INLINE_HEADER.finditer(text))
        text = _INLINE_HEADER.sub("\n", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _MULTISPACE.sub(" ", text)
    text = rejoin_spaced_letters(text)
    if fmt in ("pdf", "image", "docx", "html"):
        text = "\n".join(l for l in text.split("\n") if l.strip())  # visual blank lines carry nothing
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip("\n ")


def normalize(raw: RawDocument) -> Normalized:
    """Pages → one text. Pages are joined with a newline, so a sentence may run across them."""
    removed: list[str] = []
    parts: list[str] = []
    page_starts: list[int] = []
    pos = 0
    for page in raw.pages:
        t = normalize_page(page.text, raw.format, removed)
        page_starts.append(pos)
        parts.append(t)
        pos += len(t) + 1
    text = "\n".join(parts)
    if raw.format in ("pdf", "image", "docx", "html"):
        text = _unwrap_lines(text)
        # a table cell wraps a syllable over lines ("Nhi\nệm v\nụ"): glue again once they are one line
        # (page by page, keeping whatever now joins the pages: a newline, or a space where a
        # sentence runs on)
        pages = [(a, b - 1) for a, b in zip(page_starts, page_starts[1:] + [len(text) + 1])]
        out: list[str] = []
        page_starts, pos = [], 0
        for a, b in pages:
            page_starts.append(pos)
            out.append(rejoin_spaced_letters(text[a:b]) + text[b:b + 1])
            pos += len(out[-1])
        text = "".join(out)
    return Normalized(text=text, page_starts=page_starts or [0], removed=removed)
