"""Procedural steps of a regulation (SPEC §4): in a "Trình tự, thủ tục" or "Trách nhiệm" article,
each actor's step is a task of that actor, a time limit put before the subject included."""
import pytest

from pipeline import tasks as T
from pipeline.stages import extract

STEPS = [
    ("Trong 02 ngày làm việc, kể từ ngày nhận được đầy đủ hồ sơ, Ủy ban nhân dân cấp huyện thẩm định trình Ủy ban nhân dân cấp tỉnh.",
     ["Ủy ban nhân dân cấp huyện"]),
    ("Trước ngày 15 hằng tháng, người sử dụng lao động gửi danh sách người lao động", ["người sử dụng lao động"]),
    ("Trên cơ sở đề nghị của người lao động, doanh nghiệp tổng hợp danh sách", ["doanh nghiệp"]),
    ("Người lao động phải kê khai trung thực", ["người lao động"]),
    ("Người sử dụng lao động:", ["người sử dụng lao động"]),
    ("Cơ sở khám bệnh, chữa bệnh chịu trách nhiệm về tính chính xác", ["cơ sở khám bệnh, chữa bệnh"]),
    # a right or a state, not a duty
    ("Người lao động được hỗ trợ khi có đủ các điều kiện sau:", []),
    ("Đang tham gia bảo hiểm xã hội bắt buộc", []),
    ("Doanh nghiệp là pháp nhân", []),
]


@pytest.mark.parametrize("clause, actor", STEPS, ids=[s[0][:40] for s in STEPS])
def test_clause_actor(clause, actor):
    assert T._clause_actor(clause) == actor


@pytest.mark.parametrize("body, lead", [
    ("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, "
     "thành phố trực thuộc Trung ương, Thủ trưởng các cơ quan, đơn vị và tổ chức liên quan đến tổ chức thực hiện chính "
     "sách hỗ trợ tiền thuê nhà đối với người lao động chịu trách nhiệm thi hành Quyết định này.", "các Bộ"),
])
def test_execution_clause_names_its_bodies_first(body, lead):
    """'Bộ trưởng, …, Thủ trưởng các cơ quan … liên quan đến … chịu trách nhiệm thi hành' → the opening run."""
    assert lead in T._execution_run(body)


DOC = """THỦ TƯỚNG CHÍNH PHỦ
Số: 08/2022/QĐ-TTg
Hà Nội, ngày 28 tháng 3 năm 2022
QUYẾT ĐỊNH
Quy định về việc thực hiện chính sách hỗ trợ tiền thuê nhà cho người lao động
Điều 4. Đối tượng và điều kiện hỗ trợ
Người lao động được hỗ trợ khi có đủ các điều kiện sau:
1. Ở thuê, ở trọ trong khoảng thời gian từ ngày 01 tháng 02 năm 2022 đến ngày 30 tháng 6 năm 2022.
2. Đang tham gia bảo hiểm xã hội bắt buộc.
Điều 6. Hồ sơ đề nghị hỗ trợ
Danh sách người lao động đề nghị hỗ trợ tiền thuê nhà có xác nhận của cơ quan bảo hiểm xã hội.
Điều 7. Trình tự, thủ tục thực hiện
1. Người lao động đề nghị hỗ trợ tiền thuê nhà theo Mẫu số 01 để gửi doanh nghiệp.
3. Doanh nghiệp gửi danh sách người lao động đến cơ quan bảo hiểm xã hội để xác nhận.
Trong 02 ngày làm việc, kể từ ngày nhận được đề nghị, cơ quan bảo hiểm xã hội xác nhận việc tham gia bảo hiểm xã hội bắt buộc của người lao động.
5. Trong 02 ngày làm việc, kể từ ngày nhận được đầy đủ hồ sơ, Ủy ban nhân dân cấp huyện thẩm định trình Ủy ban nhân dân cấp tỉnh.
Điều 12. Trách nhiệm của người lao động và người sử dụng lao động
1. Người lao động phải kê khai trung thực.
2. Người sử dụng lao động:
a) Lập danh sách người lao động đề nghị hỗ trợ.
b) Bảo quản, lưu trữ đơn đề nghị hỗ trợ thuê nhà của người lao động tối thiểu 5 năm.
"""


def test_procedure_article_steps_are_tasks_of_their_actors():
    """'Điều 7. Trình tự, thủ tục thực hiện': each step is its actor's task; conditions and dossier rules are not."""
    doc = extract(DOC)
    got = [(t.item, t.lead, t.deadline.kind if t.deadline else None) for t in doc.tasks]
    assert got == [
        ("Điều 7.1", ["người lao động"], None),
        ("Điều 7.3", ["doanh nghiệp"], None),
        ("Điều 7.3", ["cơ quan bảo hiểm xã hội"], "relative"),
        ("Điều 7.5", ["Ủy ban nhân dân cấp huyện"], "relative"),
        ("Điều 12.1", ["người lao động"], None),
        ("Điều 12.2.a", ["người sử dụng lao động"], None),
        ("Điều 12.2.b", ["người sử dụng lao động"], None),
    ]
