"""Legacy encodings: TCVN3 / VNI text → Unicode, detection without false positives, and the
syllable test that flags garbled PDF text layers. Each case names the phrase it guards."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline import ingest, legacy_encodings as le

ROOT = Path(__file__).resolve().parents[1]

# (phrase as it reaches us, encoding, Unicode)
CONVERSIONS = [
    ("Uû ban nh©n d©n", "tcvn3", "Ủy ban nhân dân"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("Së Néi vô tØnh Hµ TÜnh", "tcvn3", "Sở Nội vụ tỉnh Hà Tĩnh"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # .VnTimeH capitals
    ("Uûy ban nhaân daân", "vni", "Ủy ban nhân dân"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Sôû Noäi vuï tænh Traø Vinh", "vni", "Sở Nội vụ tỉnh Trà Vinh"),
    ("tröôùc ngaøy 15 thaùng 11 naêm 2021", "vni", "trước ngày 15 tháng 11 năm 2021"),
]


@pytest.mark.parametrize("phrase,encoding,expected", CONVERSIONS, ids=[c[0] for c in CONVERSIONS])
def test_conversion_and_detection(phrase, encoding, expected):
    assert le.to_unicode(phrase, encoding) == expected
    assert le.fix_legacy(phrase) == (expected, encoding)


def test_brief_vni_phrase_without_y():
    # "Uû ban nhaân daân" (as written in issue 4) is VNI for "Ủ ban nhân dân": VNI puts the tone
    # byte after the vowel it marks, so "Ủy" is "Uûy"; the TCVN3 "Uû" is "Uỷ" → "Ủy".
    assert le.fix_legacy("Uû ban nhaân daân") == ("Ủ ban nhân dân", "vni")


NOT_LEGACY = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân tỉnh Hà Tĩnh yêu cầu Sở Nội vụ báo cáo trước ngày 15/11/2021.",
    "The Parties shall cooperate in the field of education and training.",
    "Café au lait à la crème brûlée, naïve façade, déjà vu, garçon.",
    "© 2024 Bộ Nội vụ. Bản quyền thuộc về Cổng thông tin điện tử.",
    "Số: 2268/UBND-TTHC — Hà Nội, ngày 06/5/2024 (PAR Index, SIPAS).",
]


@pytest.mark.parametrize("text", NOT_LEGACY, ids=[t[:30] for t in NOT_LEGACY])
def test_no_false_positive(text):
    assert le.detect(text) is None
    assert le.fix_legacy(text) == (text, None)


# (bytes, expected text): decode_text on files
DECODES = [
    ("Uû ban nh©n d©n tØnh Hµ TÜnh".encode("latin-1"), "Ủy ban nhân dân tỉnh Hà Tĩnh"),
    ("Uûy ban nhaân daân tænh Traø Vinh".encode("latin-1"), "Ủy ban nhân dân tỉnh Trà Vinh"),
    (b"H\xe0 N\xf4\xf2i, ng\xe0y 06", "Hà Nội, ngày 06"),  # Windows-1258: "ô" + combining dot below
    ("Ủy ban nhân dân tỉnh".encode("utf-8"), "Ủy ban nhân dân tỉnh"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("utf-8"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),  # TCVN3 saved as UTF-8
]


@pytest.mark.parametrize("data,expected", DECODES, ids=["tcvn3 bytes", "vni bytes", "cp1258 bytes", "utf-8",
                                                        "tcvn3 inside utf-8"])
def test_decode_text(data, expected):
    assert ingest.decode_text(data) == expected


def test_tcvn3_txt_file(tmp_path):
    p = tmp_path / "cv.txt"
    p.write_bytes("Uû ban nh©n d©n tØnh\nKÝnh göi: Së Néi vô".encode("latin-1"))
    assert ingest.read_file(p)[0].pages[0].text == "Ủy ban nhân dân tỉnh\nKính gửi: Sở Nội vụ"


FONTS = [(".VnTime", "tcvn3"), (".VnTimeH", "tcvn3"), ("VNI-Times", "vni"), ("Times New Roman", None), (None, None)]


@pytest.mark.parametrize("font,encoding", FONTS, ids=[str(f[0]) for f in FONTS])
def test_font_encoding(font, encoding):
    assert le.font_encoding(font) == encoding


TONE = [("Uỷ ban", "Ủy ban"), ("hoà bình", "hòa bình"), ("khoẻ mạnh", "khỏe mạnh"), ("thuỷ lợi", "thủy lợi"),
        ("quý III", "quý III"), ("hoàn thành", "hoàn thành")]


@pytest.mark.parametrize("old,new", TONE, ids=[t[0] for t in TONE])
def test_modern_tone_placement(old, new):
    assert le.modern_tone_placement(old) == new


GARBLED = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp Tù do H¹nh phóc " * 3, True),
    ("Qf!ebj mpo hjbp uif dpoh wjfd dvb Cp Opj wv uspoh ubsbn ohbz " * 3, True),
    ("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành khẩn trương triển khai thực hiện " * 3, False),
    ("The Parties shall cooperate in the field of education and training with each other. " * 3, False),
]


@pytest.mark.parametrize("text,garbled", GARBLED, ids=["tcvn3 text layer", "shifted font map", "Vietnamese",
                                                       "English"])
def test_looks_garbled(text, garbled):
    assert le.looks_garbled(text) is garbled


def test_tables_match_their_build_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_legacy_encodings as build
    finally:
        sys.path.pop(0)
    for name, fn in (("tcvn3", build.tcvn3_table), ("vni", build.vni_table), ("tone_placement", build.tone_placement)):
        data = json.loads((ROOT / "models" / "legacy_encodings" / f"{name}.json").read_text(encoding="utf-8"))
        assert data["map"] == fn(), f"models/legacy_encodings/{name}.json is stale: run scripts/build_legacy_encodings.py"
