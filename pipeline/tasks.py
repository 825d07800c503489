"""Tasks: Layout + citations + deadlines → the task list (SPEC §4).

A task is the smallest enumerated item holding an instruction, or a directive sentence in
unnumbered text. An introducer ("Giao các sở, ban, ngành …:") is not a task; its addressee and
deadline flow down to the sub-items that do not state their own, never sideways to siblings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .layout import Layout, Unit
from .models_data import load
from .records import Citation, Deadline, Task
from .sentences import split_unit


@lru_cache(maxsize=None)
def _grammar():
    g = load("tasks")
    verbs = sorted(set(g["imperative_verbs"]), key=len, reverse=True)
    return {
        "directive": regex.compile(g["directive"]["pattern"]),
        "sentence_directive": regex.compile(g["sentence_directive"]["pattern"]),
        "background": regex.compile(g["background_opener"]),
        "content_intro": regex.compile(g["content_introducer"]),
        "content_breakdown": regex.compile(g["content_breakdown"]),
        "task_list": regex.compile(g["task_list_introducer"]),
        "imperative": regex.compile(r"^(?!(?:" + "|".join(regex.escape(n) for n in g["imperative_nouns"]) + r")\b)(?:"
                                    + "|".join(regex.escape(v) for v in verbs) + r")\b"),
        "not_task": regex.compile(g["not_task"]["pattern"]),
        "not_section": regex.compile(g["not_task_sections"]),
        "deliverable": regex.compile(g["requirement_deliverable"]),
        "requirements": regex.compile(g["requirement_sections"]),
        "task_section": regex.compile(g["task_sections"]),
        "approval": regex.compile(g["approval_article"]),
        "accountability": regex.compile(g["accountability"]),
        "own_work_intro": regex.compile(g["own_work_introducer"]),
        "approved_tasks": regex.compile(g["approved_tasks_section"]),
        "execution": regex.compile(g["execution_clause"]),
        "responsible_intro": regex.compile(g["responsible_intro"]),
        "execution_address": regex.compile(g["execution_address"]),
        "assign_head": regex.compile(g["lead"]["assign_head"]),
        "duty_verb": regex.compile(g["lead"]["duty_verb"]),
        "heading_list_end": regex.compile(g["lead"]["heading_list_end"]),
        "heading_label": regex.compile(g["lead"]["heading_label"]),
        "passive_before": regex.compile(g["lead"]["passive_before"]),
        "opening_verb": regex.compile(g["lead"]["opening_verb"]),
        "support_head": regex.compile(g["support"]["head"]),
        "support_before": regex.compile(g["support"]["before_run"]),
        "subject_verbs": regex.compile(r"\s*,?\s*" + g["lead"]["subject_verbs"]),
        "report_to": regex.compile(g["report_to"]["pattern"]),
        "procedure": regex.compile(g["procedure"]["sections"]),
        "fronted": regex.compile(g["procedure"]["fronted"]),
        "actor": regex.compile(r"(?i)(?:các\s+)?(?:" + "|".join(
            regex.escape(a) for a in sorted(g["procedure"]["actors"], key=len, reverse=True)) + r")\b"),
        "not_duty": regex.compile(g["procedure"]["not_duty"]),
        "sheet_field": regex.compile(r"\s*(?:(?P<lead>" + g["task_sheet"]["lead"] + r")|(?P<support>"
                                     + g["task_sheet"]["support"] + r")|(?P<time>" + g["task_sheet"]["time"]
                                     + r")|(?P<other>" + g["task_sheet"]["other"] + r"))\s*:"),
    }


_MARKER = re.compile(r"^\s*(?:Điều\s+\d+[a-z]?\s*\.|[IVXL]{1,5}\s*\.|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\)|\(\d{1,2}\)|[-–—+•●▪◦])\s*")
_TIMEOUT = 0.5  # seconds: a pathological input must not stall the batch


@dataclass
class _Ctx:
    lead: list[str] = field(default_factory=list)
    deadline: Optional[Deadline] = None
    assigning: bool = False   # the introducer hands out work ("Giao …:", "… các nhiệm vụ sau:")
    excluded: bool = False    # under a "MỤC ĐÍCH, YÊU CẦU" / "QUAN ĐIỂM" heading
    requirements: bool = False  # under a plan's "MỤC ĐÍCH, YÊU CẦU" heading
    content_list: bool = False  # introduces points of content ("… theo hướng:"), not tasks
    approved: bool = False      # inside "Điều 1. Phê duyệt Đề án …": content approved, not assigned
    organizes: bool = False     # its "Tổ chức thực hiện" part: tasks again
    procedure: bool = False     # inside "Điều 7. Trình tự, thủ tục …": each actor's step is a task
    named: bool = False         # the item names its own actor ("1. Thủ trưởng các Sở, ban, ngành …")
    executes: bool = False      # the execution clause ("… chịu trách nhiệm thi hành Quyết định này")


def _agencies(s: str) -> list[str]:
    from .agencies import split_agencies
    s = s.strip(" ,;:.")
    if not s:
        return []
    return [a for a in split_agencies(s) if a]


# an introducer's colon with its first item run on, no space after the marker: "… sau: 1.Nâng cao …"
_GLUED_FIRST_ITEM = re.compile(r":\s*1\.(?=[^\W\d_])")

# an enumeration marker right after a heading's agency: "4. Sở Y tế a) Chủ trì …"
_SUBITEM = re.compile(r"\s*(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s|[-–+•]\s)")

# what may stand between two agencies of one list: separators, an abbreviation in brackets
_RUN_GAP = re.compile(r"\s*(?:\([^)]{1,24}\))?\s*(?:,|;|và|,\s*và|cùng)?\s*(?:các\s+)?$")


def _agency_run(text: str, pos: int, slack: int = 3) -> tuple[list[str], int]:
    """Agencies named one after another from `pos` ("Sở Nội vụ, Sở Tư pháp và …"), and where the run ends."""
    from .agencies import iter_agencies
    ags = iter_agencies(text, pos, min(len(text), pos + 500), first_by=pos + slack)  # lazily: one name, often none
    first = next(ags, None)
    if first is None or first.start - pos > slack:
        return [], pos
    names, end = [first.name], first.end
    for a in ags:
        if _RUN_GAP.match(text[end:a.start]) or not text[end:a.start].strip(" ,;"):
            if a.name not in names:
                names.append(a.name)
            end = a.end
        else:
            break
    return names, end


def _lead_of(body: str) -> list[str]:
    """The addressee named in an item's own text, if any."""
    return list(_lead_of_cached(body))


