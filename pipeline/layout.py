"""Layout: normalized text → NĐ 30/2020 zones, header fields and the body's enumeration tree.

Works the same on line-structured text (seeds, PDFs) and on crawled copies flattened to one line:
header fields are found by their own patterns, not by line position, and enumeration markers
start a unit at a line start or inline after ". ", ": " or "; ".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .models_data import load
from .records import Metadata, Signer

_UPPER = "A-ZĐÀ-ỸÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"


@dataclass
class Unit:
    """A body unit: an enumerated item's own text (up to its first child) or a paragraph piece."""
    start: int
    end: int
    marker: str = ""       # "2.", "a)", "-", "Điều 3.", "" for an unmarked paragraph
    kind: str = ""         # marker kind name from models/layout.yaml, "" when unmarked
    level: int = 0
    path: str = ""         # enumeration path, e.g. "2.b", "Điều 3.1"
    parent: Optional[int] = None  # index of the enclosing unit
    children: list[int] = field(default_factory=list)


@dataclass
class Layout:
    text: str
    header: tuple[int, int]
    body: tuple[int, int]
    recipients: tuple[int, int]   # Nơi nhận block (empty span when absent)
    signature: tuple[int, int]
    metadata: Metadata
    header_fields: list[tuple[int, int, str]]   # (start, end, field name) in reading order
    recipient_spans: list[tuple[int, int]]      # each Kính gửi addressee
    cc_spans: list[tuple[int, int]]             # each Nơi nhận entry
    signature_spans: list[tuple[int, int]]      # authority / title / name lines
    units: list[Unit]
    issuing_authority: Optional[tuple[int, int]] = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" line

    def item_span(self, i: int) -> tuple[int, int]:
        """A unit with all its descendants."""
        u = self.units[i]
        end = u.end
        stack = list(u.children)
        while stack:
            c = self.units[stack.pop()]
            end = max(end, c.end)
            stack.extend(c.children)
        return u.start, end


# --- patterns --------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _patterns():
    import regex
    data = load("layout")
    h = data["header"]

    def comp(entry):
        flags = regex.V0 | (regex.IGNORECASE if entry.get("ci") else 0)
        return regex.compile(entry["pattern"], flags)

    pats = {name: comp(e) for name, e in h.items()}
    pats["body_start"] = comp(data["body_start"])
    pats["preamble"] = comp(data["preamble_clause"])
    pats["cc_intro"] = comp(data["cc_intro"])
    pats["sig_authority"] = comp(data["signature_authority"])
    markers = [(m["name"], m["pattern"]) for m in data["markers"]]
    alt = "|".join(f"(?P<{n}>{p})" for n, p in markers)
    pats["marker_line"] = regex.compile(rf"(?m)^[ ]*(?:{alt})")
    # inline: after sentence/clause punctuation, a marker followed by a capital (or "(", a digit)
    pats["marker_inline"] = regex.compile(
        rf"(?<=[.:;!?]\s{{1,3}}|[.:;]\s?\*?\s|^)(?:{alt})(?=\s+[\"“(]?[{_UPPER}0-9])", regex.M)
    pats["marker_names"] = [n for n, _ in markers]
    titles = sorted(data["authority_titles"], key=len, reverse=True)
    pats["titles"] = titles
    pats["title_re"] = regex.compile("|".join(regex.escape(t) for t in titles))
    heads = sorted(data["child_heads"], key=len, reverse=True)
    pats["child_head"] = regex.compile(r"(?<=\s)(?:" + "|".join(regex.escape(t) for t in heads) + r")\s")
    pats["abbrev"] = sorted(set(data["sentence_abbreviations"]), key=len, reverse=True)
    return pats


@lru_cache(maxsize=None)
def _doc_types() -> list[tuple[str, "re.Pattern", str]]:
    """(UPPER CASE name, its pattern, canonical name) of document types, longest first."""
    names = load("layout")["doc_type_titles"]
    out = [(n.upper(), re.compile(r"(?<![^\s])" + re.escape(n.upper()) + r"(?=\s|$)"), n) for n in names]
    return sorted(out, key=lambda x: -len(x[0]))


# --- line unwrapping (used by normalize for PDFs and office files) ---------------------------

