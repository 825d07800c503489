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

_AUTH_PREFIX = r"(?:TM|KT|TL|TUQ|Q)\."  # thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"


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
    markers = [(m["name"], m["pattern"]) for m in data["markers"]]
    alt = "|".join(f"(?P<{n}>{p})" for n, p in markers)
    pats["marker_line"] = regex.compile(rf"(?m)^[ ]*(?:{alt})")
    # inline: after sentence/clause punctuation, or after a heading in capitals ("I. MỤC ĐÍCH 1. …"),
    # a marker followed by a capital (or "(", a digit)
    # (two steps for speed: find the places a marker may stand, then try the markers only there)
    pats["marker_inline_at"] = regex.compile(r"(?:[.:;!?]\s{1,3}|[.:;]\s?\*?\s|\b\p{Lu}{2,}\s)(?=\S)")
    pats["marker_inline"] = regex.compile(rf"(?:{alt})(?=\s+[\"“(]?[{_UPPER}0-9])")
    # an inline dash before an imperative verb starts an item even after a heading with no
    # punctuation ("1. Bộ Công an - Chỉ đạo Công an các tỉnh …"); elsewhere " - " is a hyphen
    # … and so does a marker before a task sheet's field ("… Luật Đường bộ a) Cơ quan chủ trì: Sở …")
    verbs = sorted(set(load("tasks")["imperative_verbs"]), key=len, reverse=True)
    sheet = load("tasks")["task_sheet"]
    fields = "|".join(f"(?:{sheet[k]})" for k in ("lead", "support", "time", "other"))
    pats["dash_verb"] = regex.compile(r"(?<=\S\s)(?<!(?:Điều|Mục|Chương|khoản|Khoản|điểm|Điểm|Phần|số)\s)(?P<m>[-–]|[a-zđ]\)|\d{1,2}\.)(?=\s+(?:(?:" + "|".join(regex.escape(v) for v in verbs) + r")\b|(?:" + fields + r")\s*:))")
    # a heading in capitals right after the bracket of an attachment's title, in flattened text: "(Kèm theo
    # Quyết định số 2143/QĐ-UBND ngày 15/10/2024 của Chủ tịch Ủy ban nhân dân tỉnh) I. MỤC ĐÍCH, YÊU CẦU"
    pats["after_bracket_heading"] = regex.compile(
        r"\)\s{1,3}(?=(?:[IVXL]{1,5}\s*\.|Chương\s+[IVXLC\d]+\b\.?|Phần\s+[IVXLC]+\b\.?)\s+\p{Lu}{2,}\b)")
    pats["sheet_field_after"] = regex.compile(r"\s+(?:" + fields + r")\s*:")
    # where such a marker may stand (whitespace, marker, whitespace): scanning for this first and
    # trying dash_verb only there is 3× faster than letting its lookbehinds run at every position
    pats["dash_verb_at"] = regex.compile(r"\s(?:[-–]|[a-zđ]\)|\d{1,2}\.)(?=\s)")
    pats["marker_names"] = [n for n, _ in markers]
    dashed = [r"\s*[-–]\s*".join(regex.escape(w) for w in regex.split(r"\s*[-–]\s*", d["name"])) for d in data["dashed_names"]]
    pats["dashed_name"] = regex.compile("|".join(dashed).replace(r"\ ", r"\s+"))
    titles = sorted(data["authority_titles"], key=len, reverse=True)
    pats["title_re"] = regex.compile("|".join(regex.escape(t) for t in titles))
    heads = sorted(data["child_heads"], key=len, reverse=True)
    pats["child_head"] = regex.compile(r"(?<=\s)(?:" + "|".join(regex.escape(t) for t in heads) + r")\s")
    return pats


