"""Ingest and normalize: every kind of text file becomes one clean NFC text."""
import json
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, read_file
from pipeline.normalize import normalize, normalize_page
from pipeline.records import Page, RawDocument

ROOT = Path(__file__).resolve().parent.parent
PHRASE = "Ủy ban nhân dân tỉnh Quảng Ngãi"


def _cp1258(s: str) -> bytes:
    """Windows-1258 keeps â, ê, ơ … precomposed and writes the five tones as combining marks."""
    import unicodedata
    out = b""
    for ch in s:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_encodings(tmp_path, encoding):
    """'Ủy ban nhân dân tỉnh Quảng Ngãi' reads the same from UTF-8, UTF-8 BOM, UTF-16, Windows-1258."""
    p = tmp_path / "a.txt"
    p.write_bytes(_cp1258(PHRASE) if encoding == "cp1258" else PHRASE.encode(encoding))
    raw = read_file(p)[0]
    assert normalize(raw).text == PHRASE


def test_look_alike_d_becomes_vietnamese_d():
    """'QÐ-UBND' with U+00D0 becomes 'QĐ-UBND' (SPEC §3)."""
    assert normalize_page("Quyết định số 12/QÐ-UBND", "txt") == "Quyết định số 12/QĐ-UBND"


def test_markdown_emphasis_stripped():
    """'ngày **06** tháng 5' → 'ngày 06 tháng 5' (seed 002)."""
    assert normalize_page("Quảng Ngãi, ngày **06** tháng 5 năm 2024", "md") == "Quảng Ngãi, ngày 06 tháng 5 năm 2024"


def test_crawl_line_breaks_are_soft():
    """Crawled 'chính\\r\\nquyền' wraps are spaces, not line ends."""
    t = "Căn cứ Luật Tổ chức chính\r\nquyền địa phương ngày 16/6/2025; Căn cứ Nghị định số\r\n  63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ; " * 3
    out = normalize_page(t, "json")
    assert "chính quyền địa phương" in out and "\n" not in out


@pytest.mark.parametrize("spaced, joined", [
    ("C Ô NG ĐIỆN", "CÔNG ĐIỆN"),                              # 01_CĐ_UBATGTQG title
    ("các Bộ n g ành, đoàn thể", "các Bộ ngành, đoàn thể"),   # 45_CĐ_UBATGTQG
    ("sau 5 ngày nghỉ T ế t Nguyên đán", "sau 5 ngày nghỉ Tết Nguyên đán"),
    ("kiêm Trư ở ng ban", "kiêm Trưởng ban"),
    ("cươn g quyết xử l ý , trấn áp", "cương quyết xử lý , trấn áp"),
    ("k h ô n g c ó t r a n g bị", "không có trang bị"),       # seven letters apart
    ("Q U Y Ế T Đ Ị N H", "QUYẾT ĐỊNH"),
    # a syllable's tail cut from its onset (Công báo 2023 tables: "Nhi ệm v ụ ch ủ trì")
    ("Nhi ệm v ụ ch ủ trì", "Nhiệm vụ chủ trì"),
    ("trình c ấp có th ẩm quy ền ban hành", "trình cấp có thẩm quyền ban hành"),
    ("cơ sở d ữ li ệu qu ốc gia", "cơ sở dữ liệu quốc gia"),
    ("có ý kiến, thì ở đó, sửa ổ gà", "có ý kiến, thì ở đó, sửa ổ gà"),   # common words stay apart
    # abbreviations and single letters that are no broken syllable stay as they are
    ("bảo đảm TT ATGT, trước Tết", "bảo đảm TT ATGT, trước Tết"),
    ("TP Hồ Chí Minh", "TP Hồ Chí Minh"),
    ("Lưu: VT, NC.", "Lưu: VT, NC."),
    ("điểm c khoản 3 Điều 4", "điểm c khoản 3 Điều 4"),
    ("dài 100 m đường dẫn", "dài 100 m đường dẫn"),
    ("Cổng TT ĐT Bộ GTVT", "Cổng TT ĐT Bộ GTVT"),
])
def test_letter_spaced_syllables_rejoined(spaced, joined):
    """Web copies space a syllable's letters ('C Ô NG ĐIỆN'); only real syllables are glued back."""
    assert normalize_page(spaced, "json") == joined


