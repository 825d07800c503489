"""Citations: document text → the documents it cites, as `Citation` records (SPEC §1, §3).

One regex finds reference tokens ("380/QĐ-UBND", "61/2018/NĐ-CP", "12-CTr/TU"); small anchored
looks around each token then read the type word and "số" before it and the date and "của
<issuer>" after it. A token with no type word is kept when it follows a cited one as a list
("Quyết định số: 273/QĐ-BNV, 272/QĐ-BNV") or its symbol has a known code ("… ; số
92/2017/NĐ-CP"). The document's own "Số:" line and forms ("Mẫu số 16/TNĐS") are skipped.

The words are data: models/doc_types.yaml (tên loại and their codes), models/issuer_codes.yaml
(issuer codes → names) and models/citation_phrases.yaml (số, ngày, của, pointer phrases).

Public API
    find_citations(text, *, own_reference=None) -> list[Citation]
    resolve_antecedents(text, citations, *, own_reference=None) -> list[Citation]
    parse_reference(s) -> Reference(number, symbol, reference)
    reference_year(s) -> str | None          # the "/2026" a reference may end with
    canonical_reference(s) -> str | None
    doc_type_of_symbol(symbol) -> str | None
    issuer_of_symbol(symbol) -> str | None
"""
from __future__ import annotations

import datetime as _dt
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

import regex

from pipeline.records import Citation

__all__ = [
    "Reference", "find_citations", "resolve_antecedents", "parse_reference", "reference_year",
    "canonical_reference", "doc_type_of_symbol", "issuer_of_symbol",
]

MODELS = Path(__file__).resolve().parent.parent / "models"
TIMEOUT = 1.0  # seconds allowed to any one regex call on untrusted text

# Pieces of a số ký hiệu. A segment is a code: capitals and digits, with at most isolated
# lower-case letters ("TTg", "CTr", "QĐi") so that a following word never glues on.
_SEG = r"\p{Lu}(?:[\p{Lu}\d&]|\p{Ll}(?!\p{Ll}))*(?:\([\p{Lu}\d]+\))?"
_CSEG = r"\p{Lu}[\p{Lu}\d&]*(?:\([\p{Lu}\d]+\))?(?![\p{Ll}])"  # all capitals
# "-" joins; a line break or space around the hyphen ("TT- BGTVT", "QĐ - BGTVT") is allowed
# only before an all-capital segment and is checked after the match (left side a type code)
_SPACED = rf"(?=\p{{Lu}}\p{{Lu}}){_SEG}"  # "TT- BGTVT", "CT- TTg"
# a hyphen as printed: also the soft hyphen, Unicode hyphens, an en dash, and the \x02 some PDF
# text layers leave where a line was hyphenated ("NĐ\x02CP")
_HYPHENS = "-\u00ad\u2010\u2011\u2013\x02"
_HY = f"[{_HYPHENS}]"
# a comma with no space before a code is part of the symbol: "1944/SGTVT-QLVT,PT&NL"
_JOIN = rf"(?:{_HY}{_SEG}|{_HY}\s{{1,4}}{_SPACED}|[ \t]{{1,2}}-\s{{0,4}}{_SPACED}|/{_SEG}|\.{_CSEG}|,{_CSEG}(?=[ \t\n]|$))"
_TO_HYPHEN = str.maketrans({c: "-" for c in _HYPHENS[1:]})
_SYM = rf"{_SEG}(?:{_JOIN})*"
_YEAR = r"(?:19|20)\d\d"
_TOKEN = rf"""
    (?<![\p{{L}}\d/.\-])(?<!\d\s?:\s{{0,3}})  # not inside a larger token, nor "QCVN 72: 2013/BGTVT"
    (?P<num>\d{{1,6}}(?:\.\d{{1,3}})?[a-z]?)
    (?:
        [ ]?/[ ]?(?P<year>{_YEAR})[ ]?/[ ]?(?P<sym>{_SYM})
      | [ ]?/[ ]?(?P<sym>{_SYM})
      | -(?P<psym>{_SEG}/{_SYM})
    )
    (?:/(?P<tyear>{_YEAR}))?
    (?:(?![\p{{L}}\d])|(?=GLUED))   # GLUED: the day word run on, "QĐ-BGTVTngày 15 tháng 02"
"""


class Reference(NamedTuple):
    """A canonicalised số ký hiệu (SPEC §3). `number` is as printed ("09"); the key is not ("9/…")."""
    number: Optional[str]
    symbol: Optional[str]
    reference: Optional[str]


class _Parsed(NamedTuple):
    number: Optional[str]
    symbol: Optional[str]
    reference: Optional[str]
    year: Optional[str]  # trailing "/2026"


class _Look(NamedTuple):
    """What stands before a reference token."""
    type_name: Optional[str]
    generic: bool
    start: Optional[int]  # where the type word starts
    skip: bool  # the document's own "Số:" line, or a form ("Mẫu số …")


_COMPILED: dict[tuple[str, int], "regex.Pattern"] = {}


def _re(pattern: str, flags: int = 0) -> "regex.Pattern":
    """A compiled pattern, built at first use (a dict hit is far cheaper than regex's own cache)."""
    key = (pattern, flags)
    pat = _COMPILED.get(key)
    if pat is None:
        pat = _COMPILED[key] = regex.compile(pattern, flags)
    return pat


