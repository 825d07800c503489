"""Deadlines: text → `Deadline` records (SPEC §5), each resolved against the document's own date.

    find_deadlines(text, "2024-05-06")            # every deadline phrase, in text order
    pick_primary(deadlines, text)                 # → (the date the result is due, the others)
    parse_deadline_cell("Từ quý III/2026", "2026-01-05")   # a task table's completion column
    parse_date_phrase("trước 15/11", "2024-05-06")          # → date(2024, 11, 15)

The grammar (vocabulary, regex pieces and patterns, each with an example) is
models/deadline_patterns.yaml; this module composes it once, lazily, and holds only the
semantics: which calendar day a matched phrase means. The reference point is always the document
date passed in, never "today" (a partial "2025-12" / "2023" counts as the first day of that
period). Working days come from pipeline.calendar_vn.

Rules that are ours (SPEC leaves them open; tests/test_deadlines.py guards each):
- a year-less date or period takes the document's year, and the next year when that would fall
  more than 30 days before the document ("trước 15/01" in a dispatch of 20/12/2024 → 15/01/2025;
  a few days before is a late signature, not next year);
- "6 tháng đầu năm 2024" is kind `month`, date 2024-06-30 (a period that ends with a month);
- "trước ngày X" is due by X (SPEC), but "trước năm 2030" / "trước tháng 7" / "trước quý III" is
  due before the period begins (31/12/2029, 30/6, 30/6);
- a past date is kept only after a strong lead and with a delivery word; its printed year, when
  up to 10 years before the document's ("trước ngày 15/5/2013" in 2023), becomes the document's
  year with `suspect=True`; a past period after a weak lead ("báo cáo kết quả thực hiện trong năm
  2023" in 2024) is what a report is about, and is dropped;
- recurring phrases follow the rhythm rule described in models/deadline_patterns.yaml;
  "định kỳ 6 tháng", "hằng tuần", "thường xuyên" and a bare "định kỳ" keep `date` None; a daily
  report over a holiday starts on the holiday's first day when the text states it;
- a relative deadline counts from the document's date ("kể từ ngày ký"), from its entry into
  force when the text states it ("Quyết định này có hiệu lực … kể từ ngày …"), or from a date
  written as the anchor; any other anchor leaves `date` None.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re as _re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import regex

from .calendar_vn import add_working_days, month_end, quarter_end, year_end
from .records import Deadline

__all__ = ["find_deadlines", "pick_primary", "parse_deadline_cell", "parse_date_phrase", "doc_day"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "deadline_patterns.yaml"
_TIMEOUT = 0.25          # seconds per regex call on untrusted text
_ROLL_TOLERANCE = 30     # days a year-less date may fall before the document before it rolls over
_SUSPECT_YEARS = 10      # how many years back a printed year is still read as a typo
_BEFORE = 110            # chars of clause searched for a governing word before a phrase
_AFTER = 60              # … and after it
_FLAGS = regex.IGNORECASE | regex.V0
_GUARD = 24              # chars a trigger guard looks at before / after its literal

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FREQ_OF_PERIOD = {  # period → (rule, how its first due date is found)
    "day": ("FREQ=DAILY", "day"),
    "week": ("FREQ=WEEKLY", None),
    "month": ("FREQ=MONTHLY;BYMONTHDAY=-1", "month"),
    "quarter": ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", "quarter"),
    "year": ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", "year"),
}
_FREQ_OF_UNIT = {"days": "DAILY", "working_days": "DAILY", "weeks": "WEEKLY", "months": "MONTHLY",
                 "years": "YEARLY"}


# --------------------------------------------------------------------------------------------
# The grammar, compiled once
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Pattern:
    name: str
    kind: str
    rx: "regex.Pattern"
    triggered: bool  # False → runs over the whole region (no trigger literals given)
    back: int        # how far before a trigger hit a match may start
    fwd: int         # how far after a trigger hit it may end
    near: Optional["regex.Pattern"]  # a lead literal that must occur in the `back` chars before a hit
    example: dict


class _Grammar:
    """models/deadline_patterns.yaml composed into compiled patterns and lookup tables."""

    def __init__(self, data: dict):
        self.data = data
        words = {k: list(v) for k, v in data["words"].items()}
        self.maps = {k: {str(a).lower(): b for a, b in data[k].items()}
                     for k in ("numbers", "units", "periods", "weekdays", "halves")}
        for k, m in self.maps.items():
            words[k] = list(m)
        self.words = words
        pieces = dict(data["pieces"])
        cache: dict[str, str] = {}

        def alt(items) -> str:
            parts = sorted({str(w).lower() for w in items}, key=len, reverse=True)
            return "(?:" + "|".join(regex.escape(p).replace("\\ ", r"\s+") for p in parts) + ")"

        def expand(src: str, depth: int = 0) -> str:
            if depth > 12:
                raise ValueError(f"deadline grammar: piece nesting too deep in {src[:60]!r}")

            def one(m):
                name = m.group(1)
                if name not in cache:
                    if name in pieces:
                        cache[name] = expand(pieces[name], depth + 1)
                    elif name in words:
                        cache[name] = alt(words[name])
                    else:
                        raise KeyError(f"deadline grammar: unknown piece {{{name}}}")
                return cache[name]

            return _re.sub(r"\{([a-z_]+)\}", one, src)

        self.expand = expand
        import ahocorasick  # lazy like the rest: one automaton over every pattern's trigger literals

        self.patterns = []
        self.triggers = ahocorasick.Automaton()
        by_literal: dict[str, list] = {}
        guards: dict[str, "regex.Pattern"] = {}

        def guard(src: Optional[str], reverse: bool = False):
            if not src:
                return None
            # a `before` guard ends at the literal: searched right to left, it fails fast
            src = ("(?r)" if reverse else "") + expand(src)
            return guards.setdefault(src, regex.compile(src, _FLAGS))

        for i, p in enumerate(data["patterns"]):
            trig = p.get("triggers") or {}
            for lit, gd in trig.items():
                gd = gd or {}
                by_literal.setdefault(str(lit).lower(), []).append(
                    (i, guard(gd.get("before"), reverse=True), guard(gd.get("after"))))
            back, fwd = p.get("window") or (0, 0)
            # (searched on the lower-cased text: a plain literal alternation, no case folding)
            near = regex.compile(alt(words[p["near"]])) if p.get("near") else None
            self.patterns.append(_Pattern(
                p["name"], p["kind"], regex.compile(expand(p["re"]), _FLAGS), bool(trig),
                int(back), int(fwd), near, p.get("example") or {}))
        for lit, uses in by_literal.items():
            # each use carries what the scan loop needs, to keep attribute lookups out of it
            self.triggers.add_word(lit, (len(lit), tuple(
                (i, b, a, self.patterns[i].near, self.patterns[i].back) for i, b, a in uses)))
        self.triggers.make_automaton()
        piece = lambda name: regex.compile(expand("{" + name + "}"), _FLAGS)  # noqa: E731
        w = lambda name: regex.compile(r"(?<!\w)" + alt(words[name]) + r"(?!\w)", _FLAGS)  # noqa: E731
        self.cell_value = regex.compile(r"(?P<span>" + expand("{period_value}") + r")", _FLAGS)
        self.plain_date = piece("plain_date")
        self.effect_clause = piece("effect_clause")
        self.often_before = piece("often_before")
        self.prohibition_start = piece("prohibition_start")
        self.delivery = piece("delivery_rx")
        self.completion = w("completion")
        self.report = w("report")
        cancel = r"(?<!\w)(?<!" + alt(words["condition_cancel"]) + r"\s+)"
        self.cond_before = regex.compile(cancel + alt(words["condition_before"]) + r"(?!\w)", _FLAGS)
        self.cond_before_weak = regex.compile(cancel + alt(
            [x for x in words["condition_before"] if x not in words["condition_state"]]) + r"(?!\w)", _FLAGS)
        # ("dự kiến trong tháng 6/2024", "(dự kiến hoàn thành vào năm 2028)": expected, with or without its verb)
        self.tentative = regex.compile(r"(?<!\w)" + alt(words["tentative"]) + r"(?:\s+(?:sẽ\s+)?"
                                       + alt(words["completion"]) + r")?\s*:?\s*$", _FLAGS)
        self.cond_after = w("condition_after")
        self.lead_strong = regex.compile(r"\s*" + alt(words["lead_before"] + words["lead_strong"]
                                                       + words["label_completion"])
                                         + r"(?!\w)", _FLAGS)
        self.anchor_signing = regex.compile(expand("{anchor_self}"), _FLAGS)
        self.anchor_effective = regex.compile(expand("{anchor_effective_self}"), _FLAGS)
        self.exclude_before = [regex.compile(expand(x), _FLAGS) for x in data.get("exclude_before") or ()]
        self.exclude_event = [regex.compile(expand(x), _FLAGS) for x in data.get("exclude_event") or ()]
        self.attribute_head = w("rhythm_attribute_head")
        self.target = w("target_words")
        self.ahead_leads = {str(x).lower() for x in words["lead_ahead"]}
        self.holiday = w("holiday_words")
        self.holiday_count = piece("holiday_count")
        self.day_range = piece("day_range")
        self.date_anchor = piece("date_anchor")
        self.span_until = piece("span_until")
        self.citation_after = piece("citation_after")
        self.year_more = piece("year_more")
        self.month_day_later = piece("month_day_later")
        self.effect_event_lead = piece("effect_event_lead")
        self.actor_after_frame = piece("actor_after_frame")
        self.periodic_before = regex.compile("(?r)" + expand("{periodic_before}"), _FLAGS)


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    import yaml  # lazy: parsed once, at the first call

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(MODEL_PATH, encoding="utf-8") as fh:
        return _Grammar(yaml.load(fh, Loader=loader))


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

def doc_day(doc_date) -> Optional[_dt.date]:
    """A document date ("2024-05-06", partial "2025-12" / "2023", "06/05/2024", a date) → its
    first possible day, or None."""
    if doc_date is None or doc_date == "":
        return None
    if isinstance(doc_date, _dt.datetime):
        return doc_date.date()
    if isinstance(doc_date, _dt.date):
        return doc_date
    s = str(doc_date).strip()
    m = _re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s)
    if not m:
        m2 = _re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
        if not m2:
            return None
        return _safe_date(int(m2.group(3)), int(m2.group(2)), int(m2.group(1)))
    return _safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _safe_date(y: int, m: int, d: int) -> Optional[_dt.date]:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return _dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _int(s: Optional[str], numbers: dict) -> Optional[int]:
    if s is None:
        return None
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    return numbers.get(s)


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------

@dataclass
class _Ctx:
    text: str
    doc: Optional[_dt.date]
    start: int
    end: int
    cell: bool
    g: _Grammar


@dataclass
class _Cand:
    dl: Deadline
    order: int  # pattern rank: earlier patterns win ties


_DROP = None
_BOUNDARY = regex.compile(r"[;!?]|\.(?=\s|$)|\n\s*\n")
_BOUNDARY_AFTER = regex.compile(r"[;!?(]|\.(?=\s|$)|\n\s*\n")


def _before_bounds(ctx: _Ctx, pos: int, limit: int = _BEFORE) -> tuple[int, int]:
    """[lo, pos): the clause before `pos`, at most `limit` chars, never past the region start."""
    lo = max(ctx.start, pos - limit)
    last = None
    for last in _BOUNDARY.finditer(ctx.text, lo, pos):
        pass
    return (last.end() if last else lo), pos


def _after_bounds(ctx: _Ctx, pos: int, limit: int = _AFTER) -> tuple[int, int]:
    hi = min(ctx.end, pos + limit)
    m = _BOUNDARY_AFTER.search(ctx.text, pos, hi)
    return pos, (m.start() if m else hi)


def _clause_before(ctx: _Ctx, pos: int, limit: int = _BEFORE) -> str:
    lo, hi = _before_bounds(ctx, pos, limit)
    return ctx.text[lo:hi]


def _has(rx, ctx: _Ctx, bounds: tuple[int, int]) -> bool:
    """Does a match of `rx` start inside `bounds`? Searched in place, not on a slice, so that
    look-arounds see the words on both sides ("báo cáo" but not "báo cáo tài chính")."""
    lo, hi = bounds
    m = rx.search(ctx.text, lo, min(len(ctx.text), hi + 24), timeout=_TIMEOUT)
    return bool(m) and m.start() < hi


def _clause_ends(ctx: _Ctx, pos: int) -> bool:
    return bool(_re.match(r"\s*(?:[,.;:)]|$)", ctx.text[pos:min(ctx.end, pos + 3)]))


def _delivered(ctx: _Ctx, s: int, e: int, limit_before: int = _BEFORE, limit_after: int = _AFTER) -> bool:
    d = ctx.g.delivery
    return _has(d, ctx, _before_bounds(ctx, s, limit_before)) or _has(d, ctx, _after_bounds(ctx, e, limit_after))


def _aimed(ctx: _Ctx, s: int) -> bool:
    """A goal word governs the phrase: "mục tiêu giảm 05% … trong năm 2025", with no delivery word
    between them ("phấn đấu hoàn thành trong quý II" still delivers)."""
    lo, hi = _before_bounds(ctx, s)
    goal = None
    for goal in ctx.g.target.finditer(ctx.text, lo, hi, timeout=_TIMEOUT):
        pass
    return goal is not None and not _has(ctx.g.delivery, ctx, (goal.end(), hi))


def _completed(ctx: _Ctx, s: int) -> bool:
    return _has(ctx.g.completion, ctx, _before_bounds(ctx, s, 80))


def _conditional(ctx: _Ctx, s: int, e: int, lead: str = "") -> bool:
    """A past or conditional clause ("đã được phê duyệt trước ngày …", "… trước ngày X thì …"); a
    state ("đang …") conditions a due date, not a weak lead's time frame."""
    # (a single line break is no boundary: crawled text breaks lines mid-sentence)
    before = ctx.text[max(ctx.start, s - 40):s]
    before = _re.split(r"[,.;:()]", before)[-1]
    if ctx.text[s:s + 1].isupper() and before[-1:].isspace() and before.rstrip()[-1:].islower():
        # a capitalised lead run on after a lower-case word opens a cell of a flattened table
        # ("… trên đường bộ đang khai thác Trong thời hạn 07 ngày làm việc …"): nothing before governs it
        before = ""
    after = ctx.text[e:min(ctx.end, e + 30)]
    after = _re.split(r"[,.;:()]", after)[0]
    cond = ctx.g.cond_before_weak if lead == "weak" else ctx.g.cond_before
    return bool(cond.search(before) or ctx.g.cond_after.search(after))