def test_gazette_running_header_removed():
    """'CÔNG BÁO/Số 302/Ngày 02-06-2026 45' and the signing stamp are not document text."""
    page = "CÔNG BÁO/Số 302/Ngày 02-06-2026 45\n2. Xây dựng đội ngũ.\nKý bởi: CÔNG BÁO\nNgày ký: 2026-06-02 08:06:33 +07:00"
    out = normalize_page(page, "pdf")
    assert out == "2. Xây dựng đội ngũ."


@pytest.mark.parametrize("page, text", [
    ("Vườn gia Ba Vì.\nquốc CÔNG BÁO/Số 271/Ngày 12-05-2026 Ñ7\n2. Giao Bộ", "Vườn gia Ba Vì.\nquốc\n2. Giao Bộ"),
    ("Tháng 9/2024 76 CÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023 STT Đơn vị", "Tháng 9/2024\nSTT Đơn vị"),
    ("Điều 6 Bộ Công an\nCÔNG BÁO/S\nố 275/Ngày 15-05-2026 69 7.\nNghị định số", "Điều 6 Bộ Công an\n7.\nNghị định số"),
])
def test_gazette_running_header_inside_a_line(page, text):
    """'76 CÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023' run into a table row or cut by a line break."""
    assert normalize_page(page, "pdf") == text


def test_syllable_wrapped_in_a_table_cell_is_glued_after_unwrapping():
    """A narrow cell wraps 'Nhi\nệm v\nụ'; once the lines are one, the syllables are glued."""
    raw = RawDocument("x.pdf", "pdf", [Page(1, "Bộ Công an chủ trì.\nNhi\nệm v\nụ ch\nủ trì"), Page(2, "Điều 2. Hai.")], "0" * 64)
    n = normalize(raw)
    assert "Nhiệm vụ chủ trì" in n.text and n.page_of(n.text.index("Điều 2")) == 2


def test_pages_keep_their_offsets():
    raw = RawDocument("x.pdf", "pdf", [Page(1, "Điều 1. Một."), Page(2, "Điều 2. Hai.")], "0" * 64)
    n = normalize(raw)
    assert n.page_of(n.text.index("Điều 2")) == 2 and n.page_of(0) == 1


def test_json_record_and_jsonl_lines(tmp_path):
    """A crawled record's 'text' is the document; a bad JSONL line is reported, the others kept."""
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "Số: 1/UBND"}, ensure_ascii=False) + "\n{not json\n"
                 + json.dumps({"id": "b", "text": "Số: 2/UBND"}) + "\n", encoding="utf-8")
    docs = read_file(p)
    assert [d.pages[0].text for d in docs] == ["Số: 1/UBND", "Số: 2/UBND"]
    assert "line 2" in docs[0].info["errors"][0]


@pytest.mark.parametrize("name,content,reason", [
    ("a.xyz", b"abc", "unsupported file type"),
    ("b.txt", b"", "empty file"),
    ("c.json", b"{broken", "invalid JSON"),
    ("d.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
])
def test_bad_files_raise_named_errors(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(IngestError) as e:
        read_file(p)
    assert str(p) in str(e.value) and reason in str(e.value)


def test_pdf_text_layer_pages():
    """Công báo PDF: 10 pages, header columns kept apart, running headers gone."""
    raw = read_file(ROOT / "corpus/congbao/quyet-dinh-so-892-qd-ttg-469579.pdf")[0]
    assert len(raw.pages) == 10
    text = normalize(raw).text
    assert "Số: 892/QĐ-TTg" in text and "CÔNG BÁO/Số" not in text