def _alt(words, flexible_space=True) -> str:
    """Regex alternation of literal words, longest first, spaces matching any whitespace."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = regex.escape(w)
        if flexible_space:
            pat = regex.sub(r"(?:\\ )+", r"\\s+", pat)
        out.append(pat)
    return "|".join(out)


def _load(name: str):
    import yaml  # only at first use

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(MODELS / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


class _Model:
    """Lookups and compiled patterns built once from the three model files."""

    def __init__(self) -> None:
        dts = _load("doc_types.yaml")
        ics = _load("issuer_codes.yaml")
        phr = _load("citation_phrases.yaml")

        self.casing: dict[str, str] = {}        # UPPER code → canonical casing
        self.type_code: dict[str, str] = {}     # canonical state/normative code → tên loại
        self.party_code: dict[str, str] = {}    # canonical Party code → tên loại
        self.word_type: dict[str, tuple[str, bool]] = {}  # casefolded type word → (name, generic)
        titled: list[str] = []
        self.titled: set[str] = set()
        type_words: list[str] = []
        for t in dts["types"]:
            generic = bool(t.get("generic"))
            words = list(t.get("aliases") or []) + ([] if generic else [t["name"]])
            type_words += words
            for w in words:
                self.word_type[_fold(w)] = (t["name"], generic)
            if t.get("titled"):
                titled += [t["name"], t["name"].upper()]
                self.titled.add(t["name"])
            for c in t.get("codes") or []:
                self.casing[c.upper()] = c
                self.type_code[c] = t["name"]
            for c in t.get("party_codes") or []:
                self.casing[c.upper()] = c
                self.party_code[c] = t["name"]
        self.joint = {self.casing.get(c.upper(), c) for c in dts.get("joint_codes") or []}

        self.issuer: dict[str, Optional[str]] = {}  # canonical code → name
        self.numbered: set[str] = set()
        self.party_issuer: set[str] = set()
        for group in ("central", "local", "party"):
            for e in ics.get(group) or []:
                code = e["code"]
                self.casing.setdefault(code.upper(), code)
                self.issuer[code] = e.get("name")
                if e.get("numbered"):
                    self.numbered.add(code)
                if group == "party":
                    self.party_issuer.add(code)
        self.names = sorted({n for n in self.issuer.values() if n}, key=len, reverse=True)
        self.name_by_fold = {_fold(n): n for n in self.names}  # bodies join below

        # -- before a reference: type word, "số", the own-number line ---------------------------
        flags = regex.VERBOSE | regex.V0
        glued = "(?i:" + regex.escape(phr["date"]["day_word"]) + ")"
        self.token_re = regex.compile(_TOKEN.replace("GLUED", glued), flags)
        type_alt = _alt(type_words)
        self.type_cap = regex.compile(  # a type word as a new clause opens: "Nghị định", "NGHỊ ĐỊNH"
            rf"(?:{_alt([w for w in type_words] + [w.upper() for w in type_words])})(?![\p{{L}}\d])")
        self.type_cap_any = regex.compile(rf"(?<![\p{{L}}\d]){self.type_cap.pattern}")
        self.type_tail = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<w>{type_alt})\s*\Z", regex.I | regex.REVERSE)
        self.type_gap = regex.compile(  # type word, up to 3 words, then the end
            rf"(?<![\p{{L}}\d])(?P<w>{type_alt})(?:\s+[^\s/]+){{1,3}}\s*\Z", regex.I | regex.REVERSE)
        codes = [c for c in self.type_code if len(c) > 1]
        self.code_type = {c: self.type_code[c] for c in codes}
        self.code_tail = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<w>{_alt(codes)})\s*\Z", regex.REVERSE)
        self.titled_last = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<w>{_alt(titled)})(?=\s)", regex.REVERSE)
        nw = phr["number_words"]["words"]
        self.number_word = _alt(nw).replace(r"\s+", r"\s?")
        self.so_tail = regex.compile(
            rf"(?<![\p{{L}}])(?P<so>{self.number_word})\s*(?P<colon>:)?[\s*]*\Z",
            regex.I | regex.REVERSE)
        self.own_word = phr["own_number_word"]["word"]
        self.type_so_tail = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<w>{type_alt})\s*(?:(?P<so>{self.number_word})\s*:?)?[\s*]*\Z",
            regex.I | regex.REVERSE)
        self.gap_blockers = set(phr["type_gap_blockers"]["words"])
        self.not_doc_tail = regex.compile(
            rf"(?<![\p{{L}}\d])(?:{_alt(phr['not_documents']['words'])})\s*\Z", regex.REVERSE)
        # OCR spaces inside a number right after "số": "Nghị định số 6 1 /2018/NĐ-CP"
        self.split_number = regex.compile(
            rf"(?<![\p{{L}}])(?:{self.number_word})\s*:?\s(?P<d>(?:\d{{1,3}} ){{1,3}})\Z", regex.I | regex.REVERSE)

        # -- after a reference: date, "của" issuer ------------------------------------------------
        d = phr["date"]
        # crawls space letters apart ("n ă m 2014"): let a space stand between any two
        day, month, year = (r"\s?".join(regex.escape(ch) for ch in d[k])
                            for k in ("day_word", "month_word", "year_word"))
        lead = _alt(d.get("lead_words") or [])
        self.date_re = regex.compile(rf"""
            [\s,(]*(?:(?:{lead})\s+)?(?:(?P<ngay>{day})\s*)?
            (?:
                (?P<d>\d{{1,2}})\s*[/.\-]\s*(?P<m>\d{{1,2}})\s*[/.\-]\s*(?P<y>\d{{4}})
              | (?P<d>\d{{1,2}})\s+{month}\s+(?P<m>\d{{1,2}})\s*,?\s+{year}\s+(?P<y>\d{{4}})
            )(?!\d)""", regex.I | regex.VERBOSE)

        verbs = _alt(phr["date_before"]["verbs"])
        self.date_before = regex.compile(rf"""
            (?<![\p{{L}}\d]){day}\s+
            (?:(?P<d>\d{{1,2}})\s*[/.\-]\s*(?P<m>\d{{1,2}})\s*[/.\-]\s*(?P<y>\d{{4}})
              |(?P<d>\d{{1,2}})\s+{month}\s+(?P<m>\d{{1,2}})\s*,?\s+{year}\s+(?P<y>\d{{4}}))
            \s*,\s*(?P<iss>\p{{Lu}}[^,.;:()\n]{{0,80}}?)\s+(?:{verbs})\s+\Z""",
                                       regex.I | regex.VERBOSE | regex.REVERSE)
        iss = phr["issuer"]
        seps = _alt(phr["list_separators"]["words"])
        word_seps = _alt([w for w in phr["list_separators"]["words"] if w[0].isalpha()])
        self.issuer_lead = regex.compile(rf"[\s,]*{regex.escape(iss['lead_word'])}\s+", regex.I)
        stops = _alt(iss["stop_words"])
        openers = _alt(iss.get("line_openers") or [])
        # every alternative opens on punctuation or a space, so the scan skips letters fast
        stop = (rf"""[,;:()\[\]"“”]|\.(?!\d)|\n[ \t]*\r?\n|\s*\n\s*(?:{openers})(?![\p{{L}}\d])|\s(?:-\s|(?:{word_seps})\s+(?:{type_alt})"""
                rf"(?![\p{{L}}\d])|(?:{stops})(?![\p{{L}}\d])|(?:{type_alt})(?![\p{{L}}\d]))|\Z")
        self.issuer_stop = regex.compile(stop)
        self.issuer_stop_caps = regex.compile(stop, regex.I)
        self.head_titles = {_fold(h) for h in iss.get("head_titles") or []}
        self.drop_heads = {_fold(h) for h in iss.get("drop_heads") or []}
        self.issuer_alias = {_fold(k): v for k, v in (iss.get("issuer_aliases") or {}).items()}
        self.term_word = iss.get("term_word", "khóa")
        heads_alt = _alt(iss.get("head_titles") or [])
        self.head_prefix = regex.compile(
            rf"(?P<heads>(?:{heads_alt})(?:\s*,\s*(?:{heads_alt}))*)\s+(?P<rest>\S.*)", regex.I | regex.S)
        self.body_prefix: dict[str, str] = dict(iss.get("body_code_prefixes") or {})
        self.issuer_max_words = int(iss.get("max_words", 14))
        known = list(self.names) + list(iss.get("bodies") or [])
        for body in iss.get("bodies") or []:  # "THÀNH ỦY" in a title → "Thành ủy"
            if not body.isupper():
                self.name_by_fold.setdefault(_fold(body), body)
        for word, letter in self.body_prefix.items():  # "Bộ GTVT", "Sở GTVT"
            known += [f"{word} {c[1:]}" for c, n in self.issuer.items()
                      if n and c.startswith(letter) and len(c) > 2 and c[1:].isupper()]
        heads = _alt(iss.get("head_titles") or [])
        places = _alt(iss.get("place_words") or [])
        term = regex.escape(iss.get("term_word", "khóa"))
        known_alt = _alt(known)
        # [head titles] known body [place and its name] [term]: "Chủ tịch UBND tỉnh Quảng Ngãi"
        suffix = _alt(iss.get("suffix_words") or [])
        head_body = rf"""(?:(?:{heads})(?:\s*,\s*(?:{heads}))*\s+)?(?:{known_alt})(?![\p{{L}}\d])"""
        named = rf"""(?P<body>{head_body})
                     (?:\s+(?:{places})(?![\p{{L}}\d]))?
                     (?:\s+(?:(?:{suffix})(?![\p{{L}}\d])|\p{{Lu}}\p{{Ll}}*(?![\p{{L}}\d/])|-(?=\s)))*
                     (?:\s+{term}\s+[IVXLC]+(?![\p{{L}}\d]))?"""
        self.known_name = regex.compile(rf"(?:{known_alt})(?![\p{{L}}\d])")
        self.named_issuer = regex.compile(named, regex.VERBOSE)
        # an all-capitals title ("… CỦA CHÍNH PHỦ VỀ …") gives no case to tell the name's end by
        self.named_issuer_caps = regex.compile(rf"(?P<body>{head_body})", regex.VERBOSE | regex.I)
        self.caps_place = regex.compile(rf"\s+(?P<w>(?i:{places}))(?![\p{{L}}\d])")
        self.line_opener = regex.compile(rf"\s*\n\s*(?:{openers})(?![\p{{L}}\d])")
        self.abbr: dict[str, tuple[str, bool]] = {
            a["abbr"]: (a["expansion"], bool(a.get("before_body"))) for a in iss["abbreviations"]}

        # -- lists and pointers ---------------------------------------------------------------------
        self.list_gap = regex.compile(
            rf"\s*(?:(?:{seps})\s*){{0,2}}(?:(?:{self.number_word})\s*:?\s*)?\Z", regex.I)

        a = phr["antecedents"]
        followers = _alt(a["bare_back_followers"])
        # the pointer phrase first (a literal scan for its last word), the type word before it
        self.pointers: dict[str, list[tuple[str, str]]] = {}  # last word → [(phrase, kind)]
        for kind, items in (("back", a["back"]), ("self", a["self"])):
            for x in items:
                phrase = x["phrase"].lower()
                k = "bare" if x.get("bare") else kind
                self.pointers.setdefault(phrase.split()[-1], []).append((phrase, k))
        for v in self.pointers.values():
            v.sort(key=lambda pk: len(pk[0]), reverse=True)
        self.bare_follow = regex.compile(
            rf"\s*(?:[,.;:)\]]|\Z|(?:{followers})(?![\p{{L}}\d]))", regex.I)
        self.lowercase_types = {_fold(w) for w in a.get("lowercase_types") or []}
        self.type_before = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<w>{type_alt})\s+\Z", regex.I | regex.REVERSE)
        self.plural_before = regex.compile(
            rf"(?<![\p{{L}}\d])(?:{_alt(a['plural_words'])})\s+\Z", regex.I | regex.REVERSE)

    # -- symbols ---------------------------------------------------------------------------
    def canon_seg(self, seg: str, first: bool) -> str:
        base, paren = seg, ""
        if "(" in seg:
            i = seg.index("(")
            base, paren = seg[:i], seg[i:].upper()
        if not base or base.isdigit():
            return base + paren
        up = base.upper()
        if up in self.casing:
            return self.casing[up] + paren
        num = _re(r"(\p{Lu}+?)(\d+)").fullmatch(up)
        if num and self.casing.get(num.group(1)) in self.numbered:
            return self.casing[num.group(1)] + num.group(2) + paren
        if first:  # "NĐCP", "QĐUBND", "TTBGTVT": type code and issuer code run together
            for i in range(1, len(up)):
                left, right = self.casing.get(up[:i]), up[i:]
                if left in self.type_code and (right in self.casing or self._numbered(right)):
                    return f"{left}-{self.canon_seg(right, False)}{paren}"
        return up + paren

    def _numbered(self, up: str) -> bool:
        m = _re(r"(\p{Lu}+?)(\d+)").fullmatch(up)
        return bool(m and self.casing.get(m.group(1)) in self.numbered)

    def canon_symbol(self, raw: str) -> str:
        s = _re(r"\s+").sub("", raw.replace("\u00d0", "Đ").replace("*", "").translate(_TO_HYPHEN))
        s = s.strip("-./,;:")
        parts = _re(r"([-/.])").split(s)
        out, first = [], True
        for i, p in enumerate(parts):
            if i % 2:
                out.append(p)
                continue
            if _re(_YEAR).fullmatch(p) and i == 0:
                out.append(p)
                continue
            out.append(self.canon_seg(p, first))
            first = False
        return "".join(out)

    def is_party(self, symbol: str) -> bool:
        """"CTr/TU", "NQ/TW": a Party type code, then "/" and a Party issuer."""
        m = _re(r"([^-/.]+)/([^-/.(]+)").match(symbol)
        return bool(m and m.group(1) in self.party_code and m.group(2) in self.party_issuer)

    def parts(self, symbol: str) -> tuple[bool, bool, list[str]]:
        """(has year prefix, Party style, segments) of a canonical symbol."""
        year = bool(_re(rf"{_YEAR}/").match(symbol))
        if year:
            symbol = symbol[5:]
        party = self.is_party(symbol)
        segs = [s for s in _re(r"[-/.]").split(symbol) if s]
        return year, party, segs

    def issuer_name(self, code: str) -> Optional[str]:
        base = _re(r"\(.*\)$").sub("", code)
        if base in self.issuer:
            return self.issuer[base]
        m = _re(r"(\p{Lu}+?)(\d+)").fullmatch(base)
        if m and m.group(1) in self.numbered:
            return self.issuer.get(m.group(1))
        return None

    # -- issuer phrases ----------------------------------------------------------------------
    def issuer_at(self, text: str, pos: int) -> tuple[Optional[str], int]:
        """The issuer named at `pos` (just after "của"), expanded, and where it ends."""
        if pos >= len(text) or not text[pos].isupper():
            return None, pos
        limit = min(len(text), pos + 240)
        first = _re(r"[\p{L}\d]+").match(text[pos:limit])
        caps = bool(first and first.group().isupper() and len(first.group()) > 1
                    and first.group() not in self.abbr and first.group() not in self.casing.values())
        stop_re = self.issuer_stop_caps if caps else self.issuer_stop
        named = (self.named_issuer_caps if caps else self.named_issuer).match(
            text, pos, limit, timeout=TIMEOUT)
        if named:  # a known body: read it whole, then its place, never past a clause
            end = named.end()
            for w in _re(r"\s+(?=\S)").finditer(text, named.end("body"), end):
                # a capitalised type word or a new line's clause opener ends the name early
                if self.type_cap.match(text, w.end()) or self.line_opener.match(text, w.start()):
                    end = w.start()
                    break
            raw = text[pos:end].strip(" \t\r\n-–,")
            name = self.expand(raw.split(), caps)
            if caps:  # "… CỦA ỦY BAN NHÂN DÂN TỈNH HÀ NAM QUY ĐỊNH": the place up to a stop word
                place = self.caps_place.match(text, end, limit, timeout=TIMEOUT)
                if place:
                    words, stop_at = [], place.end("w")
                    for w in _re(r"\s+(\p{Lu}+)(?![\p{L}\d])").finditer(text, place.end("w"), limit):
                        # the name ends at a stop word or where the next body begins
                        if w.start() != stop_at or len(words) == 4 or stop_re.match(text, w.start()) \
                                or self.named_issuer_caps.match(text, w.start(1)):
                            break
                        words.append(w.group(1))
                        stop_at = w.end()
                    if words:
                        name += f" {place.group('w').lower()} {' '.join(words).title()}"
                        end = stop_at
            return name, pos + len(text[pos:end].rstrip(" \t\r\n-–,"))
        at, end = pos, limit
        for _ in range(4):
            st = stop_re.search(text, at, limit, timeout=TIMEOUT)
            end = st.start() if st else limit
            if not st or end == limit:
                break
            hit = st.group()
            if hit == "," and _fold(text[pos:end]) in self.head_titles:
                at = st.end()  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
                continue
            # a known name may hold a stop: "Bộ Văn hóa, Thể thao và Du lịch", "… An toàn giao thông"
            kn = self.known_name.search(
                text, max(pos, end - 60), min(limit, end + 60), timeout=TIMEOUT)
            if kn and kn.start() < end < kn.end():
                at = kn.end()
                continue
            break
        raw = text[pos:end].strip(" \t\r\n-–")
        words = raw.split()
        if not words or len(words) > self.issuer_max_words or _fold(raw) in self.head_titles:
            return None, pos
        return self.expand(words, caps), pos + len(text[pos:end].rstrip(" \t\r\n-–"))

    def expand(self, words: list[str], caps: bool) -> str:
        """Issuer words as SPEC §3 wants them: "Chủ tịch UBND tỉnh" → "… Ủy ban nhân dân tỉnh"."""
        out = []
        i = 0
        while i < len(words):
            w = words[i]
            e = self.abbr.get(w)
            nxt = words[i + 1] if i + 1 < len(words) else None
            pre = self.body_prefix.get(w)
            code = self.casing.get((pre + nxt).upper()) if pre and nxt and nxt.isupper() else None
            if code and self.issuer.get(code):  # "Bộ GTVT" → "Bộ Giao thông vận tải"
                out.append(self.issuer[code])
                i += 2
                continue
            if e and (not e[1] or nxt is not None):
                out.append(e[0])
            else:
                out.append(w)
            i += 1
        name = " ".join(out)
        if len(words) == 1 and self.casing.get(words[0].upper()) in self.issuer:
            name = self.issuer[self.casing[words[0].upper()]] or name
        hp = self.head_prefix.fullmatch(name)
        if hp and all(_fold(h) in self.drop_heads for h in hp.group("heads").split(",")):
            name = hp.group("rest")  # "Bộ trưởng Bộ Tài chính" → "Bộ Tài chính"
        if caps:
            name = self.name_by_fold.get(_fold(name), name)
        base, term, rest = name.partition(f" {self.term_word} ")
        alias = self.issuer_alias.get(_fold(base))
        if alias:  # "Trung ương khóa XII" → "Ban Chấp hành Trung ương Đảng khóa XII"
            name = alias + (f" {self.term_word} {rest}" if term else "")
        return name


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


