"""Make the OCR test corpus: the five seed dispatches → clean page images → PDF and degraded scans.

    .venv/bin/python scripts/make_scans.py [--out bench/scans] [--seeds corpus/seeds]
    .venv/bin/python scripts/make_scans.py --out bench/scans/heldout corpus/tvpl/19_CĐ_BGTVT.json …

Named input files replace the seeds: a held-out set for checking that OCR repairs are not tuned to
the five seeds. A .txt/.md file is drawn as it is; any other corpus file (crawl .json, PDF) is drawn
from its normalized text (pipeline.extract(…).text), so the clean extraction and the scan share one
reference text and the annotations in annotations/ score both.

Writes, per seed NAME (markdown "**" bold and "*" italic marks stripped):
    clean/NAME.txt            the text as rendered (the reference for character error rate)
    clean/NAME.pdf            the pages as a Pillow-drawn A4 PDF at 300 dpi (image pages, like a scan)
    300/NAME-pN.png, 300/NAME.pdf, 200/NAME-pN.png, 200/NAME.tif (multi-page)
                              the pages with noise, blur and a 2° skew at 300 and 200 dpi
Deterministic (fixed random seed), so benchmark numbers are comparable run to run. The output
folder is git-ignored; nothing here is committed.
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
# fonts-liberation2 has the Vietnamese glyphs; fonts-liberation (1.x) lacks Ủ, Ộ, … and is skipped
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/dejavu")
# Times-like serif first (what dispatches are typed in: NĐ 30 asks for Times New Roman)
FONT_FILES = (("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
              ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"))

DPI = 300
PAGE_W, PAGE_H = 2480, 3508          # A4 at 300 dpi
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 354, 236, 236, 236  # 30 / 20 / 20 / 20 mm
FONT_PT = 13
LINE_SPACING = 1.25


def find_fonts() -> tuple[str, str]:
    for regular, bold in FONT_FILES:
        for d in FONT_DIRS:
            r, b = Path(d, regular), Path(d, bold)
            if r.exists() and b.exists() and has_vietnamese(str(r)):
                return str(r), str(b)
    raise SystemExit("no Vietnamese-capable TTF found: apt-get install fonts-liberation2 (or fonts-dejavu-core)")


def has_vietnamese(font_file: str) -> bool:
    """True when the font draws "Ộ" differently from a missing glyph (the .notdef box)."""
    font = ImageFont.truetype(font_file, 40)
    return all(bytes(font.getmask(ch)) != bytes(font.getmask("\uffff")) for ch in "ỘỦữặ")


def seed_lines(text: str) -> list[tuple[str, bool]]:
    """Seed markdown → (line, bold) pairs; "**…**" marks bold runs, which may span lines."""
    out: list[tuple[str, bool]] = []
    bold = False
    for raw in text.strip("\n").split("\n"):
        line = raw.strip()
        starts_bold = bold
        if line.count("**") % 2:
            bold = not bold
        # single "*" marks italics ("(*việc … theo dõi*)"): dropped, as the pipeline's normalize does
        out.append((line.replace("*", "").strip(), starts_bold or line.startswith("**")))
    return out


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if draw.textlength(trial, font=font) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def render_pages(text: str, fonts: tuple[str, str]) -> tuple[list[Image.Image], str]:
    """Clean 300 dpi pages and the text exactly as drawn (paragraph breaks kept)."""
    size = round(FONT_PT / 72 * DPI)
    regular, bold = ImageFont.truetype(fonts[0], size), ImageFont.truetype(fonts[1], size)
    step = round(size * LINE_SPACING)
    width = PAGE_W - MARGIN_L - MARGIN_R
    pages: list[Image.Image] = []
    page = draw = None
    y = PAGE_H
    drawn: list[str] = []

    for line, is_bold in seed_lines(text):
        if not line:
            y += step // 2
            drawn.append("")
            continue
        font = bold if is_bold else regular
        probe = ImageDraw.Draw(Image.new("L", (1, 1)))
        for piece in wrap(probe, line, font, width):
            if y + step > PAGE_H - MARGIN_B:
                page = Image.new("L", (PAGE_W, PAGE_H), 255)
                draw = ImageDraw.Draw(page)
                pages.append(page)
                y = MARGIN_T
            draw.text((MARGIN_L, y), piece, font=font, fill=0)
            y += step
        drawn.append(line)
    return pages, re.sub(r"\n{3,}", "\n\n", "\n".join(drawn)).strip() + "\n"


def source_text(path: Path) -> str:
    """The text to draw: a seed as written; another corpus file as the pipeline normalizes it."""
    if path.suffix.lower() in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    import sys

    sys.path.insert(0, str(ROOT))
    from pipeline import extract

    return extract(path).text


def degrade(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A photocopy: 2° skew, slight blur, salt-and-pepper noise, grey background; resampled to dpi."""
    img = page.rotate(2.0, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if dpi != DPI:
        img = img.resize((round(img.width * dpi / DPI), round(img.height * dpi / DPI)), Image.LANCZOS)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.8 * dpi / DPI))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 400):  # 0.25 % of pixels flipped to dark or light specks
        x, yy = rng.randrange(w), rng.randrange(h)
        px[x, yy] = rng.choice((40, 90, 235, 255))
    return img.point(lambda v: min(255, 30 + v * 215 // 255))  # grey paper, no pure black


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "bench" / "scans"))
    ap.add_argument("--seeds", default=str(ROOT / "corpus" / "seeds"))
    ap.add_argument("inputs", nargs="*", type=Path, help="documents to draw instead of the seeds")
    args = ap.parse_args()
    out = Path(args.out)
    fonts = find_fonts()
    for d in ("clean", "300", "200"):
        (out / d).mkdir(parents=True, exist_ok=True)
    for seed in args.inputs or sorted(Path(args.seeds).glob("*.txt")):
        rng = random.Random(seed.stem)
        name = seed.stem
        pages, drawn = render_pages(source_text(seed), fonts)
        (out / "clean" / f"{name}.txt").write_text(drawn, encoding="utf-8")
        pages[0].save(out / "clean" / f"{name}.pdf", save_all=True, append_images=pages[1:], resolution=DPI)
        for dpi in (300, 200):
            scans = [degrade(p, dpi, rng) for p in pages]
            for n, img in enumerate(scans, 1):
                # a copy: Pillow keeps the PNG encoder settings on the image and TIFF then trips on them
                img.copy().save(out / str(dpi) / f"{name}-p{n}.png", dpi=(dpi, dpi))
            if dpi == 300:
                scans[0].save(out / "300" / f"{name}.pdf", save_all=True, append_images=scans[1:], resolution=dpi)
            else:
                scans[0].save(out / "200" / f"{name}.tif", save_all=True, append_images=scans[1:], dpi=(dpi, dpi))
        print(f"{name}: {len(pages)} page(s)")


if __name__ == "__main__":
    main()