@lru_cache(maxsize=4096)
def _lead_of_cached(body: str) -> tuple[str, ...]:
    # a pure function of the text, and documents repeat their closing clauses word for word
    # (a quarter of the calls over the crawl)
    return tuple(_named_lead(body) or _late_handout(body))


def _late_handout(body: str) -> list[str]:
    """An item that reports first and hands out the work in a later sentence: "1. Về công tác lập,
    thẩm định …: Đến nay, đã hoàn thành … . Yêu cầu Ban QLDA 2 chỉ đạo TVTK khẩn trương …" → Ban QLDA 2.
    Only past the opening window, only where the hand-out opens a sentence, and not in an item that
    opens with a verb (its actor is inherited)."""
    G = _grammar()
    if len(body) <= _HANDOUT_WINDOW or G["imperative"].match(body.lstrip(), timeout=_TIMEOUT):
        return []
    for m in G["assign_head"].finditer(body, _HANDOUT_WINDOW, min(len(body), 2000), timeout=_TIMEOUT):
        if not re.search(r"[.;:]\s*$", body[max(0, m.start() - 4):m.start()]):
            continue
        names, _ = _agency_run(body, m.end(), slack=6)
        if names:
            return names
    return []


_HANDOUT_WINDOW = 250  # characters of an item's opening where "Giao/Yêu cầu/Đề nghị X" names its actor


def _named_lead(body: str) -> list[str]:
    G = _grammar()
    # an item opening with a bare verb ("- Chỉ đạo Công an các tỉnh yêu cầu lực lượng …") has the
    # inherited actor; a "yêu cầu X" inside it is what that actor tells X, not the lead
    imperative = bool(G["imperative"].match(body.lstrip(), timeout=_TIMEOUT))
    window = 40 if imperative else _HANDOUT_WINDOW
    for m in G["assign_head"].finditer(body, 0, min(len(body), window), timeout=_TIMEOUT):
        if window != _HANDOUT_WINDOW and m.start() >= 3:
            break
        if m.start() > 0 and re.search(r"[.;]\s*$", body[max(0, m.start() - 4):m.start()]):
            # "- Ban QLDA6 khẩn trương gửi hồ sơ … . Giao Văn phòng Bộ chủ trì …": an item that opens with its
            # own actor and hands out more work in a later sentence keeps the opening actor
            first, fend = _agency_run(body, 0, slack=2)
            if first and G["subject_verbs"].match(body[fend:fend + 60].lower(), timeout=_TIMEOUT):
                return first
        names, _ = _agency_run(body, m.end(), slack=6)
        if names:
            return names
    # the item opens with its actor: "Sở Nội vụ chủ trì …", "Bộ Công an: …", a heading "1. Bộ Công an"
    # ("Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ …": the plural before a bare title is no part of it)
    # (after a heading's label: "1. Nhiệm vụ chung: Tổng công ty …, các hãng hàng không Việt Nam:")
    label = G["heading_label"].match(body)
    at = label.end() if label else 0
    names, end = _agency_run(body, at, slack=5 if body[at:at + 4].lower() == "các " else 2)
    if names and body.rstrip().endswith(":") and len(body) < 400:
        # a heading naming the addressees of the items below: "2.1. Tổng công ty …, CHKQT Vân Đồn:"
        from .agencies import find_agencies
        brackets = [(m.start(), m.end()) for m in re.finditer(r"\([^)]*\)", body)]
        for a in find_agencies(body, end, len(body)):
            if any(b0 <= a.start < b1 for b0, b1 in brackets):
                continue  # "(sau đây gọi chung là các cơ quan, đơn vị)" names them again
            if G["heading_list_end"].search(re.sub(r"\([^)]*\)", " ", body[end:a.start]), timeout=_TIMEOUT):
                break  # "… tiếp thu các ý kiến của các cơ quan, đơn vị": no addressee ("(gọi tắt là …)" is)
            if a.name not in names:
                names.append(a.name)
            end = a.end
        return names
    if names:
        # a heading run into its first line keeps the verb's capital: "2. Bộ Giáo dục và Đào tạo Chỉ đạo …";
        # or its first sub-item follows on the same line: "4. Sở Y tế a) Chủ trì công tác giám sát …"
        rest = body[end:end + 60].lower()
        if not rest.strip(" .:;") or G["subject_verbs"].match(rest) or G["opening_verb"].match(rest) \
                or _SUBITEM.match(rest):
            return names
        # more subjects before the duty verb of the same clause: "Các Bộ trưởng, …, Chủ tịch Ủy ban
        # nhân dân tỉnh, thành phố trực thuộc Trung ương và các thành viên quy định tại Điều 1 chịu
        # trách nhiệm thi hành Quyết định này"
        clause = re.split(r"[.;:]", body[end:end + 200], maxsplit=1)[0]
        if G["duty_verb"].search(clause, timeout=_TIMEOUT) and not G["support_head"].search(clause, timeout=_TIMEOUT):
            return names
    places = _locality_run(body)
    if places:
        return places
    if imperative:
        # "1. Quán triệt, triển khai … . Thủ trưởng các Sở, ngành, Chủ tịch UBND các huyện … theo chức năng,
        # nhiệm vụ được giao tiếp tục cụ thể hóa …": a later sentence or clause that opens with its actor
        for m in re.finditer(r"[.;]\s+(?=\S)", body[:600]):
            q = m.end()
            names, end = _agency_run(body, q, slack=5 if body[q:q + 4].lower() == "các " else 1)
            if not names:
                continue
            clause = re.split(r"[.;:]", body[end:end + 200], maxsplit=1)[0]
            handout = G["assign_head"].match(clause.lstrip(), timeout=_TIMEOUT)
            if handout:  # ". Bộ trưởng Bộ GTVT yêu cầu Giám đốc các Sở GTVT khẩn trương …": the addressee
                q = end + len(clause) - len(clause.lstrip()) + handout.end()
                return _agency_run(body, q, slack=6)[0]
            if (G["subject_verbs"].match(clause.lower(), timeout=_TIMEOUT)
                          or G["duty_verb"].search(clause, timeout=_TIMEOUT)
                          or re.match(r"\s*(?:phải|cần|theo\s+chức\s+năng)\b", clause)):
                return names
        # "c) Chỉ đạo các cơ quan liên quan khẩn trương xây dựng …", "b) Rà soát quy hoạch của Hà Nội …
        # và các địa phương, bảo đảm …": the bodies inside are what the inherited actor directs or
        # works on, never the actor
        return []
    # the actor right before the first duty verb: "Đối với …, Bảo hiểm xã hội Việt Nam khẩn trương …",
    # "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch UBND … chịu trách nhiệm thi hành …"
    # A duty verb with no agency anywhere before it is a noun or a title ("Điều 3. Trách nhiệm tổ
    # chức thực hiện Chánh Văn phòng …; … chịu trách nhiệm thi hành", "Thuyết minh và hướng dẫn áp
    # dụng; Chi tiết đơn giá; Sở Giao thông vận tải có trách nhiệm …"): look on to the next one, whose
    # actor must then open a clause (or follow that title), not sit inside a phrase ("cơ quan tham
    # mưu về phòng, chống thiên tai các cấp, bảo đảm …").
    from .agencies import find_agencies
    first = None
    for v in G["duty_verb"].finditer(body, 0, min(len(body), 500), timeout=_TIMEOUT):
        names, start = _agency_run_before(body, v.start())
        if names and G["support_before"].search(body, 0, start, timeout=_TIMEOUT):
            return []  # "Chủ trì, phối hợp với Bộ Giáo dục và Đào tạo … xây dựng": those support
        if names and G["passive_before"].search(body, max(0, start - 12), start, timeout=_TIMEOUT):
            names = []  # "… đã được Cục Đăng kiểm Việt Nam nghiên cứu tiếp thu": the agent of a passive
        if first is None:
            first = v.end()
            if names or find_agencies(body, 0, v.start()):
                return names
            continue
        if names and (not body[first:start].strip() or re.search(r"(?:^|[;:.])\s*$", body[:start])):
            return names
        if names or find_agencies(body, 0, v.start()):
            return []
    return []


