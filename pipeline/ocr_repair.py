"""OCR repair: raw Tesseract page text → text the extractors can read; and signature stamps → info.

Tesseract's Vietnamese model makes a few systematic slips on dispatches: the look-alike "Ð"
(U+00D0) for "Đ", bent separators and abbreviations inside a ký hiệu ("QĐ_UBND", "Q Đ-UBND",
"QĐĐ"), diacritic slips in the Quốc hiệu, stray "|" from table rules, and a line break at every
printed line. The rules are data (models/ocr_repairs.yaml, an example beside each); this module
only applies them, in order. Apply `repair` to OCRed pages only.

`strip_signature_stamp` removes the digital-signature stamp lines ("Ký bởi: …", "Ngày ký: …") from
any page text, returning them and the signing time, which are facts about the file, not text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

MODEL = Path(__file__).resolve().parents[1] / "models" / "ocr_repairs.yaml"
TIMEOUT = 2  # seconds; patterns run on untrusted OCR text

_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


@dataclass
class _Rules:
    chars: dict[str, str]
    char_re: regex.Pattern
    lines: list[tuple[regex.Pattern, str]]
    header_min: float
    header_lines: list[str]
    header_keys: list[str]
    symbol_re: regex.Pattern
    separators: str
    confusable: dict[int, str]
    types: dict[str, str]            # exact abbreviation → itself; upper-cased → canonical
    type_keys: dict[str, list[str]]  # confusable class key → canonical abbreviations
    issuer_keys: dict[str, list[str]]
    issuers: set[str]
    sentence_end: regex.Pattern
    unit_start: regex.Pattern
    long_line: float
    stamp_anchor: regex.Pattern
    stamp_member: regex.Pattern
    stamp_time: regex.Pattern


def load_rules(path: Path = MODEL) -> dict[str, Any]:
    import yaml  # lazy

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_rules()
    chars = {c["from"]: c["to"] for c in data["chars"]}
    sym = data["symbol"]
    confusable = {ord(k): v for k, v in sym["confusable"].items()}

    def key(s: str) -> str:
        return s.upper().translate(confusable)

    types = {t["abbr"]: t["abbr"] for t in sym["types"]}
    types.update({t["abbr"].upper(): t["abbr"] for t in sym["types"] if t["abbr"].upper() not in types})
    type_keys: dict[str, list[str]] = {}
    for t in sym["types"]:
        type_keys.setdefault(key(t["abbr"]), []).append(t["abbr"])
    issuer_keys: dict[str, list[str]] = {}
    for t in sym["issuers"]:
        issuer_keys.setdefault(key(t["abbr"]), []).append(t["abbr"])
    seps = regex.escape(sym["separators"])
    # number (with an optional /year) "/" type sep issuer, or Party style number "-" type "/" issuer
    symbol_re = regex.compile(
        r"(?<![\w/])(?P<head>\d{1,5}(?:/\d{4})?\s?/\s?)(?P<type>(?=[^\s]*[A-Za-zĐđÐ])[A-Za-zĐđÐ0-9|]{1,4}(?: [A-Za-zĐđÐ]{1,3})?)"
        rf"(?P<sep>\s?[-{seps}]\s?)(?P<issuer>[A-ZĐÐ][A-Za-zĐđÐ&]{{0,11}})(?!\w)"
        r"|(?<![\w/])(?P<phead>\d{1,5}\s?-\s?)(?P<ptype>[A-Za-zĐđÐ]{1,4})(?P<psep>\s?/\s?)(?P<pissuer>[A-ZĐ][A-Za-zĐđ]{1,6})(?!\w)")
    rejoin = data["rejoin"]
    stamp = data["signature_stamp"]
    canon = [h["text"] for h in data["header_lines"]["canonical"]]
    return _Rules(
        chars=chars,
        char_re=regex.compile("|".join(regex.escape(c) for c in chars)),
        lines=[(regex.compile(r["pattern"], regex.M), r["replace"]) for r in data["lines"]],
        header_min=float(data["header_lines"]["min_score"]),
        header_lines=canon,
        header_keys=[_bare(h) for h in canon],
        symbol_re=symbol_re,
        separators=sym["separators"],
        confusable=confusable,
        types=types,
        type_keys=type_keys,
        issuer_keys=issuer_keys,
        issuers={t["abbr"] for t in sym["issuers"]},
        sentence_end=regex.compile(rejoin["sentence_end"]),
        unit_start=regex.compile(rejoin["unit_start"]),
        long_line=float(rejoin["long_line"]),
        stamp_anchor=regex.compile(stamp["anchor"], regex.I),
        stamp_member=regex.compile(stamp["member"], regex.I),
        stamp_time=regex.compile(stamp["time"], regex.I),
    )


def _bare(s: str) -> str:
    """Lower-cased, tone marks removed, spaces collapsed: what header lines are compared on."""
    s = unicodedata.normalize("NFD", s.lower()).translate(_TONE_MARKS)
    return " ".join(unicodedata.normalize("NFC", s).split())


# --- the repairs, in order ---------------------------------------------------------------------

def repair(text: str) -> str:
    """All repairs of models/ocr_repairs.yaml on one OCRed page's text, in file order."""
    text = unicodedata.normalize("NFC", text)
    text = fix_chars(text)
    text = fix_lines(text)
    text = fix_header_lines(text)
    text = fix_symbols(text)
    return rejoin_lines(text)


