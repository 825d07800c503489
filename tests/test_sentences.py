"""Sentence units (SPEC §7): each case is a Vietnamese phrase and the body units it must yield."""
import pytest

from pipeline import extract

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nSố: 12/UBND-NC\n\nQuảng Ngãi, ngày 06 tháng 5 năm 2024\n\nV/v thử nghiệm\n\nKính gửi: Sở Nội vụ.\n\n"


def body_units(body: str) -> list[str]:
    doc = extract(HEADER + body)
    return [" ".join(doc.text[s.start:s.end].split()) for s in doc.sentences if s.zone == "body"]


CASES = [
    # "./." closes the last sentence and stays with it
    ("Đề nghị Sở Nội vụ khẩn trương triển khai thực hiện./.",
     ["Đề nghị Sở Nội vụ khẩn trương triển khai thực hiện./."]),
    # numbers with dots and dates never end a sentence
    ("Kinh phí hỗ trợ là 1.500.000 đồng mỗi người. Sở Tài chính hướng dẫn thực hiện.",
     ["Kinh phí hỗ trợ là 1.500.000 đồng mỗi người.", "Sở Tài chính hướng dẫn thực hiện."]),
    ("Báo cáo số 84/BC-SNV ngày 22/4/2024. Giao Sở Nội vụ theo dõi.",
     ["Báo cáo số 84/BC-SNV ngày 22/4/2024.", "Giao Sở Nội vụ theo dõi."]),
    # "Đ/c", "TP." and "v.v." are not sentence ends
    ("Giao Đ/c Nguyễn Văn A theo dõi tại TP. Hồ Chí Minh, kiểm tra hồ sơ, v.v. trong tháng 6.",
     ["Giao Đ/c Nguyễn Văn A theo dõi tại TP. Hồ Chí Minh, kiểm tra hồ sơ, v.v. trong tháng 6."]),
    # "a) …; b) …": each lettered item is a unit with its closing ";"
    ("1. Giao Sở Nội vụ:\na) Rà soát hồ sơ;\nb) Báo cáo kết quả.",
     ["1. Giao Sở Nội vụ:", "a) Rà soát hồ sơ;", "b) Báo cáo kết quả."]),
    # the same items flattened on one line (crawled copies)
    ("1. Giao Sở Nội vụ: a) Rà soát hồ sơ; b) Báo cáo kết quả.",
     ["1. Giao Sở Nội vụ:", "a) Rà soát hồ sơ;", "b) Báo cáo kết quả."]),
    # a dash list after "như sau:" — the introducer is a unit of its own
    ("UBND tỉnh có ý kiến như sau:\n- Các sở thực hiện rà soát;\n- Sở Nội vụ tổng hợp.",
     ["UBND tỉnh có ý kiến như sau:", "- Các sở thực hiện rà soát;", "- Sở Nội vụ tổng hợp."]),
    # the list marker "2." stays with its item
    ("2. Giao Sở Nội vụ chủ trì. Sở Tư pháp phối hợp.",
     ["2. Giao Sở Nội vụ chủ trì.", "Sở Tư pháp phối hợp."]),
    # "(1) … (2) …" inline after an introducer
    ("1. Các cơ quan: (1) Tăng cường kiểm tra; (2) Tiếp tục thực hiện.",
     ["1. Các cơ quan:", "(1) Tăng cường kiểm tra;", "(2) Tiếp tục thực hiện."]),
    # a paragraph opening in lower case continues its item (a broken line)
    ("(3) Thực hiện nghiêm các quy định;\n\nthường xuyên theo dõi, kiểm tra.",
     ["(3) Thực hiện nghiêm các quy định; thường xuyên theo dõi, kiểm tra."]),
    # an inline dash before a verb starts an item after a heading with no punctuation …
    ("1. Bộ Công an - Chỉ đạo Công an các tỉnh tăng cường tuần tra.",
     ["1. Bộ Công an", "- Chỉ đạo Công an các tỉnh tăng cường tuần tra."]),
    # … but not the dash inside a name ("Vụ Kế hoạch - Đầu tư", 06/CT-BGTVT)
    ("b) Vụ Tài chính: Tham mưu quản lý tài chính. c) Vụ Kế hoạch - Đầu tư: Tham mưu chỉ đạo về chủ trương đầu tư.",
     ["b) Vụ Tài chính: Tham mưu quản lý tài chính.", "c) Vụ Kế hoạch - Đầu tư: Tham mưu chỉ đạo về chủ trương đầu tư."]),
]


@pytest.mark.parametrize("body,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_body_units(body, expected):
    assert body_units(body) == expected


def test_crlf_broken_sentence_is_one_unit():
    """A crawled sentence broken across lines by CRLF is one unit."""
    rec = ('{"text": "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH ------- CỘNG HÒA XÃ HỘI\\r\\n  CHỦ NGHĨA VIỆT NAM '
           'Độc lập - Tự do - Hạnh phúc --------------- Số: 02/CT-UBND Bình Định, ngày\\r\\n  03 tháng 01 '
           'năm 2025 CHỈ THỊ NÂNG\\r\\nCAO HIỆU QUẢ CÔNG TÁC. Trong những năm qua, Tỉnh ủy,\\r\\nUBND tỉnh đã '
           'có nhiều chỉ đạo. Yêu cầu các sở thực hiện."}')
    from pipeline.ingest import _read_json
    from pipeline.stages import from_raw
    from pathlib import Path
    doc = from_raw(_read_json(Path("x.json"), rec.encode())[0])
    body = [" ".join(doc.text[s.start:s.end].split()) for s in doc.sentences if s.zone == "body"]
    assert "Trong những năm qua, Tỉnh ủy, UBND tỉnh đã có nhiều chỉ đạo." in body


def test_signature_lines_are_units_of_their_own():
    """'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' / the name: three signature units, none in the body."""
    doc = extract(HEADER + "Giao Sở Nội vụ theo dõi./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, NC.\n\n"
                  "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLâm Hải Giang")
    sig = [doc.text[s.start:s.end] for s in doc.sentences if s.zone == "signature"]
    assert sig == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lâm Hải Giang"]
    rec = [doc.text[s.start:s.end] for s in doc.sentences if s.zone == "recipients"]
    assert rec == ["Nơi nhận:", "Như trên", "Lưu: VT, NC"]


def test_header_fields_are_separate_units():
    """Each NĐ 30 header field is its own header unit; "V/v" does not end one."""
    doc = extract(HEADER + "Giao Sở Nội vụ theo dõi./.")
    head = [" ".join(doc.text[s.start:s.end].split()) for s in doc.sentences if s.zone == "header"]
    assert "Số: 12/UBND-NC" in head
    assert "Quảng Ngãi, ngày 06 tháng 5 năm 2024" in head
    assert any(h.startswith("V/v thử nghiệm") for h in head)
