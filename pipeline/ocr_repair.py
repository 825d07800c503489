"""OCR repair: raw Tesseract page text → text the extractors can read; and signature stamps → info.

Tesseract's Vietnamese model makes a few systematic slips on dispatches: the look-alike "Ð"
(U+00D0) for "Đ", bent separators and abbreviations inside a ký hiệu ("QĐ_UBND", "Q Đ-UBND",
"QĐĐ"), diacritic slips in the Quốc hiệu, stray "|" from table rules, and a line break at every
printed line. The rules are data (models/ocr_repairs.yaml, an example beside each); this module
only applies them, in order. Apply `repair` to OCRed pages only.

`fix_uncertain_words` comes first, on the raw page text while its words still line up with
Tesseract's word confidences: a diacritic slip ("tỉnh thần" for "tinh thần") is re-read from the
syllable bigram counts of models/syllables.json (loaded once, on first use), and a lone
low-confidence speck (":" after a full stop) is dropped.

`strip_signature_stamp` removes the digital-signature stamp lines ("Ký bởi: …", "Ngày ký: …") from
any page text, returning them and the signing time, which are facts about the file, not text.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

MODEL = Path(__file__).resolve().parents[1] / "models" / "ocr_repairs.yaml"
SYLLABLES = Path(__file__).resolve().parents[1] / "models" / "syllables.json"  # scripts/build_syllables.py
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
        rf"(?P<sep>\s?[-{seps}](?:\s?[-{seps}])?\s?)(?P<issuer>[A-ZĐÐ][A-Za-zĐđÐ&]{{0,11}})(?!\w)"
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


# --- words Tesseract was unsure of ------------------------------------------------------------

# a token: leading punctuation, a core of letters, trailing punctuation ("(tỉnh", "thần,")
_TOKEN = regex.compile(r"\S+")
_CORE = regex.compile(r"^(\P{L}*?)(\p{L}+)(\P{L}*)$")
_BASE = str.maketrans("đĐ", "dD")


def base_letters(syllable: str) -> str:
    """The letters without any diacritic, lower-cased: "tỉnh" → "tinh", "đồng" → "dong"."""
    s = unicodedata.normalize("NFD", syllable.lower().translate(_BASE))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


@dataclass
class _Lexicon:
    unigrams: dict[str, int]
    bigrams: dict[str, int]
    total: int
    variants: dict[str, list[str]]   # base letters → the syllables written with them


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    import json

    from .models_data import MODELS_DIR, load

    # the default lexicon is the one normalize already parsed (models_data caches it); a bench
    # may point SYLLABLES at a held-out rebuild
    default = SYLLABLES.resolve() == (MODELS_DIR / "syllables.json").resolve()
    data = load("syllables") if default else json.loads(SYLLABLES.read_text(encoding="utf-8"))
    uni, bi = data["unigrams"], data["bigrams"]
    variants: dict[str, list[str]] = {}
    for syl in uni:
        variants.setdefault(base_letters(syl), []).append(syl)
    return _Lexicon(uni, bi, sum(uni.values()), variants)


@dataclass
class _SyllableRule:
    confidence: float    # a word below this is unsure
    margin: float        # natural-log odds a variant of an unsure word must win by
    evidence: int        # times that variant must be seen beside one of its neighbours
    sure_margin: float   # the same for a word Tesseract was sure of, never seen beside its neighbours
    sure_evidence: int
    sure_seen: int       # … and it stays when seen this often beside one of them
    smoothing: float     # weight of the unigram in a bigram estimate
    speck_confidence: float
    specks: str


@lru_cache(maxsize=1)
def _syllable_rule() -> _SyllableRule:
    d = load_rules()["uncertain_words"]
    syl = d["syllables"]
    return _SyllableRule(float(syl["confidence"]), float(syl["unsure"]["margin"]), int(syl["unsure"]["evidence"]),
                         float(syl["sure"]["margin"]), int(syl["sure"]["evidence"]), int(syl["sure"]["kept_when_seen"]),
                         float(syl["smoothing"]),
                         float(d["specks"]["confidence"]), d["specks"]["marks"])


def fix_uncertain_words(text: str, confidences: list[int] | None = None) -> str:
    """Raw OCR page text and each word's confidence → the text with unsure words re-read.

    A word Tesseract gave a low confidence (or, with no confidences, a syllable the lexicon has
    never seen) is replaced by the diacritic variant of the same letters that its neighbours make
    far likelier — "việc, tỉnh thần," → "việc, tinh thần," — judged by syllable bigram counts of
    the crawled corpus (models/syllables.json). A lone low-confidence mark ("UBND tỉnh. :",
    "TTĐT tỉnh; l") is a speck and goes. Confidences must be in the order of the text's
    whitespace-separated words; when their count does not match, only the lexicon decides."""
    text = unicodedata.normalize("NFC", text)
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text
    if confidences is not None and len(confidences) != len(tokens):
        confidences = None
    rule = _syllable_rule()
    lex = _lexicon()
    words = [m.group() for m in tokens]
    out: list[str] = list(words)
    for i, m in enumerate(tokens):
        conf = confidences[i] if confidences is not None else None
        word = words[i]
        if conf is not None and conf < rule.speck_confidence and len(word) == 1 and word in rule.specks:
            out[i] = ""
            continue
        core = _CORE.match(word)
        if core is None:
            continue
        lead, syl, trail = core.groups()
        low = syl.lower()
        if len(syl) < 2 or syl.isupper():
            continue  # a lone letter, abbreviations and headings in capitals: not running text
        left = _neighbour(text, tokens, out, i, -1) if not lead else None
        if syl[0].isupper() and left is not None:
            continue  # capitalized after a word: a name ("Hà Tĩnh", "Quý I/2020"), not a sentence start
        # a capitalized word takes context from a lower-case neighbour only ("Cà Mau")
        right = _neighbour(text, tokens, words, i, +1, syl[0].isupper()) if not trail else None
        if left is None and right is None:
            continue
        unsure = conf is not None and conf < rule.confidence
        if not unsure and max(lex.bigrams.get(f"{left} {low}", 0), lex.bigrams.get(f"{low} {right}", 0)) >= rule.sure_seen:
            continue  # a sure word seen beside a neighbour stays
        best = _best_variant(low, left, right, lex, rule, unsure)
        if best is not None:
            out[i] = lead + _same_case(best, syl) + trail
    if out == words:
        return text
    parts, pos = [], 0
    for m, new in zip(tokens, out):
        if new == "":  # a speck: drop it with the blanks before it on its line
            parts.append(text[pos:m.start()].rstrip(" \t"))
        else:
            parts.append(text[pos:m.start()])
            parts.append(new)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def _neighbour(text: str, tokens: list, words: list[str], i: int, step: int, lower_only: bool = False) -> str | None:
    """The syllable next to word i when nothing but a space or one line break stands between
    (a blank line or punctuation ends the run, as in scripts/build_syllables.py); none when it is
    in capitals (a heading or an abbreviation), or capitalized and `lower_only`. Case is kept
    out of the lexicon: "Tĩnh" → "tĩnh"."""
    j = i + step
    if not 0 <= j < len(tokens):
        return None
    a, b = (tokens[j], tokens[i]) if step < 0 else (tokens[i], tokens[j])
    if text.count("\n", a.end(), b.start()) > 1:
        return None
    core = _CORE.match(words[j])
    if core is None or (core.group(3) if step < 0 else core.group(1)):
        return None  # "việc, tỉnh": the comma ends the run
    syl = core.group(2)
    if (len(syl) > 1 and syl.isupper()) or (lower_only and syl[0].isupper()):
        return None
    return syl.lower()


def tone_spelling(syllable: str) -> tuple[str, str]:
    """(letters with their vowel marks, tone mark): "hoá" and "hóa" are one syllable whose tone
    sits on another vowel (old and new placement); both give ("hoa", "\u0301")."""
    d = unicodedata.normalize("NFD", syllable)
    tones = "".join(ch for ch in d if ord(ch) in _TONE_MARKS)
    return unicodedata.normalize("NFC", d.translate(_TONE_MARKS)), tones


def _best_variant(low: str, left: str | None, right: str | None, lex: _Lexicon, rule: _SyllableRule,
                  unsure: bool = True) -> str | None:
    """The variant of `low` its neighbours make likelier by the rule's margin (log odds), seen
    beside them at least its evidence times, and not less likely than `low` beside either
    neighbour ("ngã từ trên": "ngã tư" is common but "từ trên" favours the reading); None to keep
    it. A word Tesseract was sure of must lose by the larger `sure_` margin and evidence."""
    margin, evidence = (rule.margin, rule.evidence) if unsure else (rule.sure_margin, rule.sure_evidence)
    same = tone_spelling(low)
    cands = [c for c in lex.variants.get(base_letters(low), []) if c != low and tone_spelling(c) != same]
    if not cands:
        return None
    vocab = len(lex.unigrams)

    def p_uni(w: str) -> float:
        return (lex.unigrams.get(w, 0) + 0.5) / (lex.total + 0.5 * vocab)

    def p_bi(a: str, b: str) -> float:
        return (lex.bigrams.get(f"{a} {b}", 0) + rule.smoothing * p_uni(b)) / (lex.unigrams.get(a, 0) + rule.smoothing)

    def logp(w: str) -> float:
        lp = math.log(p_bi(left, w) if left else p_uni(w))
        return lp + (math.log(p_bi(w, right)) if right else 0.0)

    def seen(w: str) -> int:
        return (lex.bigrams.get(f"{left} {w}", 0) if left else 0) + (lex.bigrams.get(f"{w} {right}", 0) if right else 0)

    best = max(cands, key=logp)
    if seen(best) < evidence or logp(best) - logp(low) < margin:
        return None
    if (left and f"{left} {low}" in lex.bigrams and p_bi(left, best) < p_bi(left, low)
            or right and f"{low} {right}" in lex.bigrams and p_bi(best, right) < p_bi(low, right)):
        return None  # one neighbour speaks for the reading as it is
    if not unsure and (left and f"{left} {best}" not in lex.bigrams or right and f"{best} {right}" not in lex.bigrams):
        return None  # a sure word is replaced only by one seen beside both its neighbours
    return best


def _same_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


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
        sep = m.group("sep").replace(" ", "")
        if len(sep) == 2 and sep != "--":  # a doubled separator only as "CĐ- -UBATGTQG" (a speck)
            return m.group()
        if sep[0] != "-" and sep[0] not in r.separators:
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