def fix_chars(text: str) -> str:
    r = _rules()
    return r.char_re.sub(lambda m: r.chars[m.group()], text, timeout=TIMEOUT)


def fix_lines(text: str) -> str:
    for pattern, replacement in _rules().lines:
        text = pattern.sub(replacement, text, timeout=TIMEOUT)
    return text


def fix_header_lines(text: str) -> str:
    """Quốc hiệu / Tiêu ngữ lines fuzzily equal to their canonical text are replaced by it."""
    from rapidfuzz import fuzz, process  # lazy

    r = _rules()
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        # cheap length gate before fuzzy matching: header lines are 7–40 characters
        if 6 <= len(stripped) <= 48:
            best = process.extractOne(_bare(stripped), r.header_keys, scorer=fuzz.ratio,
                                      score_cutoff=r.header_min)
            if best is not None:
                canon = r.header_lines[best[2]]
                if stripped.isupper() or not canon.isupper():
                    line = line[: len(line) - len(line.lstrip())] + canon
        out.append(line)
    return "\n".join(out)


def fix_symbols(text: str) -> str:
    """Ký hiệu repairs: "84/BC:SNV" → "84/BC-SNV", "273/QD-BNV" → "273/QĐ-BNV", "12-CTR/TU" → "12-CTr/TU"."""
    r = _rules()
    if "/" not in text:
        return text

    def fix(m: regex.Match) -> str:
        if m.group("phead") is not None:  # Party style: the separator is the "/" itself
            return (m.group("phead").replace(" ", "") + canonical_type(m.group("ptype"), m.group("ptype"))
                    + "/" + m.group("pissuer"))
        typ = canonical_type(m.group("type"))
        if typ is None:
            return m.group()
        sep = m.group("sep").strip()
        if sep != "-" and sep not in r.separators:
            return m.group()
        return m.group("head").replace(" ", "") + typ + "-" + canonical_issuer(m.group("issuer"))

    return r.symbol_re.sub(fix, text, timeout=TIMEOUT)