def _excluded_before(ctx: _Ctx, s: int) -> bool:
    w = ctx.text[max(0, s - 60):s]
    return any(x.search(w, timeout=_TIMEOUT) for x in ctx.g.exclude_before)


def _span(m) -> tuple[int, int]:
    if "span" in m.re.groupindex and m.start("span") >= 0:
        return m.start("span"), m.end("span")
    s, e = m.span()
    # the leading \s* of some patterns: report the phrase, not the whitespace before it
    while s < e and m.string[s].isspace():
        s += 1
    return s, e


def _deadline(m, kind: str, when: Optional[_dt.date], rule: Optional[str] = None,
              suspect: bool = False, span: Optional[tuple[int, int]] = None) -> Deadline:
    s, e = span or _span(m)
    # (markdown emphasis left in a converted text is dropped from `text`, not from the span)
    return Deadline(text=" ".join(m.string[s:e].replace("**", "").split()), start=s, end=e,
                    date=when.isoformat() if when else None, kind=kind, rule=rule, suspect=suspect)


def _lead_class(m) -> str:
    """'strong', 'until', 'weak', or '' (no lead) from which lead alternative matched."""
    gi = m.re.groupindex
    for name, cls in (("lb", "strong"), ("ls", "strong"), ("lt", "strong"), ("lu", "until"), ("lw", "weak")):
        if name in gi and m.group(name) is not None:
            return cls
    return ""