_PLACE_SEP = re.compile(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+)")


def _locality_run(body: str) -> list[str]:
    """Localities named for their authorities at an item's start, each its own lead as printed:
    "b) Thành phố Hồ Chí Minh, Hải Phòng, Đà Nẵng, Huế, …, An Giang,... chỉ đạo các chủ đầu tư …"."""
    if not body[:1].isupper():
        return []
    from .agencies import province_info
    out: list[str] = []
    pos = 0
    for m in _PLACE_SEP.finditer(body, 0, 600):
        piece = body[pos:m.start()]
        if not province_info(piece):
            break
        out.append(piece)
        pos = m.end()
    # the last one before the predicate: "An Giang,... chỉ đạo"
    tail = re.match(r"[^\W\d_][\w ]{1,30}?(?=\s*,?\s*(?:\.\.\.|…)|\s+(?:chỉ\s+đạo|khẩn\s+trương|chủ\s+động|tập\s+trung|"
                    r"tiếp\s+tục|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|thực\s+hiện|triển\s+khai|phải|cần)\b)", body[pos:pos + 60])
    if tail and province_info(tail.group()):
        out.append(tail.group())
    elif out and not re.match(r"\s*(?:\.\.\.|…)", body[pos:]):
        return []
    return out if len(out) >= 2 else []


def _intro_lead(para: str) -> list[str]:
    """The addressee of an introducing sentence, after its last hand-out verb: a long purpose clause
    often comes first ("Để khắc phục …, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban,
    ngành … thực hiện nghiêm túc một số nội dung sau:")."""
    for m in reversed(list(_grammar()["assign_head"].finditer(para, timeout=_TIMEOUT))):
        names, _ = _agency_run(para, m.end(), slack=6)
        if names:
            return names
    return []


def _clause_actor(body: str) -> list[str]:
    """The subject of a procedural step, after any time limit or ground put before it:
    "Trong 02 ngày làm việc, kể từ ngày nhận được đầy đủ hồ sơ, Ủy ban nhân dân cấp huyện thẩm
    định …" → Ủy ban nhân dân cấp huyện; "Người lao động phải kê khai …" → người lao động. The
    subject must be followed by a duty ("được hỗ trợ", "là" are not) or close a heading ("… :")."""
    G = _grammar()
    f = G["fronted"].match(body, timeout=_TIMEOUT)
    pos = f.end() if f else len(body) - len(body.lstrip())
    names, end = _agency_run(body, pos, slack=1)
    if not names:
        m = G["actor"].match(body, pos, timeout=_TIMEOUT)
        if not m:
            return []
        names, end = [" ".join(m.group(0).lower().split())], m.end()
    rest = body[end:end + 40].lstrip()
    if rest.startswith(":") and not rest[1:].strip():
        return names  # a heading: "2. Người sử dụng lao động:"
    if not rest[:1].islower() or G["not_duty"].match(rest, timeout=_TIMEOUT):
        return []
    return names


