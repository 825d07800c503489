"""Task tables: a PDF's task tables → one row record per table row, mapped back onto `text`.

SPEC §4: "one row per task in a task table (lead = chủ trì column, support = phối hợp column,
deadline = thời gian column)". pypdfium's text layer flattens a table into lines, so the rows are
read from the page geometry with pdfplumber's table finder — slow (~0.3 s a page), so only on
pages whose text layer shows a task-table header, and on the page after one whose table runs to
the bottom. A table runs across pages, with or without a repeated header; a row cut by a page
break continues in the first row of the next page (no STT of its own) and is joined back.

Each row keeps its cells by column role (stt, work, lead, support, deadline, product) and the
character span of `text` it covers: the cells' lines are found in the normalized text in order
(whitespace-blind), because the evaluation matches tasks by span. Section rows ("I. Hoàn thiện
thể chế …", "1." over "1.1", "1.2") give the item path of the rows under them.
Header words are data: models/task_tables.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from .models_data import load
from .records import Citation, Deadline, RawDocument, Task

ROLES = ("stt", "work", "lead", "support", "deadline", "product")
_PIECE_ROLES = ROLES[1:] + ("other",)  # columns whose text the row's span covers
_CONTINUE_BOTTOM = 0.85   # a table reaching this share of the page height may go on overleaf
_WINDOW_SLACK = 400       # compact characters searched past a row's own length
_MIN_PIECE = 4            # a cell line shorter than this (compact) is not searched on its own


@dataclass
class TableRow:
    """One row of a task table: its cells by role and the span of `text` it covers."""
    cells: dict[str, str]
    kind: str                 # "task" | "section" | "intro" (introduces "-" sub-rows)
    item: str = ""            # STT path: "I.2", "1.3", "I.4.-2"
    start: int = -1           # offsets into the document text (-1: not found)
    end: int = -1
    page: int = 0             # 1-based page the row starts on
    table: int = 0            # index of the table (a table running across pages is one)
    cell_spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def text_found(self) -> bool:
        return self.start >= 0


@lru_cache(maxsize=None)
def _grammar() -> dict:
    g = load("task_tables")["task_tables"]
    flags = re.I | re.U
    return {
        "trigger": [re.compile(g["page_trigger"][k], flags) for k in ("lead", "work")],
        "columns": {role: re.compile(spec["pattern"], flags) for role, spec in g["columns"].items()},
        "precedence": list(g["precedence"]),
        "section_stt": re.compile(g["section_stt"]),
        "sub_item_stt": re.compile(g["sub_item_stt"]),
        "roman_stt": re.compile(g["roman_stt"]),
    }


def _ws(s: Optional[str]) -> str:
    return " ".join((s or "").split())


def _norm(s: str) -> str:
    from .normalize import _CHAR_MAP
    return unicodedata.normalize("NFC", s).translate(_CHAR_MAP)


# --- which pages -------------------------------------------------------------------------------

def candidate_pages(pages: Iterable[str]) -> list[int]:
    """0-based indices of pages whose text shows a task-table header (a chủ trì and a work word)."""
    lead, work = _grammar()["trigger"]
    out = []
    for i, t in enumerate(pages):
        t = _norm(t or "")
        if lead.search(t) and work.search(t):
            out.append(i)
    return out


# --- reading the tables ------------------------------------------------------------------------

def _role_of(header: str) -> Optional[str]:
    g = _grammar()
    h = _ws(header).lower()
    if not h:
        return None
    for role in g["precedence"]:
        if g["columns"][role].search(h):
            return role
    return None


def _header(rows: list[list[Optional[str]]], boxes: list[list]) -> Optional[tuple[int, dict[str, tuple[float, float]]]]:
    """(number of header rows, role → x-range) when the table's first rows are a task-table header."""
    for h in (1, 2, 3):
        if h > len(rows):
            break
        ncols = max(len(r) for r in rows[:h])
        # a header cell's text may be split over rows ("Cơ quan chủ" / "trì thực hiện")
        roles: dict[str, tuple[float, float]] = {}
        for c in range(ncols):
            words = " ".join(_ws(r[c]) for r in rows[:h] if c < len(r) and r[c])
            role = _role_of(words)
            if role and role not in roles and role != "other":
                box = next((b[c] for b in boxes[:h] if c < len(b) and b[c] is not None), None)
                if box is not None:
                    roles[role] = (box[0], box[2])
            elif role == "other":
                box = next((b[c] for b in boxes[:h] if c < len(b) and b[c] is not None), None)
                if box is not None:
                    roles.setdefault("other", (box[0], box[2]))
        if "lead" in roles and "work" in roles:
            return h, roles
    return None