def _before(m) -> bool:
    """A "trước" lead: a period is then due before it begins ("trước năm 2030" → 31/12/2029)."""
    return "lb" in m.re.groupindex and m.group("lb") is not None


def _in_doc_year(ctx: _Ctx, make: Callable[[int], Optional[_dt.date]]) -> Optional[_dt.date]:
    """A year-less date or period end: in the document's year, or the next one when that falls
    well before the document ("trước 15/01" in a dispatch of 20/12/2024 → 2025-01-15)."""
    if ctx.doc is None:
        return None
    d = make(ctx.doc.year)
    if d is not None and d < ctx.doc - _dt.timedelta(days=_ROLL_TOLERANCE):
        d = make(ctx.doc.year + 1)
    return d


def _ahead(ctx: _Ctx, m, kind: str, make: Callable[[int], Optional[_dt.date]], year: Optional[str]) -> bool:
    """A period that begins after the document ("… trong năm 2017" in a document of 10/2016): the
    work is scheduled into it, so its end is due."""
    if ctx.doc is None or kind not in ("month", "quarter", "year"):
        return False
    lw = m.group("lw") if "lw" in m.re.groupindex else None
    if not lw or " ".join(lw.lower().split()) not in ctx.g.ahead_leads:
        return False
    doc = ctx.doc

    def bounds(y: int):
        end = make(y)
        if end is None:
            return None
        return {"month": end.replace(day=1), "quarter": _dt.date(end.year, (end.month - 1) // 3 * 3 + 1, 1),
                "year": _dt.date(end.year, 1, 1)}[kind], end

    def gap(b) -> int:
        return 0 if b[0] <= doc <= b[1] else min(abs((b[0] - doc).days), abs((doc - b[1]).days))

    if year:
        b = bounds(int(year))
    else:
        # a year-less period is its nearest instance: "trong tháng 01" in a dispatch of 20/12 is next
        # January, "tình hình … trong 6 tháng đầu năm được bảo đảm" in a report of August this year's
        b = min((x for x in (bounds(doc.year), bounds(doc.year + 1)) if x), key=gap, default=None)
    if b is None:
        return False
    # a period already under way when the phrase opens its clause and an actor follows: "c) Trong Quý II năm
    # 2025, các bộ, ngành … rà soát, kiểm tra …" in a resolution of 10/4/2025 schedules the work into it
    return b[0] > doc or b[1] >= doc and _clause_initial(ctx, m.start()) and bool(
        ctx.g.actor_after_frame.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 40), timeout=_TIMEOUT))


