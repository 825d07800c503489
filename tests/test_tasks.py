"""Tasks and their leads on short dispatches: each case names the phrase it guards (SPEC §4)."""
import pytest

from pipeline.agencies import find_agencies
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


CT_HEADER = ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 04/CT-UBND\nTrà Vinh, ngày 12 tháng 5 năm 2023\nCHỈ THỊ\n"
             "Về tăng cường bảo đảm trật tự, an toàn giao thông\n")
QD_HEADER = ("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 41/2025/QĐ-UBND\nSơn La, ngày 28 tháng 4 năm 2025\nQUYẾT ĐỊNH\nBan hành Quy định khu vực đổ thải\n"
             "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
             "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định khu vực, địa điểm đổ thải.\n"
             "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 10 tháng 5 năm 2025.\n")
SIXTEEN = "các sở, ban, ngành, đoàn thể tỉnh"

TB_HEADER = HEADER.replace("19/CĐ-BGTVT", "210/TB-BGTVT").replace("CÔNG ĐIỆN", "THÔNG BÁO")
KH_HEADER = ("ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 105/KH-UBND\nVĩnh Phúc, ngày 25 tháng 04 năm 2025\nKẾ HOẠCH\n"
             "Bảo đảm trật tự, an toàn giao thông năm 2025\n"
             "Thực hiện Chỉ thị số 10/CT-TTg ngày 19/4/2023 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh xây dựng "
             "Kế hoạch như sau:\n")

