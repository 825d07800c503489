"""Office and web files: .docx reading order (layout tables vs content tables, legacy fonts), .doc
through LibreOffice or a clear error, .html blocks and tables. Fixtures are built here."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline import ingest, office

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _docx(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _header_table(d):
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    t.cell(0, 0).add_paragraph("TỈNH TRÀ VINH")
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    t.cell(1, 0).text = "Số: 12/UBND-NC"
    t.cell(1, 1).text = "Trà Vinh, ngày 05 tháng 5 năm 2023"


def _content_table(d):
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát thủ tục", "Sở Nội vụ"],
                             ["2", "Báo cáo kết quả", "Sở Tài chính"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v


def _signature_table(d):
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Nơi nhận:"
    t.cell(0, 0).add_paragraph("- Như trên;")
    t.cell(0, 0).add_paragraph("- Lưu: VT, NC.")
    t.cell(0, 1).text = "KT. CHỦ TỊCH"
    t.cell(0, 1).add_paragraph("PHÓ CHỦ TỊCH")
    t.cell(0, 1).add_paragraph("Nguyễn Quỳnh Thiện")


def _dispatch(d):
    _header_table(d)
    d.add_paragraph("Kính gửi: Các sở, ban, ngành tỉnh.")
    d.add_paragraph("1. Giao Sở Nội vụ chủ trì, báo cáo trước ngày 20/5/2023.")
    _content_table(d)
    d.add_paragraph("2. Các cơ quan thực hiện./.")
    _signature_table(d)


def test_docx_reading_order():
    text = office.docx_text(_docx(_dispatch))
    assert text.split("\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH TRÀ VINH",                                     # header: left cell …
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",    # … then right cell
        "Số: 12/UBND-NC", "Trà Vinh, ngày 05 tháng 5 năm 2023",
        "",
        "Kính gửi: Các sở, ban, ngành tỉnh.",
        "1. Giao Sở Nội vụ chủ trì, báo cáo trước ngày 20/5/2023.",
        "",
        "STT | Nhiệm vụ | Chủ trì",                                              # content table: rows
        "1 | Rà soát thủ tục | Sở Nội vụ",
        "2 | Báo cáo kết quả | Sở Tài chính",
        "",
        "2. Các cơ quan thực hiện./.",
        "",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT, NC.",                          # signature block
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quỳnh Thiện",
    ]


def test_docx_merged_cells_are_read_once():
    def build(d):
        t = d.add_table(rows=2, cols=3)
        a = t.cell(0, 0).merge(t.cell(0, 2))
        a.text = "Tổng hợp nhiệm vụ"
        for j, v in enumerate(["Sở Nội vụ", "Quý III/2024", "Báo cáo"]):
            t.cell(1, j).text = v
    lines = office.docx_text(_docx(build)).split("\n")
    assert "Tổng hợp nhiệm vụ" in lines and "Sở Nội vụ | Quý III/2024 | Báo cáo" in lines


LEGACY_RUNS = [(".VnTime", "Uû ban nh©n d©n tØnh", "Ủy ban nhân dân tỉnh"),
               ("VNI-Times", "Uûy ban nhaân daân tænh", "Ủy ban nhân dân tỉnh"),
               ("Times New Roman", "Café crème", "Café crème")]


@pytest.mark.parametrize("font,run,expected", LEGACY_RUNS, ids=[r[0] for r in LEGACY_RUNS])
def test_docx_legacy_font_run(font, run, expected):
    def build(d):
        p = d.add_paragraph("1. ")
        r = p.add_run(run)
        r.font.name = font
        p.add_run(" yêu cầu báo cáo.")
    assert office.docx_text(_docx(build)) == f"1. {expected} yêu cầu báo cáo."


def test_docx_legacy_font_from_style():
    def build(d):
        d.styles["Normal"].font.name = ".VnTime"
        d.add_paragraph("KÝnh göi: Së Néi vô")
    assert office.docx_text(_docx(build)) == "Kính gửi: Sở Nội vụ"


def test_docx_file_through_ingest(tmp_path):
    p = tmp_path / "cv.docx"
    p.write_bytes(_docx(_dispatch))
    doc = ingest.read_file(p)[0]
    assert doc.format == "docx" and doc.pages[0].text.startswith("ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH")


def test_broken_docx_is_an_ingest_error(tmp_path):
    p = tmp_path / "bad.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ingest.IngestError, match="bad.docx"):
        ingest.read_file(p)


def test_doc_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    p = tmp_path / "cv.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(ingest.IngestError, match=r"\.doc needs LibreOffice \(soffice\)"):
        ingest.read_file(p)


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice (soffice) not installed")
def test_doc_through_libreoffice():
    # tests/fixtures/cong_van.doc: the _dispatch() document saved as Word 97 by LibreOffice
    doc = ingest.read_file(FIXTURES / "cong_van.doc")[0]
    text = doc.pages[0].text
    assert "Kính gửi: Các sở, ban, ngành tỉnh." in text
    assert text.startswith("ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "1 | Rà soát thủ tục | Sở Nội vụ" in text
    assert doc.format == "docx" and doc.info["converted_from"] == "doc"


HTML = """<html><head><title>T</title><style>p{color:red}</style><script>var x = "Kính gửi";</script></head>
<body>
<table><tr><td><p>BỘ NỘI VỤ</p><p>Số: 273/QĐ-BNV</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p>Độc lập - Tự do - Hạnh phúc</p></td></tr></table>
<h3>QUYẾT ĐỊNH</h3>
<div>Điều 1. Giao <b>Vụ Tổ chức</b> chủ trì,<br>báo cáo trước ngày 15/11/2024.</div>
<!-- a comment -->
<table border="1"><tr><th>STT</th><th>Nhiệm vụ</th></tr><tr><td>1</td><td>Rà&nbsp;soát</td></tr>
<tr><td>2</td><td>Tổng hợp</td></tr><tr><td>3</td><td>Báo cáo</td></tr><tr><td>4</td><td>Lưu trữ</td></tr></table>
<ul><li>Như trên;</li><li>Lưu: VT.</li></ul>
</body></html>"""


def test_html_blocks_and_tables():
    assert office.html_text(HTML.encode("utf-8")).split("\n") == [
        "BỘ NỘI VỤ", "Số: 273/QĐ-BNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "Điều 1. Giao Vụ Tổ chức chủ trì,", "báo cáo trước ngày 15/11/2024.",
        "STT | Nhiệm vụ", "1 | Rà soát", "2 | Tổng hợp", "3 | Báo cáo", "4 | Lưu trữ",
        "Như trên;", "Lưu: VT.",
    ]


def test_html_file_in_legacy_font(tmp_path):
    p = tmp_path / "cv.htm"
    p.write_bytes('<html><body><p><font face=".VnTime">Uû ban nh©n d©n tØnh Hµ TÜnh</font></p></body></html>'
                  .encode("utf-8"))
    doc = ingest.read_file(p)[0]
    assert doc.format == "html" and doc.pages[0].text == "Ủy ban nhân dân tỉnh Hà Tĩnh"