def _settle(ctx: _Ctx, m, kind: str, make: Callable[[int], Optional[_dt.date]], year: Optional[str],
            lead: str, span: Optional[tuple[int, int]] = None):
    """Resolve a date or period end and apply the governance rules; None drops the phrase."""
    s, e = span or _span(m)
    if not ctx.cell:
        if lead == "weak" and not _delivered(ctx, s, e) and not (
                _ahead(ctx, m, kind, make, year) and not _has(ctx.g.target, ctx, _before_bounds(ctx, s))):
            return _DROP  # "Dự kiến trong tháng 01/2024": a time frame, nothing due
        if lead == "weak" and _aimed(ctx, s):
            return _DROP  # "đạt mục tiêu giảm 05% số vụ … trong năm 2025, UBND tỉnh xây dựng kế hoạch": a goal
        if lead == "until" and not _completed(ctx, s):
            return _DROP
        if lead in ("weak", "paren") and ctx.g.tentative.search(ctx.text, max(ctx.start, s - 32), s):
            return _DROP  # "(dự kiến trong tháng 6/2024)": expected, not due
        if _conditional(ctx, s, e, lead):
            return _DROP
        if _excluded_before(ctx, s) and not _lead_class(m):
            # (a citation's number right before a lead word is the end of a heading the PDF ran on:
            # "… Nghị định số 28/2018/NĐ-CP Trước ngày 30 tháng 5 …, đơn vị chủ trì gửi …")
            return _DROP
    doc = ctx.doc
    if year is None:
        when = _in_doc_year(ctx, make)
        if doc is None:
            return _deadline(m, kind, None, span=span)  # kind kept, the day unknown
        if when is None:
            return _DROP  # an impossible day ("31/2")
        if when >= doc or ctx.cell:
            return _deadline(m, kind, when, span=span)
        # a few days before the document: a late signature if a result is due, else background
        if lead == "strong" and _delivered(ctx, s, e):
            return _deadline(m, kind, when, span=span)
        return _DROP
    y = int(year)
    when = make(y)
    if when is None:
        return _DROP
    if doc is None or when >= doc:
        return _deadline(m, kind, when, span=span)
    # a past date or period
    if ctx.cell:
        return _deadline(m, kind, when, span=span)  # a report's table lists past work as printed
    if lead != "strong":
        return _DROP  # "báo cáo kết quả thực hiện trong năm 2023": what the report is about
    if not _delivered(ctx, s, e):
        return _DROP  # "hết niên hạn sử dụng trước ngày 31/12/2018": background
    if y == doc.year:
        return _deadline(m, kind, when, span=span)  # signed after its own deadline: keep it
    if doc.year - y <= _SUSPECT_YEARS:
        fixed = make(doc.year)
        return _deadline(m, kind, fixed, suspect=True, span=span) if fixed else _DROP
    return _DROP


# --- resolvers: one per pattern kind -----------------------------------------------------------

def _r_date(ctx: _Ctx, m):
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return _DROP
    if ctx.g.citation_after.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 20)):
        return _DROP  # "ngày 28/3/2022 của Chủ tịch UBND tỉnh": a citation's date
    return _settle(ctx, m, "date", lambda y: _safe_date(y, mo, d), m.group("y"), _lead_class(m))


def _r_month(ctx: _Ctx, m):
    mo = int(m.group("m"))
    if not 1 <= mo <= 12:
        return _DROP
    if _before(m):
        make = (lambda y: month_end(y, mo - 1)) if mo > 1 else (lambda y: month_end(y - 1, 12))
    else:
        make = lambda y: month_end(y, mo)  # noqa: E731
    return _settle(ctx, m, "month", make, m.group("y"), _lead_class(m))


def _quarter_of(m, group: str = "q") -> Optional[int]:
    caps = m.captures(group)
    return _ROMAN.get(caps[-1].lower()) if caps else None


def _r_quarter(ctx: _Ctx, m):
    q = _quarter_of(m)
    if not q:
        return _DROP
    if _before(m):
        make = (lambda y: quarter_end(y, q - 1)) if q > 1 else (lambda y: quarter_end(y - 1, 4))
    else:
        make = lambda y: quarter_end(y, q)  # noqa: E731
    return _settle(ctx, m, "quarter", make, m.group("y"), _lead_class(m))


def _half_end(ctx: _Ctx, m) -> Optional[Callable[[int], _dt.date]]:
    n = _int(m.group("hn"), ctx.g.maps["numbers"])
    which = ctx.g.maps["halves"].get(" ".join(m.group("half").lower().split()))
    if not n or not 1 <= n <= 12:
        return None
    last = n if which == "first" else 12
    return lambda y: month_end(y, last)


def _r_half(ctx: _Ctx, m):
    make = _half_end(ctx, m)
    if make is None:
        return _DROP
    return _settle(ctx, m, "month", make, m.group("y"), _lead_class(m))


def _r_year(ctx: _Ctx, m):
    make = (lambda y: year_end(y - 1)) if _before(m) else year_end
    lead = _lead_class(m)
    more = ctx.g.year_more.match(ctx.text, m.end(), min(ctx.end, m.end() + 40)) if lead == "weak" else None
    if more and not ctx.cell:
        if more.group("yr") is None:
            return _DROP  # "xác định nhu cầu vốn thực hiện trong năm 2024 và năm 2025": the span it covers
        # "Trong năm 2023 - 2024: Hoàn thiện trình và phê duyệt …": due at the range's end
        return _settle(ctx, m, "year", year_end, more.group("yr"), lead, span=(_span(m)[0], more.end()))
    return _settle(ctx, m, "year", make, m.group("y"), lead)


def _r_year_end(ctx: _Ctx, m):
    return _settle(ctx, m, "year", year_end, m.group("y"), _lead_class(m))  # "trước cuối năm": by it


def _r_range(ctx: _Ctx, m):
    # "giai đoạn 2021 - 2025" is a period; a deadline only when its completion is asked for
    if not ctx.cell and not _completed(ctx, _span(m)[0]):
        return _DROP
    return _settle(ctx, m, "year", year_end, m.group("y"), "strong")


def _value(ctx: _Ctx, m, lead: str):
    """The value of a completion field or cell (group names v_*)."""
    span = (m.start("span"), m.end("span"))
    g = m.group
    if g("v_half"):
        make = _half_end(ctx, m)
        return _settle(ctx, m, "month", make, g("y"), lead, span) if make else _DROP
    if g("v_quarter"):
        q = _quarter_of(m)
        return _settle(ctx, m, "quarter", lambda y: quarter_end(y, q), g("y"), lead, span) if q else _DROP
    if g("v_month"):
        mo = int(g("m"))
        return _settle(ctx, m, "month", lambda y: month_end(y, mo), g("y"), lead, span) if 1 <= mo <= 12 else _DROP
    if g("v_yend") is not None:
        return _settle(ctx, m, "year", year_end, g("y"), lead, span)
    if g("v_range") or g("v_year") or g("v_bare"):
        return _settle(ctx, m, "year", year_end, g("y"), lead, span)
    if g("v_date"):
        d, mo = int(g("d")), int(g("m"))
        return _settle(ctx, m, "date", lambda y: _safe_date(y, mo, d), g("y"), lead, span)
    return _DROP


def _r_paren(ctx: _Ctx, m):
    """A period in brackets closing an item or clause: "… phê duyệt các dự án (Quý II/2024)." """
    g = m.group
    if g("from") or g("v_bare") or g("v_range") or g("v_date"):
        return _DROP  # "(từ Quý IV/2024)" is a start; "(2023 - 2025)" a programme's span
    if not ctx.cell and _has(ctx.g.target, ctx, _before_bounds(ctx, m.start())):
        return _DROP  # "phấn đấu giảm 10% số vụ (năm 2025)": a goal
    return _value(ctx, m, "paren")


