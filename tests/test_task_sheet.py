"""A plan's task sheet (annotations/README "A plan's task sheet"): an item with "Cơ quan chủ trì /
Cơ quan phối hợp / Thời gian thực hiện" fields is one task, like a task-table row (SPEC §4)."""
from pipeline.stages import extract

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "Số: 205/KH-UBND\nQuảng Ngãi, ngày 24 tháng 10 năm 2024\nKẾ HOẠCH\nTriển khai thi hành Luật Đường bộ\n"
          "Thực hiện Quyết định số 1044/QĐ-TTg ngày 26/9/2024 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh "
          "ban hành Kế hoạch triển khai thực hiện như sau:\n")

SHEET = ("II. NỘI DUNG\n"
         "1. Tổ chức hội nghị quán triệt, phổ biến, tập huấn chuyên sâu về Luật Đường bộ\n"
         "a) Cơ quan chủ trì: Hội đồng Phối hợp phổ biến, giáo dục pháp luật tỉnh.\n"
         "b) Cơ quan phối hợp: Sở Tư pháp; Sở Giao thông vận tải; Công an tỉnh.\n"
         "c) Thời gian thực hiện: Quý IV năm 2024.\n"
         "2. Rà soát văn bản quy phạm pháp luật liên quan đến hoạt động đường bộ\n"
         "- Cơ quan chủ trì: Sở Giao thông vận tải tham mưu Ủy ban nhân dân tỉnh chỉ đạo, thực hiện.\n"
         "- Thời gian hoàn thành: trước ngày 15/12/2024.\n")


def _rows(doc):
    return [(t.item, t.lead, t.support, t.deadline and (t.deadline.date, t.deadline.kind)) for t in doc.tasks]


def test_task_sheet_is_one_task_with_its_fields():
    # "a) Cơ quan chủ trì: Hội đồng Phối hợp phổ biến, giáo dục pháp luật tỉnh." keeps its comma;
    # "- Cơ quan chủ trì: Sở Giao thông vận tải tham mưu …": the body before the verb
    assert _rows(extract(HEADER + SHEET)) == [
        ("II.1", ["Hội đồng Phối hợp phổ biến, giáo dục pháp luật tỉnh"],
         ["Sở Tư pháp", "Sở Giao thông vận tải", "Công an tỉnh"], ("2024-12-31", "quarter")),
        ("II.2", ["Sở Giao thông vận tải"], [], ("2024-12-15", "date")),
    ]


def test_task_sheet_flattened_by_the_crawl():
    # "… về Luật Đường bộ a) Cơ quan chủ trì: …": the field's marker follows no punctuation
    flat = HEADER + " ".join(SHEET.split("\n"))
    assert _rows(extract(flat)) == _rows(extract(HEADER + SHEET))


def test_fields_that_are_not_a_sheet_stay_items():
    # a sub-item that is work of its own keeps the list an introducer ("a) Rà soát …" is no field)
    body = ("II. NỘI DUNG\n1. Giao Sở Giao thông vận tải:\n"
            "a) Rà soát các tuyến đường, hoàn thành trước ngày 15/12/2024;\n"
            "b) Thời gian thực hiện: Quý IV năm 2024.\n")
    assert [t.item for t in extract(HEADER + body).tasks] == ["II.1.a", "II.1.b"]


def test_fields_named_chu_tri_thuc_hien():
    # "- Chủ trì thực hiện: … - Đơn vị phối hợp: …" (10/KH-UBND and 28/KH-UBND Quảng Ngãi, held-out crawl):
    # the item is the task, its lead the bodies in the field, not the plan's opening addressees
    body = ("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\nĐể thực hiện các nhiệm vụ, giải pháp trọng tâm năm 2022, các cơ "
            "quan thành viên Ban ATGT tỉnh cần tập trung thực hiện tốt các nhiệm vụ trọng tâm sau:\n"
            "2. Tiếp tục hoàn thiện hệ thống văn bản quy phạm pháp luật, chính sách về bảo đảm TTATGT.\n"
            "- Chủ trì thực hiện: Công an tỉnh, Sở Giao thông vận tải, Sở Tư pháp.\n"
            "- Đơn vị phối hợp: Các sở, ban ngành; UBND các huyện, thị xã, thành phố.\n"
            "- Thời gian thực hiện: Quý IV năm 2024.\n")
    assert _rows(extract(HEADER + body)) == [
        ("II.2", ["Công an tỉnh", "Sở Giao thông vận tải", "Sở Tư pháp"],
         ["Các sở, ban ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"], ("2024-12-31", "quarter")),
    ]