@lru_cache(maxsize=None)
def _doc_type_re() -> tuple["re.Pattern", dict[str, str]]:
    """One pattern for every document type in capitals ("QUYẾT ĐỊNH", "CÔNG ĐIỆN" …), longest
    first, and the canonical name of each."""
    names = load("layout")["doc_type_titles"]
    canon = {n.upper(): n for n in names}
    alt = "|".join(re.escape(u) for u in sorted(canon, key=len, reverse=True))
    return re.compile(r"(?<![^\s])(?:" + alt + r")(?=\s|$)"), canon


# --- line unwrapping (used by normalize for PDFs and office files) ---------------------------

_LINE_START = re.compile(
    r"^\s*(?:Điều\s+\d+[a-z]?\s*[.:]|Chương\s+[IVXLC\d]+\b\.?\s*$|Mục\s+\d+\.|Phần\s|[IVXL]{1,5}\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}(?:\.\d{1,2})+\s|\d{1,2}\)\s|\([ivx]{1,4}\)\s|"
    r"[a-zđ]\)\s|\(\d{1,2}\)\s|[-–—+•]\s|Căn cứ|Theo đề nghị|Xét đề nghị|Nơi nhận|Kính gửi|"
    + _AUTH_PREFIX + r"\s|QUYẾT ĐỊNH:|Số\s*:|V/v\b)")


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

@lru_cache(maxsize=1024)  # issuers repeat from document to document
def _title_case(s: str) -> str:
    from .agencies import expand_abbreviations, title_case_agency
    return title_case_agency(expand_abbreviations(s))


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
    m_pd = P["place_date"].search(region, m_num.end() if m_num else 0) or P["place_date"].search(region) \
        or (P["place_date_bare"].match(region, m_num.end()) if m_num else None)
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
        # a subordinate body's head after the first word: "UBND TỈNH HÀ TĨNH SỞ NỘI VỤ"
        # heads matched left to right, so "ỦY BAN NHÂN DÂN" or "VĂN PHÒNG" at the start is consumed whole
        mh = next((h for h in P["child_head"].finditer(" " + joined + " ") if h.start() > 1), None)
        if mh and not joined.upper().startswith("THỦ TƯỚNG"):
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
    type_re, canon_of = _doc_type_re()
    mm = type_re.search(region, after)
    type_m = (mm, canon_of[mm.group(0)]) if mm and not (body_m and mm.start() > body_m.start()) else None
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
        lines_mode = seg.lstrip(" ").startswith("\n") or "\n" in seg.strip()
        if not lines_mode:
            # flattened: the subject is the capitals run (plus "Về việc …" in sentence case)
            words = list(re.finditer(r"\S+", seg))
            first = next((w.group(0) for w in words if any(c.isalpha() for c in w.group(0))), "")
            if any(c.islower() for c in first):
                pass  # a sentence-case subject ("Về việc …"): it runs to the authority line / body
            else:
                last_caps = 0
                for w in words:
                    tok = w.group(0)
                    if any(c.islower() for c in tok) and tok not in ("V/v", "V/V"):
                        break  # sentence case begins: the body ("… HÈ 2025 Những tháng đầu năm …")
                    last_caps = w.end()
                subject_end = subject_start + last_caps
        else:
            # on its own lines the subject never ends in ".", ":" or ";": a line that does is the body's
            # first paragraph ("CHỈ THỊ / Về tăng cường … / Cục Hàng không Việt Nam yêu cầu …, nhiệm vụ sau:"),
            # and neither does a line opening with an item marker ("I. MỤC ĐÍCH, YÊU CẦU")
            first_line = True
            for ln in re.finditer(r"[^\n]+", seg):
                if not ln.group().strip():
                    continue
                if not first_line and (ln.group().rstrip().endswith((".", ":", ";"))
                                       or P["marker_line"].match(ln.group())):
                    subject_end = subject_start + ln.start()
                    break
                first_line = False
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
        # one entry per addressee: "Công an tỉnh; Cục Thuế tỉnh; …" on one dash line is several
        md.recipients = [_clean(p) for s, e in recipients for p in text[s:e].split(";") if _clean(p)]
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
    # the squeezed length of the rest from each word: a longer one is skipped before it is built
    # (upper() never shortens a string)
    tail = [len(w) + 1 for w in s.split()]
    for k in range(len(tail) - 2, -1, -1):
        tail[k] += tail[k + 1]
    for k, m in enumerate(re.finditer(r"(?:(?<=\s)|^)\S", s)):
        if tail[k] - 1 > 90:
            continue
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

