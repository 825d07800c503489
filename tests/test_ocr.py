"""OCR: post-OCR repairs (each on the phrase it fixes), signature stamps, PDF page judging, and
Tesseract on small images made here (skipped when tesseract / its Vietnamese data are missing)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline import ingest, ocr, ocr_repair as R

ROOT = Path(__file__).resolve().parents[1]
RULES = R.load_rules()


def _cases(section, key="example"):
    return [(c[key][0], c[key][1]) for c in section]


# --- repairs: every example of models/ocr_repairs.yaml, through the step it belongs to ---------

YAML_CASES = (
    [("chars", a, b) for a, b in _cases(RULES["chars"])]
    + [("lines", a, b) for a, b in _cases(RULES["lines"])]
    + [("header", a, b) for a, b in _cases(RULES["header_lines"]["canonical"])]
    + [("symbol", a, b) for a, b in _cases(RULES["symbol"]["types"] + RULES["symbol"]["issuers"])]
    + [("symbol", *RULES["symbol"]["separator_example"])]
    + [("symbol", *RULES["symbol"]["doubled_separator_example"])]
    + [("rejoin", *RULES["rejoin"]["example"])]
)
STEPS = {"chars": R.fix_chars, "lines": R.fix_lines, "header": R.fix_header_lines,
         "symbol": R.fix_symbols, "rejoin": R.rejoin_lines}


@pytest.mark.parametrize("step,seen,repaired", YAML_CASES, ids=[f"{c[0]}: {c[1][:40]}" for c in YAML_CASES])
def test_yaml_example(step, seen, repaired):
    assert STEPS[step](seen) == repaired


# --- words Tesseract was unsure of: models/ocr_repairs.yaml "uncertain_words" ------------------

UNCERTAIN = RULES["uncertain_words"]


def _confidences(seen: str, unsure: str | None, low: int = 30, high: int = 97) -> list[int]:
    """A word confidence per token: `low` for the unsure word (its punctuation aside), else `high`."""
    return [low if unsure is not None and unsure in (tok, tok.strip(",.;:")) else high for tok in seen.split()]


UNSURE_CASES = [(e["seen"], e["unsure"], e.get("repaired", e["seen"]))
                for sec in ("syllables", "specks") for e in UNCERTAIN[sec]["examples"] + UNCERTAIN[sec].get("kept", [])]


@pytest.mark.parametrize("seen,unsure,repaired", UNSURE_CASES, ids=[c[0][:40] for c in UNSURE_CASES])
def test_unsure_word(seen, unsure, repaired):
    """"việc, tỉnh thần," read unsure → "tinh thần"; "Hà Tĩnh" (a name) and "ngã từ trên" stay."""
    assert R.fix_uncertain_words(seen, _confidences(seen, unsure)) == repaired


SURE_CASES = [(e["seen"], e["repaired"]) for e in UNCERTAIN["syllables"]["sure_examples"]]


@pytest.mark.parametrize("seen,repaired", SURE_CASES, ids=[c[0] for c in SURE_CASES])
def test_sure_word_never_seen_beside_its_neighbours(seen, repaired):
    """"quy định chỉ tiết" read with confidence 96 is still "quy định chi tiết"."""
    assert R.fix_uncertain_words(seen, _confidences(seen, None, high=96)) == repaired


def test_sure_words_seen_beside_neighbours_stay():
    """Clean running text with high confidences comes back unchanged (mixed tone placement too)."""
    text = ("Yêu cầu Giám đốc Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan rà soát, tổng hợp,\n"
            "báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh Hà Tĩnh trước ngày 15/11/2021; hàng hoá,\n"
            "thuỷ sản và tinh thần trách nhiệm.")
    assert R.fix_uncertain_words(text, _confidences(text, None, high=95)) == text
    assert R.fix_uncertain_words(text, None) == text


def test_specks_need_low_confidence_and_lists_keep_their_dashes():
    """"UBND tỉnh. :" with ":" at 21 loses the speck; at 95 it stays; a low "-" marker is never one."""
    assert R.fix_uncertain_words("UBND tỉnh. :", [97, 97, 21]) == "UBND tỉnh."
    assert R.fix_uncertain_words("UBND tỉnh. :", [97, 97, 95]) == "UBND tỉnh. :"
    assert R.fix_uncertain_words("- Như trên;", [10, 97, 97]) == "- Như trên;"


def test_confidences_that_do_not_line_up_are_ignored():
    """A word list of another length than the text falls back to the rule for sure words: "hướng dân
    thực hiện" is repaired only when "dân" is known to be unsure."""
    assert R.fix_uncertain_words("hướng dân thực hiện", [97, 30, 97, 97]) == "hướng dẫn thực hiện"
    assert R.fix_uncertain_words("hướng dân thực hiện", [97, 30]) == "hướng dân thực hiện"