# -- references ------------------------------------------------------------------------------

def _canon_number(num: str) -> str:
    head, dot, rest = num.partition(".")
    return (head.lstrip("0") or "0") + dot + rest


@lru_cache(maxsize=4096)
def _make(num: Optional[str], year: Optional[str], raw_sym: str, tyear: Optional[str],
          party: bool) -> _Parsed:
    m = _model()
    sym = m.canon_symbol(raw_sym)
    if not sym or not _re(r"\p{L}").search(sym):
        return _Parsed(None, None, None, None)
    if year:
        sym = f"{year}/{sym}"
    party = party or (not year and m.is_party(sym))
    if num is None:
        return _Parsed(None, sym, None, tyear)
    return _Parsed(num, sym, f"{_canon_number(num)}{'-' if party else '/'}{sym}", tyear)


@lru_cache(maxsize=4096)
def _parse(s: str) -> _Parsed:
    if not s:
        return _Parsed(None, None, None, None)
    m = _model()
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("*", "").translate(_TO_HYPHEN).strip()
    s = _re(rf"^(?:{m.number_word})\s*:?\s*", regex.I).sub("", s)  # the "Số:" of a header line
    s = _re(r"(?<=/\s?)(\d{1,3}) (\d{1,3})(?=\s*/)").sub(  # OCR "69/20 24 /NĐ-CP"
        lambda y: y[1] + y[2] if _re(_YEAR).fullmatch(y[1] + y[2]) else y[0], s)
    s = _re(r"\s*/\s*").sub("/", s)  # "11/2010/ NĐ-CP"
    s = _re(r"\s*-\s*(?=[\p{Lu}\d&]+(?!\p{Ll}))").sub("-", s)  # "NĐ- CP", not "- Hà Nội"
    words = s.split()
    tok = words[0] if words else ""
    for w in words[1:]:  # OCR "QĐ- U BND": glue capitals while they complete a known code
        last = _re(r"[-/.]").split(tok)[-1]
        if not _re(r"[\p{Lu}\d]+").fullmatch(w) or (last + w).upper() not in m.casing:
            break
        tok += w
    tok = tok.rstrip(".,;:")
    if tok.endswith(")") and tok.count("(") < tok.count(")"):  # "(… 12/QĐ-UBND)"
        tok = tok[:-1]
    head = _re(r"(?P<num>\d+(?:\.\d+)?[a-z]?)?(?P<sep>[/-])(?P<rest>.+)").match(tok)
    if not head:
        if _re(r"\d+(?:\.\d+)?[a-z]?").fullmatch(tok):
            return _Parsed(tok, None, None, None)
        if _re(r"\p{L}").match(tok):
            return _make(None, None, tok, None, False)
        return _Parsed(None, None, None, None)
    num, rest = head.group("num"), head.group("rest")
    party = head.group("sep") == "-" and "/" in rest
    year = tyear = None
    ym = _re(rf"({_YEAR})/(.+)").match(rest)
    if ym and not party:
        year, rest = ym.group(1), ym.group(2)
    tm = _re(rf"(.+?)/({_YEAR})$").match(rest)
    if tm:
        rest, tyear = tm.group(1), tm.group(2)
    if not _re(r"\p{L}").match(rest):  # "22/4/2024" is a date, not a reference
        return _Parsed(None, None, None, None)
    return _make(num, year, rest, tyear, party)