LEAD_CASES = [
    # "… yêu cầu X … thực hiện nghiêm túc một số nội dung sau:" after a long purpose clause: the
    # items are X's tasks ("nội dung sau:" here lists work, not points of content)
    ("intro-noi-dung-sau", CT_HEADER +
     "Để khắc phục những tồn tại, hạn chế nêu trên và phấn đấu trong năm 2023 giảm từ 5 đến 10% cả 3 tiêu chí về "
     "số vụ, số người chết và số người bị thương do tai nạn giao thông so với cùng kỳ năm 2022 theo Kế hoạch số "
     "05/KH-BATGT ngày 02/02/2023 của Ban An toàn giao thông tỉnh; Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng "
     "các sở, ban, ngành, đoàn thể tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố thực hiện nghiêm túc "
     "một số nội dung sau:\n"
     "1. Tiếp tục tổ chức thực hiện nghiêm túc Chỉ thị số 10/CT-TTg ngày 19/4/2023 của Thủ tướng Chính phủ.\n"
     "2. Thực hiện nghiêm Kết luận số 45-KL/TW ngày 01/02/2019 của Ban Bí thư./.\n",
     [("1", [SIXTEEN, "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
      ("2", [SIXTEEN, "Ủy ban nhân dân các huyện, thị xã, thành phố"])]),
    # "yêu cầu các Giám đốc Sở, Thủ trưởng ngành, đơn vị trong tỉnh, Chủ tịch UBND …:" — the heads of every
    # Sở in the plural, a bare "Sở": the introducer still hands its addressees down (12/CT-UBND Thái Bình)
    ("intro-cac-giam-doc-so", CT_HEADER +
     "Để tiếp tục bảo đảm an ninh trật tự, an toàn giao thông, Ủy ban nhân dân tỉnh yêu cầu các Giám đốc Sở, "
     "Thủ trưởng ngành, đơn vị trong tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thành phố, các doanh nghiệp trên "
     "địa bàn tỉnh chỉ đạo thực hiện một số nội dung sau:\n"
     "1. Thường xuyên quán triệt cán bộ, công chức chấp hành nghiêm các quy định của pháp luật./.\n",
     [("1", ["các Sở", "ngành, đơn vị trong tỉnh", "Ủy ban nhân dân các huyện, thành phố",
             "các doanh nghiệp trên địa bàn tỉnh"])]),
    # "1. Sở Y tế a) Chủ trì …" (first sub-item on the heading's line, a task of its own: 01/CT-UBND
    # Cần Thơ 4.a); "Công an thành phố Theo chức
    # năng …" ("Theo" is no place); "b) Chỉ đạo các cơ quan liên quan khẩn trương …" (the directed
    # bodies are not the actor)
    ("heading-run-in", CT_HEADER +
     "Thời gian qua, tình hình trật tự, an toàn giao thông trên địa bàn tỉnh còn diễn biến phức tạp. Để khắc phục "
     "tình trạng trên, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tập trung thực hiện một số nhiệm vụ sau:\n"
     "1. Sở Y tế a) Chủ trì công tác giám sát, phát hiện sớm các bệnh truyền nhiễm;\n"
     "b) Tổ chức hiệu quả các chiến dịch vệ sinh môi trường;\n"
     "2. Công an thành phố Theo chức năng, nhiệm vụ được giao thực hiện công tác đảm bảo an ninh trật tự.\n"
     "3. Bộ Giao thông vận tải:\n"
     "a) Chỉ đạo các Sở Giao thông vận tải tăng cường công tác quản lý nhà nước;\n"
     "b) Chỉ đạo các cơ quan liên quan khẩn trương xây dựng cơ sở dữ liệu điện tử quản lý vận tải./.\n",
     [("1.a", ["Sở Y tế"]), ("1.b", ["Sở Y tế"]), ("2", ["Công an thành phố"]), ("3.a", ["Bộ Giao thông vận tải"]),
      ("3.b", ["Bộ Giao thông vận tải"])]),
    # an article title run into the execution formula: "Điều 3. Trách nhiệm tổ chức thực hiện Chánh Văn phòng …"
    ("execution-title-run-in", QD_HEADER +
     "Điều 3. Trách nhiệm tổ chức thực hiện Chánh Văn phòng UBND tỉnh; Thủ trưởng các Sở, ban, ngành; Chủ tịch "
     "Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.\n",
     [("Điều 3", ["Văn phòng Ủy ban nhân dân tỉnh", "các Sở, ban, ngành",
                  "Ủy ban nhân dân các huyện, thị xã, thành phố"])]),
    # "…; thủ trưởng các Sở, Ban, ngành …; … căn cứ Quyết định thi hành./." (a title in lower case,
    # the short execution formula)
    ("execution-can-cu", QD_HEADER +
     "Điều 3. Chánh Văn phòng UBND tỉnh; thủ trưởng các Sở, Ban, ngành thuộc tỉnh; Chủ tịch UBND các huyện, thị "
     "xã, thành phố và thủ trưởng các đơn vị liên quan căn cứ Quyết định thi hành./.\n",
     [("Điều 3", ["Văn phòng Ủy ban nhân dân tỉnh", "các Sở, Ban, ngành thuộc tỉnh",
                  "Ủy ban nhân dân các huyện, thị xã, thành phố", "các đơn vị liên quan"])]),
    # "… chịu trách nhiệm thi hành Quyết định này." with the crawled Nơi nhận list and the attached Quy
    # định after it, read as its sub-items: still the execution task (39/2024/QĐ-UBND Vĩnh Long)
    ("execution-then-attachment", QD_HEADER +
     "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Công an tỉnh; Thủ trưởng các sở, ban, ngành,\r\n"
     "đoàn thể tỉnh chịu trách nhiệm thi hành Quyết định này. Nơi nhận: - Như Điều 3; - Văn phòng Chính phủ; "
     "- TT. Tỉnh ủy, TT. HĐND tỉnh;\r\n- Đoàn ĐBQH đơn vị tỉnh Vĩnh Long;\r\n- CT, PCT. UBND tỉnh;\r\n- Lưu: VT. "
     "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đặng Văn Chính QUY ĐỊNH KHU VỰC BẢO VỆ (Kèm theo Quyết định "
     "số 39/2024/QĐ-UBND) Chương I NHỮNG QUY ĐỊNH CHUNG Điều 1. Phạm vi điều chỉnh Quy định này quy định khu vực "
     "bảo vệ.\r\n",
     [("Điều 3", ["Văn phòng Ủy ban nhân dân tỉnh", "Công an tỉnh", "các sở, ban, ngành, đoàn thể tỉnh"])]),
    # "Điều 2. Quyết định này có hiệu lực kể từ … . Chánh Văn phòng Bộ, … các Vụ trưởng, … chịu trách nhiệm
    # thi hành": the effective date first does not make the article a non-task; "các Vụ trưởng" → "các Vụ"
    ("execution-after-effective-date", QD_HEADER.replace("Điều 2. Quyết định này có hiệu lực thi hành kể từ "
                                                         "ngày 10 tháng 5 năm 2025.\n", "") +
     "Điều 2. Quyết định này có hiệu lực kể từ ngày 01/10/2022. Chánh Văn phòng Bộ, Chánh Thanh tra Bộ, các Vụ "
     "trưởng, Cục trưởng Cục Đường bộ Việt Nam và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm "
     "thi hành Quyết định này./.\n",
     [("Điều 2", ["Văn phòng Bộ", "Thanh tra Bộ", "các Vụ", "Cục Đường bộ Việt Nam",
                  "các cơ quan, đơn vị có liên quan"])]),
    # the older address "Các Ông (Bà):" is no part of the list
    ("execution-cac-ong-ba", QD_HEADER +
     "Điều 3. Các Ông (Bà): Chánh Văn phòng Bộ, Cục trưởng Cục Đăng kiểm Việt Nam, Giám đốc Sở Giao thông vận "
     "tải các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Quyết định này.\nNơi gửi:\n"
     "- Như điều 3\n- Lưu VP.\n",
     [("Điều 3", ["Văn phòng Bộ", "Cục Đăng kiểm Việt Nam",
                  "Sở Giao thông vận tải các tỉnh, thành phố trực thuộc Trung ương"])]),
    # a duty verb used as a noun first ("hướng dẫn áp dụng"); the actor opens the next clause
    ("duty-verb-as-noun", QD_HEADER +
     "Điều 3. Nội dung tập đơn giá gồm: Thuyết minh và hướng dẫn áp dụng; Chi tiết đơn giá; Sở Giao thông vận tải "
     "có trách nhiệm tổ chức triển khai, theo dõi việc thực hiện./.\n",
     [("Điều 3", ["Sở Giao thông vận tải"])]),
    # 'Thực hiện Công điện số 914/CĐ-TTg …, Bộ Giao thông vận tải yêu cầu các cơ quan, đơn vị liên quan … thực
    # hiện nghiêm các nội dung sau đây:' hands out the work; its addressee, not the Kính gửi list, leads.
    ("introducer-that-opens-like-background", HEADER +
     "Kính gửi:\n- Cục Hàng không Việt Nam;\n- Sở Giao thông vận tải các tỉnh, thành phố.\n"
     "Thực hiện Công điện số 914/CĐ-TTg ngày 06 tháng 7 năm 2021 của Thủ tướng Chính phủ về việc tăng "
     "cường các biện pháp phòng, chống dịch Covid-19, Bộ Giao thông vận tải (GTVT) yêu cầu các cơ quan, "
     "đơn vị liên quan trong phạm vi của mình đôn đốc, chỉ đạo, thực hiện nghiêm các nội dung sau đây:\n"
     "1. Tiếp tục thực hiện nghiêm chỉ đạo của Thủ tướng Chính phủ về phòng, chống dịch./.\n",
     [("1", ["các cơ quan, đơn vị liên quan"])]),
    # '1. Quán triệt, triển khai … . Thủ trưởng các Sở, ngành, Chủ tịch UBND các huyện … theo chức năng, nhiệm
    # vụ được giao tiếp tục …': the item opens with a verb but names its actors in its next sentence.
    ("actor-named-in-a-later-sentence", CT_HEADER +
     "Thời gian qua, tình hình trật tự, an toàn giao thông còn phức tạp. Để khắc phục, "
     "Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ sau:\n"
     "1. Quán triệt, triển khai thực hiện nghiêm túc chủ trương của Đảng về bảo đảm trật tự, an toàn "
     "giao thông. Thủ trưởng các Sở, ngành, Chủ tịch UBND các huyện, thị xã, thành phố theo chức năng, "
     "nhiệm vụ được giao tiếp tục cụ thể hóa các nội dung, giải pháp./.\n",
     [("1", ["các Sở, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"])]),
    # '… thủ trưởng các đơn vị có liên quan căn cứ quyết định thi hành./.' (lower-case 'quyết định').
    ("execution-formula-in-lower-case", QD_HEADER +
     "Điều 3. Chánh Văn phòng UBND tỉnh; thủ trưởng các sở, ban, ngành thuộc tỉnh và Chủ tịch "
     "UBND các huyện, thị xã, thành phố; thủ trưởng các đơn vị có liên quan căn cứ quyết định thi hành./.\n",
     [("Điều 3", ["Văn phòng Ủy ban nhân dân tỉnh", "các sở, ban, ngành thuộc tỉnh",
                  "Ủy ban nhân dân các huyện, thị xã, thành phố", "các đơn vị có liên quan"])]),
    # Under a plan's 'II. YÊU CẦU': '2. Các sở, ngành thành viên Ban ATGT tỉnh, UBND các huyện … xây dựng kế
    # hoạch … và bố trí ngân sách …' names its actor and a deliverable, a task (annotations/README, Kế hoạch);
    # '3. Tăng cường ứng dụng khoa học công nghệ …' names nobody, a principle. 'Các sở, ngành liên quan và các
    # địa phương' is one collective (a part joined by 'và các' with no qualifier of its own), and so is 'Các
    # sở, ngành thành viên Ban ATGT tỉnh' (the body it belongs to).
    ("requirement-that-names-its-actor-and-a-deliverable", KH_HEADER +
     "I. MỤC TIÊU\n1. Kéo giảm tai nạn giao thông.\nII. YÊU CẦU\n"
     "1. Các sở, ngành liên quan và các địa phương xây dựng kế hoạch, văn bản chỉ đạo, triển khai thực "
     "hiện có hiệu quả công tác bảo đảm trật tự, an toàn giao thông.\n"
     "2. Các sở, ngành thành viên Ban ATGT tỉnh, UBND các huyện, thị xã, thành phố xây dựng kế hoạch "
     "triển khai cụ thể năm 2025 và bố trí ngân sách phù hợp chức năng, nhiệm vụ.\n"
     "3. Tăng cường ứng dụng khoa học công nghệ trong công tác bảo đảm trật tự, an toàn giao thông.\n"
     "III. NHIỆM VỤ TRỌNG TÂM\n1. Tăng cường công tác tuần tra, kiểm soát, xử lý vi phạm./.\n",
     [("II.1", ["Các sở, ngành liên quan và các địa phương"]),
      ("II.2", ["Các sở, ngành thành viên Ban An toàn giao thông tỉnh",
                "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
      ("III.1", [])]),
    # 'Điều 4. Các ông, bà: Chánh Văn phòng, Vụ trưởng Vụ Điều trị, …' (4132/2001/QĐ-BYT): the older address
    # and a bare title the gazetteer does not name come before the list, which still leads.
    ("execution-address-cac-ong-ba", QD_HEADER +
     "Điều 3. Các ông, bà: Chánh Văn phòng, Vụ trưởng Vụ Điều trị, Chánh Thanh tra Bộ Y tế, "
     "Giám đốc Bệnh viện, Viện có giường bệnh trực thuộc Bộ Y tế, Giám đốc Sở Y tế tỉnh, thành "
     "phố trực thuộc trung ương chịu trách nhiệm thi hành Quyết định này./.\n",
     [("Điều 3", ["Vụ Điều trị", "Thanh tra Bộ Y tế"])]),
    # '- Ban QLDA6 khẩn trương gửi hồ sơ … . Giao Văn phòng Bộ chủ trì …' (185/TB-BGTVT 3.-1): the item's own
    # actor leads; the hand-out in a later sentence does not replace it.
    ("opening-actor-before-a-later-hand-out", TB_HEADER +
     "Ngày 01/6/2023, Thứ trưởng chủ trì cuộc họp. Sau khi nghe báo cáo, Thứ trưởng kết "
     "luận như sau:\n3. Về triển khai cải tạo nhà D:\n"
     "- Ban QLDA6 khẩn trương gửi hồ sơ thiết kế bản vẽ thi công nhà D cho Văn phòng Bộ. Giao "
     "Văn phòng Bộ chủ trì, tổng hợp và có ý kiến đối với hồ sơ thiết kế.\n"
     "- Giao Trung tâm CNTT phối hợp Văn phòng Bộ để tháo lắp máy tính./.\n",
     [("3.-1", ["Ban Quản lý dự án 6"]), ("3.-2", ["Trung tâm Công nghệ thông tin"])]),
]


@pytest.mark.parametrize("doc,expected", [c[1:] for c in LEAD_CASES], ids=[c[0] for c in LEAD_CASES])
def test_leads_that_generalize(doc, expected):
    """Leads seen on crawled dispatches no rule was tuned on (SPEC §3–§4)."""
    assert [(t.item, t.lead) for t in extract(doc).tasks] == expected


def test_introducer_glued_to_its_first_item():
    """'… cần thực hiện các nhiệm vụ trọng tâm sau: 1.Nâng cao …' (no space after '1.' in the crawl) still
    hands its addressee to the items after it; 'trên,Ban …' (no space after the comma) too."""
    doc = extract("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Số: 39/KH-UBND\nTuyên Quang, ngày 12 tháng 3 năm 2021\nKẾ HOẠCH\n"
                  "Bảo đảm trật tự an toàn giao thông năm 2021\nI. MỤC ĐÍCH, YÊU CẦU\n"
                  "1. Nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước.\nII. NHIỆM VỤ TRỌNG TÂM\n"
                  "Để thực hiện mục tiêu trên,Ban An toàn giao thông các huyện, thành phố cần thực hiện các nhiệm "
                  "vụ trọng tâm sau: 1.Nâng cao hiệu quả công tác tuyên truyền, phổ biến giáo dục pháp luật.\n"
                  "2. Nâng cao chất lượng, hiệu quả quản lý nhà nước về giao thông vận tải.\n")
    leads = {t.item: t.lead for t in doc.tasks}
    assert leads["II.2"] == ["Ban An toàn giao thông các huyện, thành phố"]


def test_localities_lead_as_printed():
    """'1. Các địa phương a) Xác định …' is a heading ('a' is no part of the collective); 'b) Thành phố Hồ Chí
    Minh, Hải Phòng, …, An Giang,... chỉ đạo …': each locality is its own lead, as printed (README)."""
    doc = extract(HEADER.replace("19/CĐ-BGTVT", "131/CĐ-TTg") +
                  "Để sớm hoàn thành toàn tuyến đường bộ ven biển, Thủ tướng Chính phủ yêu cầu:\n"
                  "1. Các địa phương a) Xác định việc đẩy nhanh tiến độ là nhiệm vụ chính trị quan trọng.\n"
                  "b) Thành phố Hồ Chí Minh, Hải Phòng, Đà Nẵng, Huế, An Giang,... chỉ đạo các chủ đầu tư, nhà thầu "
                  "rà soát lại tiến độ thi công./.\n")
    leads = {t.item: t.lead for t in doc.tasks}
    assert leads["1.b"] == ["Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Huế", "An Giang"]
    assert [a.name for a in find_agencies("1. Các địa phương a) Xác định")] == ["Các địa phương"]


def test_request_with_no_addressee_is_a_task():
    """'5. Về đối tượng áp dụng: đề nghị rà soát lại …' asks the recipient; 'Hồ sơ đề nghị hỗ trợ' is a noun."""
    from pipeline.tasks import _grammar
    directive = _grammar()["directive"]
    assert directive.search("5. Về đối tượng áp dụng: đề nghị rà soát lại toàn bộ nội dung quy định")
    assert not directive.search("Hồ sơ đề nghị hỗ trợ gồm đơn và bản sao giấy tờ")
    assert directive.search("Đề nghị viết hoa chữ cái đầu khi viện dẫn các Bảng, Hình, Điều")
    assert not directive.search("Đề nghị cấp giấy phép gồm các giấy tờ sau")


def test_items_under_a_heading_naming_its_actor():
    """'1. Thủ trưởng các Sở, ban, ngành …, Chủ tịch UBND các huyện … / - Ban hành kế hoạch, quán triệt …': in a
    dispatch, each item under a heading that names its actor is that actor's task, whatever verb opens it."""
    doc = extract(CT_HEADER + "Thời gian qua, tình hình vi phạm nồng độ cồn trên địa bàn tỉnh còn diễn biến phức tạp. "
                  "Để khắc phục tình trạng trên, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n1. Thủ trưởng các Sở, ban, ngành, đoàn thể của tỉnh, Chủ tịch Ủy ban nhân dân các "
                  "huyện, thành phố\n- Ban hành kế hoạch, quán triệt toàn thể cán bộ về nội dung của Chỉ thị này.\n"
                  "- Hằng tháng phân công lãnh đạo đơn vị kiểm tra việc chấp hành kỷ luật khi tham gia giao thông./.\n")
    lead = ["các Sở, ban, ngành, đoàn thể của tỉnh", "Ủy ban nhân dân các huyện, thành phố"]
    assert [(t.item, t.lead) for t in doc.tasks] == [("1.-1", lead), ("1.-2", lead)]


@pytest.mark.parametrize("item, is_task", [
    # "b) Sớm xây dựng, ban hành …": an adverb opens the imperative item
    ("b) Sớm xây dựng, ban hành quy chế phối hợp trong công tác quản lý đường bộ.", True),
    # openers seen on plans' measures: "5. Kiên trì xây dựng văn hóa giao thông an toàn …" (165/KH),
    # "7. Đẩy nhanh phát triển mạng lưới giao thông tỉnh …" (105/KH), "a) Xác định việc đẩy nhanh …"
    ("b) Kiên trì xây dựng văn hóa giao thông an toàn đối với các tổ chức, cá nhân.", True),
    ("b) Đẩy nhanh phát triển mạng lưới giao thông tỉnh, bến, bãi đỗ xe.", True),
    ("b) Xác định việc hoàn thành tuyến đường là nhiệm vụ trọng tâm.", True),
    ("b) Chỉnh trang hạ tầng giao thông, hệ thống đèn chiếu sáng.", True),
    # "b) Trình tự thực hiện …" is a noun phrase, not the verb "Trình"
    ("b) Trình tự thực hiện theo quy định hiện hành.", False),
])
def test_imperative_opener(item, is_task):
    body = ("Để triển khai có hiệu quả, Ủy ban nhân dân tỉnh yêu cầu thực hiện các nhiệm vụ sau:\n"
            "1. Về quản lý đường bộ\na) Rà soát các tuyến đường do địa phương quản lý.\n" + item + "\n")
    doc = extract(HEADER.replace("BỘ GIAO THÔNG VẬN TẢI", "ỦY BAN NHÂN DÂN TỈNH SƠN LA") + body)
    assert ("1.b" in [t.item for t in doc.tasks]) is is_task


PLAN = HEADER.replace("BỘ GIAO THÔNG VẬN TẢI", "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG").replace(
    "19/CĐ-BGTVT", "56/KH-UBND").replace("CÔNG ĐIỆN", "KẾ HOẠCH") + (
    "Thực hiện Chỉ thị số 23-CT/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức của người dân về an toàn giao thông.\n2. Yêu cầu\n")


@pytest.mark.parametrize("item, is_task", [
    # a "Yêu cầu" item naming its actor and its work is a task (annotations/README "Kế hoạch")
    ("- Các sở, ngành liên quan và các địa phương xây dựng kế hoạch, văn bản chỉ đạo triển khai thực hiện.", True),
    # … a principle naming no one is not
    ("- Công tác triển khai phải bảo đảm thiết thực, hiệu quả, tránh hình thức.", False),
    # … nor is accountability with nothing to deliver
    ("- Chủ tịch Ủy ban nhân dân các huyện, thành phố chịu trách nhiệm trước Ủy ban nhân dân tỉnh nếu để "
     "phát sinh mới các điểm đen.", False),
])
def test_requirements_item(item, is_task):
    doc = extract(PLAN + item + "\nII. NHIỆM VỤ\n1. Tuyên truyền pháp luật về trật tự, an toàn giao thông.\n")
    assert ("I.2.-1" in [t.item for t in doc.tasks]) is is_task


def test_lead_verb_opens_an_item_after_its_actor_heading():
    # "1. Bộ Giao thông vận tải a) Chủ trì, phối hợp với …" flattened: "a)" opens an item
    body = ("II. Để đạt được mục tiêu phát triển hệ thống giao thông xanh, yêu cầu các Bộ, cơ quan, địa phương:\n"
            "1. Bộ Giao thông vận tải a) Chủ trì, phối hợp với các cơ quan có liên quan rà soát hành lang pháp lý. "
            "b) Rà soát quy hoạch của các địa phương.\n")
    doc = extract(CT_HEADER + body)
    assert [(t.item, t.lead) for t in doc.tasks] == [("II.1.a", ["Bộ Giao thông vận tải"]),
                                                     ("II.1.b", ["Bộ Giao thông vận tải"])]


def test_a_labelled_heading_names_the_addressees():
    # 6881/CT-CHK: "1. Nhiệm vụ chung: Tổng công ty …, các hãng hàng không Việt Nam: 1.1. Đẩy mạnh …"
    body = ("Cục Hàng không Việt Nam yêu cầu các cơ quan, đơn vị triển khai thực hiện các nhiệm vụ sau:\n"
            "1. Nhiệm vụ chung: Tổng công ty Quản lý bay Việt Nam, các hãng hàng không Việt Nam:\n"
            "1.1. Đẩy mạnh tuyên truyền, vận động hành khách chấp hành quy định.\n"
            "2. Các hãng hàng không Việt Nam:\n- Xây dựng kế hoạch tăng chuyến trong giai đoạn cao điểm.\n")
    doc = extract(CT_HEADER + body)
    # (with no Kính gửi, the sentence-case subject stops before the body's first paragraph)
    assert doc.metadata.subject == "Về tăng cường bảo đảm trật tự, an toàn giao thông"
    assert [t.lead for t in doc.tasks] == [["Tổng công ty Quản lý bay Việt Nam", "các hãng hàng không Việt Nam"],
                                           ["Các hãng hàng không Việt Nam"]]


def test_what_a_report_holds_is_content():
    # 372/TB-VPCP II.1.a: "… báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 9 năm 2024. Trong đó tập
    # trung các nội dung sau: - Tình hình triển khai …; - Rà soát mục tiêu, lộ trình …": the dashes are
    # what the report holds, not tasks of their own
    from pathlib import Path
    doc = extract(Path(__file__).resolve().parent.parent / "corpus" / "tvpl" / "372_TB_VPCP.json")
    items = [t.item for t in doc.tasks]
    assert "II.1.a" in items and not [i for i in items if i.startswith("II.1.a.")]


def test_introducer_with_its_own_deliverable_is_a_task_too():
    # 501/TB-VPCP II: "… hoàn thiện dự thảo các Nghị định, báo cáo Thủ tướng Chính phủ trước ngày 02
    # tháng 11 năm 2024; cụ thể:" is work of its own, and its items still inherit its addressee and date
    from pathlib import Path
    doc = extract(Path(__file__).resolve().parent.parent / "corpus" / "tvpl" / "501_TB_VPCP.json")
    by_item = {t.item: t for t in doc.tasks}
    assert by_item["II"].deadline.date == "2024-11-02"
    assert by_item["II"].text.rstrip().endswith("cụ thể:")
    assert any(i.startswith("II.") and t.deadline and t.deadline.date == "2024-11-02" for i, t in by_item.items())


def test_tien_hanh_is_a_duty_verb():
    # 1540/QĐ-UBND Điều 2.2: "Trên cơ sở Quyết định số 32/2005/QĐ-BGTVT …, Trưởng ban … và Chủ tịch Ủy
    # ban nhân dân các huyện, thị xã, thành phố tiến hành kiểm tra, rà soát …": those bodies act
    from pipeline.tasks import _lead_of
    assert _lead_of("Trên cơ sở Quyết định số 32/2005/QĐ-BGTVT ngày 17/6/2005 của Bộ trưởng Bộ Giao thông vận "
                    "tải, Giám đốc Sở Xây dựng và Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố tiến hành "
                    "kiểm tra, rà soát") == ["Sở Xây dựng", "Ủy ban nhân dân các huyện, thị xã, thành phố"]


def test_handout_after_a_report_names_the_actor():
    """'1. Về công tác lập, thẩm định …: Đến nay, đã hoàn thành … . Yêu cầu Ban QLDA 2 chỉ đạo TVTK khẩn
    trương …': a conclusion item reports first and hands out the work in a later sentence, past the
    opening window; the addressee of that sentence leads. An item that opens with a verb keeps its
    inherited actor ("yêu cầu X" inside it is what that actor tells X)."""
    report = ("Đến nay, đã hoàn thành công tác thẩm định thiết kế kỹ thuật 07/08 gói thầu (còn gói XL-01 mới thẩm "
              "định lần 1); đã phê duyệt thiết kế kỹ thuật 06/08 gói thầu; đã thẩm định hồ sơ dự toán 05/08 gói "
              "thầu, đã phê duyệt hồ sơ dự toán 04/08 gói thầu. Công tác lập hồ sơ thiết kế chưa đáp ứng tiến độ. ")
    doc = extract(TB_HEADER + "Ngày 16/6/2021, Thứ trưởng chủ trì cuộc họp kiểm điểm tiến độ Dự án. Sau khi nghe "
                  "báo cáo, Thứ trưởng kết luận như sau:\n"
                  "1. Về công tác lập, thẩm định, phê duyệt hồ sơ thiết kế: " + report +
                  "Yêu cầu Ban QLDA 2 chỉ đạo tư vấn khẩn trương hoàn thiện hồ sơ trước ngày 21/6/2021.\n"
                  "2. Tăng cường kiểm tra công tác lập hồ sơ thiết kế: " + report +
                  "Yêu cầu Ban QLDA 2 chỉ đạo tư vấn khẩn trương hoàn thiện hồ sơ./.\n")
    leads = {t.item: t.lead for t in doc.tasks}
    assert leads["1"] == ["Ban Quản lý dự án 2"]
    assert leads["2"] == []


def test_bodies_that_are_no_addressees():
    """'3.1. Ban QLDA Mỹ Thuận, Tư vấn tiếp thu các ý kiến của các cơ quan, đơn vị … sau:' — a heading's list of
    addressees ends at its predicate (whose opinions are no addressees); '… (gọi tắt là Ủy ban nhân dân cấp
    tỉnh), Ủy ban nhân dân quận, huyện …' goes on past a bracket; '… đã được Cục Đăng kiểm Việt Nam nghiên
    cứu tiếp thu' names the agent of a passive, no actor; '… do Bộ Nông nghiệp và Phát triển nông thôn chủ
    trì, phối hợp … công bố' assigns."""
    from pipeline.tasks import _lead_of
    assert _lead_of("Ban QLDA Mỹ Thuận, Tư vấn tiếp thu các ý kiến của các cơ quan, đơn vị để hoàn chỉnh nội "
                    "dung triển khai chi tiết. Ngoài ra cần tập trung một số nội dung sau:") == [
        "Ban Quản lý dự án Mỹ Thuận"]
    assert _lead_of("Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương (gọi tắt là Ủy ban nhân dân cấp tỉnh), "
                    "Ủy ban nhân dân quận, huyện, thị xã, thành phố thuộc tỉnh (gọi tắt là Ủy ban nhân dân cấp "
                    "huyện) có trách nhiệm thực hiện các nhiệm vụ sau đây:") == [
        "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương",
        "Ủy ban nhân dân quận, huyện, thị xã, thành phố thuộc tỉnh"]
    assert _lead_of("Các dự thảo Tiêu chuẩn quốc gia nêu trên đã được gửi lấy ý kiến góp ý và đã được Cục Đăng "
                    "kiểm Việt Nam nghiên cứu tiếp thu, chỉnh lý.") == []
    assert _lead_of("Danh sách quốc gia, vùng lãnh thổ do Bộ Nông nghiệp và Phát triển nông thôn chủ trì, phối "
                    "hợp với Bộ Công Thương công bố.") == ["Bộ Nông nghiệp và Phát triển nông thôn"]


def test_giao_hands_out_work_only_to_an_addressee():
    """'Giao Sở …', 'giao cho các …', 'Giao trách nhiệm các cơ quan, đơn vị:' hand out work; 'nút giao Quốc lộ 1A',
    'điểm đầu giao đường …', 'giao thương', 'cấm giao xe cho người …', 'Chuyên viên được giao xử lý hồ sơ',
    'Bộ Ngoại giao' do not."""
    from pipeline.tasks import _grammar
    directive = _grammar()["directive"]
    for s in ("2. Giao Trung tâm Chuyển đổi số Thành phố có trách nhiệm cấu hình", "giao cho các địa phương",
              "Điều 2. Giao trách nhiệm các cơ quan, đơn vị:", "giao Ủy ban nhân dân cấp tỉnh làm cơ quan chủ quản"):
        assert directive.search(s), s
    for s in ("Sở Giao thông vận tải quản lý các hạng mục trong phạm vi nút giao giữa hệ thống đường bộ",
              "điểm đầu giao đường Võ Văn Kiệt; điểm cuối tại thị trấn Sông Đốc: Đường loại 5",
              "kết nối, giao thương, khai thác hiệu quả các tiềm năng", "cấm giao xe cho người không đủ điều kiện",
              "Chuyên viên được giao xử lý hồ sơ 02 ngày", "Thanh tra Bộ Ngoại giao (sau đây gọi là Thanh tra Bộ)"):
        assert not directive.search(s), s


NQ_HEADER = ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 150/NQ-CP\n"
             "Hà Nội, ngày 10 tháng 9 năm 2024\nNGHỊ QUYẾT\nVề việc phê duyệt Hiệp định\nCHÍNH PHỦ\n"
             "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nQUYẾT NGHỊ:\n"
             "Điều 1. Phê duyệt Hiệp định giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ "
             "Vương quốc Campuchia.\nĐiều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký.\n")


def test_articles_that_open_with_their_actor():
    """'Điều 3. Bộ Ngoại giao hoàn tất thủ tục đối ngoại theo quy định./.' — an article of the decision that opens
    with its actor is that actor's task, whatever the verb; an article whose title is scope, subjects or standing
    duties is not, however long ('Điều 1. Phạm vi điều chỉnh Nghị định này quy định về … các cơ quan …')."""
    doc = extract(NQ_HEADER + "Điều 3. Bộ Ngoại giao hoàn tất thủ tục đối ngoại theo quy định./.\n")
    assert [(t.item, t.lead) for t in doc.tasks] == [("Điều 3", ["Bộ Ngoại giao"])]
    doc = extract(NQ_HEADER.replace("Điều 1. Phê duyệt", "Điều 1. Phạm vi điều chỉnh Nghị định này quy định về tổ "
                                    "chức và hoạt động của các cơ quan thực hiện chức năng thanh tra. Phê duyệt"))
    assert doc.tasks == []


def test_headings_whose_items_are_no_tasks():
    """'I. ĐÁNH GIÁ CHUNG' (results, 'với sự chỉ đạo quyết liệt của Chính phủ …' reports, it directs no one) and
    'II. Yêu cầu 1. Bám sát …' (the crawl ran the first item into the heading's line) head no tasks; the
    items under 'III. NHIỆM VỤ TRỌNG TÂM' are."""
    doc = extract(TB_HEADER + "Ngày 16/5/2025, Phó Thủ tướng chủ trì Hội nghị sơ kết. Phó Thủ tướng kết luận như sau:\n"
                  "I. ĐÁNH GIÁ CHUNG\nQuý I năm 2025, với sự chỉ đạo quyết liệt của Chính phủ, Thủ tướng Chính phủ, "
                  "tình hình trật tự, an toàn giao thông về cơ bản được bảo đảm.\n"
                  "II. NHIỆM VỤ TRỌNG TÂM\n1. Bộ Công an chỉ đạo lực lượng Cảnh sát giao thông tăng cường tuần tra./.\n")
    assert [(t.item, t.lead) for t in doc.tasks] == [("II.1", ["Bộ Công an"])]
    doc = extract(KH_HEADER + "I. MỤC TIÊU\n1. Kéo giảm tai nạn giao thông.\n"
                  "II. Yêu cầu 1. Bám sát nội dung Kế hoạch năm an toàn giao thông của Ủy ban An toàn giao thông "
                  "Quốc gia, bảo đảm thiết thực, hiệu quả, tránh hình thức, lãng phí trong tổ chức thực hiện.\n"
                  "2. Tuyên truyền sâu rộng đến cán bộ, công chức về Nghị định số 100/2019/NĐ-CP.\n"
                  "III. NHIỆM VỤ TRỌNG TÂM\n1. Tăng cường công tác tuần tra, kiểm soát, xử lý vi phạm./.\n")
    assert [t.item for t in doc.tasks] == ["III.1"]
    from pipeline.tasks import _grammar
    assert not _grammar()["directive"].search("với sự chỉ đạo quyết liệt của Chính phủ")


@pytest.mark.parametrize("item", [
    "6. Kiên trì xây dựng văn hóa giao thông an toàn đối với tổ chức, cá nhân trong quá trình thực thi pháp luật.",
    "4. Đẩy nhanh tiến độ các dự án đầu tư kết cấu hạ tầng giao thông trọng điểm.",
    "3. Đổi mới và đẩy mạnh công tác tuyên truyền, phổ biến, giáo dục pháp luật về trật tự, an toàn giao thông.",
    "6. Chỉnh trang hạ tầng giao thông, hệ thống đèn chiếu sáng, biển báo hiệu.",
])
def test_task_items_open_with_these_verbs(item):
    """Under 'III. NHIỆM VỤ TRỌNG TÂM', an item opening with 'Kiên trì', 'Đẩy nhanh', 'Đổi mới', 'Chỉnh trang' … is a task."""
    doc = extract(KH_HEADER + "I. MỤC TIÊU\n1. Kéo giảm tai nạn giao thông.\nIII. NHIỆM VỤ TRỌNG TÂM\n" + item + "\n")
    assert [t.text.split(".")[0] for t in doc.tasks] == [item.split(".")[0]]


def test_content_of_an_approved_plan_is_no_task():
    """'Điều 1. Phê duyệt Kế hoạch … với các nội dung chính sau: 1. Bê tông hoá … (… tham mưu đề xuất UBND tỉnh …)'
    is content the decision approves; its own 'Tổ chức thực hiện' part and the next articles hold the tasks."""
    head = QD_HEADER.split("Điều 1.")[0]
    doc = extract(head + "Điều 1. Phê duyệt Kế hoạch bê tông hóa giao thông nông thôn năm 2024, với các nội dung "
                  "chính sau:\n1. Bê tông hoá giao thông nông thôn: 199,556 km. Lưu ý: các tuyến đường phải được Đoàn "
                  "kiểm tra liên ngành kiểm tra, xác nhận và tham mưu đề xuất UBND tỉnh xem xét quyết định.\n"
                  "2. Tổ chức thực hiện\na) Sở Giao thông vận tải chủ trì hướng dẫn, kiểm tra việc thực hiện.\n"
                  "Điều 2. Giao UBND các huyện, thị xã bố trí kế hoạch vốn theo cơ cấu nguồn vốn./.\n")
    assert [(t.item, t.lead) for t in doc.tasks] == [
        ("Điều 1.2.a", ["Sở Giao thông vận tải"]), ("Điều 2", ["Ủy ban nhân dân các huyện, thị xã"])]


def test_sentence_cut_out_of_an_article_taken_whole_is_no_second_task():
    """'Điều 2. Chánh Văn phòng UBND tỉnh, … Chủ tịch UBND các huyện, thị xã, thành phố; Thủ trưởng các sở, … chịu
    trách nhiệm thi hành Quyết định này.' is one task, even where the layout also cuts its second half out as a
    top-level sentence of its own (seen on 18/2010/QĐ-UBND Gia Lai, 995/QĐ-UBND, 70/QĐ-BGTVT)."""
    from pipeline import layout as layout_mod
    from pipeline.layout import Unit
    from pipeline.tasks import extract as tasks_extract
    text = extract(QD_HEADER + "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Giao thông vận tải, Chủ tịch UBND các "
                   "huyện, thị xã, thành phố; Thủ trưởng các sở, ban, ngành tỉnh và các đơn vị, cá nhân có liên quan "
                   "chịu trách nhiệm thi hành Quyết định này. Quyết định này có hiệu lực sau 10 ngày kể từ ngày "
                   "ký./.\n").text
    lay = layout_mod.analyze(text)
    a = text.index("Thủ trưởng các sở")
    b = text.index("Quyết định này.", a) + len("Quyết định này.")
    lay.units.append(Unit(start=a, end=b))   # the layout's stray copy of the second half
    tasks = tasks_extract(lay, [], "d", "2025-04-28", "Quyết định")
    assert [t.item for t in tasks] == ["Điều 3"]


def test_paragraph_with_its_own_actor_and_date_is_its_own_task():
    """'3. Bộ Tài chính chỉ đạo … xong trước ngày 01 tháng 5 năm 2026, … / Đối với chi phí … năm 2023, 2024, yêu cầu
    Bộ Tài chính, Bảo hiểm xã hội Việt Nam … xong trước ngày 01 tháng 8 năm 2026 …' (NQ 113/NQ-CP Điều 2.3): the
    paragraph is a second task with the item's path, and the item keeps its own date, not the paragraph's later one."""
    head = QD_HEADER.split("Điều 1.")[0]
    doc = extract(head + "Điều 1. Tổ chức thực hiện\n1. Nghị quyết này có hiệu lực kể từ ngày ký ban hành.\n"
                  "2. Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam tổ chức thực hiện thanh toán xong trước ngày 01 "
                  "tháng 5 năm 2026, báo cáo Chính phủ kết quả thực hiện.\n"
                  "Đối với chi phí vượt dự toán năm 2023, 2024, yêu cầu Bộ Tài chính, Bảo hiểm xã hội Việt Nam khẩn "
                  "trương thực hiện xong trước ngày 01 tháng 5 năm 2026 đối với chi phí năm 2023, xong trước ngày 01 "
                  "tháng 8 năm 2026 đối với chi phí năm 2024.\n"
                  "3. Bộ Y tế chịu trách nhiệm về việc tổng hợp số liệu./.\n")
    got = [(t.item, t.lead, t.deadline and t.deadline.date, [o.date for o in t.deadlines_other]) for t in doc.tasks]
    assert got[:2] == [
        ("Điều 1.2", ["Bộ Tài chính"], "2026-05-01", []),
        ("Điều 1.2", ["Bộ Tài chính", "Bảo hiểm xã hội Việt Nam"], "2026-08-01", ["2026-05-01"])]


def test_execution_article_ends_at_the_closing_mark():
    """'… chịu trách nhiệm thi hành Quyết định này./.' where the layout runs the article on (one crawled line) into the
    signature and an attached 'PHỤ LỤC … hoàn thành trước ngày 30/6/2025': the article ends at './.', and the
    appendix's date is not its deadline (17 such run-ons in the crawl, NQ 122/NQ-CP III.3 into its Phụ lục)."""
    from pipeline import layout as layout_mod
    from pipeline.tasks import extract as tasks_extract
    head = QD_HEADER.split("Điều 1.")[0]
    text = extract(head + "Điều 1. Phê duyệt danh mục nhiệm vụ năm 2025.\nĐiều 2. Chánh Văn phòng UBND tỉnh, Giám đốc "
                   "Sở Giao thông vận tải, Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này./. TM. ỦY "
                   "BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn A PHỤ LỤC DANH MỤC NHIỆM VỤ Sở Giao thông vận tải rà soát các "
                   "tuyến đường, hoàn thành trước ngày 30/6/2025.\n").text
    lay = layout_mod.analyze(text)
    art = next(u for u in lay.units if u.path == "Điều 2")
    art.end = len(text.rstrip())  # the layout's run-on: the article to the end of the text
    t = next(t for t in tasks_extract(lay, [], "d", "2025-04-28", "Quyết định") if t.item == "Điều 2")
    assert t.text.endswith("Quyết định này./.") and t.deadline is None


def test_items_of_an_article_naming_its_responsible_actor():
    """'Điều 2. Sở Giao thông vận tải có trách nhiệm: 1. Đồng bộ dữ liệu TTHC …; Trong thời hạn 10 ngày kể từ ngày
    Quyết định này có hiệu lực, trình Chủ tịch UBND tỉnh phê duyệt quy trình nội bộ … 2. Niêm yết, công khai …'
    (held-out 1258/QĐ-UBND): each item is the actor's task, whatever verb opens it, with its own time limit."""
    head = QD_HEADER.split("Điều 1.")[0]
    doc = extract(head + "Điều 1. Công bố kèm theo Quyết định này danh mục 03 thủ tục hành chính.\n"
                  "Điều 2. Sở Giao thông vận tải có trách nhiệm:\n"
                  "1. Đồng bộ dữ liệu thủ tục hành chính mới công bố; Trong thời hạn 10 ngày kể từ ngày Quyết định "
                  "này có hiệu lực, trình Chủ tịch UBND tỉnh phê duyệt quy trình nội bộ giải quyết thủ tục hành chính.\n"
                  "2. Niêm yết, công khai theo quy định các thủ tục hành chính đã được ban hành tại Quyết định này.\n"
                  "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 5 năm 2025.\n")
    got = {t.item: (t.lead, t.deadline and t.deadline.kind) for t in doc.tasks}
    assert got.get("Điều 2.1") == (["Sở Giao thông vận tải"], "relative")
    assert got.get("Điều 2.2") == (["Sở Giao thông vận tải"], None)


def test_breakdown_after_trong_do_is_content():
    """'1. Bộ Giao thông vận tải chủ trì … xây dựng Đề án kiện toàn mô hình … (hoàn thành trong tháng 11 năm 2024),
    trong đó: a) Kiện toàn mô hình các cấp … b) …' (held-out 498/TB-VPCP): the points are what the Đề án holds, one
    task with one deadline, not three more tasks inheriting it."""
    doc = extract(HEADER + "Để sớm chấm dứt tình trạng này, Bộ trưởng Bộ Giao thông vận tải đề nghị các cơ quan:\n"
                  "1. Bộ Công an chủ trì, phối hợp với Bộ Nội vụ xây dựng Đề án kiện toàn mô hình của Ủy "
                  "ban An toàn giao thông Quốc gia (hoàn thành trong tháng 11 năm 2021), trong đó:\n"
                  "a) Kiện toàn mô hình các cấp từ cấp trung ương đến cơ sở.\n"
                  "b) Kiện toàn tổ chức, quy chế hoạt động của Ủy ban An toàn giao thông Quốc gia.\n"
                  "2. Bộ Y tế tăng cường kiểm tra, giám sát./.\n")
    assert [(t.item, t.deadline and t.deadline.date) for t in doc.tasks] == [("1", "2021-11-30"), ("2", None)]
def test_hyphen_wrapped_at_a_line_end_is_no_dash_item():
    """'Vụ trưởng các Vụ: …, Kế hoạch -\\nĐầu tư' (70/QĐ-BGTVT, held-out crawl): a name's hyphen at a line end
    before a capitalised verb-like word is no '- Đầu tư …' item; the execution article stays one task."""
    doc = extract(QD_HEADER.replace("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 10 tháng 5 năm 2025.\n", "")
                  + "Điều 2. Chánh Văn phòng Bộ; Vụ trưởng các Vụ: Khoa học - Công nghệ và Môi trường, Kế hoạch -\n"
                    "Đầu tư, Vận tải; Giám đốc Sở GTVT (hoặc GTVT -\nXây dựng) các tỉnh, thành phố chịu trách nhiệm "
                    "thi hành Quyết định này./.\n")
    assert [t.item for t in doc.tasks] == ["Điều 2"]
    assert doc.tasks[0].lead[:4] == ["Văn phòng Bộ", "Vụ Khoa học - Công nghệ và Môi trường", "Vụ Kế hoạch - Đầu tư",
                                     "Vụ Vận tải"]


def test_attachment_heading_after_its_bracket():
    """'(Kèm theo Quyết định số 2143/QĐ-UBND …) I. MỤC ĐÍCH, YÊU CẦU 1. Nhằm …' in flattened text: the heading
    after the bracket opens the attached plan, so its aims are no tasks (2143/QĐ-UBND, 96/QĐ-UBND)."""
    doc = extract(QD_HEADER + "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Công an tỉnh chịu trách nhiệm "
                  "thi hành Quyết định này./. Nơi nhận: - Như Điều 3; - Lưu: VT, NC. CHỦ TỊCH Hoàng Quốc Khánh KẾ HOẠCH "
                  "THỰC HIỆN CHỈ THỊ SỐ 35/CT-TTG (Kèm theo Quyết định số 2143/QĐ-UBND ngày 15/10/2024 của Chủ tịch Ủy "
                  "ban nhân dân tỉnh) I. MỤC ĐÍCH, YÊU CẦU 1. Nhằm tăng cường công tác quản lý cán bộ. 2. Tổ chức quán "
                  "triệt, triển khai thực hiện nghiêm túc Chỉ thị số 35/CT-TTg đến các cấp, các ngành. 3. Việc triển "
                  "khai Kế hoạch phải đảm bảo theo đúng mục đích, yêu cầu.\n")
    assert [t.item for t in doc.tasks] == ["Điều 3"]