def _cell_for(role_x: tuple[float, float], cells: list[Optional[str]], boxes: list) -> tuple[Optional[str], bool]:
    """(text, present) of the data cell under a header's x-range; present False when the grid has
    no cell there (covered by a cell merged from above or from the left)."""
    best, best_overlap = None, 0.0
    x0, x1 = role_x
    for text, box in zip(cells, boxes):
        if box is None:
            continue
        ov = min(x1, box[2]) - max(x0, box[0])
        if ov > best_overlap + 0.5:
            best, best_overlap = (text, box), ov
    if best is None:
        return None, False
    text, box = best
    # a cell spanning from the left (a section row's title over all columns) is not this column's
    width = x1 - x0
    if box[0] < x0 - 0.5 * width and text is not None:
        return None, False
    return text, True


def _page_rows(page, header_roles: Optional[dict], page_no: int) -> tuple[list[tuple[dict, int]], Optional[dict], bool]:
    """Rows of the task tables on one pdfplumber page: ([(cells by role, page), …], roles, reaches bottom)."""
    out: list[tuple[dict, int]] = []
    roles = header_roles
    bottom = False
    for tb in page.find_tables():
        rows = tb.extract()
        boxes = [list(r.cells) for r in tb.rows]
        if not rows:
            continue
        head = _header(rows, boxes)
        if head:
            h, roles = head
        elif roles is not None and max(len(r) for r in rows) >= 3:
            h = 0  # a continuation page without the header: the last header's columns
        else:
            continue
        for cells, bx in zip(rows[h:], boxes[h:]):
            rec: dict = {}
            for role, xr in roles.items():
                text, present = _cell_for(xr, cells, bx)
                if present:
                    rec[role] = _norm(text or "")
            rec["_first"] = not out  # the first data row on this page
            out.append((rec, page_no))
        bottom = tb.bbox[3] >= _CONTINUE_BOTTOM * float(page.height)
    return out, roles, bottom


def read_pdf_rows(source, pages: list[int]) -> list[list[tuple[dict, int]]]:
    """pdfplumber on the given pages (0-based) and the pages a table runs onto → tables of raw rows."""
    import pdfplumber  # lazy: slow import, PDF only

    tables: list[list[tuple[dict, int]]] = []
    todo = sorted(set(pages))
    seen: set[int] = set()
    roles = None
    with pdfplumber.open(source) as pdf:
        n = len(pdf.pages)
        i = 0
        while i < len(todo):
            p = todo[i]
            i += 1
            if p in seen or p >= n:
                continue
            seen.add(p)
            cont = roles if (p - 1) in seen and tables else None
            rows, new_roles, bottom = _page_rows(pdf.pages[p], cont, p + 1)
            if not rows:
                roles = None
                continue
            if cont is not None and tables and tables[-1] and tables[-1][-1][1] == p:
                tables[-1].extend(rows)  # the same table continues on the next page
            else:
                tables.append(rows)
            roles = new_roles
            if bottom and p + 1 < n and p + 1 not in seen:
                todo.insert(i, p + 1)
    return tables


# --- rows → records ---------------------------------------------------------------------------

def _is_sub(stt: str) -> bool:
    return bool(_grammar()["sub_item_stt"].match(stt))