_SENTENCE_END = regex.compile(r"(?<=[\p{Ll}\d])\.\s+(?=\p{Lu})")


def _execution_run(body: str) -> list[str]:
    """The execution clause names its bodies first and qualifies the last one at length: "Bộ
    trưởng, Thủ trưởng cơ quan ngang Bộ, …, Thủ trưởng các cơ quan, đơn vị và tổ chức liên quan
    đến tổ chức thực hiện chính sách … chịu trách nhiệm thi hành Quyết định này" → the opening run
    of its sentence ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Bộ, …")."""
    m = _grammar()["execution"].search(body, 0, min(len(body), 800), timeout=_TIMEOUT)
    if not m:
        return []
    start = 0
    for d in _SENTENCE_END.finditer(body, 0, m.start()):  # not "TP. Hồ Chí Minh"
        start = d.end()
    start += len(body[start:]) - len(body[start:].lstrip())
    address = _grammar()["execution_address"].match(body, start)
    at = address.end() if address else start
    names = _agency_run(body, at, slack=4)[0]
    if not names and address:
        # "Các ông, bà: Chánh Văn phòng, Vụ trưởng Vụ Điều trị, …": a bare title the gazetteer does not
        # name opens the list; the run starts at the first body named
        from .agencies import find_agencies
        first = find_agencies(body, at, min(len(body), at + 60))
        if first:
            names = _agency_run(body, first[0].start, slack=0)[0]
    return names


def _other_actor(para: str, lead: list[str]) -> list[str]:
    """The actor of a paragraph inside a procedural clause when it is another actor's step, else []."""
    who = _clause_actor(para)
    return who if who and {w.lower() for w in who} != {w.lower() for w in lead} else []


def _clip(text: str, s: int, e: int) -> tuple[int, int]:
    """An item's text ends with the body's closing "./." ("… chịu trách nhiệm thi hành Quyết định này./."):
    what follows is the signature, the Nơi nhận list or an attachment (a Phụ lục of "NHIỆM VỤ CỤ THỂ …
    TRONG THÁNG 5 NĂM 2026"), whose dates are not this item's."""
    cut = text.find("./.", s, e)
    if cut >= 0 and text[cut + 3:e].strip():
        return s, cut + 3
    return s, e


def _due(text: str, doc_date: Optional[str], a: int, b: int) -> tuple[Optional[Deadline], list[Deadline]]:
    """(the deadline text[a:b] is due by, its other dates), SPEC §5."""
    from .deadlines import find_deadlines, pick_primary
    return pick_primary(find_deadlines(text, doc_date, a, b), text)


def _agency_run_before(text: str, pos: int) -> tuple[list[str], int]:
    """Agencies named one after another that end right before `pos`, and where the run starts."""
    from .agencies import find_agencies
    ags = [a for a in find_agencies(text, 0, pos) if a.end <= pos]
    if not ags or not re.fullmatch(r"\s*(?:\([^)]{0,160}\))?\s*,?\s*", text[ags[-1].end:pos]):
        return [], pos
    run = [ags[-1]]
    for a in reversed(ags[:-1]):
        gap = text[a.end:run[0].start]
        if _POSSESSOR.search(text, max(0, a.start - 8), a.start):
            break  # "Trên cơ sở Quyết định số 32/2005/QĐ-BGTVT … của Bộ trưởng Bộ Giao thông vận tải, Giám đốc
            # Sở Xây dựng … tiến hành …": a document's issuer ends the fronted ground, it does not act
        if re.fullmatch(r"\s*(?:,|;|và|,\s*và)\s*(?:các\s+)?", gap) or not gap.strip(" ,;"):
            run.insert(0, a)
        else:
            break
    names: list[str] = []
    for a in run:
        if a.name not in names:
            names.append(a.name)
    return names, run[0].start


_POSSESSOR = re.compile(r"\bcủa\s*$")


def _is_issuer(agency: str, issuer: Optional[str]) -> bool:
    """'Ủy ban nhân dân tỉnh' names the issuer 'Ủy ban nhân dân tỉnh Đắk Lắk' (its place dropped)."""
    if not issuer:
        return False
    a, i = " ".join(agency.lower().split()), " ".join(issuer.lower().split())
    return a == i or (i.startswith(a) and a.split()[0] not in ("các",) and len(a) >= 8)


def _lead_after_comma(para: str) -> list[str]:
    """'Để thực hiện được mục tiêu trên, các cơ quan thành viên … tập trung thực hiện …:' → the actor
    after the opening purpose clause."""
    for m in re.finditer(r",\s*", para[:300]):  # also "Để thực hiện mục tiêu trên,các cơ quan …"
        names, _ = _agency_run(para, m.end(), slack=1)
        if names:
            return names
    return []


def _support_of(body: str) -> list[str]:
    m = _grammar()["support_head"].search(body, timeout=_TIMEOUT)
    if not m:
        return []
    names, _ = _agency_run(body, m.end(), slack=8)
    return names