def test_to_pages_repairs_with_word_confidences():
    """OCR results carry each word's confidence to the repair: "tỉnh thần" at 60 → "tinh thần"."""
    text = "Nâng cao tỉnh thần trách nhiệm.\n\nKý bởi: Sở Nội vụ\n"
    res = ocr.OcrResult(text, 90.0, word_confidences=[96, 96, 60, 96, 96, 96, 96, 96, 96])
    info: dict = {}
    page = ocr.to_pages([res], info)[0]
    assert page.text == "Nâng cao tinh thần trách nhiệm." and info["stamp"] == ["Ký bởi: Sở Nội vụ"]


# the phrases issue 4 names, through the whole repair
REPAIRS = [
    ("Số: 12/QÐ-UBND", "Số: 12/QĐ-UBND"),                       # U+00D0
    ("Báo cáo số 84/BC:SNV ngày 10/4/2024", "Báo cáo số 84/BC-SNV ngày 10/4/2024"),
    ("Quyết định số 273/QĐ–UBND", "Quyết định số 273/QĐ-UBND"),
    ("Quyết định số 273/QĐ_UBND", "Quyết định số 273/QĐ-UBND"),
    ("Quyết định số 273/QĐÐ-UBND", "Quyết định số 273/QĐ-UBND"),  # doubled letter
    ("Quyết định số 28/QÐ-TTg", "Quyết định số 28/QĐ-TTg"),
    ("Quyết định số 1850/Q Đ-UBND", "Quyết định số 1850/QĐ-UBND"),
    ("Nghị định số 61/2018/ND-CP", "Nghị định số 61/2018/NĐ-CP"),
    ("Nghị định số 61/2018/NÐ-CP", "Nghị định số 61/2018/NĐ-CP"),
    ("Công văn số 123/C V-UBND", "Công văn số 123/CV-UBND"),
    ("Chương trình số 12-CTR/TU", "Chương trình số 12-CTr/TU"),
    ("Sô: 115/NQ-CP", "Số: 115/NQ-CP"),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHIA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Đôc lập - Tư do - Hanh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("| 1 | Sở Nội vụ | Quý III/2024 |", "1 Sở Nội vụ Quý III/2024"),
    ("Kinh gửi: Sở Nội vụ", "Kính gửi: Sở Nội vụ"),
    ("ngày 22/4/2024 và ngày 10/5/2024", "ngày 22/4/2024 và ngày 10/5/2024"),  # dates are not symbols
    ("Hướng dẫn số 10/HD-SNV", "Hướng dẫn số 10/HD-SNV"),                      # HD is itself a type
    ("Đề án số 04/ĐA-UBND và Dự án 05/DA-BQL", "Đề án số 04/ĐA-UBND và Dự án 05/DA-BQL"),
    ("thực hiện/.\n\nNơi nhận:", "thực hiện./.\n\nNơi nhận:"),                 # "./." bent at the body's end
    ("đúng quy định của pháp luật. /.\nTM. CHÍNH PHỦ", "đúng quy định của pháp luật./.\nTM. CHÍNH PHỦ"),
    ("triển khai thực hiện./.\n\nNơi nhận:", "triển khai thực hiện./.\n\nNơi nhận:"),
    ("các nội dung sau...\n1. Giao Sở Nội vụ", "các nội dung sau...\n1. Giao Sở Nội vụ"),  # not the body's end
    ("- Lưu: VT; NC.", "- Lưu: VT; NC."),
    ("Số: 23/CĐ--UBATGTQG", "Số: 23/CĐ-UBATGTQG"),
    ("Số: 23/CĐ-:UBATGTQG", "Số: 23/CĐ-:UBATGTQG"),                         # only a doubled hyphen
    ("giai đoạn 2021 - 2025", "giai đoạn 2021 - 2025"),
]


@pytest.mark.parametrize("seen,repaired", REPAIRS, ids=[r[0] for r in REPAIRS])
def test_repair(seen, repaired):
    assert R.repair(seen) == repaired