def build_rows(tables: list[list[tuple[dict, int]]]) -> list[TableRow]:
    """Raw rows → TableRow records: page-break halves joined, merged cells inherited from above,
    section / intro rows told apart, item paths built."""
    g = _grammar()
    out: list[TableRow] = []
    for t_index, table in enumerate(tables):
        rows: list[TableRow] = []
        for rec, page in table:
            first = rec.pop("_first", False)
            cells = {r: _ws(rec.get(r)) for r in ROLES if r in rec}
            present = set(rec)
            if not any(cells.values()):
                continue
            stt = cells.get("stt", "")
            if first and not stt and rows and rows[-1].kind != "section" and cells.get("work") is not None:
                prev = rows[-1]  # a row cut by the page break: join its second half
                for r, v in cells.items():
                    if v:
                        prev.cells[r] = (prev.cells.get(r, "") + " " + v).strip()
                prev.cells.setdefault("_pieces", "")
                prev.cells["_pieces"] += "\n" + "\n".join(rec.get(r) or "" for r in _PIECE_ROLES if rec.get(r))
                continue
            own = {r for r in ("lead", "support", "deadline") if r in present}
            if not own and not stt and rows:
                prev = rows[-1]  # a full-width note under a row ("… (chi tiết trong Kế hoạch …)")
                prev.cells["_pieces"] += "\n" + (rec.get("work") or "")
                continue
            filled = {r for r in own if cells.get(r)}
            if not own and (not stt or g["section_stt"].match(stt)) or not filled and g["roman_stt"].match(stt):
                kind = "section"  # "I Hoàn thiện thể chế …" across the row, or with empty cells
            else:
                kind = "task"
            row = TableRow(cells=cells, kind=kind, page=page, table=t_index)
            row.cells["_pieces"] = "\n".join(rec.get(r) or "" for r in _PIECE_ROLES if rec.get(r))
            if kind == "task" and rows:
                prev = rows[-1]
                for r in ("lead", "support", "deadline", "product"):
                    if r not in present and prev.kind == "task" and prev.cells.get(r):
                        row.cells[r] = prev.cells[r]  # a cell merged down from the row above
            rows.append(row)
        _items(rows)
        out.extend(rows)
    return out


def _items(rows: list[TableRow]) -> None:
    """Item paths from the STT column; an introducing row before "-" rows is not a task."""
    section = ""
    parent = ""
    dash = 0
    parent_intro = False
    for k, row in enumerate(rows):
        stt = row.cells.get("stt", "").rstrip(".")
        if row.kind == "section":
            section = stt
            parent, dash, parent_intro = "", 0, False
            row.item = stt
            continue
        if _is_sub(stt) or not stt and parent_intro:
            dash += 1
            row.item = f"{parent}.-{dash}" if parent else f"-{dash}"
            continue
        dash = 0
        if stt and section and not stt.startswith(section + "."):
            row.item = f"{section}.{stt}"
        else:
            row.item = stt or section
        parent = row.item
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        nxt_stt = nxt.cells.get("stt", "") if nxt is not None and nxt.kind == "task" else None
        parent_intro = False
        if nxt_stt is not None and (_is_sub(nxt_stt) or not nxt_stt) and not row.cells.get("lead"):
            row.kind = "intro"  # "4 Hoàn thiện hệ thống …" over "- Công trình giao thông." rows
            parent_intro = True


# --- rows → spans of `text` ---------------------------------------------------------------------

class _Compact:
    """The text without whitespace, with a map back to text offsets (whitespace-blind search)."""

    def __init__(self, text: str):
        keep = [i for i, ch in enumerate(text) if not ch.isspace()]
        self.s = "".join(text[i] for i in keep)
        self.at = keep

    def find(self, needle: str, lo: int, hi: int) -> int:
        return self.s.find(needle, lo, hi)


def _squash(s: str) -> str:
    return "".join(s.split())