def canonical_type(raw: str, default: str | None = None) -> str | None:
    """A type abbreviation as OCR read it → the NĐ 30 form ("QD" → "QĐ", "QĐĐ" → "QĐ", "N Q" → "NQ"),
    or `default` when it matches none."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    r = _rules()
    cand = raw.replace(" ", "").replace("Ð", "Đ").replace("ð", "đ")
    if cand in r.types:
        return r.types[cand]
    if cand.upper() in r.types:
        return r.types[cand.upper()]
    key = cand.upper().translate(r.confusable)
    for k in (key, regex.sub(r"(.)\1+", r"\1", key)):  # "QĐĐ": a doubled letter
        hits = r.type_keys.get(k)
        if hits and len(hits) == 1:
            return hits[0]
    if len(key) >= 3:  # one more OCR slip on a longer abbreviation ("GGI" → "GGT")
        best = process.extract(key, list(r.type_keys), scorer=Levenshtein.distance, score_cutoff=1, limit=2)
        if len(best) == 1 and len(r.type_keys[best[0][0]]) == 1:
            return r.type_keys[best[0][0]][0]
    return default


def canonical_issuer(raw: str) -> str:
    """Issuer code: fixed only when it matches a known one by confusable class ("HDND" → "HĐND")."""
    r = _rules()
    if raw in r.issuers:
        return raw
    hits = r.issuer_keys.get(raw.upper().translate(r.confusable))
    return hits[0] if hits and len(hits) == 1 else raw


def rejoin_lines(text: str) -> str:
    """Join lines broken mid-sentence: "…cải cách\\nhành chính" → "…cải cách hành chính"."""
    r = _rules()
    lines = text.split("\n")
    lengths = sorted(len(l.strip()) for l in lines if l.strip())
    # a full line: the 80th-percentile length, not the odd long one; unknown on a short page
    longest = lengths[int(len(lengths) * 0.8)] if len(lengths) >= 8 else 0
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and _continues(out[-1], line, longest, r):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _continues(prev: str, line: str, longest: int, r: _Rules) -> bool:
    if r.sentence_end.search(prev, timeout=TIMEOUT) or r.unit_start.match(line, timeout=TIMEOUT):
        return False
    if prev.rstrip().endswith(";") and not line.lstrip()[:1].islower() \
            and not (longest and len(prev.strip()) >= r.long_line * longest):
        return False  # "Sở Nội vụ;\nSở Tài chính;": a list of short lines
    first = line.lstrip()[:1]
    if first.islower():
        return True
    if prev.isupper() and line.isupper():  # header and signature lines in capitals stay apart
        return False
    return longest > 0 and len(prev.strip()) >= r.long_line * longest


# --- signature stamps ------------------------------------------------------------------------------

def strip_signature_stamp(text: str) -> tuple[str, list[str], str | None]:
    """(text without stamp lines, the stamp lines, signing time as ISO 8601 or None).

    "Ký bởi: …\\nCơ quan: …\\nNgày ký: 2026-05-08 16:42:19 +07:00" → its lines and
    "2026-05-08T16:42:19+07:00". A "Cơ quan:" line is stamp only next to a "Ký bởi"/"Ngày ký" line."""
    low = text.lower()
    if "ký" not in low and "signed" not in low and "signature" not in low:
        return text, [], None
    r = _rules()
    lines = text.split("\n")
    is_anchor = [bool(r.stamp_anchor.match(l, timeout=TIMEOUT)) for l in lines]
    if not any(is_anchor):
        return text, [], None
    drop = set()
    for i, anchored in enumerate(is_anchor):
        if not anchored:
            continue
        drop.add(i)
        for step in (-1, 1):  # members directly above and below the anchor
            j = i + step
            while 0 <= j < len(lines) and (is_anchor[j] or r.stamp_member.match(lines[j], timeout=TIMEOUT)):
                drop.add(j)
                j += step
    stamp = [lines[i].strip() for i in sorted(drop)]
    kept = [l for i, l in enumerate(lines) if i not in drop]
    signed = None
    for line in stamp:
        m = r.stamp_time.search(line, timeout=TIMEOUT)
        if m and (signed := iso_time(m.group("when"))):
            break
    return "\n".join(kept), stamp, signed


def iso_time(raw: str) -> str | None:
    """ "2026-05-08 16:42:19 +07:00" / "12.05.2026 09:38:11 +07:00" / "D:20260508164219+07'00'"
    → "2026-05-08T16:42:19+07:00" (no zone when none is given)."""
    raw = raw.strip()
    m = regex.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)?(\d\d)?(\d\d)?(?:([+-])(\d\d)'?(\d\d)'?|Z)?", raw)
    if m:
        y, mo, d, hh, mi, ss, sign, tzh, tzm = m.groups()
        date = f"{y}-{mo}-{d}"
        time = f"T{hh or '00'}:{mi or '00'}:{ss or '00'}" if hh else ""
        zone = f"{sign}{tzh}:{tzm or '00'}" if sign else ("+00:00" if raw.rstrip().endswith("Z") and hh else "")
        return date + time + zone
    m = regex.match(r"(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
                    r"(?:\s*([+-])(\d{2}):?(\d{2}))?", raw)
    if not m:
        return None
    a, b, c, hh, mi, ss, sign, tzh, tzm = m.groups()
    y, mo, d = (a, b, c) if len(a) == 4 else (c, b, a)
    if len(y) != 4 or not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh:
        out += f"T{int(hh):02d}:{mi}:{ss or '00'}"
        if sign:
            out += f"{sign}{tzh}:{tzm}"
    return out