def parse_reference(s: str) -> Reference:
    """Canonicalise a số ký hiệu: "09/KH-UBND" → ("09", "KH-UBND", "9/KH-UBND").

    Accepts the "Số:" prefix, markdown bold, stray spaces ("11/2010/ NĐ-CP"), a code pair run
    together ("NĐCP" → "NĐ-CP"), a blank number ("/UBND-NC" → (None, "UBND-NC", None)) and a
    trailing year ("689/SKHCN-QLKH/2026" → key "689/SKHCN-QLKH"; see `reference_year`).
    Normative symbols keep their year: "61/2018/NĐ-CP" → symbol "2018/NĐ-CP".
    """
    p = _parse(s)
    return Reference(p.number, p.symbol, p.reference)


def reference_year(s: str) -> Optional[str]:
    """The year a reference ends with, dropped from its key: "689/SKHCN-QLKH/2026" → "2026"."""
    return _parse(s).year


def canonical_reference(s: Optional[str]) -> Optional[str]:
    """The canonical key of a reference string, or None."""
    return _parse(s).reference if s else None


@lru_cache(maxsize=4096)
def doc_type_of_symbol(symbol: Optional[str]) -> Optional[str]:
    """Tên loại a symbol stands for: "QĐ-UBND" → "Quyết định", "NQ/TW" → "Nghị quyết".

    A symbol opening with an issuer code is a Công văn ("UBND-TTHC"); "2015/QH13" is None
    (a Luật or a Nghị quyết of the Quốc hội share it).
    """
    if not symbol:
        return None
    m = _model()
    year, party, segs = m.parts(m.canon_symbol(symbol))
    if not segs:
        return None
    if party:
        return m.party_code.get(segs[0])
    if segs[0] in m.type_code:
        return m.type_code[segs[0]]
    if year or m._numbered(segs[0]) or segs[0] in m.numbered:
        return None  # "2015/QH13", "UBTVQH15": a Luật, Pháp lệnh or Nghị quyết
    return "Công văn"


