"""Sentences: Layout → sentence units with their zone (SPEC §7).

Layout already cut the body at enumeration markers, "Căn cứ" clauses and the enacting word; here
each unit is split further where a sentence really ends (".", "?", "!", "./."), never at an
abbreviation ("KT.", "TP.", "v.v."), a number ("1.500.000", "3.2"), a date or a ký hiệu.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .layout import Layout, _UPPER
from .models_data import load
from .records import Sentence


@lru_cache(maxsize=None)
def _end_re() -> re.Pattern:
    # a sentence ends at ./. or at . ? ! followed by space(s) and a capital, a quote, a marker or "("
    return re.compile(rf"\./\.|[.?!…](?=\s+[\"“'(\[{_UPPER}0-9-–+•])")


@lru_cache(maxsize=None)
def _abbrev_tail() -> re.Pattern:
    abbrevs = sorted({a.rstrip(".") for a in load("layout")["sentence_abbreviations"]} | {"v.v"}, key=len, reverse=True)
    alt = "|".join(re.escape(a) for a in abbrevs)
    # the word right before the period is an abbreviation (or a lone initial like "A.")
    return re.compile(rf"(?:(?<![\w.])(?:{alt})|(?<![\w])[{_UPPER}])$")


_MARKER_AT = re.compile(r"\s*(?:Điều\s+\d+[a-z]?\s*\.|Chương\s+[IVXLC\d]+\.?|Mục\s+\d+\.|[IVXL]{1,5}\s*\.|\d{1,2}(?:\.\d{1,2})*\s*\.?|[a-zđ]\)|\(\d{1,2}\)|\d{1,2}\))(?=\s)")


def split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]; a unit's own opening marker ("1.", "II.") never ends it."""
    spans = []
    s = start
    m0 = _MARKER_AT.match(text, start, end)
    search_from = m0.end() if m0 else start
    for m in _end_re().finditer(text, search_from, end):
        e = m.end()
        if m.group(0) == ".":
            before = text[max(start, m.start() - 12):m.start()]
            if _abbrev_tail().search(before):
                continue
        if e - s > 0 and text[s:e].strip():
            spans.append((s, e))
        s = e
        while s < end and text[s] in " \n":
            s += 1
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return [(a, _rstrip(text, a, b)) for a, b in spans if _rstrip(text, a, b) > a]


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in " \n":
        b -= 1
    return b


def segment(layout: Layout) -> list[Sentence]:
    """All sentence units of the document, in text order."""
    text = layout.text
    out: list[Sentence] = []
    for s, e, name in layout.header_fields:
        if name == "recipients":
            continue
        if e > s:
            out.append(Sentence(s, _rstrip(text, s, e), "header"))
    for u in layout.units:
        for a, b in split_unit(text, u.start, u.end):
            out.append(Sentence(a, b, "body"))
    cs, ce = layout.recipients
    if ce > cs:
        intro = re.match(r"Nơi\s*nhận\s*:?", text[cs:ce])
        if intro:
            out.append(Sentence(cs, cs + intro.end(), "recipients"))
        for a, b in layout.cc_spans:
            out.append(Sentence(a, b, "recipients"))
    for a, b in layout.signature_spans:
        out.append(Sentence(a, b, "signature"))
    out.sort(key=lambda x: (x.start, x.end))
    # drop overlaps (a header field inside another): keep the first
    clean: list[Sentence] = []
    for snt in out:
        if clean and snt.start < clean[-1].end:
            continue
        clean.append(snt)
    return clean