def _r_label(ctx: _Ctx, m):
    completion_field = m.group("lc") is not None
    if m.group("from") and not completion_field:
        return _DROP  # "Thời gian thực hiện: từ quý III/2026" is a start
    if ctx.g.citation_after.match(ctx.text, m.end("span"), min(len(ctx.text), m.end("span") + 20)):
        # a column header repeated at a page break of a flattened table, run into the cell text it
        # interrupts: "… Thời hạn hoàn thành 12 tháng 9 năm 2025 của Ban Chỉ đạo Trung ương …" (held-out
        # NQ 105/NQ-CP) dates a cited document, as "ngày 28/3/2022 của …" does
        return _DROP
    return _value(ctx, m, "strong")


def _effective_date(ctx: _Ctx) -> Optional[_dt.date]:
    """When the document takes effect, from its own "… này có hiệu lực (thi hành) kể từ …"."""
    return _effective_in(ctx.text, ctx.doc)


_EFFECT_CACHE: dict = {"text": None, "doc": None, "value": None}


def _effective_in(text: str, doc: Optional[_dt.date]) -> Optional[_dt.date]:
    c = _EFFECT_CACHE
    if c["text"] is text and c["doc"] == doc:
        return c["value"]
    value = None
    try:
        m = _grammar().effect_clause.search(text, timeout=_TIMEOUT)
    except TimeoutError:
        m = None
    if m:
        if m.group("sign"):
            value = doc
        elif m.group("y"):
            value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        elif doc is not None:
            value = _safe_date(doc.year, int(m.group("m")), int(m.group("d")))
    c.update(text=text, doc=doc, value=value)
    return value


def _r_relative(ctx: _Ctx, m):
    g = ctx.g
    n = _int(m.group("n"), g.maps["numbers"])
    unit = g.maps["units"].get(" ".join(m.group("unit").lower().split()))
    if n is None or unit is None or n > 400:
        return _DROP
    lead = _lead_class(m)
    anchor = m.group("anchor")
    s, e = _span(m)
    if m.group("la") is not None:
        return _DROP  # "Sau 30 ngày kể từ ngày gửi thông báo": a start, not a deadline
    if m.group("lv") is not None:
        return _DROP  # "Giấy phép có thời hạn 05 năm, kể từ ngày cấp": a validity
    if not ctx.cell and ctx.g.prohibition_start.search(_clause_before(ctx, s, 200), timeout=_TIMEOUT):
        return _DROP  # "Không cải tạo xe … trong thời gian 05 năm": a ban
    if not ctx.cell:
        if not lead and not anchor:
            return _DROP  # a bare duration ("Hội nghị diễn ra 02 ngày")
        if lead == "weak" and not anchor and not (_delivered(ctx, s, e) and _clause_ends(ctx, e)):
            return _DROP  # "báo cáo … trong 9 ngày nghỉ Tết": a span of days, not a time limit
        if _conditional(ctx, s, e):
            return _DROP
    base = None
    if m.group("until") is not None:
        # "chậm nhất 30 ngày tính đến ngày tổ chức kiểm định": at the latest N days before an
        # event; "Giấy khám sức khỏe cấp trong thời hạn 06 tháng tính đến ngày nộp hồ sơ": a validity
        return _deadline(m, "event", None) if m.group("lt") is not None and not ctx.cell else _DROP
    if anchor and g.span_until.search(anchor):
        return _DROP  # "12 tháng, kể từ ngày 01/10/2021 đến hết ngày 30/9/2022": a span, not a limit
    dated = g.date_anchor.match(anchor) if anchor else None
    if dated:
        y = dated.group("y") or (str(ctx.doc.year) if ctx.doc else None)
        base = _safe_date(int(y), int(dated.group("m")), int(dated.group("d"))) if y else None
    elif anchor and ctx.doc is not None:
        if g.anchor_signing.search(anchor):
            base = ctx.doc
        elif g.anchor_effective.match(anchor):
            base = _effective_date(ctx)
    when = None
    periodic = g.periodic_before.search(ctx.text, max(ctx.start, s - 24), s, timeout=_TIMEOUT)
    if base is not None:
        if unit == "working_days":
            when = add_working_days(base, n)
        elif unit == "days":
            when = base + _dt.timedelta(days=n)
        elif unit == "weeks":
            when = base + _dt.timedelta(weeks=n)
        elif unit == "months":
            when = _add_months(base, n)
        elif unit == "years":
            when = _add_months(base, 12 * n)
    if periodic and m.group("lt") is None and m.group("ls") is None:
        # "Định kỳ 03 tháng kể từ ngày Nghị quyết này có hiệu lực thi hành báo cáo kết quả": every
        # three months from the anchor, the first report due one period after it
        rule = f"FREQ={_FREQ_OF_UNIT[unit]}" + (f";INTERVAL={n}" if n > 1 else "")
        return _deadline(m, "recurring", when, rule, span=(periodic.start(), e))
    return _deadline(m, "relative", when)


def _r_event(ctx: _Ctx, m):
    ev = m.group("event")
    if any(x.search(ev, timeout=_TIMEOUT) for x in ctx.g.exclude_event):
        return _DROP  # "trước ngày Nghị định này có hiệu lực": a transitional condition
    s, e = _span(m)
    # counted ("trước 01 tháng so với …"), immediate ("ngay khi …") or a completion field
    # ("Thời hạn hoàn thành theo …") stand on their own; a bare "trước kỳ họp" needs a delivery word
    counted = any(g in m.re.groupindex and m.group(g) is not None for g in ("n", "now", "lab"))
    if m.re.groupindex.keys() >= {"now", "event"} and "khi" in ev.lower():
        # "… để thực hiện Luật … (ngay) khi có hiệu lực thi hành": only a law being carried out
        if not ctx.cell and not _has(ctx.g.effect_event_lead, ctx, _before_bounds(ctx, s, 200)):
            return _DROP
        counted = True
    if "lab" in m.re.groupindex and not ctx.cell and not _clause_initial(ctx, s):
        return _DROP  # "trả kết quả đúng thời hạn theo quy định": not a completion field
    if not ctx.cell:
        if not counted and not _has(ctx.g.delivery, ctx, _before_bounds(ctx, s, 45)):
            return _DROP
        if _conditional(ctx, s, e):
            return _DROP
    return _deadline(m, "event", None)


def _clause_initial(ctx: _Ctx, s: int) -> bool:
    """At the start of a clause or item ("- Thường xuyên …", "; đồng thời, thường xuyên …")."""
    if not ctx.text[ctx.start:s].strip():
        return True
    return bool(ctx.g.often_before.search(ctx.text[max(ctx.start, s - 40):s], timeout=_TIMEOUT))