@lru_cache(maxsize=4096)
def issuer_of_symbol(symbol: Optional[str]) -> Optional[str]:
    """Issuing body a symbol names: "QĐ-BNV" → "Bộ Nội vụ", "NĐ-CP" → "Chính phủ".

    None when the code does not say which body ("QĐ-UBND": the province is not in it) or is
    unknown. Joint documents ("TTLT-BCA-BGTVT") give the names joined by ", ".
    """
    if not symbol:
        return None
    m = _model()
    _, party, segs = m.parts(m.canon_symbol(symbol))
    if not segs:
        return None
    if party:
        return m.issuer_name(segs[1]) if len(segs) > 1 else None
    if segs[0] in m.type_code:
        if segs[0] in m.joint:
            names = [m.issuer_name(s) for s in segs[1:]]
            return ", ".join(names) if names and all(names) else None
        return m.issuer_name(segs[1]) if len(segs) > 1 else None
    return m.issuer_name(segs[0])


# -- finding citations -------------------------------------------------------------------------

def _type_word(m: _Model, word: str) -> Optional[tuple[str, bool]]:
    """(tên loại, generic) a matched type word names; a lower-case "luật" ("pháp luật") names none."""
    name, generic = m.word_type[_fold(word)]
    if word[0].islower() and name in m.titled:
        return None
    return name, generic


