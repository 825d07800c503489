"""Task tables (SPEC §4): one task per table row — lead from chủ trì, support from phối hợp,
deadline from thời gian — with each row's span mapped back onto the document text."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from pipeline import ingest, normalize
from pipeline import task_tables as TT

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# --- header words (models/task_tables.yaml) ---------------------------------------------------------

HEADERS = [
    ("TT", "stt"), ("STT", "stt"),
    ("Nội dung, nhiệm vụ", "work"), ("Nhiệm vụ, giải pháp", "work"), ("Nội dung công việc", "work"),
    ("Cơ quan chủ trì", "lead"), ("Cơ quan chủ trì thực hiện", "lead"), ("Cơ quan chủ\ntrì thực hiện", "lead"),
    ("Cơ quan phối hợp", "support"), ("Đơn vị phối hợp (Bộ/ngành/địa phương)", "support"),
    ("Thời gian", "deadline"), ("Thời hạn hoàn thành", "deadline"), ("Tiến độ\nthực hiện", "deadline"),
    ("Sản phẩm", "product"), ("Cấp phê duyệt", "other"),
]


@pytest.mark.parametrize("header,role", HEADERS, ids=[h for h, _ in HEADERS])
def test_header_cell_role(header, role):
    assert TT._role_of(header) == role


def test_header_examples_in_data_are_recognised():
    """Every example written beside a column pattern in models/task_tables.yaml names its role."""
    from pipeline.models_data import load

    for role, spec in load("task_tables")["task_tables"]["columns"].items():
        for ex in spec["examples"]:
            assert TT._role_of(ex) == role, (ex, role)


PAGES = [
    ("TT Nội dung, nhiệm vụ Cơ quan chủ trì thực hiện Cơ quan phối hợp Thời gian", True),
    ("STT Nhiệm vụ Cơ quan chủ\ntrì Đơn vị phối hợp Tiến độ", True),
    ("Bộ Nội vụ chủ trì, phối hợp với các bộ rà soát nhiệm vụ.", True),  # prose: cheap false alarm is fine
    ("Điều 1. Phê duyệt Đề án với các nội dung sau đây:", False),
]


@pytest.mark.parametrize("page,hit", PAGES, ids=[p[:30] for p, _ in PAGES])
def test_page_trigger(page, hit):
    assert (TT.candidate_pages([page]) == [0]) is hit


# --- a synthetic PDF: one ruled table built here ----------------------------------------------------

TABLE = [
    ["TT", "Nội dung, nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
    ["I", "Hoàn thiện thể chế", "", "", ""],
    ["1", "Rà soát quy định về\nphòng, chống thiên tai.", "Bộ NN&MT", "Bộ Tư pháp", "Quý IV/2026"],
    ["2", "Xây dựng cơ sở dữ liệu\nquốc gia về thiên tai.", "Bộ Khoa học\nvà Công nghệ", "Các bộ, cơ quan", "Năm 2027"],
]


def _table_pdf(path: Path) -> None:
    """Title lines and a ruled table, with pdfium's own page objects (a TrueType font for the marks)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    data = Path(FONT).read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = c.FPDFText_LoadFont(pdf.raw, buf, len(data), c.FPDF_FONT_TRUETYPE, True)

    def text(s, x, y, size=9):
        obj = c.FPDFPageObj_CreateTextObj(pdf.raw, font, size)
        u16 = (s + "\x00").encode("utf-16-le")
        c.FPDFText_SetText(obj, (ctypes.c_ushort * (len(u16) // 2)).from_buffer_copy(u16))
        c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        c.FPDFPage_InsertObject(page.raw, obj)

    def line(x0, y0, x1, y1):
        p = c.FPDFPageObj_CreateNewPath(x0, y0)
        c.FPDFPath_LineTo(p, x1, y1)
        c.FPDFPageObj_SetStrokeColor(p, 0, 0, 0, 255)
        c.FPDFPageObj_SetStrokeWidth(p, 0.8)
        c.FPDFPath_SetDrawMode(p, 0, True)
        c.FPDFPage_InsertObject(page.raw, p)

    y = 780
    for t in ("PHỤ LỤC", "Danh mục nhiệm vụ (Kèm theo Nghị quyết số 1/NQ-CP ngày 02 tháng 3 năm 2026)"):
        text(t, 60, y, 11)
        y -= 18
    col_x, row_h, x_end, top = [60, 90, 260, 360, 460], 40, 560, y - 10
    for k, row in enumerate(TABLE):
        for x, cell in zip(col_x, row):
            for j, l in enumerate(cell.split("\n")):
                text(l, x + 3, top - k * row_h - 12 - 11 * j)
    for k in range(len(TABLE) + 1):
        line(col_x[0], top - k * row_h, x_end, top - k * row_h)
    for x in col_x + [x_end]:
        line(x, top, x, top - len(TABLE) * row_h)
    c.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    if not Path(FONT).exists():
        pytest.skip("no DejaVuSans.ttf (apt-get install fonts-dejavu-core)")
    path = tmp_path_factory.mktemp("tables") / "bang.pdf"
    _table_pdf(path)
    raw = ingest.read_file(path)[0]
    n = normalize.normalize(raw)
    return raw, n, TT.rows_from_pdf(raw, n.text, n.page_starts)


ROWS = [  # (item, kind, the row's text must start with, lead cell, deadline cell)
    ("I", "section", "I Hoàn thiện thể chế", "", ""),
    ("I.1", "task", "1 Rà soát quy định về", "Bộ NN&MT", "Quý IV/2026"),
    ("I.2", "task", "2 Xây dựng cơ sở dữ liệu", "Bộ Khoa học và Công nghệ", "Năm 2027"),
]


@pytest.mark.parametrize("k,row", list(enumerate(ROWS)), ids=[r[0] for r in ROWS])
def test_synthetic_rows(synthetic, k, row):
    _, n, rows = synthetic
    item, kind, head, lead, deadline = row
    got = rows[k]
    assert (got.item, got.kind) == (item, kind)
    assert " ".join(n.text[got.start:got.end].split()).startswith(head)
    assert got.cells.get("lead", "") == lead
    assert got.cells.get("deadline", "") == deadline


def test_synthetic_tasks_one_per_row(synthetic):
    """Rows → tasks: lead 'Bộ NN&MT' expanded, support from phối hợp, 'Quý IV/2026' a quarter."""
    raw, n, rows = synthetic
    tasks = TT.merge_tasks([], rows, n.text, "d", "2026-03-02", [])
    assert [t.item for t in tasks] == ["I.1", "I.2"]
    t1, t2 = tasks
    assert t1.lead == ["Bộ Nông nghiệp và Môi trường"] and t1.support == ["Bộ Tư pháp"]
    assert (t1.deadline.date, t1.deadline.kind) == ("2026-12-31", "quarter")
    assert n.text[t1.deadline.start:t1.deadline.end] == "Quý IV/2026"
    assert t2.lead == ["Bộ Khoa học và Công nghệ"] and t2.deadline.date == "2027-12-31"
    assert t1.end <= t2.start


def test_synthetic_through_extract(synthetic):
    """The stage hook: the table's rows are the document's tasks."""
    from pipeline import extract

    raw, _, _ = synthetic
    doc = extract(raw.path)
    assert [t.item for t in doc.tasks] == ["I.1", "I.2"]


def test_text_input_never_reads_tables(monkeypatch):
    """Plain text (and every non-PDF input) never pays for the table finder."""
    from pipeline import extract

    monkeypatch.setattr(TT, "read_pdf_rows", lambda *a, **k: pytest.fail("table reader ran on text"))
    doc = extract("TT Nội dung, nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian\n1. Sở Nội vụ chủ trì rà soát.")
    assert doc.source["format"] == "txt"


# --- the corpus documents annotated for this (dev) ------------------------------------------------------

CORPUS = [  # (file, row item, lead, support contains, deadline date/kind, row text starts with)
    ("quyet-dinh-so-893-qd-ttg-469593.pdf", "1", ["Bộ Khoa học và Công nghệ"], "Các bộ, ngành và địa phương",
     ("2026-12-31", "recurring"), "1 Điều tra, đánh giá nhu cầu"),
    # "2026" alone is dropped from the text as a page number: the deadline still comes from the cell
    ("quyet-dinh-so-893-qd-ttg-469593.pdf", "2", ["Bộ Khoa học và Công nghệ"], "Các bộ, ngành có liên quan",
     ("2026-12-31", "year"), "2 Xây dựng Thông tư"),
    # the repeated header on page 16 does not start a new table
    ("quyet-dinh-so-893-qd-ttg-469593.pdf", "4", ["Bộ Khoa học và Công nghệ"], "Các cơ sở nghiên cứu - phát triển",
     ("2027-12-31", "year"), "4 Ban hành khung chương trình"),
    # a header split over two rows ("Cơ quan chủ" / "trì thực hiện"); "Bộ NN&MT" expanded
    ("nghi-quyet-so-116-nq-cp-469463.pdf", "I.1", ["Bộ Nông nghiệp và Môi trường", "Bộ Quốc phòng"],
     "Các bộ, cơ quan, địa phương", ("2027-12-31", "year"), "Rà soát, thể chế hóa các chủ trương"),
    # "- Công trình giao thông." under an introducing row: support and thời gian merged down from above
    ("nghi-quyet-so-116-nq-cp-469463.pdf", "I.4.-2", ["Bộ Xây dựng"], "Bộ Khoa học và Công nghệ",
     ("2026-12-31", "year"), "- Công trình giao thông."),
    # a row cut by a page break: its second half ("(UAV), …") joins it
    ("nghi-quyet-so-116-nq-cp-469463.pdf", "III.4", ["Bộ Nông nghiệp và Môi trường"], "Bộ Khoa học và Công nghệ",
     ("2030-12-31", "year"), "Hiện đại hóa hệ thống quan trắc"),
    # a row without STT under a row with no chủ trì is its sub-item
    ("nghi-quyet-so-116-nq-cp-469463.pdf", "III.6.-1", ["Bộ Giáo dục và Đào tạo"], "Các bộ, cơ quan, địa phương",
     ("2026-12-31", "year"), "Thực hiện đặt hàng, giao nhiệm vụ"),
]


@pytest.fixture(scope="module")
def corpus_docs():
    cache = {}

    def get(name):
        path = ROOT / "corpus" / "congbao" / name
        if not path.exists():
            pytest.skip("corpus PDF missing (scripts/build_corpus.py)")
        if name not in cache:
            from pipeline import extract
            cache[name] = extract(path)
        return cache[name]
    return get


@pytest.mark.parametrize("case", CORPUS, ids=[f"{c[0][:16]}:{c[1]}" for c in CORPUS])
def test_corpus_rows(corpus_docs, case):
    name, item, lead, support, (date, kind), head = case
    doc = corpus_docs(name)
    task = next((t for t in doc.tasks if t.item == item and t.text.lstrip().startswith(head)), None)
    assert task is not None, [t.item for t in doc.tasks]
    assert task.lead == lead
    assert any(support in s for s in task.support)
    assert (task.deadline.date, task.deadline.kind) == (date, kind)
    assert doc.text[task.start:task.end] == task.text


def test_corpus_row_counts(corpus_docs):
    """893: 7 rows; 116: 36 task rows (sections and the two introducing rows are not tasks)."""
    for name, n in (("quyet-dinh-so-893-qd-ttg-469593.pdf", 7), ("nghi-quyet-so-116-nq-cp-469463.pdf", 36)):
        doc = corpus_docs(name)
        start = doc.text.rfind("Phụ lục")  # the appendix title, after the signature
        assert sum(1 for t in doc.tasks if t.start > start) == n