def _attribute(ctx: _Ctx, s: int) -> bool:
    """A rhythm word modifying the noun before it ("kế hoạch … hằng năm", "nhiệm vụ hàng năm"),
    with no delivery verb in between."""
    lo, hi = _before_bounds(ctx, s, 40)
    head = None
    for head in ctx.g.attribute_head.finditer(ctx.text, lo, hi, timeout=_TIMEOUT):
        pass
    return head is not None and not _has(ctx.g.delivery, ctx, (head.end(), hi))


def _recurring_ok(ctx: _Ctx, m, stated_day: bool = False) -> bool:
    """The rhythm rule: a recurring phrase counts only when a result is delivered on it."""
    if ctx.cell:
        return True
    s, e = _span(m)
    if _conditional(ctx, s, e) or _excluded_before(ctx, s) and not (stated_day and _lead_class(m)):
        return False
    if stated_day and _lead_class(m) == "strong":
        return True  # "trước ngày 25 hằng tháng"
    periodic = "dk" in m.re.groupindex and m.group("dk") is not None
    if not periodic and _attribute(ctx, s):
        return False  # "kế hoạch bảo trì đường bộ hàng năm": an annual plan
    # next to its delivery verb: "báo cáo hằng tháng", "hằng quý gửi báo cáo", "báo cáo định kỳ"
    if _delivered(ctx, s, e, 40, 28):
        return True
    # an adverb heading its clause: "Định kỳ tổ chức kiểm tra, đánh giá và báo cáo kết quả"
    initial = _clause_initial(ctx, s)
    if (periodic or initial) and _delivered(ctx, s, e, 80, 80):
        return True
    # … heading its item, it governs the item's sentence: "k) Định kỳ hàng năm tổng hợp tình hình thực
    # hiện Đề án, tổ chức sơ kết, tổng kết đánh giá việc thực hiện Đề án, báo cáo Thủ tướng Chính phủ"
    if periodic and initial and _has(ctx.g.delivery, ctx, _after_bounds(ctx, e, 160)):
        return True
    return False  # "kế hoạch bảo trì hằng năm", "kiểm tra định kỳ": an attribute, not a schedule


def _first_on_or_after(start: _dt.date, ok: Callable[[_dt.date], bool], horizon: int = 800):
    d = start
    for _ in range(horizon):
        if ok(d):
            return d
        d += _dt.timedelta(days=1)
    return None