def _look_back(m: _Model, text: str, start: int) -> _Look:
    """The type word (and "số") standing before the reference token at `start`."""
    fast = m.type_so_tail.search(text, max(0, start - 60), start, timeout=TIMEOUT)
    if fast and (tw := _type_word(m, fast.group("w"))):  # the usual "Quyết định số 12/…"
        return _Look(*tw, fast.start(), False)
    lo = max(0, start - 240)
    w = text[lo:start]
    so = m.so_tail.search(w, timeout=TIMEOUT)
    head = w[: so.start()] if so else w
    t = m.type_tail.search(head, timeout=TIMEOUT)
    if t and (tw := _type_word(m, t.group("w"))):
        return _Look(*tw, lo + t.start(), False)
    if not so:
        return _Look(None, False, None, False)
    if m.not_doc_tail.search(head, timeout=TIMEOUT):
        return _Look(None, False, None, True)  # "Mẫu số 17/TNĐS": not a document
    c = m.code_tail.search(head, timeout=TIMEOUT)
    if c:  # "QĐ số 12/QĐ-UBND"
        return _Look(m.code_type[c.group("w")], False, lo + c.start(), False)
    ti = m.titled_last.search(head, timeout=TIMEOUT)
    if ti and _is_title(m, head[ti.end():]):  # "Luật Tổ chức Chính phủ số 63/2025/QH15"
        return _Look(*m.word_type[_fold(ti.group("w"))], lo + ti.start(), False)
    ta = m.type_gap.search(head, timeout=TIMEOUT)  # "Báo cáo thẩm định số 453/BCTĐ-TCGT"
    if ta and (tw := _type_word(m, ta.group("w"))):
        gap = head[ta.end("w"):]
        if _is_title(m, gap, 3) and not m.gap_blockers & set(gap.lower().split()):
            return _Look(*tw, lo + ta.start(), False)
    if so.group("so").startswith(m.own_word[0]) and (so.group("colon") or _line_start(head)):
        return _Look(None, False, None, True)  # the document's own "Số: 2268/UBND-TTHC"
    return _Look(None, False, None, False)