def _report_to_of(body: str) -> list[str]:
    from .agencies import canonical_agency
    out: list[str] = []
    for m in _grammar()["report_to"].finditer(body, timeout=_TIMEOUT):
        who = m.group("who") or m.group("via")
        if who:
            name = canonical_agency(who, drop_head=False)
            if name and name not in out:
                out.append(name)
        if out:
            break  # the direct recipient only (SPEC §4)
    return out


def _action_of(body: str, lead_text_end: int = 0) -> str:
    s = body[lead_text_end:]
    s = re.split(r"[.;](?:\s|$)", s, maxsplit=1)[0]
    return " ".join(s.split())[:300]


# an enumeration marker run into a heading's line by the crawl: "II. Yêu cầu 1. Bám sát …", "2. Yêu cầu - UBND …"
_GLUED_MARKER = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[-–+•])\s")


def _excluded_heading(body: str, own_len: int, article: bool) -> bool:
    """A heading whose items are no tasks ("I. MỤC ĐÍCH, YÊU CẦU", "I. ĐÁNH GIÁ CHUNG"): short on its own
    line, its paragraphs apart; in capitals, or with its first item run into its line by the crawl ("II.
    Yêu cầu 1. Bám sát …"); an article's title opens its body however long ("Điều 1. Phạm vi điều chỉnh
    Nghị định này …"). Not "Yêu cầu Sở Nội vụ …", a directive that opens with the same word."""
    m = _grammar()["not_section"].match(body, timeout=_TIMEOUT)
    if not m:
        return False
    return own_len < 120 or article or m.group().isupper() or bool(_GLUED_MARKER.match(body, m.end()))


def _content_intro(s: str) -> bool:
    """'… theo hướng:', '… gồm:' introduce points of content; '… thực hiện một số nội dung sau:' does not."""
    G = _grammar()
    return bool(G["content_intro"].search(s, timeout=_TIMEOUT)) and not G["task_list"].search(s, timeout=_TIMEOUT)


def _is_introducer(u: Unit, text: str) -> bool:
    return bool(u.children) or text[u.start:u.end].rstrip().endswith(":")


