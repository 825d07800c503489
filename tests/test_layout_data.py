"""models/layout.yaml: every pattern matches the examples written beside it, and every
sentence abbreviation stays inside one sentence in the phrase that guards it."""
import pytest
import regex

from pipeline.models_data import load
from pipeline.sentences import split_unit

DATA = load("layout")
HEADER = [(name, e) for name, e in DATA["header"].items()]
MARKERS = [(m["name"], m) for m in DATA["markers"]]


@pytest.mark.parametrize("name,entry", HEADER, ids=[h[0] for h in HEADER])
def test_header_patterns_match_their_examples(name, entry):
    flags = regex.IGNORECASE if entry.get("ci") else 0
    pat = regex.compile(entry["pattern"], flags)
    for ex in entry["examples"]:
        assert pat.search(ex), f"{name}: {ex!r}"


@pytest.mark.parametrize("name,entry", MARKERS, ids=[m[0] for m in MARKERS])
def test_markers_match_their_examples(name, entry):
    pat = regex.compile(entry["pattern"])
    for ex in entry["examples"]:
        assert pat.match(ex), f"{name}: {ex!r}"


@pytest.mark.parametrize("abbrev,phrase", list(DATA["sentence_abbreviations"].items()))
def test_abbreviation_never_ends_a_sentence(abbrev, phrase):
    """'KT. CHỦ TỊCH', 'TP. Hồ Chí Minh', 'v.v.' … are one sentence, not two."""
    text = phrase + "."
    assert split_unit(text, 0, len(text)) == [(0, len(text))]


@pytest.mark.parametrize("prev, line, new", [
    ("theo quy định tại", "Điều 4 Quyết định này trong vòng 02 ngày làm việc.", False),  # QĐ 08/2022/QĐ-TTg
    ("quy định tại", "Chương II Nghị định này", False),
    ("hỗ trợ tiền thuê nhà", "Điều 4. Đối tượng và điều kiện hỗ trợ", True),
    ("QUY ĐỊNH CHUNG", "Chương II", True),
    ("tổ chức thực hiện", "Điều 3: Tổ chức thực hiện", True),
    ("doanh nghiệp tổng hợp danh sách", "2. Trên cơ sở đề nghị", True),
])
def test_pdf_line_wrap_before_a_cross_reference(prev, line, new):
    """A PDF line that wraps before 'Điều 4 Quyết định này' is a cross-reference, not an article heading."""
    from pipeline.layout import starts_new_line
    assert starts_new_line(prev, line) is new


@pytest.mark.parametrize("line, date, place", [
    # the comma dropped after the place (8/CT-BGTVT): the date is still the header's
    ("Số: 8/CT-BGTVT Hà Nội ngày 02 tháng 11 năm 2023", "2023-11-02", "Hà Nội"),
    ("Số: 8/CT-BGTVT\nTP. Hồ Chí Minh ngày 1 tháng 2 năm 2020", "2020-02-01", "TP. Hồ Chí Minh"),
    ("Số: 8/CT-BGTVT\nHà Nội, ngày 02 tháng 11 năm 2023", "2023-11-02", "Hà Nội"),
])
def test_place_and_date_with_or_without_comma(line, date, place):
    from pipeline.stages import extract
    md = extract("BỘ GIAO THÔNG VẬN TẢI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                 + line + "\nCHỈ THỊ\nVề tăng cường cải cách hành chính\nThời gian vừa qua, Bộ đã chỉ đạo.").metadata
    assert (md.date, md.place) == (date, place)


@pytest.mark.parametrize("entry", DATA["dashed_names"], ids=[d["name"] for d in DATA["dashed_names"]])
def test_dash_inside_a_name_is_no_marker(entry):
    """'Vụ Kế hoạch - Đầu tư', 'Sở Giao thông – Xây dựng': the dash joins the name's parts."""
    from pipeline.layout import _in_dashed_name
    ex = entry["example"]
    at = next(i for i in range(ex.find(entry["name"].split()[0]), len(ex)) if ex[i] in "-–")
    assert _in_dashed_name(ex, at), ex