def _line_start(head: str) -> bool:
    h = head.rstrip(" \t*")
    return not h or h[-1] in "\n\r" or not (h[-1].isalnum())


def _is_title(m: _Model, gap: str, max_words: int = 20) -> bool:
    """"Tổ chức Chính phủ" between "Luật" and "số": a title, not another clause."""
    words = gap.split()
    if not words or len(words) > max_words:
        return False
    if _re(r"""[/.;:()\[\]"“”]|\n[ \t]*\r?\n""").search(gap):
        return False
    return not m.type_cap_any.search(gap, timeout=TIMEOUT)


def _date_at(m: _Model, text: str, pos: int) -> tuple[Optional[str], int]:
    d = m.date_re.match(text, pos, timeout=TIMEOUT)
    if not d:
        return None, pos
    if not d.group("ngay") and not _re(r"[\s,(]*\d").match(text[pos:d.end()]):
        return None, pos
    try:
        day = _dt.date(int(d.group("y")), int(d.group("m")), int(d.group("d")))
    except ValueError:
        return None, pos
    if not 1945 <= day.year <= 2100:
        return None, pos
    return day.isoformat(), d.end()


def _date_before(m: _Model, text: str, pos: int) -> tuple[Optional[str], Optional[str]]:
    b = m.date_before.search(text, max(0, pos - 160), pos, timeout=TIMEOUT)
    if not b:
        return None, None
    try:
        day = _dt.date(int(b.group("y")), int(b.group("m")), int(b.group("d")))
    except ValueError:
        return None, None
    named = m.named_issuer.fullmatch(text, b.start("iss"), b.end("iss"), timeout=TIMEOUT)
    issuer = m.expand(b.group("iss").split(), False) if named else None
    return day.isoformat(), issuer


def _issuer_after(m: _Model, text: str, pos: int) -> tuple[Optional[str], int]:
    lead = m.issuer_lead.match(text, pos, timeout=TIMEOUT)
    if not lead:
        return None, pos
    name, end = m.issuer_at(text, lead.end())
    return (name, end) if name else (None, pos)


def find_citations(text: str, *, own_reference: Optional[str] = None) -> list[Citation]:
    """Every document cited in `text`, in reading order, offsets into `text`.

    The document's own "Số: …" line is skipped; pass `own_reference` to drop any other mention
    of the document itself ("ban hành kèm theo Quyết định số …" in an appendix heading).
    """
    if not text or "/" not in text:  # every reference has a slash
        return []
    m = _model()
    own = canonical_reference(own_reference) if own_reference else None
    out: list[Citation] = []
    group: list[int] = []            # indices in `out` of the current list
    groups: list[list[int]] = []
    group_type: Optional[str] = None
    prev_ends: tuple[int, int] = (-1, -1)  # (token end, end of its date/issuer)
    stated_date: dict[int, bool] = {}
    stated_issuer: dict[int, bool] = {}
    trailing_year: dict[int, str] = {}

    for tm in m.token_re.finditer(text, timeout=TIMEOUT):
        token = _token(m, text, tm)
        if token is None:
            continue
        p, start, end = token
        look = _look_back(m, text, start)
        if look.skip:
            continue
        in_list = False
        if look.type_name is None and group:
            for pe in prev_ends:
                if 0 <= pe <= start and m.list_gap.match(text, pe, start, timeout=TIMEOUT):
                    in_list = True
                    break
        sym_type = doc_type_of_symbol(p.symbol)
        if look.type_name is not None:
            doc_type = (sym_type or look.type_name) if look.generic else look.type_name
            c_start = look.start
        elif in_list:
            doc_type = sym_type if sym_type and sym_type not in (group_type, "Công văn") else group_type
            c_start = start
        else:
            if not _known_symbol(m, p.symbol):
                continue
            doc_type, c_start = sym_type, start

        date, after = _date_at(m, text, end)
        issuer, after2 = _issuer_after(m, text, after)
        if date is None and issuer:
            date, after3 = _date_at(m, text, after2)
            after2 = max(after2, after3)
        if date is None and look.type_name is not None and look.start:
            date, said = _date_before(m, text, look.start)  # "Ngày 24/4/2023, Sở Nội vụ có Báo cáo …"
            issuer = issuer or said
        cit = Citation(text=text[c_start:end], start=c_start, end=end, doc_type=doc_type,
                       number=p.number, symbol=p.symbol, reference=p.reference, date=date,
                       issuer=issuer)
        if not in_list:
            if group:
                groups.append(group)
            group, group_type = [], doc_type
        idx = len(out)
        stated_date[idx] = date is not None
        stated_issuer[idx] = issuer is not None
        if p.year:
            trailing_year[idx] = p.year
        group.append(idx)
        out.append(cit)
        prev_ends = (end, after2)
    if group:
        groups.append(group)

    for g in groups:  # a date or issuer after the last of a list belongs to all before it
        _share_backwards(out, g, "date", stated_date)
        _share_backwards(out, g, "issuer", stated_issuer)
    # a document cited again later ("khoản 2 Mục IV Báo cáo số 174/BC-SNV") is the same document
    dates: dict[str, str] = {}
    issuers: dict[str, str] = {}
    for c in out:
        if c.date:
            dates.setdefault(c.reference, c.date)
        if c.issuer:
            issuers.setdefault(c.reference, c.issuer)
    for c in out:
        c.date = c.date or dates.get(c.reference)
        c.issuer = c.issuer or issuers.get(c.reference)
    for i, c in enumerate(out):
        if c.date is None and i in trailing_year:  # "689/SKHCN-QLKH/2026": the year is the date
            c.date = trailing_year[i]
        if c.issuer is None:
            c.issuer = issuer_of_symbol(c.symbol)
    if own:
        out = [c for c in out if c.reference != own]
    return out