def extract(layout: Layout, citations: list[Citation], doc_id: str, doc_date: Optional[str],
            doc_type: Optional[str]) -> list[Task]:
    """Tasks of one document, in reading order."""
    G = _grammar()
    text = layout.text
    units = layout.units
    issuer = layout.metadata.issuer
    recipients = list(layout.metadata.recipients)
    ctx: dict[Optional[int], _Ctx] = {None: _Ctx(lead=_agencies("; ".join(recipients)) if recipients else [])}
    tasks: list[Task] = []
    unit_of: dict[int, int] = {}  # task index → unit index

    def keep(task: Task, unit: int) -> None:
        """A task, and the unit it came from (closing deadlines look its siblings up)."""
        tasks.append(task)
        unit_of[len(tasks) - 1] = unit
    dispatch = (doc_type or "") in ("Công văn", "Công điện", "Chỉ thị", "Thông báo", "Kế hoạch", "")

    own_paras: dict[int, Optional[tuple]] = {}

    def own_task_para(c: int) -> Optional[tuple]:
        """(lead, deadline, others) of an unmarked paragraph inside a leaf item that hands out work
        of its own with a date of its own ("3. Bộ Tài chính chỉ đạo … xong trước ngày 01 tháng 5 năm
        2026, … / Đối với chi phí … năm 2023, 2024, yêu cầu Bộ Tài chính, Bảo hiểm xã hội Việt Nam …
        xong trước ngày 01 tháng 8 năm 2026 …"): a second task with the item's path (annotations/README
        "One item, two addressees"), not the item's later date."""
        if c in own_paras:
            return own_paras[c]
        own_paras[c] = None
        u = units[c]
        if u.kind or u.parent is None or not units[u.parent].kind:
            return None
        p = units[u.parent]
        own = text[p.start:p.end].rstrip()
        m0 = _MARKER.match(own)
        if len(own) - (m0.end() if m0 else 0) < 20 or own[-1:] not in (".", ";") \
                or any(units[k].kind for k in p.children):
            return None  # a bare marker ("3." before its text), an introducer, or an item with sub-items
        para = text[u.start:u.end]
        if G["imperative"].match(para.lstrip(), timeout=_TIMEOUT) or not G["directive"].search(para, timeout=_TIMEOUT):
            return None
        lead = [a for a in _named_lead(para) if not _is_issuer(a, issuer)]
        if not lead:
            return None
        primary, others = _due(text, doc_date, u.start, u.end)
        if primary is None:
            return None
        own_paras[c] = (lead, primary, others)
        return own_paras[c]

    def item_text_span(i: int, step_of: Optional[list[str]] = None) -> tuple[int, int]:
        u = units[i]
        end = u.end
        for c in u.children:
            if units[c].kind:  # marked children are items of their own
                break
            if own_task_para(c):
                break  # a paragraph with its own actor and date: a task of its own
            if step_of is not None and _other_actor(text[units[c].start:units[c].end], step_of):
                break  # a procedural step of another actor: a task of its own
            end = max(end, units[c].end)
        return u.start, end

    for i, u in enumerate(units):
        if not u.kind and (u.parent is None or units[u.parent].kind):
            # an unmarked paragraph ending in ":" introduces the items after it
            # ("Để thực hiện …, các cơ quan … tập trung thực hiện các nhiệm vụ sau:")
            para = text[u.start:u.end].rstrip()
            glued = _GLUED_FIRST_ITEM.search(para)
            if glued and para[glued.end()].isupper():
                # "… cần thực hiện các nhiệm vụ trọng tâm sau: 1.Nâng cao …" (the crawl dropped a space)
                para = para[:glued.start() + 1]
            if para.endswith(":"):
                # background first, then the introducing sentence: "Hiện nay, … Để sớm chấm dứt
                # tình trạng này, Bộ trưởng … yêu cầu Giám đốc các Sở GTVT:" — judge that sentence
                a, b = split_unit(text, u.start, u.start + len(para))[-1]
                para = text[a:b].rstrip()
            # ("Thực hiện Công điện số 914/CĐ-TTg …, Bộ Giao thông vận tải yêu cầu các cơ quan, đơn vị liên
            # quan … thực hiện nghiêm các nội dung sau đây:" opens like background but hands out the work)
            intro = _intro_lead(para) if para.endswith(":") else []
            if para.endswith(":") and not _content_intro(para) \
                    and (intro or not G["background"].match(para, timeout=_TIMEOUT)):
                lead = [a for a in (intro or _lead_of(para) or _lead_after_comma(para))
                        if not _is_issuer(a, issuer)]
                target = ctx.get(u.parent) if u.parent is not None else ctx[None]
                if target is not None and (lead or G["directive"].search(para, timeout=_TIMEOUT)):
                    if lead:
                        target.lead = lead
                    target.assigning = True
                    target.deadline = _due(text, doc_date, u.start, u.end)[0] or target.deadline
                continue
            if u.parent is not None:
                up = ctx.get(u.parent)
                para = text[u.start:u.end]
                who = _other_actor(para, up.lead) if up is not None and up.procedure and not up.excluded else []
                if who:
                    # "3. Doanh nghiệp gửi danh sách … Trong 02 ngày làm việc, kể từ ngày nhận được
                    # đề nghị, cơ quan bảo hiểm xã hội xác nhận …": the second actor's step
                    p, o = _due(text, doc_date, u.start, u.end)
                    keep(_make(doc_id, len(tasks), units[u.parent].path, text, u.start, u.end, para,
                               who, p, o, citations), i)
                elif own_task_para(i) and u.parent in unit_of.values():
                    lead, p, o = own_task_para(i)
                    keep(_make(doc_id, len(tasks), units[u.parent].path, text, u.start, u.end, para,
                               lead, p, o, citations), i)
                continue  # a continuation paragraph: part of its item
        parent_ctx = ctx.get(u.parent, ctx[None]) if u.parent is not None else ctx[None]
        if u.parent is not None and (parent_ctx.executes or text.find("./.", units[u.parent].start, u.start) >= 0):
            # the body closed ("… chịu trách nhiệm thi hành Quyết định này./.") before this unit: it is
            # in an attachment (the Kế hoạch a Quyết định issues) or the Nơi nhận list, and inherits
            # no addressee from it
            parent_ctx = _Ctx()
        step = None
        if parent_ctx.procedure:
            own = text[u.start:u.end]
            m0 = _MARKER.match(own)
            step = _clause_actor(own[m0.end():] if m0 and u.kind else own)
        # the execution clause, with the attachment or the Nơi nhận list read as its sub-items
        executes = bool(G["execution"].search(text, u.start, u.end, timeout=_TIMEOUT))
        s, e = _clip(text, *((u.start, u.end) if executes else item_text_span(i, step)))
        raw = text[s:e]
        marker = _MARKER.match(raw)
        body = raw[marker.end():] if marker and u.kind else raw
        boff = s + (marker.end() if marker and u.kind else 0)
        # (the execution clause's own run first; elsewhere it is the last resort: read it once either way)
        own_lead = (_execution_run(body) if executes else []) or _lead_of(body) or step or \
            ([] if executes else _execution_run(body))
        primary, others = _due(text, doc_date, boff, e)
        my = _Ctx(lead=own_lead or parent_ctx.lead, deadline=primary or parent_ctx.deadline,
                  excluded=parent_ctx.excluded or _excluded_heading(body, u.end - boff, u.kind == "article"),
                  requirements=parent_ctx.requirements or bool(
                      u.kind and u.kind != "article" and G["requirements"].match(body, timeout=_TIMEOUT)),
                  content_list=parent_ctx.content_list,
                  approved=parent_ctx.approved or bool(u.kind and G["approval"].match(body)),
                  organizes=parent_ctx.organizes or bool(parent_ctx.approved and G["approved_tasks"].match(body)),
                  procedure=parent_ctx.procedure or bool(u.kind == "article" and G["procedure"].match(body)))
        directive = bool(G["directive"].search(body, timeout=_TIMEOUT))
        content_intro = _content_intro(body.rstrip()) or bool(
            u.kind and u.kind != "article" and G["content_breakdown"].search(body.rstrip(), timeout=_TIMEOUT))
        my.assigning = not content_intro and (directive or bool(own_lead) or parent_ctx.assigning or bool(
            re.search(r"(?:sau|như\s+sau|cụ\s+thể|sau\s+đây|thực\s+hiện)\s*:\s*$", body.rstrip()))
            or len(body) < 150 and not my.approved and bool(G["task_section"].match(body)))
        my.named = bool(own_lead)
        my.executes = executes
        ctx[i] = my
        has_marked_children = not executes and any(units[c].kind for c in u.children)
        sheet = _task_sheet(units, u, text) if has_marked_children else None
        if sheet is not None and not my.excluded:
            # a plan's task sheet: the item is the task, its fields give lead, support and deadline
            my.excluded = True  # the fields under it are not tasks of their own
            # ("Cơ quan chủ trì: Sở Giao thông vận tải tham mưu Ủy ban nhân dân tỉnh chỉ đạo …": the
            # bodies before the verb)
            verb = G["duty_verb"].search(sheet.lead, timeout=_TIMEOUT)
            named = _agencies(sheet.lead[:verb.start()] if verb else sheet.lead)
            lead = [a for a in named if not _is_issuer(a, issuer)] or my.lead
            p, o = None, []
            for a, b in sheet.time_spans:
                p, o = _due(text, doc_date, a, b)
                if p:
                    break
            t = _make(doc_id, len(tasks), u.path, text, s, _clip(text, s, layout.item_span(i)[1])[1], body, lead,
                      p or my.deadline, o, citations)
            if sheet.support:
                t.support = _agencies(sheet.support)
            keep(t, i)
            continue
        if has_marked_children and not content_intro and u.kind and not my.excluded and not my.approved \
                and G["own_work_intro"].search(body, timeout=_TIMEOUT) and (directive or own_lead) \
                and (primary or _report_to_of(body)) and not G["not_task"].search(body[:200], timeout=_TIMEOUT) \
                and not (own_lead and all(_is_issuer(a, issuer) for a in own_lead)):
            # (its own deliverable: a date or a report it owes)
            # "II. … yêu cầu Bộ Công an … hoàn thiện dự thảo các Nghị định, báo cáo Thủ tướng Chính phủ
            # trước ngày 02 tháng 11 năm 2024; cụ thể:": its own work up to the ":" is a task, and it
            # still introduces its items (annotations/README "An item with its own instruction")
            keep(_make(doc_id, len(tasks), u.path, text, s, u.end, body, my.lead,
                       primary or parent_ctx.deadline, others, citations), i)
            continue
        if has_marked_children and not content_intro or not body.strip():
            continue  # an introducer: not a task itself
        if u.kind == "" and u.parent is None:
            # unnumbered text: each directive sentence is a task
            for a, b in split_unit(text, s, e):
                sent = text[a:b]
                if G["not_task"].search(sent, timeout=_TIMEOUT) or G["background"].match(sent, timeout=_TIMEOUT) \
                        or not G["sentence_directive"].search(sent, timeout=_TIMEOUT) or sent.rstrip().endswith(":"):
                    continue
                if any(t.start <= a and b <= t.end for t in tasks):
                    continue  # a sentence the layout cut out of an article already taken whole ("Điều 2. …
                    # Chủ tịch UBND các huyện …; Thủ trưởng các sở … chịu trách nhiệm thi hành Quyết định này.")
                lead = _lead_of(sent) or ctx[None].lead
                p, o = _due(text, doc_date, a, b)
                tasks.append(_make(doc_id, len(tasks), "", text, a, b, sent, lead, p, o, citations))
            continue
        if my.excluded and not (my.requirements and own_lead and u.kind
                                and G["deliverable"].search(body, timeout=_TIMEOUT)
                                and not G["accountability"].search(body, timeout=_TIMEOUT)):
            continue  # under "MỤC ĐÍCH, YÊU CẦU": a principle, unless it names its actor and a deliverable
            # (and is no accountability: "… chịu trách nhiệm trước Ủy ban nhân dân tỉnh nếu để …")
        if G["not_task"].search(body[:200], timeout=_TIMEOUT) and not executes:
            continue  # ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng … chịu trách nhiệm thi hành …" is a task)
        if parent_ctx.content_list:
            continue  # a point of content under "… theo hướng:", not a task of its own
        if parent_ctx.approved and not (my.organizes or executes):
            continue  # content of the plan or scheme the article approves (not the execution clause the layout
            # may hang under it: "Điều 2. - … chịu trách nhiệm thi hành Quyết định này./.")
        imperative = bool(G["imperative"].match(body.lstrip(), timeout=_TIMEOUT))
        # an article of the decision itself that opens with its actor: "Điều 3. Bộ Ngoại giao hoàn tất thủ tục đối
        # ngoại theo quy định./." (not an article of the attached rule after the './.')
        actor_article = u.kind == "article" and bool(own_lead) and text.rfind("./.", 0, u.start) < 0 and \
            bool(_agency_run(body, 0, slack=5 if body[:4].lower() == "các " else 2)[0])
        is_task = directive or executes or actor_article or bool(own_lead and (imperative or dispatch)) or \
            (imperative and (parent_ctx.assigning or dispatch and u.level <= 2)) or bool(step) or \
            (parent_ctx.procedure and parent_ctx.assigning and bool(parent_ctx.lead) and bool(u.kind)) or \
            ((dispatch or u.parent is not None and text.rfind("./.", 0, u.start) < 0 and bool(G["responsible_intro"].search(
                text[units[u.parent].start:units[u.parent].end].rstrip(), timeout=_TIMEOUT))) and parent_ctx.named and parent_ctx.assigning and bool(u.kind))
        # (and: an item under a heading naming its actor in a dispatch, "1. Thủ trưởng các Sở, ban,
        # ngành …, Chủ tịch UBND các huyện … / - Ban hành kế hoạch, quán triệt …")
        # (the last: a duty under its actor in a responsibility article, "2. Người sử dụng lao
        # động: … c) Bảo quản, lưu trữ đơn đề nghị hỗ trợ …")
        if content_intro:
            my.content_list = True
            e = _clip(text, s, layout.item_span(i)[1])[1]  # the points of content belong to this task, their dates too
            is_task = is_task or directive
            primary, others = _due(text, doc_date, boff, e)
        if not is_task or own_lead and all(_is_issuer(a, issuer) for a in own_lead):
            continue  # what the issuer itself does ("1. UBND tỉnh triển khai …") is not a task
        keep(_make(doc_id, len(tasks), u.path, text, s, e, body, my.lead,
                   primary or parent_ctx.deadline, others, citations), i)
    _closing_deadlines(layout, tasks, unit_of, doc_date)
    _drop_redundant_closing(tasks)
    _expand_acronyms(tasks, text)
    for n, t in enumerate(tasks):
        t.id = f"{doc_id}#{n + 1}"
    return tasks


