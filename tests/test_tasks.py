"""Tasks and their leads on short dispatches: each case names the phrase it guards (SPEC §4)."""
import pytest

from pipeline.stages import extract

HEADER = ("BỘ GIAO THÔNG VẬN TẢI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "Số: 19/CĐ-BGTVT\nHà Nội, ngày 25 tháng 9 năm 2021\nCÔNG ĐIỆN\n"
          "Về việc xử lý ùn tắc giao thông\n")

CASES = [
    # background first, then the sentence that hands out the work (19/CĐ-BGTVT)
    ("Hiện nay, trên địa bàn một số địa phương vẫn còn hiện tượng ùn tắc giao thông. Để sớm chấm "
     "dứt tình trạng này, Bộ trưởng Bộ Giao thông vận tải (GTVT) yêu cầu Giám đốc các Sở GTVT:\n"
     "1. Khẩn trương tổ chức kiểm tra tình trạng giao thông trên các tuyến đường;\n"
     "2. Tham mưu cho Ủy ban nhân dân tỉnh thu hồi ngay các văn bản không đúng chỉ đạo./.\n",
     [("1", ["các Sở Giao thông vận tải"]), ("2", ["các Sở Giao thông vận tải"])]),
]


@pytest.mark.parametrize("body,expected", CASES, ids=["background-then-introducer"])
def test_leads(body, expected):
    doc = extract(HEADER + body)
    assert [(t.item, t.lead) for t in doc.tasks] == expected