def _token(m: _Model, text: str, tm) -> Optional[tuple[_Parsed, int, int]]:
    """The reference a token match spells, with its span (a spaced-out join or number fixed)."""
    party = bool(tm.group("psym"))
    group = "psym" if party else "sym"
    sym_raw = tm.group(group)
    if " " in sym_raw or "\n" in sym_raw or "\t" in sym_raw:
        sym_raw = _trim_join(m, sym_raw)
    end = tm.start(group) + len(sym_raw)
    tyear = tm.group("tyear") if end == tm.end(group) else None
    if tyear:
        end = tm.end()
    num, start = tm.group("num"), tm.start()
    if start > 2 and text[start - 1] == " " and text[start - 2].isdigit():
        split = m.split_number.search(text, max(0, start - 24), start, timeout=TIMEOUT)
        if split:  # "số 6 1 /2018/NĐ-CP" → 61
            num, start = split.group("d").replace(" ", "") + num, split.start("d")
    p = _make(num, tm.group("year"), sym_raw, tyear, party)
    return (p, start, end) if p.reference else None


def _share_backwards(out: list[Citation], group: list[int], field: str, stated: dict) -> None:
    carry = None
    for i in reversed(group):
        if stated[i]:
            carry = getattr(out[i], field)
        elif carry is not None:
            setattr(out[i], field, carry)


def _trim_join(m: _Model, sym: str) -> str:
    """Cut a symbol at a spaced hyphen unless a code stands on one side of it as it should:
    a type code before ("TT- BGTVT"), a known code after ("TTr-CAT- CSGT"), or three capitals or
    more after ("TTr-SGTVT- CLCTGT")."""
    for j in _re(rf"\s*{_HY}\s+|\s+-\s*").finditer(sym):
        left = _re(r"[-/.]").split(sym[: j.start()])[-1]
        right = _re(r"[-/.(]").split(sym[j.end():])[0]
        if m.casing.get(left.upper()) not in m.type_code and right.upper() not in m.casing \
                and not _re(r"\p{Lu}{3,}&?\p{Lu}*").fullmatch(right):
            return sym[: j.start()]  # (an unknown code in capitals still joins: "1474/UBND- CNXD")
    return sym


def _known_symbol(m: _Model, symbol: str) -> bool:
    year, party, segs = m.parts(symbol)
    if party:
        return True
    return bool(segs) and (segs[0] in m.type_code or segs[0] in m.issuer or m._numbered(segs[0]))


# -- pointers back ("Báo cáo nêu trên", "Công văn này") ----------------------------------------

def _pointers(m: _Model, text: str):
    """(start, end, kind) of each pointer phrase ("nêu trên", "này", a bare "trên")."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would drift
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    hits = []
    for last, phrases in m.pointers.items():
        i = low.find(last)
        while i >= 0:
            e = i + len(last)
            if e == len(low) or not low[e].isalnum():
                for phrase, kind in phrases:
                    b = e - len(phrase)
                    if b >= 0 and low.startswith(phrase, b) and (b == 0 or not low[b - 1].isalnum()):
                        if kind != "bare" or m.bare_follow.match(text, e):
                            hits.append((b, e, kind))
                        break
            i = low.find(last, e)
    hits.sort()
    return hits


def resolve_antecedents(text: str, citations: list[Citation], *,
                        own_reference: Optional[str] = None) -> list[Citation]:
    """Phrases that point at a cited document, as Citation records with `reference=None`.

    "Báo cáo nêu trên" (also "nói trên", "kể trên", "đã nêu", "dẫn trên", "vừa nêu", and a
    bare "trên" before punctuation): `antecedent` is the reference of the nearest earlier
    citation of the same doc_type ("văn bản nêu trên": of any type). A plural ("các Báo cáo nêu
    trên") gives one record per earlier citation of that type, all with the phrase's span, in
    reading order. No earlier citation: one record with antecedent None.
    "Công văn này" (a capitalised type word + "này") is the document itself: antecedent is
    `own_reference` (canonicalised) when the caller knows it, else None.
    Only the pointer records are returned; `citations` is not changed.
    """
    if not text:
        return []
    m = _model()
    own = canonical_reference(own_reference) if own_reference else None
    cited = sorted((c for c in citations if c.reference), key=lambda c: c.start)
    out: list[Citation] = []
    for p_start, p_end, kind in _pointers(m, text):
        t = m.type_before.search(text, max(0, p_start - 40), p_start, timeout=TIMEOUT)
        if not t:
            continue
        word = t.group("w")
        pl = m.plural_before.search(text, max(0, t.start() - 12), t.start(), timeout=TIMEOUT)
        start = pl.start() if pl else t.start()
        name, generic = m.word_type[_fold(word)]
        span = dict(text=text[start:p_end], start=start, end=p_end)
        if not word[0].isupper() and (kind == "self" or _fold(word) not in m.lowercase_types):
            continue  # "các quy định nêu trên": regulations in general, not a cited one
        if kind == "self":
            out.append(Citation(**span, doc_type=None if generic else name, antecedent=own))
            continue
        before = [c for c in cited if c.end <= start and (generic or c.doc_type == name)]
        if not before:
            out.append(Citation(**span, doc_type=None if generic else name))
            continue
        if pl:
            seen, chosen = set(), []
            for c in before:
                if c.reference not in seen:
                    seen.add(c.reference)
                    chosen.append(c)
        else:
            chosen = [before[-1]]
        for c in chosen:
            out.append(Citation(**span, doc_type=c.doc_type if generic else name,
                                antecedent=c.reference))
    return out