def locate(rows: list[TableRow], text: str, page_starts: Optional[list[int]] = None) -> None:
    """Set each row's span: its cells found in `text`, whitespace-blind, from the page the row
    starts on (`page_starts`: text offset of each page) and after the row before.

    The work cell anchors the row (whole, or its head and tail apart when a page header or another
    column's line falls inside it); the other cells are looked for near it, whole or line by line
    (pypdfium may read a row line by line across its columns). A short cell ("2026", "Hằng năm")
    counts only right after what was found, so a cell missing from the text layer does not match
    the next row's."""
    import bisect

    comp = _Compact(text)
    cstarts = [bisect.bisect_left(comp.at, s) for s in (page_starts or [0])]
    cursor = 0
    for row in rows:
        p = min(max(row.page, 1), len(cstarts)) - 1
        page_hi = cstarts[p + 1] if p + 1 < len(cstarts) else len(comp.s)
        if page_starts:
            cursor = max(cursor, cstarts[p])
        cells = {r: _squash(row.cells.get(r) or "") for r in ROLES if r != "stt"}
        need = sum(len(v) for v in cells.values())
        hi = min(len(comp.s), max(cursor + 2 * need + _WINDOW_SLACK, page_hi))
        found: dict[str, tuple[int, int]] = {}
        pieces: list[tuple[int, int]] = []
        anchor = _find_cell(comp, cells["work"], cursor, hi) if cells.get("work") else None
        if anchor is None:  # the work cell's lines one by one; the first found anchors
            for line in (row.cells.get("_pieces") or "").split("\n"):
                q = _squash(line)
                if len(q) >= _MIN_PIECE:
                    at = comp.find(q, cursor, hi)
                    if at >= 0:
                        anchor = (at, at + len(q))
                        break
            if anchor is None:
                continue
            pieces.append(anchor)
        else:
            found["work"] = anchor
        lo2 = anchor[0]
        hi2 = min(len(comp.s), anchor[1] + 2 * (need - len(cells.get("work", ""))) + 80)
        last = anchor[1]
        for role in ("lead", "support", "product", "deadline"):
            q = cells.get(role)
            if not q:
                continue
            if len(q) < 8:  # short: only right after what came before it
                at = comp.find(q, last, min(hi2, last + 3 + len(q)))
                span = (at, at + len(q)) if at >= 0 else None
            else:
                span = _find_cell(comp, q, lo2, hi2)
            if span:
                found[role] = span
                last = max(last, span[1])
        have = list(found.values()) + pieces
        for line in (row.cells.get("_pieces") or "").split("\n"):
            q = _squash(line)  # lines of cells read apart (interleaved columns, page breaks)
            if len(q) < _MIN_PIECE or any(comp.s.find(q, a, b) >= 0 for a, b in have):
                continue
            at = comp.find(q, lo2, hi2)
            if at >= 0:
                have.append((at, at + len(q)))
        a = min(x for x, _ in have)
        b = max(y for _, y in have)
        start, end = comp.at[a], comp.at[b - 1] + 1
        stt = row.cells.get("stt", "")
        if stt:  # the row's STT right before its first cell ("1.1 Nghiên cứu …")
            before = text[max(0, start - len(stt) - 3):start]
            m = re.search(r"(?:^|\s)(" + re.escape(stt) + r")\s*$", before)
            if m:
                start -= len(before) - m.start(1)
        row.start, row.end = start, end
        row.cell_spans = {r: (comp.at[x], comp.at[y - 1] + 1) for r, (x, y) in found.items()}
        cursor = anchor[1]


def _find_cell(comp: _Compact, q: str, lo: int, hi: int) -> Optional[tuple[int, int]]:
    """A whole cell, or its head and tail apart (a page header or a row of another column between)."""
    if not q:
        return None
    at = comp.find(q, lo, hi)
    if at >= 0:
        return at, at + len(q)
    if len(q) >= 40:
        head = comp.find(q[:24], lo, hi)
        if head >= 0:
            tail = comp.find(q[-24:], head + 24, hi)
            if tail >= 0 and tail - head < 3 * len(q) + _WINDOW_SLACK:
                return head, tail + 24
    return None


# --- the whole thing ------------------------------------------------------------------------------

