"""Agencies: phrases → canonical names, split lists, mentions, provinces (SPEC §3).

Table-driven: each row is (Vietnamese phrase, expected) and names the phrase it guards. The
examples written beside every pattern in models/agencies.yaml and models/abbreviations.yaml
run too (test_model_examples), so a data edit is checked by its own example.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pipeline.agencies import (
    canonical_agency, find_agencies, province_info, province_successor, split_agencies,
    title_case_agency,
)

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"


# --------------------------------------------------------------------------------------------
# canonical_agency

CANONICAL = [
    # abbreviations expanded
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("TT Tỉnh ủy", "Thường trực Tỉnh ủy"),
    ("TT HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("TT các Huyện ủy, Thị ủy, Thành ủy", "Thường trực các Huyện ủy, Thị ủy, Thành ủy"),
    ("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("VPUBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("VPUB tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("BCĐ CCHC tỉnh", "Ban Chỉ đạo cải cách hành chính tỉnh"),
    ("Sở GTVT", "Sở Giao thông vận tải"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở TP", "Sở Tư pháp"),                       # TP after Sở is Tư pháp, not thành phố
    ("Sở CT", "Sở Công Thương"),
    ("Bộ GTVT", "Bộ Giao thông vận tải"),
    ("CA tỉnh", "Công an tỉnh"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("KBNN tỉnh", "Kho bạc Nhà nước tỉnh"),
    ("ĐTN tỉnh", "Đoàn Thanh niên tỉnh"),
    ("BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("UBND các tỉnh, TP trực thuộc TW", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"),
    ("Sở GTVT TP.HCM", "Sở Giao thông vận tải Thành phố Hồ Chí Minh"),
    ("Cục Kiểm soát TTHC", "Cục Kiểm soát thủ tục hành chính"),
    ("LĐVP UBND tỉnh", "Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh"),
    # spelling and case of known names
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Giao thông Vận tải", "Sở Giao thông vận tải"),
    ("Kho bạc nhà nước Hà Nam", "Kho bạc Nhà nước Hà Nam"),
    ("Sở Công thương", "Sở Công Thương"),
    # list punctuation and notes
    ("- Sở Nội vụ;", "Sở Nội vụ"),
    ("Ủy ban nhân dân tỉnh.", "Ủy ban nhân dân tỉnh"),
    ("TT HĐND tỉnh (b/c);", "Thường trực Hội đồng nhân dân tỉnh"),
    ("Bộ Giao thông vận tải (báo cáo);", "Bộ Giao thông vận tải"),
    ("Sở Nội vụ (thực hiện)", "Sở Nội vụ"),
    ("Thủ tướng Chính phủ (để b/c);", "Thủ tướng Chính phủ"),
    ("**Sở   Nội\nvụ**", "Sở Nội vụ"),
    ("Kính gửi: Ủy ban nhân dân tỉnh.", "Ủy ban nhân dân tỉnh"),
    # the head is dropped when the agency acts
    ("Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    ("Thủ trưởng các cơ quan, đơn vị", "các cơ quan, đơn vị"),
    ("Chủ tịch UBND các huyện, thị xã, thành phố", "Ủy ban nhân dân các huyện, thị xã, thành phố"),
    ("Bộ trưởng Bộ Công an", "Bộ Công an"),
    ("Chánh Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("CVP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Thủ trưởng các sở, ban, ngành", "các sở, ban, ngành"),
    ("Giám đốc các Sở GTVT", "các Sở Giao thông vận tải"),   # 19/CĐ-BGTVT: every province's Sở
    ("Thủ trưởng các các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh",
     "các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh"),
    ("Giám đốc Công an tỉnh", "Công an tỉnh"),
    ("Trưởng Ban An toàn giao thông tỉnh", "Ban An toàn giao thông tỉnh"),
    ("Trưởng ban Chỉ đạo 389 tỉnh", "Ban Chỉ đạo 389 tỉnh"),
    ("Cục trưởng Cục Đường bộ Việt Nam", "Cục Đường bộ Việt Nam"),
    ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Người đứng đầu các sở, ban, ngành", "các sở, ban, ngành"),
    ("Thủ trưởng cơ quan, đơn vị", "cơ quan, đơn vị"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    # … but a person stays a person
    ("đồng chí Phó Chủ tịch UBND tỉnh Nguyễn Văn A",
     "đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn A"),
    ("đồng chí Chủ tịch UBND tỉnh", "đồng chí Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Thứ trưởng Bộ GTVT", "Thứ trưởng Bộ Giao thông vận tải"),
    ("CT, các PCT UBND tỉnh", "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Giám đốc, các Phó Giám đốc Sở", "Giám đốc, các Phó Giám đốc Sở"),
    ("Giám đốc", "Giám đốc"),                      # a bare title names no agency
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),  # an authority, not a title + agency
    # ALL-CAPS headers
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("UỶ BAN NHÂN DÂN TỈNH THANH HOÁ", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ("SỞ NỘI VỤ", "Sở Nội vụ"),
    ("BỘ GIAO THÔNG VẬN TẢI", "Bộ Giao thông vận tải"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("UBND TỈNH HÀ TĨNH", "Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH QUẢNG NGÃI", "Cục Quản lý thị trường tỉnh Quảng Ngãi"),
    ("ỦY BAN NHÂN DÂN HUYỆN MỘ ĐỨC", "Ủy ban nhân dân huyện Mộ Đức"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("SỞ GIAO THÔNG VẬN TẢI TỈNH SÓC TRĂNG", "Sở Giao thông vận tải tỉnh Sóc Trăng"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Ủy ban nhân dân tỉnh"),
    ("Vụ QHQT", "Vụ QHQT"),                        # an acronym is not an ALL-CAPS line
]


@pytest.mark.parametrize("phrase,expected", CANONICAL, ids=[c[0] for c in CANONICAL])
def test_canonical(phrase, expected):
    assert canonical_agency(phrase) == expected


KEEP_HEAD = [
    # report_to keeps the person-title (SPEC §1 example: report_to ["Chủ tịch Ủy ban nhân dân tỉnh"])
    ("Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Chủ tịch UBND tỉnh (qua Sở Nội vụ)", "Chủ tịch Ủy ban nhân dân tỉnh (qua Sở Nội vụ)"),
    ("Giám đốc Sở Nội vụ", "Giám đốc Sở Nội vụ"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Chủ tịch Ủy ban nhân dân tỉnh"),
]


@pytest.mark.parametrize("phrase,expected", KEEP_HEAD, ids=[c[0] for c in KEEP_HEAD])
def test_canonical_keep_head(phrase, expected):
    assert canonical_agency(phrase, drop_head=False) == expected


TITLE_CASE = [
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("SỞ NỘI VỤ", "Sở Nội vụ"),
    ("BỘ GIAO THÔNG VẬN TẢI", "Bộ Giao thông vận tải"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("TỈNH ĐẮK LẮK", "tỉnh Đắk Lắk"),                  # the unit stays lower …
    ("THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),  # … except where it is part of the name
    ("THÀNH PHỐ HÀ NỘI", "thành phố Hà Nội"),
    ("UBND TỈNH HÀ TĨNH", "UBND tỉnh Hà Tĩnh"),          # abbreviations keep their capitals
    ("TỔNG CỤC ĐƯỜNG BỘ VIỆT NAM", "Tổng cục Đường bộ Việt Nam"),
    ("KHU QUẢN LÝ ĐƯỜNG BỘ IV", "Khu Quản lý đường bộ IV"),  # Roman numerals stay
    ("BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH", "Ban Chỉ đạo cải cách hành chính"),
    ("ỦY BAN AN TOÀN GIAO THÔNG QUỐC GIA", "Ủy ban An toàn giao thông Quốc gia"),
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH", "Bộ Chỉ huy Quân sự tỉnh"),
    ("TỈNH ỦY QUẢNG NGÃI", "Tỉnh ủy Quảng Ngãi"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH", "Hội đồng nhân dân tỉnh Bình Định"),
    ("BẢO HIỂM XÃ HỘI TỈNH", "Bảo hiểm xã hội tỉnh"),        # "xã hội" is no commune
    ("ỦY BAN NHÂN DÂN CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", "Ủy ban nhân dân các huyện, thị xã, thành phố"),
    ("CÁC SỞ, BAN, NGÀNH", "các sở, ban, ngành"),
    ("BỘ TRƯỞNG BỘ CÔNG AN", "Bộ trưởng Bộ Công an"),
    ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
    ("KT. CHỦ TỊCH", "KT. Chủ tịch"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("BỘ TƯ LỆNH CẢNH SÁT BIỂN", "Bộ Tư lệnh Cảnh sát biển"),
    ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
]


@pytest.mark.parametrize("phrase,expected", TITLE_CASE, ids=[c[0] for c in TITLE_CASE])
def test_title_case(phrase, expected):
    assert title_case_agency(phrase) == expected


# --------------------------------------------------------------------------------------------
# split_agencies

SPLIT = [
    ("Giám đốc các Sở: Nội vụ, Tư pháp, Tài chính, Kế hoạch và Đầu tư, Thông tin và Truyền "
     "thông; Chánh Văn phòng UBND tỉnh",
     ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
      "Sở Thông tin và Truyền thông", "Văn phòng Ủy ban nhân dân tỉnh"]),
    ("Công an tỉnh; Cục Thuế tỉnh; Cục Quản lý thị trường tỉnh",
     ["Công an tỉnh", "Cục Thuế tỉnh", "Cục Quản lý thị trường tỉnh"]),
    ("các sở, ban, ngành", ["các sở, ban, ngành"]),
    ("UBND các huyện, thị xã, thành phố", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("các cơ quan, đơn vị, địa phương", ["các cơ quan, đơn vị, địa phương"]),
    ("Bộ Công an, Bộ Quốc phòng", ["Bộ Công an", "Bộ Quốc phòng"]),
    ("các Bộ: Công an, Quốc phòng, Giao thông vận tải",
     ["Bộ Công an", "Bộ Quốc phòng", "Bộ Giao thông vận tải"]),
    ("Sở Nội vụ và Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
    ("Bộ Văn hóa, Thể thao và Du lịch", ["Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Bộ Nông nghiệp và Môi trường, Bộ Dân tộc và Tôn giáo, Bộ Khoa học và Công nghệ",
     ["Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo", "Bộ Khoa học và Công nghệ"]),
    ("Sở Nông nghiệp và Môi trường và Sở Xây dựng", ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]),
    ("các Sở Nội vụ, Tư pháp và Tài chính", ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"]),
    ("Các sở, ban, ngành tỉnh;\n- Công an tỉnh; Cục Thuế tỉnh; Bảo hiểm xã hội tỉnh;\n"
     "- UBND các huyện, thị xã, thành phố.",
     ["Các sở, ban, ngành tỉnh", "Công an tỉnh", "Cục Thuế tỉnh", "Bảo hiểm xã hội tỉnh",
      "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("Kính gửi:\n- Thủ trưởng các sở, ban, ngành thuộc UBND tỉnh;\n"
     "- Chủ tịch UBND các huyện, thị xã, thành phố.",
     ["các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh",
      "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("TT Tỉnh ủy, TT HĐND tỉnh (b/c);", ["Thường trực Tỉnh ủy", "Thường trực Hội đồng nhân dân tỉnh"]),
    ("Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các huyện, thị xã, thành phố",
     ["các cơ quan, đơn vị", "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("Chủ tịch UBND tỉnh, Giám đốc Sở Nội vụ", ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
    ("Trưởng Ban An toàn giao thông các tỉnh, thành phố trực thuộc trung ương, Bộ GTVT, Bộ Công an",
     ["Ban An toàn giao thông các tỉnh, thành phố trực thuộc Trung ương",
      "Bộ Giao thông vận tải", "Bộ Công an"]),
    ("Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố",
     ["các Bộ", "cơ quan ngang Bộ", "Ủy ban nhân dân tỉnh, thành phố"]),
    ("HĐND, UBND các xã, phường", ["Hội đồng nhân dân các xã, phường", "Ủy ban nhân dân các xã, phường"]),
    ("CT, các PCT UBND tỉnh", ["Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"]),  # persons of one body
    ("Giám đốc, các Phó Giám đốc Sở;", ["Giám đốc, các Phó Giám đốc Sở"]),
    ("THCB, PVHCC, BTCD, HCTC;", ["THCB, PVHCC, BTCD, HCTC"]),      # internal codes keep their case
    ("Ủy ban nhân dân tỉnh, thành phố", ["Ủy ban nhân dân tỉnh, thành phố"]),
    ("Điện: - Các Bộ: Công an, Giao thông vận tải; - Ban An toàn giao thông tỉnh, thành phố trực "
     "thuộc Trung ương.",
     ["Bộ Công an", "Bộ Giao thông vận tải",
      "Ban An toàn giao thông tỉnh, thành phố trực thuộc Trung ương"]),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh",
     ["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"]),
    ("Sở Y tế, các cơ quan, đơn vị có liên quan", ["Sở Y tế", "các cơ quan, đơn vị có liên quan"]),
    ("Ủy ban nhân dân tỉnh và các sở, ban, ngành", ["Ủy ban nhân dân tỉnh", "các sở, ban, ngành"]),
    ("SỞ NỘI VỤ", ["Sở Nội vụ"]),
    ("", []),
    # the dash inside a name is no bullet; a wrapped line in a marked list is no new entry
    ("- Sở Lao động - Thương binh và Xã hội;\n- Sở Tư pháp.",
     ["Sở Lao động - Thương binh và Xã hội", "Sở Tư pháp"]),
    (" - Các Bộ: Nội vụ, Tài chính, Thông tin và\r\nTruyền thông; - Sở GTVT các tỉnh, thành phố: Hà\r\n"
     "Nội, Thái Bình;", ["Bộ Nội vụ", "Bộ Tài chính", "Bộ Thông tin và Truyền thông",
                         "Sở Giao thông vận tải các tỉnh, thành phố: Hà Nội, Thái Bình"]),
    ("Kính gửi:\nSở Nội vụ\nSở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),  # unmarked: one per line
    ("- Cục KSTTHC-VPCP; (báo cáo) - Chủ tịch UBND tỉnh; - Các PCT UBND tỉnh;",
     ["Cục Kiểm soát thủ tục hành chính-Văn phòng Chính phủ", "Ủy ban nhân dân tỉnh",
      "Các Phó Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("TT Tỉnh ủy. TT HĐND tỉnh (báo cáo)", ["Thường trực Tỉnh ủy", "Thường trực Hội đồng nhân dân tỉnh"]),
    ("Đài PT - TH Đồng Nai", ["Đài Phát thanh - Truyền hình Đồng Nai"]),
]


@pytest.mark.parametrize("phrase,expected", SPLIT, ids=[c[0][:60] for c in SPLIT])
def test_split(phrase, expected):
    assert split_agencies(phrase) == expected


def test_split_keeps_a_name_that_holds_va_cac():
    """'Ban Quản lý Khu Kinh tế Dung Quất và các Khu Công nghiệp Quảng Ngãi' is one body in a list."""
    assert split_agencies("Ban Quản lý Khu Kinh tế Dung Quất và các Khu Công nghiệp Quảng Ngãi, Sở Nội vụ và "
                          "các sở, ngành") == [
        "Ban Quản lý Khu Kinh tế Dung Quất và các Khu Công nghiệp Quảng Ngãi", "Sở Nội vụ", "các sở, ngành"]


def test_split_keep_head():
    """Giám đốc các Sở: … keeps the title on every member when drop_head=False."""
    assert split_agencies("Giám đốc các Sở: Nội vụ, Tư pháp", drop_head=False) == [
        "Giám đốc Sở Nội vụ", "Giám đốc Sở Tư pháp"]


# --------------------------------------------------------------------------------------------
# find_agencies

FIND = [
    ("Giao Sở Nội vụ chủ trì, phối hợp với Công an tỉnh và UBND các huyện, thị xã, thành phố",
     ["Sở Nội vụ", "Công an tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    # SPEC §1: support "các cơ quan đầu mối …" — a collective keeps its description
    ("Giao Giám đốc Sở Nội vụ chủ trì, phối hợp với các cơ quan đầu mối", ["Sở Nội vụ", "các cơ quan đầu mối"]),
    ("Yêu cầu Thủ trưởng các cơ quan, đơn vị, địa phương khẩn trương chỉ đạo rà soát",
     ["các cơ quan, đơn vị, địa phương"]),
    ("báo cáo Chủ tịch Ủy ban nhân dân tỉnh (qua Sở Nội vụ) kết quả thực hiện",
     ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
    ("2. Giao Giám đốc các Sở: Nội vụ, Tư pháp, Tài chính, Kế hoạch và Đầu tư, Thông tin và "
     "Truyền thông; Chánh Văn phòng UBND tỉnh căn cứ chức năng",
     ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
      "Sở Thông tin và Truyền thông", "Văn phòng Ủy ban nhân dân tỉnh"]),
    ("Giao các sở, ban, ngành chủ trì, phụ trách thực hiện nhiệm vụ", ["các sở, ban, ngành"]),
    ("Sở Giao thông vận tải tỉnh Sóc Trăng có trách nhiệm", ["Sở Giao thông vận tải tỉnh Sóc Trăng"]),
    ("Sở GTVT các tỉnh, thành phố trực thuộc Trung ương tổ chức",
     ["Sở Giao thông vận tải các tỉnh, thành phố trực thuộc Trung ương"]),
    ("Ban An toàn giao thông tỉnh chủ trì, phối hợp Đài Phát thanh và Truyền hình tỉnh, Báo Quảng "
     "Ngãi tuyên truyền",
     ["Ban An toàn giao thông tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Ngãi"]),
    ("Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh phối hợp",
     ["Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
    ("Trung tâm Phục vụ hành chính công tỉnh phối hợp Chi cục Thuế khu vực IX",
     ["Trung tâm Phục vụ hành chính công tỉnh", "Chi cục Thuế khu vực IX"]),
    ("Kho bạc Nhà nước tỉnh và Bảo hiểm xã hội tỉnh", ["Kho bạc Nhà nước tỉnh", "Bảo hiểm xã hội tỉnh"]),
    ("đồng chí Phó Chủ tịch UBND tỉnh Nguyễn Văn A chỉ đạo",
     ["đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn A"]),
    ("Phó Thủ tướng Chính phủ Trần Hồng Hà yêu cầu", ["Phó Thủ tướng Chính phủ Trần Hồng Hà"]),
    ("Thủ tướng Chính phủ yêu cầu Bộ trưởng các Bộ: Công an, Quốc phòng, Giao thông vận tải",
     ["Thủ tướng Chính phủ", "Bộ Công an", "Bộ Quốc phòng", "Bộ Giao thông vận tải"]),
    ("Bộ Y tế, Bộ Công Thương, Bộ Nông nghiệp và Môi trường chịu trách nhiệm",
     ["Bộ Y tế", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường"]),
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc "
     "trung ương chịu trách nhiệm thi hành",  # the bare "Bộ trưởng" is every ministry (6617/NQ-CP gold)
     ["các Bộ", "cơ quan ngang bộ", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"]),
    ("Văn phòng Ủy ban An toàn giao thông Quốc gia để tổng hợp",
     ["Văn phòng Ủy ban An toàn giao thông Quốc gia"]),
    ("Thường trực HĐND tỉnh, Ban Thường vụ Tỉnh ủy", ["Thường trực Hội đồng nhân dân tỉnh",
                                                      "Ban Thường vụ Tỉnh ủy"]),
    ("Cục Cảnh sát giao thông, Bộ Công an", ["Cục Cảnh sát giao thông", "Bộ Công an"]),
    ("Tổng cục Đường bộ Việt Nam công bố", ["Tổng cục Đường bộ Việt Nam"]),
    ("các bộ phận chuyên môn của Sở", []),            # "bộ phận" is not "các bộ"
    ("Ban hành kèm theo Quyết định này", []),          # "Ban hành" is a verb
    ("toàn bộ cán bộ, công chức", []),
    ("Các Chủ đầu tư, Ban QLDA 3 báo cáo", ["Các Chủ đầu tư", "Ban Quản lý dự án 3"]),
    ("UBND tỉnh Quảng Ngãi", ["Ủy ban nhân dân tỉnh Quảng Ngãi"]),
    ("Công an tỉnh, thành phố trực thuộc Trung ương", ["Công an tỉnh, thành phố trực thuộc Trung ương"]),
    ("lực lượng Công an tham gia", []),               # the force, not an agency
    ("Ủy ban\nAn toàn giao thông Quốc gia", ["Ủy ban An toàn giao thông Quốc gia"]),
    ("Uỷ ban nhân dân tỉnh Thanh Hoá", ["Ủy ban nhân dân tỉnh Thanh Hóa"]),
    ("các cơ quan Trung ương đóng trên địa bàn tỉnh", ["các cơ quan Trung ương đóng trên địa bàn tỉnh"]),
    ("các Bộ, ngành, địa phương", ["các Bộ, ngành, địa phương"]),
    ("Sở Giao dịch hàng hóa", ["Sở Giao dịch hàng hóa"]),
    ("Đài PT-TH tỉnh đưa tin", ["Đài Phát thanh - Truyền hình tỉnh"]),
    ("Quyết định số 903/QĐ-UBND ngày 01/4/2020", []),          # UBND inside a ký hiệu
    # "các Vụ trưởng", "các Cục trưởng": the heads of every Vụ and Cục, head dropped (SPEC §3, as
    # "Thủ trưởng các cơ quan" → "các cơ quan"); a lone "Vụ trưởng" with no body stays nothing
    ("Chánh Văn phòng Bộ, Chánh Thanh tra Bộ, các Vụ trưởng, Tổng Cục ĐBVN",
     ["Văn phòng Bộ", "Thanh tra Bộ", "các Vụ", "Tổng cục Đường bộ Việt Nam"]),
    ("Cục trưởng Cục Đường bộ Việt Nam, các Vụ trưởng, các Cục trưởng, Thủ trưởng các cơ quan, đơn vị",
     ["Cục Đường bộ Việt Nam", "các Vụ", "các Cục", "các cơ quan, đơn vị"]),
    ("Vụ trưởng, Thủ trưởng các đơn vị", ["các đơn vị"]),
    # "các Giám đốc Sở, …": a plural title before a bare head is the heads of every Sở; not when the head
    # introduces its members ("các Giám đốc Sở: Nội vụ, …") or ends the sentence
    ("yêu cầu các Giám đốc Sở, Thủ trưởng các ban, ngành", ["các Sở", "các ban, ngành"]),
    ("các Giám đốc Sở: Nội vụ, Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("báo cáo các Giám đốc Sở.", []),
    ("Cục Hàng không Việt Nam và Tổng công ty Cảng hàng không Việt Nam",
     ["Cục Hàng không Việt Nam", "Tổng công ty Cảng hàng không Việt Nam"]),
    ("Ngân hàng Nhà nước chi nhánh tỉnh Quảng Ngãi", ["Ngân hàng Nhà nước chi nhánh tỉnh Quảng Ngãi"]),
    # a name ends at a verb, but goes on through a phrase of names that holds one ("đầu tư xây dựng",
    # "Chuyển đổi số" — models/agencies.yaml name_continuations)
    ("Trung tâm Công nghệ thông tin và Ban Quản lý dự án đầu tư xây dựng",
     ["Trung tâm Công nghệ thông tin", "Ban Quản lý dự án đầu tư xây dựng"]),
    ("Sở Xây dựng xây dựng kế hoạch", ["Sở Xây dựng"]),
    ("Giao Trung tâm Chuyển đổi số Thành phố có trách nhiệm", ["Trung tâm Chuyển đổi số Thành phố"]),
    ("Giao Sở Tài chính - Vật giá cấp kinh phí", ["Sở Tài chính - Vật giá"]),
    ("Sở Tài chính - Sở Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
    ("Đoàn Ngọc Lâm PHỤ LỤC DANH MỤC", []),                  # a signer's surname, not a head
    ("Trưởng Ban An toàn giao thông các tỉnh, thành phố trực thuộc trung ương, Bộ GTVT, Bộ Công an "
     "khẩn trương chỉ đạo",
     ["Ban An toàn giao thông các tỉnh, thành phố trực thuộc Trung ương", "Bộ Giao thông vận tải",
      "Bộ Công an"]),
    # a capitalised function word after a unit is no place ("Theo chức năng" opens the heading's line);
    # a place whose first syllable is such a word is followed by a capital ("Năm Căn", "Cần Thơ")
    ("6. Công an thành phố Theo chức năng, nhiệm vụ được giao", ["Công an thành phố"]),
    ("UBND thành phố Cần Thơ, UBND huyện Năm Căn", ["Ủy ban nhân dân thành phố Cần Thơ",
                                                   "Ủy ban nhân dân huyện Năm Căn"]),
    # a title in lower case in running text: "yêu cầu thủ trưởng các cơ quan, đơn vị …"
    ("yêu cầu thủ trưởng các cơ quan, đơn vị thực hiện", ["các cơ quan, đơn vị"]),
    ("Chánh Văn phòng UBND tỉnh; giám đốc Sở Nội vụ", ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
    # "A, B và C" inside one name; not after a place, not before another head
    ("d) Vụ Khoa học, Công nghệ và Môi trường: chủ trì", ["Vụ Khoa học, Công nghệ và Môi trường"]),
    ("Cục Thuế tỉnh, Hải quan và Kho bạc", ["Cục Thuế tỉnh"]),
    ("Vụ Pháp chế, Vụ Tổ chức cán bộ và Thanh tra Bộ", ["Vụ Pháp chế", "Vụ Tổ chức cán bộ", "Thanh tra Bộ"]),
    # a number stuck to an abbreviation: "Ban QLDA6" is "Ban Quản lý dự án 6"
    ("Ban QLDA6 khẩn trương gửi hồ sơ", ["Ban Quản lý dự án 6"]),
    # "trực thuộc Bộ" closes a collective heading; before a name it is "trực thuộc" + that body
    ("3. Các trường, học viện trực thuộc Bộ", ["Các trường, học viện trực thuộc Bộ"]),
    ("các trường, học viện trực thuộc Bộ Giao thông vận tải chủ động",
     ["các trường, học viện trực thuộc Bộ Giao thông vận tải"]),
    # "Việt Nam" qualifies a collective ("2.2. Các hãng hàng không Việt Nam:", 6881/CT-CHK)
    ("2.2. Các hãng hàng không Việt Nam:", ["Các hãng hàng không Việt Nam"]),
    # national bodies of the Front and the unions, "trung ương" in lower case (08/2022/QĐ-TTg Điều 13.7)
    ("7. Đề nghị Ủy ban trung ương Mặt trận Tổ quốc Việt Nam, Tổng Liên đoàn Lao động Việt Nam, Phòng Thương mại "
     "và Công nghiệp Việt Nam và các tổ chức đoàn thể chính trị tham gia phổ biến",
     ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Tổng Liên đoàn Lao động Việt Nam",
      "Phòng Thương mại và Công nghiệp Việt Nam", "các tổ chức đoàn thể chính trị"]),
    ("Tổng Liên đoàn chỉ đạo các cấp công đoàn", ["Tổng Liên đoàn", "các cấp công đoàn"]),
    # a name that holds "và các" (1540/QĐ-UBND Quảng Ngãi): not cut at "và các"
    ("Trưởng ban Ban Quản lý Khu Kinh tế Dung Quất và các Khu Công nghiệp Quảng Ngãi và Chủ tịch Ủy ban nhân dân "
     "các huyện, thị xã, thành phố tiến hành kiểm tra",
     ["Ban Quản lý Khu Kinh tế Dung Quất và các Khu Công nghiệp Quảng Ngãi",
      "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh chủ trì", ["Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh"]),
    # a head word that ends a province inside a name is no new head (488/TB-BGTVT): "Hải Phòng", not "Phòng …"
    ("1. Công ty CP Cảng Hải Phòng, Công ty CP Tập đoàn Hateco tiếp tục thực hiện",
     ["Công ty CP Cảng Hải Phòng", "Công ty CP Tập đoàn Hateco"]),
]


@pytest.mark.parametrize("text,expected", FIND, ids=[c[0][:60] for c in FIND])
def test_find(text, expected):
    assert [a.name for a in find_agencies(text)] == expected


def test_find_offsets_point_into_text():
    """Offsets index the caller's text, across line breaks and a start offset."""
    text = "1. Giao Giám đốc Sở\nNội vụ  chủ trì; Công an tỉnh phối hợp."
    found = find_agencies(text, 3)
    assert [(a.text, a.name) for a in found] == [
        ("Giám đốc Sở\nNội vụ", "Sở Nội vụ"), ("Công an tỉnh", "Công an tỉnh")]
    for a in found:
        assert text[a.start:a.end] == a.text