REJOIN = [
    ("giao Sở Nội vụ chủ trì, phối hợp với các cơ quan\nliên quan rà soát, báo cáo.",
     "giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan rà soát, báo cáo."),
    ("a) Rà soát các nhiệm vụ;\nb) Báo cáo kết quả.", "a) Rà soát các nhiệm vụ;\nb) Báo cáo kết quả."),
    ("ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH", "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, NC.", "Nơi nhận:\n- Như trên;\n- Lưu: VT, NC."),
    ("xây dựng kế hoạch khắc phục\n\n2. Giao Sở Nội vụ", "xây dựng kế hoạch khắc phục\n\n2. Giao Sở Nội vụ"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
]


@pytest.mark.parametrize("seen,rejoined", REJOIN, ids=[r[0][:40] for r in REJOIN])
def test_rejoin(seen, rejoined):
    assert R.rejoin_lines(seen) == rejoined


def test_rejoin_full_line_ending_in_semicolon():
    """"…giai đoạn 2021 - 2025;\nQuyết định số 1850/QĐ-UBND …": a wrap inside one item, not a new unit."""
    body = ["(2) Tiếp tục triển khai, thực hiện có hiệu quả Chương trình số 12-CTr/TU ngày 26",
            "tháng 3 năm 2021 của Ban Thường vụ Tỉnh ủy về tăng cường công tác lãnh đạo thực",
            "hiện nhiệm vụ cải cách hành chính, nâng cao thứ hạng các Chỉ số PAR Index, PAPI,",
            "SIPAS giai đoạn 2021 - 2025; Quyết định số 1850/QĐ-UBND ngày 06 tháng 9 năm 2021;",
            "Quyết định số 384/QĐ-UBND ngày 16 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh ban",
            "hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2021 - 2025 của tỉnh Trà Vinh;",
            "Kế hoạch số 97/KH-UBND ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân tỉnh ban hành",
            "Kế hoạch cải cách hành chính năm 2023 và các văn bản chỉ đạo của Trung ương.",
            "Kính gửi:", "Sở Nội vụ;", "Sở Tài chính."]
    out = R.rejoin_lines("\n".join(body)).split("\n")
    assert out[0].endswith("của Trung ương.") and "năm 2021; Quyết định số 384/QĐ-UBND" in out[0]
    assert out[1:] == ["Kính gửi:", "Sở Nội vụ;", "Sở Tài chính."]


# --- signature stamps ---------------------------------------------------------------------------------

STAMPS = [
    ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\n"
     "Ngày ký: 2026-06-02 08:06:33 +07:00\nCHÍNH PHỦ", "CHÍNH PHỦ", 3, "2026-06-02T08:06:33+07:00"),
    ("ỦY BAN NHÂN DÂN\nNgười ký: Sở Nội vụ\nEmail: snv@hatinh.gov.vn\nThời gian ký: 12.05.2026 09:38:11 +07:00",
     "ỦY BAN NHÂN DÂN", 3, "2026-05-12T09:38:11+07:00"),
    ("Cơ quan: Sở Nội vụ\nĐịa chỉ: 12 Trần Phú", "Cơ quan: Sở Nội vụ\nĐịa chỉ: 12 Trần Phú", 0, None),  # no anchor
    ("Việc đăng ký kết hôn thực hiện theo quy định.", "Việc đăng ký kết hôn thực hiện theo quy định.", 0, None),
]


@pytest.mark.parametrize("text,kept,n_stamp,signed", STAMPS, ids=[s[0][:30] for s in STAMPS])
def test_signature_stamp(text, kept, n_stamp, signed):
    out, stamp, when = R.strip_signature_stamp(text)
    assert (out, len(stamp), when) == (kept, n_stamp, signed)


TIMES = [("D:20260508164219+07'00'", "2026-05-08T16:42:19+07:00"), ("2026-05-08 16:42:19 +07:00", "2026-05-08T16:42:19+07:00"),
         ("12.05.2026 09:38:11 +07:00", "2026-05-12T09:38:11+07:00"), ("02/06/2026", "2026-06-02"), ("99.99.2026", None)]


@pytest.mark.parametrize("raw,iso", TIMES, ids=[t[0] for t in TIMES])
def test_iso_time(raw, iso):
    assert R.iso_time(raw) == iso


# --- PDFs with a text layer stay on the fast path -----------------------------------------------------