def rows_from_pdf(raw: RawDocument, text: str, page_starts: Optional[list[int]] = None) -> list[TableRow]:
    """Task-table rows of a text-layer PDF, spans set on `text`; [] when it has none."""
    if raw.format != "pdf" or not raw.path:
        return []
    pages = candidate_pages(p.text if not p.ocr else "" for p in raw.pages)
    if not pages:
        return []
    try:
        tables = read_pdf_rows(raw.path, pages)
    except Exception:  # a PDF pdfplumber cannot parse keeps its prose tasks
        return []
    rows = build_rows(tables)
    locate(rows, text, page_starts)
    return rows


def row_task(row: TableRow, text: str, doc_id: str, n: int, doc_date: Optional[str],
             citations: list[Citation]) -> Task:
    """A task row → Task: lead from chủ trì, support from phối hợp, deadline from thời gian."""
    from .agencies import split_agencies
    from .deadlines import parse_deadline_cell
    from .tasks import citations_in

    def cell(role: str) -> str:
        span = row.cell_spans.get(role)
        return _ws(text[span[0]:span[1]]) if span else row.cells.get(role, "")

    lead = [a for a in split_agencies(cell("lead")) if a] if cell("lead") else []
    support = [a for a in split_agencies(cell("support")) if a] if cell("support") else []
    deadline = None
    dl_text = cell("deadline")
    if dl_text:
        dl = parse_deadline_cell(dl_text, doc_date)
        if dl is not None:
            span = row.cell_spans.get("deadline")
            if span:  # offsets into the document text
                base = span[0]
                src = text[span[0]:span[1]]
                k = _ws(src).find(dl.text)
                # map the collapsed-cell offset back onto the raw cell text
                s = _raw_offset(src, k) if k >= 0 else 0
                e = _raw_offset(src, k + len(dl.text)) if k >= 0 else len(src)
                dl = Deadline(text=src[s:e], start=base + s, end=base + e, date=dl.date, kind=dl.kind,
                              rule=dl.rule, suspect=dl.suspect)
            else:  # the cell is not in the text layer (a bare "2026" read as a page number)
                dl = Deadline(text=dl.text, start=row.end, end=row.end, date=dl.date, kind=dl.kind,
                              rule=dl.rule, suspect=dl.suspect)
        deadline = dl
    refs = citations_in(citations, row.start, row.end)
    work = cell("work")
    return Task(id=f"{doc_id}#{n}", item=row.item, text=text[row.start:row.end], start=row.start,
                end=row.end, action=work[:200], lead=lead, support=support, deadline=deadline,
                citations=refs)


def _raw_offset(src: str, k: int) -> int:
    """Offset in `src` of the k-th character of its whitespace-collapsed form."""
    n = 0
    prev_space = True
    for i, ch in enumerate(src):
        if ch.isspace():
            if not prev_space:
                if n == k:
                    return i
                n += 1
            prev_space = True
            continue
        if n == k:
            return i
        n += 1
        prev_space = False
    return len(src)


def regions(rows: list[TableRow]) -> list[tuple[int, int]]:
    """The spans of `text` each table covers (first located row to last)."""
    out: dict[int, list[int]] = {}
    for r in rows:
        if r.text_found:
            lo_hi = out.setdefault(r.table, [r.start, r.end])
            lo_hi[0] = min(lo_hi[0], r.start)
            lo_hi[1] = max(lo_hi[1], r.end)
    return [tuple(v) for v in out.values()]


def merge_tasks(prose: list[Task], rows: list[TableRow], text: str, doc_id: str,
                doc_date: Optional[str], citations: list[Citation]) -> list[Task]:
    """Prose tasks outside the tables plus one task per located table row, in text order."""
    task_rows = [r for r in rows if r.kind == "task" and r.text_found]
    if not task_rows:
        return prose
    spans = regions(rows)

    def inside(t: Task) -> bool:
        mid = (t.start + t.end) // 2
        return any(a <= mid < b or a <= t.start < b for a, b in spans)

    kept = [t for t in prose if not inside(t)]
    table = [row_task(r, text, doc_id, 0, doc_date, citations) for r in task_rows]
    tasks = sorted(kept + table, key=lambda t: (t.start, t.end))
    for n, t in enumerate(tasks, 1):
        t.id = f"{doc_id}#{n}"
    return tasks