def test_find_span_and_keep_head():
    """find_agencies(…, start, end) looks only inside the span; drop_head=False keeps the title."""
    text = "Sở Y tế chủ trì. Báo cáo Chủ tịch UBND tỉnh trước ngày 15/11."
    found = find_agencies(text, 17, len(text), drop_head=False)
    assert [(a.text, a.name) for a in found] == [("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh")]


# --------------------------------------------------------------------------------------------
# provinces

PROVINCES = [
    ("tỉnh Hà Giang", "Tuyên Quang"),          # merged in 2025
    ("Hà Giang", "Tuyên Quang"),
    ("TỈNH QUẢNG NAM", "Đà Nẵng"),
    ("tỉnh Bà Rịa-Vũng Tàu", "Hồ Chí Minh"),
    ("Thừa Thiên Huế", "Huế"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("Quảng Ngãi", "Quảng Ngãi"),              # kept its name (and took in Kon Tum)
    ("tỉnh Kon Tum", "Quảng Ngãi"),
    ("tỉnh Hoà Bình", "Phú Thọ"),              # old spelling
    ("thành phố Hà Nội", "Hà Nội"),
    ("Sở Nội vụ", None),
    ("Mộ Đức", None),
]


@pytest.mark.parametrize("name,successor", PROVINCES, ids=[p[0] for p in PROVINCES])
def test_province_successor(name, successor):
    assert province_successor(name) == successor


def test_province_info():
    """Both eras are in the gazetteer, with the unit and the merge map."""
    hg = province_info("tỉnh Hà Giang")
    assert (hg["name"], hg["full"], hg["legacy"], hg["current"]) == ("Hà Giang", "tỉnh Hà Giang", True, False)
    tq = province_info("Tuyên Quang")
    assert tq["current"] and tq["merged_from"] == ["Hà Giang", "Tuyên Quang"]
    assert province_info("Thành phố Hồ Chí Minh")["full"] == "Thành phố Hồ Chí Minh"
    data = json.loads((MODELS / "provinces.json").read_text(encoding="utf-8"))
    assert (len(data["legacy"]), len(data["current"])) == (63, 34)


# --------------------------------------------------------------------------------------------
# the examples written beside the data

def _examples():
    ag = yaml.safe_load((MODELS / "agencies.yaml").read_text(encoding="utf-8"))
    ab = yaml.safe_load((MODELS / "abbreviations.yaml").read_text(encoding="utf-8"))
    for e in ab["abbreviations"]:
        yield "abbreviations", e["example"]
    for section, items in ag.items():
        if isinstance(items, list):
            for e in items:
                if isinstance(e, dict) and "example" in e:
                    yield section, e["example"]


EXAMPLES = list(_examples())


@pytest.mark.parametrize("section,example", EXAMPLES, ids=[f"{s}: {e[:50]}" for s, e in EXAMPLES])
def test_model_examples(section, example):
    """Each example in models/*.yaml holds: 'a → b', 'find: a → b', 'a → (none)', a bare phrase."""
    if "→" not in example:  # a phrase recognised whole
        found = find_agencies(example)
        assert found and found[-1].end == len(example), found
        return
    left, right = (x.strip() for x in example.split("→", 1))
    if left.startswith("find:"):
        left = left[5:].strip()
        found = find_agencies(left)
        assert found and found[0].name == right, found
    elif right == "(none)":
        assert not any(a.text.lower().startswith("các") for a in find_agencies(left))
    elif right.startswith("successor "):
        assert province_successor(left) == right[len("successor "):]
    elif section in ("line_prefixes", "notes") or "; " in right:
        assert split_agencies(left) == right.split("; ")
    elif section == "abbreviations":
        assert canonical_agency(left, drop_head=False) == right
    else:
        assert canonical_agency(left) == right


def test_provinces_json_is_current():
    """models/provinces.json is what scripts/build_provinces.py builds from the installed packages."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_provinces", ROOT / "scripts" / "build_provinces.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0


@pytest.mark.parametrize("text, acronym, expansion", [
    ("do Cục Đăng kiểm Việt Nam (ĐKVN) chủ trì", "ĐKVN", "Đăng kiểm Việt Nam"),          # 348/TB-BGTVT
    ("Cục Đăng kiểm Việt Nam (sau đây viết tắt là Cục ĐKVN)", "ĐKVN", "Đăng kiểm Việt Nam"),
    ("của Bộ Giáo dục và Đào tạo (Bộ GDĐT)", "GDĐT", "Giáo dục và Đào tạo"),           # "và" has no initial
    ("công tác bảo đảm trật tự, an toàn giao thông (TTATGT)", "TTATGT", None),        # no agency name
    ("- VP. Chính phủ (HN-TP.HCM)", "HCM", None),
    # as printed, its dash kept (302/TB-BGTVT: "các Vụ: Khoa học - Công nghệ và Môi trường (KHCN&MT)")
    ("các Vụ: Khoa học - Công nghệ và Môi trường (KHCN&MT), Pháp chế", "KHCN&MT",
     "Khoa học - Công nghệ và Môi trường"),
])
def test_document_acronyms(text, acronym, expansion):
    """A document's own acronyms: 'Cục Đăng kiểm Việt Nam (ĐKVN)' makes 'Cục ĐKVN' readable."""
    from pipeline.agencies import document_acronyms, expand_document_acronyms
    found = document_acronyms(text)
    assert found.get(acronym) == expansion
    if expansion:
        assert expand_document_acronyms(f"Cục {acronym}", found) == f"Cục {expansion}"


@pytest.mark.parametrize("text, names", [
    ("g) Thanh tra Bộ: Chủ trì, phối hợp với các cơ quan", ["Thanh tra Bộ", "các cơ quan"]),  # 06/CT-BGTVT
    ("Thanh tra Bộ: Theo chức năng, nhiệm vụ được giao", ["Thanh tra Bộ"]),
    ("Giám đốc các Sở: Tài chính, Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
])
def test_colon_after_a_name_is_no_list_when_a_verb_follows(text, names):
    """'Thanh tra Bộ: Chủ trì' is the Inspectorate acting, not a list 'Bộ: Chủ trì'."""
    assert [a.name for a in find_agencies(text)] == names


@pytest.mark.parametrize("text, names", [
    ("các cơ quan thành viên của Ban An toàn giao thông tỉnh tổ chức",            # 08/KH-UBND
     ["các cơ quan thành viên của Ban An toàn giao thông tỉnh"]),
    ("Yêu cầu các đơn vị quản lý bến xe, nhà ga, sân bay, bến cảng ... và các đơn vị kinh doanh vận tải:",
     ["các đơn vị quản lý bến xe, nhà ga, sân bay, bến cảng", "các đơn vị kinh doanh vận tải"]),
    ("các sở, ban, ngành, tổ chức đoàn thể, các cơ quan, đơn vị, địa phương tổ chức",  # 06/CT-UBND
     ["các sở, ban, ngành, tổ chức đoàn thể, các cơ quan, đơn vị, địa phương"]),
    ("Các cấp, các ngành tăng cường", ["Các cấp, các ngành"]),
    ("các doanh nghiệp vận tải hành khách, các bến xe chấp hành nghiêm",
     ["các doanh nghiệp vận tải hành khách", "các bến xe"]),
    ("các đơn vị trực thuộc tăng cường", ["các đơn vị trực thuộc"]),
    # a relative description (annotations/README: a collective with its description is one entry):
    # the bodies it names, joined by "và" (198/KH-UBND I.4) ...
    ("4. Các cơ quan có lãnh đạo là thành viên Ban An toàn giao thông tỉnh và Ban An toàn giao thông huyện, thành "
     "phố phải nêu cao tinh thần trách nhiệm",
     ["Các cơ quan có lãnh đạo là thành viên Ban An toàn giao thông tỉnh và Ban An toàn giao thông huyện, thành phố"]),
    ("Các cơ quan có lãnh đạo là thành viên Ban Chỉ đạo chịu trách nhiệm",
     ["Các cơ quan có lãnh đạo là thành viên Ban Chỉ đạo"]),
    # ... but not a new addressee after it ("… và UBND các huyện", "…, UBND các huyện")
    ("Các Sở, Ban, ngành, đoàn thể có lãnh đạo là thành viên Ban An toàn giao thông tỉnh, UBND các huyện, thị xã, "
     "thành phố xây dựng",
     ["Các Sở, Ban, ngành, đoàn thể có lãnh đạo là thành viên Ban An toàn giao thông tỉnh",
      "Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("các sở, ngành là thành viên của Ban An toàn giao thông tỉnh và UBND các huyện cần tập trung",
     ["các sở, ngành là thành viên của Ban An toàn giao thông tỉnh", "Ủy ban nhân dân các huyện"]),
    # a part joined by "và các" with a complement of its own is its own entry (README: collectives with
    # their own qualifiers; 403/KH-UBND Bến Tre II); without one the run stays one
    ("các sở, ngành, đoàn thể và các cơ quan thành viên Ban ATGT tỉnh; Ủy ban nhân dân các huyện cần tập trung",
     ["các sở, ngành, đoàn thể", "các cơ quan thành viên Ban An toàn giao thông tỉnh",
      "Ủy ban nhân dân các huyện"]),
    ("các sở, ngành liên quan và các địa phương thực hiện", ["các sở, ngành liên quan và các địa phương"]),
    # or its words up to a reference or a verb (seed 004 item 2)
    ("2. Các cơ quan được phân công phụ trách các tiêu chí Chỉ số nội dung nêu tại khoản 2 Mục IV Báo cáo số "
     "174/BC-SNV, xây dựng kế hoạch",
     ["Các cơ quan được phân công phụ trách các tiêu chí Chỉ số nội dung"]),
])
def test_collective_keeps_its_description(text, names):
    """'các đơn vị kinh doanh vận tải' is the addressee, not 'các đơn vị'; a verb ends it."""
    assert [a.name for a in find_agencies(text)] == names