@dataclass
class _Sheet:
    lead: str = ""
    support: str = ""
    time_spans: list[tuple[int, int]] = field(default_factory=list)


def _task_sheet(units: list[Unit], u: Unit, text: str) -> Optional[_Sheet]:
    """The fields of a plan's task sheet when every marked child of `u` is one ("a) Cơ quan chủ trì:
    …", "- Thời gian thực hiện: …") and a lead or a time is among them; else None."""
    G = _grammar()
    sheet, seen = _Sheet(), False
    for c in u.children:
        cu = units[c]
        if not cu.kind:
            continue
        raw = text[cu.start:cu.end]
        mk = _MARKER.match(raw)
        at = mk.end() if mk else 0
        f = G["sheet_field"].match(raw, at, timeout=_TIMEOUT)
        if not f:
            return None
        value = raw[f.end():].strip(" .;\n")
        if f.group("lead"):
            if not value and any(units[g].kind for g in cu.children):
                # "- Cơ quan thực hiện: + Công an tỉnh chủ trì …; + Sở Giao thông vận tải tổ chức …":
                # each sub-item names its own actor and work, so each is a task, not the sheet
                return None
            sheet.lead, seen = value, True
        elif f.group("support"):
            sheet.support = value
        elif f.group("time"):
            sheet.time_spans.append((cu.start + at, cu.end))
            seen = True
    return sheet if seen else None


