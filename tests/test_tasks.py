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



@pytest.fixture(scope="module")
def gazette():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "corpus" / "congbao"
    return {n: extract(root / f) for n, f in [("116", "nghi-quyet-so-116-nq-cp-469463.pdf"),
                                               ("798", "quyet-dinh-so-798-qd-ttg-469485.pdf"),
                                               ("893", "quyet-dinh-so-893-qd-ttg-469593.pdf")]}


@pytest.mark.parametrize("doc, item, is_task", [
    # "II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM / 2. Hoàn thiện thể chế …: a) Rà soát, thể chế hóa …"
    ("116", "II.2.a", True),
    ("116", "II.2.h", True),
    # "Điều 2. Nhiệm vụ của Ban Chỉ đạo: 1. Nghiên cứu, xây dựng Đề án …": standing duties (SPEC §4)
    ("798", "Điều 2.1", False),
    # "Điều 3. Quyền hạn của Ban Chỉ đạo: 4. Yêu cầu các Bộ, ngành …": powers, not tasks
    ("798", "Điều 3.4", False),
])
def test_task_sections(gazette, doc, item, is_task):
    """Headings that make their items tasks ('NHIỆM VỤ VÀ GIẢI PHÁP') and that do not ('Nhiệm vụ của …')."""
    assert (item in [t.item for t in gazette[doc].tasks]) == is_task


@pytest.mark.parametrize("item, lead", [
    ("Điều 1.VI.2", ["Bộ Giáo dục và Đào tạo"]),  # "2. Bộ Giáo dục và Đào tạo Chỉ đạo các cơ sở đào tạo …"
    ("Điều 1.VI.6.b", ["Bộ Quốc phòng"]),         # "6. Bộ Quốc phòng / b) Chủ trì, phối hợp với Bộ Giáo dục … xây dựng"
])
def test_gazette_leads(gazette, item, lead):
    """A heading run into its line keeps the verb's capital; bodies after 'phối hợp với' support, never lead."""
    assert next(t.lead for t in gazette["893"].tasks if t.item == item) == lead


def test_cong_dien_recipients_in_capitals_are_no_tasks():
    """'THỦ TƯỚNG CHÍNH PHỦ ĐIỆN: - Chủ tịch Ủy ban nhân dân các tỉnh …;' is the Kính gửi list (10/CĐ-TTg)."""
    doc = extract("THỦ TƯỚNG CHÍNH PHỦ\nSố: 10/CĐ-TTg\nHà Nội, ngày 29 tháng 01 năm 2024\nCÔNG ĐIỆN\n"
                  "Về bảo đảm trật tự, an toàn giao thông\nTHỦ TƯỚNG CHÍNH PHỦ ĐIỆN:\n"
                  "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương;\n"
                  "- Ủy ban An toàn giao thông Quốc gia.\n"
                  "Thủ tướng Chính phủ yêu cầu:\n1. Bộ Công an chỉ đạo tăng cường tuần tra, kiểm soát./.\n")
    assert doc.metadata.recipients == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                                       "Ủy ban An toàn giao thông Quốc gia"]
    assert [(t.item, t.lead) for t in doc.tasks] == [("1", ["Bộ Công an"])]