def test_digital_pdf_uses_text_layer_and_signature_time():
    pdf = ROOT / "corpus" / "congbao" / "nghi-quyet-so-113-nq-cp-469448.pdf"
    if not pdf.exists():
        pytest.skip("corpus PDF missing")
    doc = ingest.read_file(pdf)[0]
    assert not any(p.ocr for p in doc.pages)
    assert all(p.confidence is None for p in doc.pages)
    assert "NGHỊ QUYẾT" in doc.pages[0].text
    assert doc.info["signed_at"].startswith("2026-")


def test_scanned_pdf_pages_are_judged_for_ocr():
    """The Công báo scans: image pages whose text layer is only "CÔNG BÁO/Số 271/…" or a
    signature block; every page must go to OCR (judged without running it)."""
    import pypdfium2 as pdfium

    name = "corpus/congbao-pdf/nghi-quyet-so-115-nq-cp-469452.pdf"
    pdf_path = next((p for p in (ROOT.parent / "shared" / name, Path("/work/shared") / name) if p.exists()), None)
    if pdf_path is None:
        pytest.skip("shared/ corpus not beside the repo")
    pdf = pdfium.PdfDocument(str(pdf_path))
    verdicts = []
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        verdicts.append(ingest.judge_pdf_page(page, tp, tp.get_text_bounded()))
    assert verdicts == ["ocr", "ocr"]


# --- Tesseract on images made here ----------------------------------------------------------------------

REASON = ocr.unavailable_reason()
needs_ocr = pytest.mark.skipif(REASON is not None, reason=f"OCR unavailable: {REASON}")
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = ["Ủy ban nhân dân tỉnh Hà Tĩnh", "Số: 2268/QĐ-UBND ngày 15 tháng 11 năm 2021"]


def _page(lines=LINES, size=(1400, 260)):
    from PIL import Image, ImageDraw, ImageFont

    font_file = next((f for f in FONT_FILES if Path(f).exists()), None)
    if font_file is None:
        pytest.skip("no Vietnamese TTF (apt-get install fonts-dejavu-core)")
    font = ImageFont.truetype(font_file, 40)
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 90), line, font=font, fill=0)
    return img


def _words(text):
    return set(text.split())


@needs_ocr
def test_ocr_line_of_vietnamese():
    res = ocr.ocr_image(_page(), 300)
    assert {"Ủy", "nhân", "dân", "tỉnh", "Tĩnh", "2268/QĐ-UBND", "tháng"} <= _words(res.text)
    assert res.confidence and res.confidence > 70


@needs_ocr
def test_ocr_upside_down_page_is_turned():
    lines = LINES + ["Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan", "báo cáo kết quả trước ngày 20/5/2024."]
    res = ocr.ocr_image(_page(lines, (1500, 520)).rotate(180), 300)
    assert res.rotation == 180
    assert {"nhân", "dân", "phối", "hợp"} <= _words(res.text)


@needs_ocr
def test_multipage_tiff_and_png(tmp_path):
    first, second = _page(), _page(["Kính gửi: Sở Nội vụ", "Độc lập - Tự do - Hạnh phúc"])
    tif = tmp_path / "scan.tif"
    first.save(tif, save_all=True, append_images=[second], dpi=(300, 300))
    doc = ingest.read_file(tif)[0]
    assert doc.format == "image" and [p.number for p in doc.pages] == [1, 2]
    assert all(p.ocr and p.confidence for p in doc.pages)
    assert "Kính gửi: Sở Nội vụ" in doc.pages[1].text
    png = tmp_path / "scan.png"
    first.save(png)
    assert "2268/QĐ-UBND" in ingest.read_file(png)[0].pages[0].text


@needs_ocr
def test_image_only_pdf_goes_to_ocr(tmp_path):
    pdf = tmp_path / "scan.pdf"
    page = _page(LINES, (2480, 700))
    page.save(pdf, resolution=300)
    doc = ingest.read_file(pdf)[0]
    assert doc.pages[0].ocr and doc.pages[0].confidence > 70
    assert "2268/QĐ-UBND" in doc.pages[0].text


def test_unreadable_image_is_an_ingest_error(tmp_path):
    bad = tmp_path / "x.png"
    bad.write_bytes(b"not a png")
    with pytest.raises(ingest.IngestError, match="not a readable image"):
        ingest.read_file(bad)


def test_missing_ocr_gives_clear_error(tmp_path, monkeypatch):
    from PIL import Image

    png = tmp_path / "a.png"
    Image.new("L", (50, 50), 255).save(png)
    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "the tesseract program is not installed")
    with pytest.raises(ingest.IngestError, match="tesseract program is not installed"):
        ingest.read_file(png)