def citations_in(citations: list[Citation], s: int, e: int) -> list[str]:
    """The references cited in text[s:e], each once, in order ("Báo cáo nêu trên" → its antecedent)."""
    refs: list[str] = []
    for c in citations:
        if s <= c.start < e:
            r = c.reference or c.antecedent
            if r and r not in refs:
                refs.append(r)
    return refs


def _make(doc_id: str, n: int, item: str, text: str, s: int, e: int, body: str, lead: list[str],
          deadline: Optional[Deadline], others: list[Deadline], citations: list[Citation]) -> Task:
    refs = citations_in(citations, s, e)
    return Task(
        id=f"{doc_id}#{n + 1}", item=item, text=text[s:e], start=s, end=e,
        action=_action_of(body), lead=list(lead), support=_support_of(body), report_to=_report_to_of(body),
        deadline=deadline, deadlines_other=list(others), citations=refs,
    )


_CLOSING_DEADLINE = re.compile(r"(?<=\.\s)(?:Thời\s+hạn|Thời\s+gian)\s+(?:hoàn\s+thành|thực\s+hiện|báo\s+cáo|gửi)[^.]*\.?")


def _closing_deadlines(layout: Layout, tasks: list[Task], unit_of: dict[int, int], doc_date) -> None:
    """A deadline that closes a list of sub-items applies to every sub-item without its own:
    "… c) …; báo cáo kết quả … Thời hạn hoàn thành trước ngày 20/5/2024." (seed 002), or a paragraph
    after the last dash item "Báo cáo … gửi về Sở Nội vụ trước ngày 15/5/2023" (seed 003)."""
    from .deadlines import find_deadlines, pick_primary

    text, units = layout.text, layout.units
    by_parent: dict[Optional[int], list[int]] = {}
    for t_i, u_i in unit_of.items():
        by_parent.setdefault(units[u_i].parent, []).append(t_i)
    for parent, t_list in by_parent.items():
        if parent is None or len(t_list) < 2:
            continue
        kids = [c for c in units[parent].children if units[c].kind]
        if not kids:
            continue
        last = kids[-1]
        closing = None
        # an unmarked paragraph after the last sub-item (my tree hangs it under that sub-item)
        tail = [c for c in units[last].children if not units[c].kind] + \
               [c for c in units[parent].children if not units[c].kind and c > last]
        for c in tail:
            dl = find_deadlines(text, doc_date, units[c].start, units[c].end)
            if dl:
                closing = (units[c].start, pick_primary(dl, text)[0])
                break
        if closing is None:
            m = _CLOSING_DEADLINE.search(text, units[last].start, layout.item_span(last)[1])
            if m:
                dl = find_deadlines(text, doc_date, m.start(), m.end())
                if dl:
                    closing = (m.start(), pick_primary(dl, text)[0])
        if closing is None or closing[1] is None:
            continue
        start, dl = closing
        for t_i in t_list:
            t = tasks[t_i]
            own = t.deadline is not None and t.deadline.start < start and t.start <= t.deadline.start < t.end
            if not own:
                t.deadline = dl


def _expand_acronyms(tasks: list[Task], text: str) -> None:
    """'Cục ĐKVN' → 'Cục Đăng kiểm Việt Nam' where the document defined it ("… Việt Nam (ĐKVN)")."""
    from .agencies import document_acronyms, expand_document_acronyms
    acronyms = document_acronyms(text)
    if not acronyms:
        return
    for t in tasks:
        for field_ in ("lead", "support", "report_to"):
            names = [expand_document_acronyms(n, acronyms) for n in getattr(t, field_)]
            setattr(t, field_, list(dict.fromkeys(names)))


def _drop_redundant_closing(tasks: list[Task]) -> None:
    """The closing "… khẩn trương triển khai thực hiện./." is a task only if it adds an addressee."""
    if len(tasks) < 2:
        return
    last = tasks[-1]
    if last.item == "" and last.text.rstrip().endswith("./.") and not last.deadline:
        seen = {_core(a) for t in tasks[:-1] for a in t.lead}
        if all(_core(a) in seen or any(_core(a).startswith(x) or x.startswith(_core(a)) for x in seen)
               for a in last.lead):
            tasks.pop()


def _core(agency: str) -> str:
    """'các cơ quan, đơn vị, địa phương liên quan' and '… có liên quan' name the same addressees."""
    a = " ".join(agency.lower().split())
    return re.sub(r"\s*(?:có\s+)?liên\s+quan$", "", a)