_AUTH_TOKEN = re.compile(_AUTH_PREFIX)
# a Nơi nhận entry ends at ";"/"," before the next dash, at a line end, or (the last) at ". "
_CC_ENTRY_END = re.compile(r"[;,]?\s*(?=\n|\s[-–•+]\s)|\.(?=\s|$)|(?=\s" + _AUTH_PREFIX + r"\s)|$")
_CLOSING = re.compile(r"\./\.")


def _is_caps_token(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and not re.search(r"[\d:;]", t)


def _is_name_token(t: str) -> bool:
    return len(t) >= 1 and t[0].isupper() and (len(t) == 1 or t[1:].islower()) and t.isalpha()


def _signature_at(text: str, pos: int, need_chain: bool):
    """Parse "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A" starting at pos (spaces and stray
    brackets skipped). Returns (start, end, chain_tokens, name_span) or None."""
    toks = list(re.finditer(r"\S+", text[pos:pos + 400]))
    i = 0
    while i < len(toks) and toks[i].group(0) in ("[", "]", "(Đã", "ký)", "ký", "(đã", "*"):
        i += 1
    chain = []
    while i < len(toks):
        t = toks[i].group(0)
        if _AUTH_TOKEN.fullmatch(t) or (_is_caps_token(t) and not t.endswith(".")) or t in ("[", "]"):
            chain.append(toks[i])
            i += 1
            continue
        break
    if need_chain and not chain:
        return None
    # the name: 2–6 capitalised words on one line
    name = []
    line = None
    while i < len(toks) and len(name) < 6:
        t = toks[i].group(0)
        ln = text.count("\n", pos, pos + toks[i].start())
        if _is_name_token(t) and (line is None or ln == line):
            name.append(toks[i])
            line = ln
            i += 1
            continue
        break
    if len(name) < 2:
        return None
    start = pos + (chain[0].start() if chain else name[0].start())
    end = pos + name[-1].end()
    # seed-style duplicate of the name on the next line (italic and bold copies)
    rest = text[end:end + 80]
    dup_name = " ".join(t.group(0) for t in name)
    m = re.match(r"\s*\n\s*" + re.escape(dup_name) + r"\b", rest)
    if m:
        end += m.end()
    chain_spans = [(pos + t.start(), pos + t.end(), t.group(0)) for t in chain]
    return start, end, chain_spans, (pos + name[0].start(), pos + name[-1].end())


def _parse_tail(text: str, body_start: int):
    """Nơi nhận and the signature block, wherever they stand after the body.

    Returns (body_end, cc, cc_spans, cc_zone, sig_zone, sig_spans, signer, appendix_start).
    """
    P = _patterns()
    n = len(text)
    cc_m = None
    for m in P["cc_intro"].finditer(text, max(body_start, int(n * 0.2))):
        cc_m = m
    # the closing "./." of the body: the last one before Nơi nhận (or anywhere, when there is none)
    closing = None
    for m in _CLOSING.finditer(text, body_start, cc_m.start() if cc_m else n):
        closing = m
    # Nơi nhận entries: "- X;" … up to the last entry ("- Lưu: VT, NC.")
    cc, cc_spans = [], []
    cc_zone = (n, n)
    if cc_m:
        pos = cc_m.end()
        end_cc = pos
        entry = re.compile(r"\s*[-–•+]\s*")
        while True:
            m = entry.match(text, pos)
            if not m:
                break
            s = m.end()
            e_m = _CC_ENTRY_END.search(text, s)
            e = e_m.start() if e_m else n
            val = _clean(text[s:e])
            if val:
                cc_spans.append((s, e))
                cc.append(val)
            end_cc = e_m.end() if e_m else n
            pos = end_cc
            if text[e:e + 1] == ".":
                end_cc = e + 1
                break
        # a last "Lưu: VT, NC (2b). Chính" keeps the typist's tag up to the signature
        cc_zone = (cc_m.start(), end_cc)
    signer = Signer()
    sig = None
    for start_pos, need in ((cc_zone[1] if cc_m else None, False), (closing.end() if closing else None, False)):
        if start_pos is None:
            continue
        # allow a short typist tag ("Chính", "pvc", ".H.Dương") before the chain
        for skip in (0, 1, 2):
            toks = list(re.finditer(r"\S+", text[start_pos:start_pos + 60]))
            p0 = start_pos + (toks[skip].start() if skip < len(toks) else 0) if skip else start_pos
            sig = _signature_at(text, p0, need_chain=skip > 0)
            if sig:
                break
        if sig:
            break
    if sig is None:
        # no anchor: a signature at the very end of the text (PDF without "./.")
        tail_from = max(body_start, n - 300)
        for m in re.finditer(r"(?:^|\n)", text[tail_from:]):
            cand = _signature_at(text, tail_from + m.end(), need_chain=True)
            if cand and cand[1] >= n - 2:
                sig = cand
                break
    sig_zone = (n, n)
    sig_spans: list[tuple[int, int]] = []
    if sig:
        s0, e0, chain, name_span = sig
        sig_zone = (s0, e0)
        signer.name = text[name_span[0]:name_span[1]]
        chain_text = " ".join(c[2] for c in chain).replace("[", "").replace("]", "")
        chain_text = " ".join(chain_text.split())
        parts = [p for p in re.split(r"\s*(?=" + _AUTH_PREFIX + r"\s)", chain_text) if p]
        auth = []
        title = None
        for k, part in enumerate(parts):
            mm = re.match(r"(" + _AUTH_PREFIX + r")\s*(.*)", part)
            rest = mm.group(2) if mm else part
            titles = _split_titles(rest)
            if mm and (k < len(parts) - 1 or len(titles) < 2):
                auth.append(f"{mm.group(1)} {_title_case(rest)}".strip())
            elif mm:
                auth.append(f"{mm.group(1)} {_title_case(' '.join(titles[:-1]).strip(' ,'))}")
                title = _title_case(titles[-1])
            else:
                title = _title_case(rest.strip(" ,"))
        signer.authority = " ".join(auth) or None
        signer.title = title
        # units: each line of the chain (split at authority prefixes and titles), then the name
        line_start = None
        for c in chain:
            if c[2] in ("[", "]"):
                continue
            if line_start is None or _AUTH_TOKEN.fullmatch(c[2]) or text.count("\n", line_end, c[0]):
                if line_start is not None:
                    sig_spans.append((line_start, line_end))
                line_start = c[0]
            line_end = c[1]
        if line_start is not None:
            sig_spans.append((line_start, line_end))
        sig_spans.append(name_span)
    ends = [x for x in (cc_zone[1] if cc_m else None, sig_zone[1] if sig else None) if x is not None]
    appendix = max(ends) if ends else n
    if n - appendix < 40:
        appendix = n
    body_end_cands = [x for x in (closing.end() if closing else None, cc_zone[0] if cc_m else None,
                                  sig_zone[0] if sig else None) if x is not None]
    body_end = min(body_end_cands) if body_end_cands else n
    return body_end, cc, cc_spans, cc_zone, sig_zone, sig_spans, signer, appendix


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


def _in_dashed_name(text: str, at: int) -> bool:
    """The dash at `at` joins two parts of a name ("Vụ Kế hoạch - Đầu tư"), not an item."""
    for m in _patterns()["dashed_name"].finditer(text, max(0, at - 30), at + 30, overlapped=True):
        if m.start() < at < m.end():
            return True
    return False


# a line that ends in a hyphen inside a name goes on on the next line ("(hoặc GTVT -\nXây dựng) các tỉnh")
_WRAPPED_HYPHEN = re.compile(r"\w [-–][ \r]*$")


def _at_line_starts(pat, text: str, start: int, end: int):
    """pat.finditer(text, start, end) for a "(?m)^…" pattern, tried at each line start only (the
    engine would try it at every character of a flattened text)."""
    last = start
    if start == 0 or text[start - 1] == "\n":
        q = start
    else:
        i = text.find("\n", start, end)
        q = i + 1 if i >= 0 else end
    while q < end:
        if q >= last:  # not inside the previous match
            m = pat.match(text, q, end)
            if m:
                yield m
                last = m.end()
        i = text.find("\n", q, end)
        if i < 0:
            break
        q = i + 1


def _body_units(text: str, start: int, end: int) -> list[Unit]:
    """Split the body into units at enumeration markers (line start or inline) and paragraphs."""
    P = _patterns()
    cuts: dict[int, tuple[str, str]] = {}
    for m in _at_line_starts(P["marker_line"], text, start, end):
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        cuts[s] = (_marker_kind(m), m.group(0).strip())
    for at in P["marker_inline_at"].finditer(text, start, end):
        m = P["marker_inline"].match(text, at.end(), end)
        if not m:
            continue
        kind = _marker_kind(m)
        if kind in ("dash", "plus", "bullet") and text[m.start() - 2:m.start()].strip() not in (";", ":", ".") \
                and "\n" not in text[max(start, m.start() - 2):m.start()]:
            continue  # an inline dash only after ";" / ":" / "." (else it is a hyphen or range)
        cuts.setdefault(m.start(), (kind, m.group(0).strip()))
    for at in P["after_bracket_heading"].finditer(text, start, end):
        m = P["marker_inline"].match(text, at.end(), end)
        if m and _marker_kind(m) in ("roman", "chapter", "part"):
            cuts.setdefault(m.start(), (_marker_kind(m), m.group(0).strip()))
    for at in P["dash_verb_at"].finditer(text, max(0, start - 1), end):
        m = P["dash_verb"].match(text, at.start() + 1, end)
        if not m:
            continue
        mk = m.group("m")
        if mk in "-–" and _in_dashed_name(text, m.start()):
            continue
        if mk in "-–" and text[m.start() - 2:m.start() - 1].isalnum() and "\n" in text[m.end():m.end() + 3] \
                and not P["sheet_field_after"].match(text, m.end()):
            continue  # a hyphen wrapped at a line end inside a name: "Vụ trưởng các Vụ: …, Kế hoạch -\nĐầu tư"
        kind = "dash" if mk in "-–" else ("letter" if mk.endswith(")") else "arabic")
        cuts.setdefault(m.start(), (kind, mk))
    # paragraphs and preamble clauses also start units
    for m in re.finditer(r"\n+", text[start:end]):
        s = start + m.end()
        # a paragraph opening in lower case continues the item before it (a broken line)
        nl = start + m.start()
        if s < end and s not in cuts and not text[s].islower() \
                and not _WRAPPED_HYPHEN.search(text, max(start, nl - 6), nl):
            cuts[s] = ("", "")
    # the last preamble clause is a unit of its own: "Theo đề nghị của Bộ trưởng …; Chính phủ ban hành …"
    for at in _PROPOSAL_AT.finditer(text, start, end):
        m = _PROPOSAL.match(text, at.start(), end)
        if not m:
            continue
        semi = text.find(";", m.end(), min(end, m.end() + 400))
        if semi != -1 and semi + 1 < end:
            nxt = semi + 1 + (len(text[semi + 1:end]) - len(text[semi + 1:end].lstrip()))
            if nxt < end and text[nxt].isupper() and not P["preamble"].match(text, nxt):
                cuts.setdefault(nxt, ("", ""))
    # an article title in flattened text runs into its first clause: "Điều 1. Phạm vi điều chỉnh 1. Nghị định …"
    for p0, (kind, marker) in list(cuts.items()):
        if kind == "article" and start <= p0 < end:
            m = _ARTICLE_FIRST_CLAUSE.match(text, p0 + len(marker), min(end, p0 + len(marker) + 160))
            if m:
                cuts.setdefault(m.start("first"), ("arabic", "1."))
    # a heading in capitals after a structural marker ends where sentence case begins
    # ("III. NHIỆM VỤ TRỌNG TÂM Để thực hiện …" in flattened text)
    for p0, (kind, marker) in list(cuts.items()):
        if kind in ("roman", "chapter", "part", "section") and start <= p0 < end:
            h = _HEADING_RUN.match(text, p0 + len(marker), min(end, p0 + len(marker) + 200))
            if h and h.end() < end:
                cuts.setdefault(h.end() + 1, ("", ""))
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
    _build_tree(units, text)
    return units


_PROPOSAL = re.compile(r"(?:(?<=\n)|(?<=[;,.]\s)|^)(?:Theo|Xét)\s+đề\s+nghị\b")
_PROPOSAL_AT = re.compile(r"(?:Theo|Xét)\s+đề\s+nghị\b")  # the words first: a fast scan, then the context
_ARTICLE_FIRST_CLAUSE = re.compile(r"[^.;:\n]{2,150}?\s(?P<first>1\.)(?=\s+[A-ZĐÀ-Ỹ])")
_HEADING_RUN = re.compile(rf"(?:\s+[{_UPPER}0-9][{_UPPER}0-9,\-–]*){{2,}}(?=\s+[{_UPPER}][a-zàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ])")

_LEVEL_ORDER = ("part", "chapter", "section", "article", "roman", "multilevel", "arabic", "arabic_paren", "roman_paren",
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


def _build_tree(units: list[Unit], text: Optional[str] = None) -> None:
    """Assign levels, parents and paths: a marker kind seen before closes the deeper levels."""
    for u in units:
        u.parent, u.children, u.level, u.path = None, [], 0, ""
    stack: list[int] = []        # indices of open marked units
    counters: dict[tuple, int] = {}
    for i, u in enumerate(units):
        if not u.kind:
            # an unmarked paragraph continues the open item; the closing line of the body
            # ("… nghiêm túc thực hiện./.") stands at the top level again
            closing = text is not None and "./." in text[u.start:u.end]
            u.parent = stack[-1] if stack and not closing else None
            if u.parent is not None:
                u.level = units[u.parent].level + 1
                u.path = units[u.parent].path
                units[u.parent].children.append(i)
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
    body_end, cc, cc_spans, cc_zone, sig_span, sig_spans, signer, appendix = _parse_tail(text, body_start)
    md.cc = cc
    md.signer = signer
    if body_end < body_start:
        body_end = n
    units = _body_units(text, body_start, body_end)
    if appendix < n:  # an appendix after the signature (task tables, lists) is body again
        extra = _body_units(text, appendix, n)
        units.extend(extra)
        _build_tree(units, text)
    if info and info.get("signed_at") and (md.date is None or len(md.date) < 10):
        signed = str(info["signed_at"])[:10]
        if md.date is None or signed.startswith(md.date):
            md.date, md.date_source = signed, "signature"
    return Layout(
        text=text, header=(0, body_start), body=(body_start, body_end), recipients=cc_zone,
        signature=sig_span, metadata=md, header_fields=fields, recipient_spans=recipient_spans,
        cc_spans=cc_spans, signature_spans=sig_spans, units=units, issuing_authority=authority,
    )