_LINE_START = re.compile(
    r"^\s*(?:Điều\s+\d|Chương\s|Mục\s+\d|Phần\s|[IVXL]{1,5}\.\s|\d{1,2}(?:\.\d{1,2})*\.?\s|\d{1,2}\)\s|"
    r"[a-zđ]\)\s|\(\d{1,2}\)\s|[-–—+•]\s|Căn cứ|Theo đề nghị|Xét đề nghị|Nơi nhận|Kính gửi|"
    r"(?:TM|KT|TL|TUQ|Q)\.\s|QUYẾT ĐỊNH:|Số\s*:|V/v\b)")


def _is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def starts_new_line(prev: str, line: str) -> bool:
    """Whether `line` begins a new logical line after `prev` (else it is a visual wrap of prev)."""
    p = prev.rstrip()
    if not p or p.endswith((".", ":", ";", "!", "?", "./.")):
        return True
    if _LINE_START.match(line):
        return True
    if _is_caps_line(prev) or _is_caps_line(line):
        return True
    if re.fullmatch(r"\s*[-_=.]{3,}\s*", line) or re.fullmatch(r"\s*[-_=.]{3,}\s*", prev):
        return True
    return False


# --- header ----------------------------------------------------------------------------------

def _title_case(s: str) -> str:
    from .agencies import title_case_agency
    return title_case_agency(s)


def _clean(s: str) -> str:
    return " ".join(s.replace("\n", " ").split()).strip(" .;,:-")


