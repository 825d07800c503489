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