def _r_yearly_day(ctx: _Ctx, m):
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= mo <= 12 and 1 <= d <= calendar.monthrange(2024, mo)[1]):
        return _DROP
    if not _recurring_ok(ctx, m, stated_day=True):
        return _DROP
    when = None
    if ctx.doc:
        for y in range(ctx.doc.year, ctx.doc.year + 9):
            c = _safe_date(y, mo, d)
            if c and c >= ctx.doc:
                when = c
                break
    return _deadline(m, "recurring", when, f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY={d}")


def _r_yearly_month(ctx: _Ctx, m):
    mo = int(m.group("m"))
    if not 1 <= mo <= 12 or not _recurring_ok(ctx, m, stated_day=True):
        return _DROP
    when = None
    if ctx.doc:
        when = month_end(ctx.doc.year, mo)
        if when < ctx.doc:
            when = month_end(ctx.doc.year + 1, mo)
    return _deadline(m, "recurring", when, f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY=-1")


def _r_monthly_day(ctx: _Ctx, m):
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return _DROP
    if not _recurring_ok(ctx, m, stated_day=True):
        return _DROP
    when = _first_on_or_after(ctx.doc, lambda x: x.day == d) if ctx.doc else None
    return _deadline(m, "recurring", when, f"FREQ=MONTHLY;BYMONTHDAY={d}")


def _r_weekly_day(ctx: _Ctx, m):
    code = ctx.g.maps["weekdays"].get(" ".join(m.group("wd").lower().split()))
    if not code:
        return _DROP
    if not _recurring_ok(ctx, m, stated_day=True):
        return _DROP
    wd = ("MO", "TU", "WE", "TH", "FR", "SA", "SU").index(code)
    when = _first_on_or_after(ctx.doc, lambda x: x.weekday() == wd, 7) if ctx.doc else None
    return _deadline(m, "recurring", when, f"FREQ=WEEKLY;BYDAY={code}")


def _r_period(ctx: _Ctx, m):
    per = ctx.g.maps["periods"].get(" ".join(m.group("per").lower().split()))
    timed = m.group("time") is not None  # "trước 15h hằng ngày": a stated time is a stated day
    if per not in _FREQ_OF_PERIOD or not _recurring_ok(ctx, m, stated_day=timed):
        return _DROP
    rule, due = _FREQ_OF_PERIOD[per]
    doc = ctx.doc
    when = None
    if doc is not None and due:
        when = {"day": doc, "month": month_end(doc.year, doc.month),
                "quarter": quarter_end(doc.year, (doc.month - 1) // 3 + 1),
                "year": year_end(doc.year)}[due]
    span = None
    if per == "month":
        # "hằng tháng báo cáo …, gửi Bộ Tài chính trước ngày 25 để tổng hợp": the 25th of each month
        lo, hi = _after_bounds(ctx, m.end(), 120)
        later = ctx.g.month_day_later.search(ctx.text, lo, hi, timeout=_TIMEOUT)
        if later and 1 <= int(later.group("d")) <= 31:
            d = int(later.group("d"))
            rule = f"FREQ=MONTHLY;BYMONTHDAY={d}"
            when = _first_on_or_after(doc, lambda x: x.day == d) if doc else None
    if per == "day":
        hour = _re.match(r"\s*(\d{1,2})", m.group("time") or "")
        if hour and 0 <= int(hour.group(1)) <= 23:
            rule += f";BYHOUR={int(hour.group(1))}"  # "trước 15h hằng ngày"
        # "hàng ngày trong 9 ngày nghỉ tết": a report on each holiday day, from the holiday's first
        # day when the text states it ("nghỉ lễ 30/4-01/5"), else unknown
        lo, hi = _before_bounds(ctx, m.start(), 80)[0], _after_bounds(ctx, m.end(), 160)[1]
        if _has(ctx.g.holiday, ctx, (lo, hi)):
            cnt = ctx.g.holiday_count.match(ctx.text, m.end(), min(ctx.end, m.end() + 60))
            if cnt:
                rule += f";COUNT={int(cnt.group('n'))}"
                span = (_span(m)[0], cnt.end())
            when = _holiday_start(ctx, lo, hi)
    return _deadline(m, "recurring", when, rule, span=span)


def _holiday_start(ctx: _Ctx, lo: int, hi: int) -> Optional[_dt.date]:
    """The first day of a holiday span stated near a daily report ("nghỉ lễ 30/4-01/5")."""
    r = ctx.g.day_range.search(ctx.text, lo, hi, timeout=_TIMEOUT)
    if not r or ctx.doc is None:
        return None
    d, mo = int(r.group("d")), int(r.group("m"))
    return _in_doc_year(ctx, lambda y: _safe_date(y, mo, d))


def _r_every_n(ctx: _Ctx, m):
    n = _int(m.group("n"), ctx.g.maps["numbers"])
    unit = ctx.g.maps["units"].get(" ".join(m.group("unit").lower().split()))
    if not n or unit not in _FREQ_OF_UNIT or not _recurring_ok(ctx, m):
        return _DROP
    rule = f"FREQ={_FREQ_OF_UNIT[unit]}" + (f";INTERVAL={n}" if n > 1 else "")
    return _deadline(m, "recurring", None, rule)


def _r_bare(ctx: _Ctx, m):
    return _deadline(m, "recurring", None) if _recurring_ok(ctx, m) else _DROP


def _r_often(ctx: _Ctx, m):
    s, e = _span(m)
    if not ctx.cell:
        if not _clause_initial(ctx, s):
            return _DROP  # "… thực hiện đồng bộ và thường xuyên": a manner, not a schedule
        if _conditional(ctx, s, e):
            return _DROP
        # the rhythm rule: "thường xuyên tổng hợp, báo cáo" delivers; "thường xuyên kiểm tra",
        # "thường xuyên tuyên truyền" do not (annotations: seeds/004, nghi-quyet-so-15-2026)
        if not _has(ctx.g.delivery, ctx, _after_bounds(ctx, e, 60)):
            return _DROP
    return _deadline(m, "recurring", None)


_RESOLVERS = {
    "date": _r_date, "month": _r_month, "quarter": _r_quarter, "half": _r_half, "year": _r_year,
    "year_end": _r_year_end, "range": _r_range, "label": _r_label, "paren": _r_paren, "relative": _r_relative,
    "event": _r_event, "rec_yearly_day": _r_yearly_day, "rec_yearly_month": _r_yearly_month, "rec_monthly_day": _r_monthly_day,
    "rec_weekly_day": _r_weekly_day, "rec_period": _r_period, "rec_every_n": _r_every_n,
    "rec_bare": _r_bare, "rec_often": _r_often,
}


def _windows(text: str, spans: list, back: int, fwd: int, start: int, end: int) -> list:
    """Merged windows [hit - back, hit + fwd] around key hits, widened to whitespace so that a
    window edge never cuts a word (the regex engine reads a window edge as the text's edge)."""
    out: list[list[int]] = []
    for s, e in spans:
        ws, we = max(start, s - back), min(end, e + fwd)
        lo = max(start, ws - 25)
        while ws > lo and not text[ws - 1].isspace():
            ws -= 1
        hi = min(end, we + 25)
        while we < hi and not text[we].isspace():
            we += 1
        if out and ws <= out[-1][1]:
            out[-1][1] = max(out[-1][1], we)
        else:
            out.append([ws, we])
    return out


def _scan(text: str, doc: Optional[_dt.date], start: int, end: Optional[int], cell: bool) -> list[Deadline]:
    g = _grammar()
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    if start >= end:
        return []
    ctx = _Ctx(text, doc, start, end, cell, g)
    region = text[start:end]
    low = region.lower()
    hits: list[list] = [[] for _ in g.patterns]
    if len(low) == len(region):  # lower() kept offsets (always so for Vietnamese NFC text)
        seen: dict = {}  # (guard, position) → verdict: literals shared by patterns are checked once
        for last, (size, uses) in g.triggers.iter(low):
            b = start + last + 1
            a = b - size
            for i, before, after, near, back in uses:
                if before is not None:
                    ok = seen.get((before, a))
                    if ok is None:
                        ok = seen[(before, a)] = bool(before.search(text, max(start, a - _GUARD), a))
                    if not ok:
                        continue
                if after is not None:
                    ok = seen.get((after, b))
                    if ok is None:
                        ok = seen[(after, b)] = bool(after.match(text, b, min(end, b + _GUARD)))
                    if not ok:
                        continue
                if near is not None:
                    lo = a - start - back
                    if not near.search(low, lo if lo > 0 else 0, a - start):
                        continue  # no lead word before it: a date or period with no lead
                hits[i].append((a, b))
        everywhere = False
    else:
        everywhere = True  # odd casing changed lengths: run every pattern over the whole region
    cands: list[_Cand] = []
    for rank, p in enumerate(g.patterns):
        if p.triggered and not everywhere:
            if not hits[rank]:
                continue  # no trigger literal: this pattern cannot match
            windows = _windows(text, hits[rank], p.back, p.fwd, start, end)
        else:
            windows = [(start, end)]
        resolve = _RESOLVERS[p.kind]
        for ws, we in windows:
            # (a timeout — a pathological window, or a loaded machine — costs that window only, not
            # the pattern's every other hit in the document)
            try:
                for m in p.rx.finditer(text, ws, we, timeout=_TIMEOUT):
                    dl = resolve(ctx, m)
                    if dl is not None:
                        cands.append(_Cand(dl, rank))
            except TimeoutError:
                continue
    if cell:
        try:
            for m in g.cell_value.finditer(text, start, end, timeout=_TIMEOUT):
                dl = _value(ctx, m, "strong")
                if dl is not None:
                    cands.append(_Cand(dl, len(g.patterns)))
        except TimeoutError:
            pass
    # longest phrase wins an overlap ("định kỳ hàng năm (trước ngày 01 tháng 10)" absorbs the date)
    cands.sort(key=lambda c: (-(c.dl.end - c.dl.start), c.order, c.dl.start))
    taken: list[Deadline] = []
    for c in cands:
        if all(c.dl.end <= t.start or c.dl.start >= t.end for t in taken):
            taken.append(c.dl)
    taken.sort(key=lambda d: (d.start, d.end))
    return taken if cell else _one_rhythm(text, _yearly_day_later(text, doc, taken))


_YEAR_LESS_DAY = _re.compile(r"(?i)^(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót)\D*?(\d{1,2})\s*(?:tháng\s*|/\s*)(\d{1,2})\s*$")


def _yearly_day_later(text: str, doc: Optional[_dt.date], found: list[Deadline]) -> list[Deadline]:
    """The day of a yearly rhythm stated later in its clause is that rhythm's day, not a date of its own:
    "định kỳ hàng năm báo cáo về tình hình sử dụng thẻ ABTC …, gửi về cơ quan chuyên môn … trước ngày 31
    tháng 12" is "trước ngày 31 tháng 12 hằng năm" (QĐ 28/2026/QĐ-TTg Điều 25.5), as the monthly
    "hằng tháng báo cáo …, gửi … trước ngày 25" already is."""
    out = list(found)
    for r in found:
        if r.kind != "recurring" or r.rule != _FREQ_OF_PERIOD["year"][0]:
            continue
        for d in out:
            if d.kind != "date" or d.start < r.end:
                continue
            m = _YEAR_LESS_DAY.match(d.text)
            if not m or _BOUNDARY.search(text, r.end, d.start):
                break
            day, mo = int(m.group(1)), int(m.group(2))
            if not (1 <= mo <= 12 and 1 <= day <= calendar.monthrange(2024, mo)[1]):
                break
            r.rule = f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY={day}"
            when = None
            if doc is not None:
                when = next((c for c in (_safe_date(y, mo, day) for y in range(doc.year, doc.year + 9))
                             if c and c >= doc), None)
            r.date = when.isoformat() if when else None
            out.remove(d)
            break
    return out


def _one_rhythm(text: str, found: list[Deadline]) -> list[Deadline]:
    """A bare rhythm word beside a stated rhythm of the same clause is that rhythm, not another one:
    "b) Định kỳ tổng hợp, báo cáo … gửi về Sở Xây dựng trước ngày 10 tháng 12 hàng năm", "hàng năm thực
    hiện báo cáo định kỳ về …" are one yearly deadline; of two bare ones ("thường xuyên, định kỳ báo
    cáo") the first stays."""
    bare = [d for d in found if d.kind == "recurring" and d.rule is None and d.date is None]
    if not bare:
        return found
    drop: set[int] = set()
    for b in bare:
        for d in found:
            if d is b or id(d) in drop or d.kind != "recurring" or (d.rule is None and d.start > b.start):
                continue
            lo, hi = (d.end, b.start) if d.start < b.start else (b.end, d.start)
            if not _BOUNDARY.search(text, lo, hi):
                drop.add(id(b))
                break
    return [d for d in found if id(d) not in drop]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def find_deadlines(text: str, doc_date, start: int = 0, end: Optional[int] = None) -> list[Deadline]:
    """All deadline phrases inside text[start:end], in text order, offsets into `text`.

    `doc_date` is the document's date (ISO, possibly partial "2025-12" / "2023", or None): the
    reference for year-less dates, relative and recurring deadlines. With None, a year-less date
    keeps kind "date" and date None.
    """
    if not text:
        return []
    return _scan(text, doc_day(doc_date), start, end, cell=False)


def parse_deadline_cell(cell: str, doc_date) -> Optional[Deadline]:
    """A task table's completion-column cell → its deadline (offsets into `cell`), or None.

    A bare period is the deadline here ("Tháng 12/2026", "Năm 2026", "2026", "Quý II/2026"),
    "Từ quý III/2026" is that quarter (SPEC §5), "Hàng tháng" / "Thường xuyên" are recurring.
    """
    if not cell or not cell.strip():
        return None
    found = _scan(cell, doc_day(doc_date), 0, None, cell=True)
    # a bracket after the value is a remark ("Quý II/2026 (theo yêu cầu … định hướng biên chế giai
    # đoạn 2026 - 2031)"): what it names is not the cell's deadline when the cell states its own
    outside = [d for d in found if not _in_brackets(cell, d.start)]
    found = outside or found
    if not found:
        return None
    primary, _ = pick_primary(found, cell)
    return primary


def _in_brackets(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def parse_date_phrase(s: str, doc_date) -> Optional[_dt.date]:
    """A date or deadline phrase ("trước 15/11", "ngày 09 tháng 6 năm 2023", "quý III/2024") → the
    calendar day it means (a period → its last day), resolved against `doc_date`; None if none."""
    if not s or not s.strip():
        return None
    doc = doc_day(doc_date)
    dl = parse_deadline_cell(s, doc)
    if dl is not None and dl.date:
        return _dt.date.fromisoformat(dl.date)
    g = _grammar()
    try:
        m = g.plain_date.search(s, timeout=_TIMEOUT)
    except TimeoutError:
        m = None
    if m:
        d, mo = int(m.group("d")), int(m.group("m"))
        if m.group("y"):
            return _safe_date(int(m.group("y")), mo, d)
        ctx = _Ctx(s, doc, 0, len(s), True, g)
        return _in_doc_year(ctx, lambda y: _safe_date(y, mo, d))
    return _dateparser_fallback(s, doc)


def _dateparser_fallback(s: str, doc: Optional[_dt.date]) -> Optional[_dt.date]:
    """Last resort for phrases our grammar does not know; dateparser is imported only here."""
    try:
        import dateparser  # heavy: lazily, and only on this path
    except ImportError:  # pragma: no cover
        return None
    settings = {"PREFER_DAY_OF_MONTH": "last", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["year"]}
    if doc is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(doc.year, doc.month, doc.day)
    try:
        got = dateparser.parse(s, languages=["vi"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return got.date() if got else None


def pick_primary(deadlines: list[Deadline], text: str) -> tuple[Optional[Deadline], list[Deadline]]:
    """(the deadline the task's result is due by, the others in text order) — SPEC §5.

    A deadline governed by a completion or report word ("hoàn thành …", "báo cáo … trước",
    "gửi … trước", "trình … trước") ranks first, then one after a strong lead ("trước",
    "chậm nhất", "hạn chót", a completion field), then one with a calendar day; among equals the
    latest date wins (the result is due after its milestones), then the later phrase.
    """
    if not deadlines:
        return None, []
    if len(deadlines) == 1:
        return deadlines[0], []
    g = _grammar()
    ctx = _Ctx(text, None, 0, len(text), False, g)

    def score(i: int, d: Deadline):
        before = _before_bounds(ctx, d.start, 80)
        after = _after_bounds(ctx, d.end, 40)
        s = 0
        if _has(g.completion, ctx, before) or _has(g.report, ctx, before):
            s += 4
        elif _has(g.completion, ctx, after) or _has(g.report, ctx, after):
            s += 3
        elif _has(g.delivery, ctx, before):
            s += 2
        if g.lead_strong.match(d.text):
            s += 2
        if d.date:
            s += 2 if d.kind == "date" else 1
        return (s, d.date or "", i)

    best = max(range(len(deadlines)), key=lambda i: score(i, deadlines[i]))
    return deadlines[best], [d for i, d in enumerate(deadlines) if i != best]