def _parse_header(text: str, limit: int):
    """Find header fields in text[:limit]. Returns (metadata, fields, header_end, recipients, authority)."""
    P = _patterns()
    region = text[:limit]
    md = Metadata()
    fields: list[tuple[int, int, str]] = []

    m_nat = P["national"].search(region) or P["party"].search(region)
    m_motto = P["motto"].search(region)
    m_num = P["number"].search(region)
    m_pd = P["place_date"].search(region, m_num.end() if m_num else 0) or P["place_date"].search(region)
    for m, name in ((m_nat, "national"), (m_motto, "motto")):
        if m:
            fields.append((m.start(), m.end(), name))

    # Issuer block: from the start to the first other header field.
    firsts = [m.start() for m in (m_nat, m_num, m_pd, m_motto) if m]
    block_end = min(firsts) if firsts else 0
    block = region[:block_end]
    deco = P["decoration"].search(block)
    if deco:
        block_end = deco.start()
        block = region[:block_end]
    issuer_raw = _clean(block)
    if issuer_raw:
        lines = [l.strip() for l in block.split("\n") if l.strip() and not P["decoration"].fullmatch(l.strip())]
        parent = issuer = None
        joined = " ".join(" ".join(lines).split())
        mh = P["child_head"].search(" " + joined + " ")
        if mh and mh.start() > 1 and not joined.upper().startswith(("BỘ ", "THỦ TƯỚNG")) or \
                (mh and joined.upper().startswith("BỘ ") and mh.start() > 1):
            cut = mh.start() - 1
            parent, issuer = joined[:cut].strip(), joined[cut:].strip()
        else:
            issuer = joined
        md.issuer = _title_case(issuer) if issuer else None
        md.issuer_parent = _title_case(parent) if parent else None
        s0 = len(block) - len(block.lstrip())
        fields.insert(0, (s0, s0 + len(block.strip()), "issuer"))

    # Số: …/…
    if m_num:
        from .citations import parse_reference
        number, symbol, reference = parse_reference(m_num.group("value"))[:3]
        md.number, md.symbol, md.reference = number, symbol, reference
        fields.append((m_num.start(), m_num.end(), "number"))

    # Place, date (day or month may be blank: partial date)
    if m_pd:
        place = _clean(m_pd.group("place"))
        if m_num and m_pd.start("place") < m_num.end() <= m_pd.end("place"):
            place = _clean(region[m_num.end():m_pd.end("place")])
        place = re.sub(r"^(?:.*\b(?:Phúc|NAM)\s+)", "", place)  # glued motto
        md.place = place or None
        y, mo, d = m_pd.group("year"), m_pd.group("month"), m_pd.group("day")
        if y:
            if mo and 1 <= int(mo) <= 12:
                md.date = f"{int(y):04d}-{int(mo):02d}" + (f"-{int(d):02d}" if d and 1 <= int(d) <= 31 else "")
            else:
                md.date = y
            md.date_source = "header"
        fields.append((m_pd.start("place") + (len(m_pd.group("place")) - len(m_pd.group("place").lstrip())),
                       m_pd.end(), "place_date"))

    # Document type and subject.
    after = max([m.end() for m in (m_num, m_pd, m_motto, m_nat) if m] + [block_end])
    body_m = P["body_start"].search(region, after)
    rec_m = P["recipients"].search(region, after if not m_pd else 0)
    vv = P["subject_vv"].search(region, 0)
    type_m = None
    for upper, pat, canon in _doc_types():
        mm = pat.search(region, after)
        if mm and (type_m is None or mm.start() < type_m[0].start()):
            if body_m and mm.start() > body_m.start():
                continue
            type_m = (mm, canon)
    header_end = after
    authority = None
    subject_start = subject_end = None
    if vv and (not type_m or vv.start() < type_m[0].start()) and (not body_m or vv.start() < body_m.start()):
        md.doc_type = "Công văn"
        subject_start = vv.end()
        stops = [m.start() for m in (m_nat, m_pd, m_motto, rec_m, body_m) if m and m.start() > vv.end()]
        blank = region.find("\n\n", vv.end())
        if blank != -1:
            stops.append(blank)
        subject_end = min(stops) if stops else min(len(region), vv.end() + 300)
        fields.append((vv.start(), subject_end, "subject"))
    elif type_m:
        mm, canon = type_m
        md.doc_type = canon
        fields.append((mm.start(), mm.end(), "doc_type"))
        subject_start = mm.end()
        stops = [m.start() for m in (rec_m, body_m) if m and m.start() > mm.end()]
        subject_end = min(stops) if stops else min(len(region), mm.end() + 400)
        # the subject runs in capitals (or on its own lines) up to the issuing-authority line
        seg = region[subject_start:subject_end]
        lines_mode = "\n" in seg.strip()
        if not lines_mode:
            # flattened: the subject is the capitals run (plus "Về việc …" in sentence case)
            words = list(re.finditer(r"\S+", seg))
            last_caps = 0
            for w in words:
                tok = w.group(0)
                letters = [c for c in tok if c.isalpha()]
                if letters and not any(c.isupper() for c in letters) and not re.match(r"^(?:về|việc|và|của|các|năm|điện)$", tok):
                    break
                if letters and any(c.islower() for c in letters) and not tok[0].isupper():
                    break
                last_caps = w.end()
            subject_end = subject_start + last_caps
            if not body_m or subject_end < body_m.start():
                pass
        seg = region[subject_start:subject_end]
        # split off the issuing-authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "THỦ TƯỚNG CHÍNH PHỦ")
        auth = _find_authority(seg, md.issuer)
        if auth is not None:
            authority = (subject_start + auth, subject_end)
            subject_end = subject_start + auth
        fields.append((subject_start, subject_end, "subject"))
        if authority:
            fields.append((authority[0], authority[1], "authority"))
    if subject_start is not None:
        subj = _clean(region[subject_start:subject_end])
        subj = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", subj) if md.doc_type == "Công văn" else subj
        md.subject = subj or None
        header_end = max(header_end, subject_end, authority[1] if authority else 0)

    # Kính gửi list
    recipients: list[tuple[int, int]] = []
    if rec_m and (not body_m or rec_m.start() <= body_m.start() + 5 or rec_m.start() < header_end + 400):
        fields.append((rec_m.start(), rec_m.end(), "recipients"))
        recipients, rec_end = _split_recipients(text, rec_m.end(), limit)
        header_end = max(header_end, rec_end)
        md.recipients = [_clean(text[s:e]) for s, e in recipients if _clean(text[s:e])]
        for s, e in recipients:
            fields.append((s, e, "recipient"))
    fields.sort()
    return md, fields, header_end, recipients, authority


def _find_authority(seg: str, issuer: Optional[str]) -> Optional[int]:
    """Offset in seg where a trailing issuing-authority phrase starts, if there is one."""
    P = _patterns()
    s = seg.rstrip()
    issuer_up = " ".join((issuer or "").upper().split())
    issuer_up = issuer_up.replace("UBND", "ỦY BAN NHÂN DÂN")
    best = None
    for m in re.finditer(r"(?:(?<=\s)|^)\S", s):
        rest = " ".join(s[m.start():].split()).upper().replace("UỶ", "ỦY")
        if len(rest) > 90:
            continue
        core = rest
        tm = P["title_re"].match(rest)
        if tm and tm.end() < len(rest) and rest[tm.end()] == " ":
            core = rest[tm.end():].strip()
        elif tm and tm.end() == len(rest):
            core = ""
        ok = False
        if issuer_up and (rest == issuer_up or issuer_up.startswith(core) and len(core) >= 6
                          or core and core in issuer_up and len(core) >= 8):
            ok = True
        if tm and (core == "" or core in ("CHÍNH PHỦ",) or core.startswith(("ỦY BAN NHÂN DÂN", "BỘ ", "SỞ ", "CỤC ", "BAN ", "ỦY BAN"))):
            ok = True
        if rest in ("CHÍNH PHỦ", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN") or rest.startswith(("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ")):
            ok = True
        if ok and m.start() > 0:
            best = m.start()
            break
    return best


def _split_recipients(text: str, start: int, limit: int) -> tuple[list[tuple[int, int]], int]:
    """Addressees after "Kính gửi:": dash lines, or inline "- A; - B; - C." , or one line."""
    i = start
    n = len(text)
    while i < n and text[i] in " \n":
        i += 1
    spans: list[tuple[int, int]] = []
    if i < n and text[i] in "-–•+":
        # dash list, inline or on lines; ends at an entry that ends with "." or a non-dash line
        pos = i
        while pos < n and text[pos] in "-–•+":
            s = pos + 1
            while s < n and text[s] == " ":
                s += 1
            m = re.compile(r";\s*(?=[-–•+]\s)|\.\s*(?=\n|\s[" + _UPPER + r"])|\n\n|\n(?![-–•+]\s)|$").search(text, s)
            e = m.start() if m else n
            spans.append((s, e))
            if not m or not text.startswith(";", e):
                end = e + (1 if e < n and text[e] == "." else 0)
                # a dash list written one per line without ";" goes on while lines start with "-"
                nl = text.find("\n", e)
                nxt = nl + 1 if nl != -1 else n
                while nxt < n and text[nxt] == "\n":
                    nxt += 1
                if text[e:e + 1] in (";", ",") or (nl != -1 and nxt < n and text[nxt] in "-–•+" and text[e - 1:e] != "." and text[e:e+1] != "."):
                    pos = nxt
                    continue
                return spans, end
            pos = m.end()
        return spans, pos
    # single addressee (possibly several separated by ";") on one line, ending in "." or newline
    m = re.compile(r"\.(?=\s|$)|\n").search(text, i)
    e = m.start() if m else min(n, i + 200)
    for part in re.finditer(r"[^;]+", text[i:e]):
        s0 = i + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
        e0 = i + part.end() - (len(part.group(0)) - len(part.group(0).rstrip()))
        if e0 > s0:
            spans.append((s0, e0))
    return spans, e + 1 if m and text[e] == "." else e


# --- tail: Nơi nhận and signature ------------------------------------------------------------

_NAME = re.compile(rf"([{_UPPER}][a-zà-ỹđ]+(?:\s+[{_UPPER}][a-zà-ỹđ]+){{1,5}})\s*$")


def _parse_tail(text: str, body_start: int):
    """Find Nơi nhận and the signature block. Returns (body_end, cc, cc_spans, sig, sig_spans, signer)."""
    P = _patterns()
    n = len(text)
    tail_from = max(body_start, int(n * 0.3))
    cc_m = None
    for m in P["cc_intro"].finditer(text, tail_from):
        cc_m = m
    signer = Signer()
    sig_span = (n, n)
    sig_spans: list[tuple[int, int]] = []
    # signature: the name at the very end, a title in capitals before it, authority chain before that
    tail = text[max(body_start, n - 400):]
    off = n - len(tail)
    nm = _NAME.search(tail)
    if nm and len(nm.group(1).split()) <= 6:
        name_s, name_e = off + nm.start(1), off + nm.end(1)
        before = text[max(body_start, name_s - 200):name_s]
        boff = name_s - len(before)
        # capitals run right before the name
        caps = re.search(rf"((?:(?:TM|KT|TL|TUQ|Q)\.?\s*)?[{_UPPER}][{_UPPER}\s,.]*?)\s*$", before)
        # keep only trailing tokens that are capitals / authority prefixes
        toks = list(re.finditer(r"\S+", before))
        j = len(toks)
        while j > 0:
            t = toks[j - 1].group(0).strip(",")
            letters = [c for c in t if c.isalpha()]
            if t in ("[", "]", "(Đã", "ký)", "ký"):
                j -= 1
                continue
            if letters and all(c.isupper() for c in letters):
                j -= 1
                continue
            break
        caps_s = boff + toks[j].start() if j < len(toks) else name_s
        caps_text = text[caps_s:name_s]
        # duplicate name line (seed 002: italic and bold copies of the name)
        dup = re.search(re.escape(nm.group(1)) + r"\s*$", text[max(body_start, name_s - 60):name_s])
        if dup:
            name_s2 = max(body_start, name_s - 60) + dup.start()
            caps_s = min(caps_s, name_s2) if not caps_text.strip() else caps_s
        # Avoid swallowing a body sentence: capitals only, short.
        if len(caps_text) <= 160:
            signer.name = nm.group(1)
            sig_start = caps_s if caps_text.strip() else (name_s2 if dup else name_s)
            sig_span = (sig_start, n)
            chain = " ".join(caps_text.split())
            # authority chain: "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG"
            parts = re.split(r"\s*(?=(?:TM|KT|TL|TUQ|Q)\.\s)", chain)
            parts = [p for p in parts if p]
            auth, title = [], None
            for p in parts:
                mm = re.match(r"((?:TM|KT|TL|TUQ|Q)\.)\s*(.*)", p)
                if mm:
                    # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the authority's title then the signer's own title
                    rest = mm.group(2)
                    titles = _split_titles(rest)
                    auth.append(f"{mm.group(1)} {_title_case(titles[0])}" if titles else mm.group(1))
                    if len(titles) > 1:
                        title = _title_case(" ".join(titles[1:]))
                else:
                    title = _title_case(p)
            if title is None and auth:
                # "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" → the last title is the signer's
                pass
            signer.authority = " ".join(auth) or None
            signer.title = title
            # sentence units of the signature: each authority, the title, the name
            pos = caps_s
            for p in parts:
                i = text.find(p.split()[0], pos) if p.split() else -1
                if i != -1:
                    pos = i
            for mm in re.finditer(r"(?:(?:TM|KT|TL|TUQ|Q)\.\s*)?[^\s]+(?:\s+[^\s]+)*?(?=\s+(?:TM|KT|TL|TUQ|Q)\.\s|\n|$)", caps_text):
                if mm.group(0).strip():
                    sig_spans.append((caps_s + mm.start(), caps_s + mm.end()))
            sig_spans.append((name_s, name_e))
    cc_spans: list[tuple[int, int]] = []
    cc: list[str] = []
    body_end = sig_span[0]
    if cc_m:
        body_end = min(body_end, cc_m.start())
        cc_end = sig_span[0] if sig_span[0] > cc_m.end() else n
        seg = text[cc_m.end():cc_end]
        for m in re.finditer(r"[-–•+]\s*([^\n]*?)(?=\s*[;.]?\s*(?:[-–•+]\s|\n|$))", seg):
            s, e = cc_m.end() + m.start(1), cc_m.end() + m.end(1)
            val = _clean(text[s:e])
            if val:
                cc_spans.append((s, e))
                cc.append(val)
    return body_end, cc, cc_spans, (cc_m.start() if cc_m else body_end, cc_m and (sig_span[0] if sig_span[0] > cc_m.end() else n) or body_end), sig_span, sig_spans, signer


def _split_titles(s: str) -> list[str]:
    """ "CHỦ TỊCH PHÓ CHỦ TỊCH" → ["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; "ỦY BAN NHÂN DÂN" → [itself]."""
    P = _patterns()
    s = " ".join(s.split())
    out = []
    i = 0
    # greedy: a body name first (ỦY BAN NHÂN DÂN, CHÍNH PHỦ …) up to a known title
    while i < len(s):
        m = P["title_re"].search(s, i)
        if not m:
            out.append(s[i:].strip())
            break
        if m.start() > i:
            out.append(s[i:m.start()].strip())
        out.append(m.group(0))
        i = m.end()
    return [o for o in out if o]


# --- body units ------------------------------------------------------------------------------

def _marker_kind(m) -> str:
    for name in _patterns()["marker_names"]:
        if m.group(name) is not None:
            return name
    return ""


def _body_units(text: str, start: int, end: int) -> list[Unit]:
    """Split the body into units at enumeration markers (line start or inline) and paragraphs."""
    P = _patterns()
    cuts: dict[int, tuple[str, str]] = {}
    for m in P["marker_line"].finditer(text, start, end):
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        cuts[s] = (_marker_kind(m), m.group(0).strip())
    for m in P["marker_inline"].finditer(text, start, end):
        kind = _marker_kind(m)
        if kind in ("dash", "plus", "bullet") and text[m.start() - 2:m.start()].strip() not in (";", ":", ".") \
                and "\n" not in text[max(start, m.start() - 2):m.start()]:
            continue  # an inline dash only after ";" / ":" / "." (else it is a hyphen or range)
        cuts.setdefault(m.start(), (kind, m.group(0).strip()))
    # paragraphs and preamble clauses also start units
    for m in re.finditer(r"\n+", text[start:end]):
        s = start + m.end()
        if s < end and s not in cuts:
            cuts[s] = ("", "")
    for m in P["preamble"].finditer(text, start, end):
        if m.start() == start or text[m.start() - 1] in "\n" or text[max(start, m.start() - 2):m.start()].strip() in (";", ".", ",", ":"):
            cuts.setdefault(m.start(), ("", ""))
    for m in P["enacting"].finditer(text, start, end):
        cuts.setdefault(m.start(), ("enacting", ""))
        if m.end() < end:
            cuts.setdefault(m.end() + (len(text[m.end():end]) - len(text[m.end():end].lstrip())), ("", ""))
    cuts.setdefault(start + (len(text[start:end]) - len(text[start:end].lstrip())), ("", ""))
    points = sorted(p for p in cuts if start <= p < end)
    units: list[Unit] = []
    for i, p in enumerate(points):
        e = points[i + 1] if i + 1 < len(points) else end
        while e > p and text[e - 1] in " \n":
            e -= 1
        if e <= p:
            continue
        kind, marker = cuts[p]
        units.append(Unit(p, e, marker, kind if kind != "enacting" else ""))
    _build_tree(units)
    return units


_LEVEL_ORDER = ("part", "chapter", "section", "article", "roman", "multilevel", "arabic", "arabic_paren",
                "letter", "paren", "dash", "plus", "bullet")


def _label(u: Unit, index: int) -> str:
    m = u.marker.rstrip(".) ").lstrip("(")
    if u.kind == "article":
        return "Điều " + re.sub(r"\D", "", u.marker)
    if u.kind in ("dash", "plus", "bullet"):
        return f"{u.marker[0]}{index}"
    if u.kind == "paren":
        return f"({m})"
    return m


def _build_tree(units: list[Unit]) -> None:
    """Assign levels, parents and paths: a marker kind seen before closes the deeper levels."""
    stack: list[int] = []        # indices of open marked units
    counters: dict[tuple, int] = {}
    for i, u in enumerate(units):
        if not u.kind:
            # an unmarked paragraph belongs to the open item only if it does not start a new block
            u.parent = stack[-1] if stack else None
            if u.parent is not None:
                u.level = units[u.parent].level + 1
                u.path = units[u.parent].path
            continue
        # pop to the same kind if it is open, else nest under the current one
        kinds = [units[j].kind for j in stack]
        if u.kind in kinds:
            k = kinds.index(u.kind)
            stack = stack[:k]
        elif u.kind in ("article", "chapter", "part", "section", "roman"):
            # structural markers never nest under list markers
            while stack and _LEVEL_ORDER.index(units[stack[-1]].kind) >= _LEVEL_ORDER.index(u.kind):
                stack.pop()
        parent = stack[-1] if stack else None
        u.parent = parent
        u.level = len(stack) + 1
        key = (parent, u.kind)
        counters[key] = counters.get(key, 0) + 1
        lab = _label(u, counters[key])
        u.path = (units[parent].path + "." if parent is not None and units[parent].path else "") + lab
        if parent is not None:
            units[parent].children.append(i)
        stack.append(i)


# --- entry point -----------------------------------------------------------------------------

def analyze(text: str, info: Optional[dict] = None) -> Layout:
    """Text → Layout. `info` may carry a signing time (scans) used when the header day is blank."""
    n = len(text)
    limit = min(n, 2500)
    md, fields, header_end, recipient_spans, authority = _parse_header(text, limit)
    body_start = header_end
    while body_start < n and text[body_start] in " \n.:":
        body_start += 1
    body_end, cc, cc_spans, cc_zone, sig_span, sig_spans, signer = _parse_tail(text, body_start)
    md.cc = cc
    md.signer = signer
    if body_end < body_start:
        body_end = n
    units = _body_units(text, body_start, body_end)
    if info and info.get("signed_at") and (md.date is None or len(md.date) < 10):
        signed = str(info["signed_at"])[:10]
        if md.date is None or signed.startswith(md.date):
            md.date, md.date_source = signed, "signature"
    return Layout(
        text=text, header=(0, body_start), body=(body_start, body_end), recipients=cc_zone,
        signature=sig_span, metadata=md, header_fields=fields, recipient_spans=recipient_spans,
        cc_spans=cc_spans, signature_spans=sig_spans, units=units, issuing_authority=authority,
    )
