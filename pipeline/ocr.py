"""OCR: page images (scans, photos, image-only PDF pages) → page text with a confidence, via Tesseract.

One engine per process: tesserocr (Tesseract's C++ API, model loaded once per worker) when it is
installed, else pytesseract (one `tesseract` run per page). Pages are OCRed in parallel by a
process pool sized to the CPU count, one Tesseract thread per worker (OMP_THREAD_LIMIT=1: with
OpenMP on a 2-core machine the CLI's own threads make it ~2.5× slower). Before recognition a page
is made grey and deskewed (projection profile, up to 5°); a page Tesseract reads with low
confidence is checked with OSD for a 90/180/270° turn. Each page comes back with its words'
confidences, which the post-OCR repair uses to re-read the words Tesseract was unsure of.

Registers the image readers (PNG, JPEG, TIFF incl. multi-page, BMP, GIF, WebP). The PDF reader in
pipeline.ingest sends the pages that have no usable text layer here.
"""
from __future__ import annotations

import io
import os
import shutil
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

from .ingest import IngestError, reader, sha256
from .records import Page, RawDocument

if TYPE_CHECKING:  # Pillow is imported lazily, on the first image
    from PIL.Image import Image

LANG = os.environ.get("CONGVAN_OCR_LANG", "vie")
TARGET_DPI = 300       # assumed when an image does not say
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata")
LOW_CONFIDENCE = 60.0   # below this a page is checked for a 90/180/270° turn
MAX_SKEW = 5.0          # degrees searched by the deskew
MIN_SKEW = 0.3          # below this the page is left as it is
APT_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass
class OcrResult:
    text: str
    confidence: Optional[float]  # mean word confidence 0–100; None for a blank page
    rotation: int = 0            # quarter turn applied (OSD), degrees clockwise
    skew: float = 0.0            # small deskew applied, degrees
    # confidence 0–100 of each word of `text`, in order: the i-th whitespace-separated token is
    # the i-th word (Tesseract's text output and its word list are the same words). The post-OCR
    # repair re-reads the words Tesseract was unsure of (pipeline.ocr_repair.fix_uncertain_words).
    word_confidences: Optional[list[int]] = None


# --- where Tesseract and its data are ------------------------------------------------------------

@lru_cache(maxsize=1)
def tessdata_dir() -> Optional[str]:
    """The tessdata folder holding `vie.traineddata` (TESSDATA_PREFIX first)."""
    dirs = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    dirs += list(TESSDATA_DIRS)
    for d in dirs:
        for cand in (Path(d), Path(d) / "tessdata"):
            if (cand / f"{LANG}.traineddata").exists():
                return str(cand)
    return None


def unavailable_reason() -> Optional[str]:
    """Why OCR cannot run here (missing engine or Vietnamese data), or None when it can."""
    if tessdata_dir() is None:
        return f"Tesseract '{LANG}' language data not found ({APT_HINT})"
    try:
        import tesserocr  # noqa: F401
        return None
    except ImportError:
        pass
    if shutil.which("tesseract") is None:
        return f"the tesseract program is not installed ({APT_HINT})"
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return "neither tesserocr nor pytesseract is installed"
    return None


# --- one engine per process ------------------------------------------------------------------------

class _Engine:
    """Tesseract with the Vietnamese model loaded once; tesserocr if present, else pytesseract."""

    def __init__(self) -> None:
        reason = unavailable_reason()
        if reason:
            raise IngestError(None, f"OCR unavailable: {reason}")
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self.tessdata = tessdata_dir()
        self._osd = None
        try:
            import tesserocr
        except ImportError:
            self.api = None
            return
        self.api = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=LANG, psm=tesserocr.PSM.AUTO,
                                           oem=tesserocr.OEM.LSTM_ONLY)

    def recognize(self, img: "Image", dpi: int) -> tuple[str, Optional[float], list[int]]:
        """(text, mean word confidence or None for a blank page, each word's confidence)."""
        if self.api is not None:
            self.api.SetImage(img)
            self.api.SetSourceResolution(dpi)
            text = self.api.GetUTF8Text()
            conf = float(self.api.MeanTextConf()) if text.strip() else None
            return text, conf, list(self.api.AllWordConfidences())  # ~0.1 ms a page
        return self._recognize_cli(img, dpi)

    def _recognize_cli(self, img: "Image", dpi: int) -> tuple[str, Optional[float], list[int]]:
        import pytesseract

        # one run gives both: the text from the TSV's words, the confidence from their mean
        data = pytesseract.image_to_data(img, lang=LANG, config=f"--psm 3 --dpi {dpi} --tessdata-dir {self.tessdata}",
                                         output_type=pytesseract.Output.DICT)
        lines: dict[tuple, list[tuple[str, int]]] = {}
        confs = []
        for i, word in enumerate(data["text"]):
            if not word or not word.strip():
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            c = float(data["conf"][i])
            lines.setdefault(key, []).extend((w, max(0, round(c))) for w in word.split())
            if c >= 0:
                confs.append(c)
        out, prev, word_confs = [], None, []
        for key, words in lines.items():
            if prev is not None and key[:2] != prev[:2]:
                out.append("")  # a blank line between paragraphs, as Tesseract's text output has
            out.append(" ".join(w for w, _ in words))
            word_confs += [c for _, c in words]
            prev = key
        return "\n".join(out) + "\n", (sum(confs) / len(confs) if confs else None), word_confs

    def orientation(self, img: "Image") -> tuple[int, float]:
        """(degrees the page is turned clockwise, OSD confidence); (0, 0) when OSD cannot tell."""
        osd_data = Path(self.tessdata, "osd.traineddata")
        if not osd_data.exists():
            return 0, 0.0
        try:
            if self.api is not None:
                import tesserocr
                if self._osd is None:
                    self._osd = tesserocr.PyTessBaseAPI(path=self.tessdata, lang="osd",
                                                        psm=tesserocr.PSM.OSD_ONLY)
                self._osd.SetImage(img)
                res = self._osd.DetectOrientationScript()
                return (int(res["orient_deg"]), float(res["orient_conf"])) if res else (0, 0.0)
            import pytesseract
            res = pytesseract.image_to_osd(img, config=f"--tessdata-dir {self.tessdata}",
                                           output_type=pytesseract.Output.DICT)
            return int(res["orientation"]), float(res["orientation_conf"])
        except Exception:  # OSD fails on pages with too little text: keep the page as it is
            return 0, 0.0


_ENGINE: Optional[_Engine] = None


def _engine() -> _Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = _Engine()
    return _ENGINE


# --- one page --------------------------------------------------------------------------------------

def prepare(img: "Image", dpi: Optional[float]) -> tuple["Image", int]:
    """Grey (alpha flattened on white), and the resolution Tesseract is told. The page keeps its
    size: upscaling a 200 dpi scan to 300 dpi raised the CER from 0.2 % to 4–7 % on the seed scans."""
    from PIL import Image as PILImage

    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        bg = PILImage.new("RGBA", img.size, (255, 255, 255, 255))
        img = PILImage.alpha_composite(bg, img)
    if img.mode != "L":
        img = img.convert("L")
    return img, int(dpi) if dpi and 70 <= dpi <= 1200 else TARGET_DPI


def estimate_skew(img: "Image") -> float:
    """Small skew in degrees (counter-clockwise positive, as Pillow rotates) by projection profile:
    the angle whose row profile of ink is sharpest. Runs on a ~¼-size copy: ~20 ms a page."""
    import numpy as np

    small = img.reduce(max(1, round(img.width / 700)))
    a = np.asarray(small, dtype=np.uint8)
    ink = a < min(160, int(a.mean()) - 40)
    ys, xs = np.nonzero(ink)
    if len(ys) < 500:
        return 0.0
    if len(ys) > 60000:  # a sample is as good as all pixels for a profile
        pick = np.random.default_rng(0).choice(len(ys), 60000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - a.shape[1] / 2
    h = a.shape[0] * 2

    def sharpness(deg: float) -> float:
        t = np.deg2rad(deg)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64) + a.shape[0] // 2
        hist = np.bincount(np.clip(rows, 0, h - 1), minlength=h).astype(np.float64)
        return float((hist * hist).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    best = max(fine, key=sharpness)
    return float(-best) if abs(best) >= MIN_SKEW else 0.0


def _is_blank(img: "Image") -> bool:
    import numpy as np

    a = np.asarray(img.reduce(4), dtype=np.uint8)
    return float((a < 128).mean()) < 0.0005


def ocr_image(img: "Image", dpi: Optional[float] = None) -> OcrResult:
    """OCR one page image in this process (deskew, OSD retry when the confidence is low)."""
    from PIL import Image as PILImage

    img, dpi_used = prepare(img, dpi)
    if _is_blank(img):
        return OcrResult("", None)
    skew = estimate_skew(img)
    if skew:
        img = img.rotate(skew, resample=PILImage.BILINEAR, expand=True, fillcolor=255)  # bicubic: 3× slower, same CER
    eng = _engine()
    text, conf, words = eng.recognize(img, dpi_used)
    result = OcrResult(text, conf, 0, skew, words)
    if conf is None or conf < LOW_CONFIDENCE:
        angle, oconf = eng.orientation(img)
        if angle in (90, 180, 270) and oconf >= 1.0:
            # OSD's angle is how far the page is turned clockwise; Pillow turns counter-clockwise
            turned = img.rotate(angle, expand=True, fillcolor=255)
            t2, c2, w2 = eng.recognize(turned, dpi_used)
            if c2 is not None and (conf is None or c2 > conf):
                result = OcrResult(t2, c2, angle, skew, w2)
    return result


def _worker(job: tuple[bytes, tuple[int, int], str, Optional[float]]) -> OcrResult:
    from PIL import Image as PILImage

    raw, size, mode, dpi = job
    return ocr_image(PILImage.frombytes(mode, size, raw), dpi)


# --- many pages, in parallel -------------------------------------------------------------------------

_POOL: Optional[Executor] = None


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _pool() -> Executor:
    global _POOL
    if _POOL is None:
        import multiprocessing

        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # inherited by the workers
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        _POOL = ProcessPoolExecutor(max_workers=cpu_count(), mp_context=ctx, initializer=_init_worker)
    return _POOL


def _init_worker() -> None:
    global _ENGINE
    _ENGINE = None  # a forked worker loads its own model, never the parent's copy


def shutdown() -> None:
    """Stop the worker processes (they are reused across documents until then)."""
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(cancel_futures=True)
        _POOL = None


def ocr_images(images: Iterable[tuple["Image", Optional[float]]], count: Optional[int] = None) -> list[OcrResult]:
    """OCR (image, dpi) pairs in order. One page runs here; more go to the process pool as they
    come, so a PDF's next page renders while the workers read the previous ones."""
    reason = unavailable_reason()
    if reason:
        raise IngestError(None, f"OCR unavailable: {reason}")
    if count == 1 or cpu_count() == 1:
        return [ocr_image(img, dpi) for img, dpi in images]
    pool = _pool()
    futures = []
    for img, dpi in images:
        if img.mode not in ("L", "RGB", "1"):
            img = prepare(img, None)[0]
        futures.append(pool.submit(_worker, (img.tobytes(), img.size, img.mode, dpi)))
    return [f.result() for f in futures]


def to_pages(results: list[OcrResult], info: dict, numbers: Optional[list[int]] = None) -> list[Page]:
    """OCR results → Pages: the words Tesseract was unsure of re-read (while the text's words still
    line up with their confidences), signature stamp lines moved to `info` ("stamp", "signed_at"),
    then the text repaired (pipeline.ocr_repair)."""
    from .ocr_repair import fix_uncertain_words, repair, strip_signature_stamp

    pages = []
    for i, res in enumerate(results):
        text = fix_uncertain_words(res.text, res.word_confidences)
        text, stamp, signed = strip_signature_stamp(text)
        if stamp:
            info.setdefault("stamp", []).extend(stamp)
        if signed:
            info.setdefault("signed_at", signed)
        conf = round(res.confidence, 1) if res.confidence is not None else None
        pages.append(Page(numbers[i] if numbers else i + 1, repair(text).strip("\n"), ocr=True, confidence=conf))
    if any(r.rotation for r in results):
        info["ocr_rotation"] = [r.rotation for r in results]
    return pages


# --- image files ----------------------------------------------------------------------------------------

def _frames(data: bytes) -> Iterable[tuple["Image", Optional[float]]]:
    from PIL import Image as PILImage, ImageSequence

    img = PILImage.open(io.BytesIO(data))
    for frame in ImageSequence.Iterator(img):
        dpi = frame.info.get("dpi", (None,))[0] or img.info.get("dpi", (None,))[0]
        f = frame.copy()
        if f.mode == "P":
            f = f.convert("RGBA")
        # EXIF orientation from phone photos
        from PIL import ImageOps
        f = ImageOps.exif_transpose(f) or f
        yield f, (float(dpi) if dpi else None)


@reader(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".jp2")
def _read_image(path: Path, data: bytes) -> list[RawDocument]:
    from PIL import Image as PILImage, UnidentifiedImageError

    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            count = getattr(probe, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise IngestError(path, f"not a readable image ({exc})") from None
    reason = unavailable_reason()
    if reason:
        raise IngestError(path, f"image needs OCR, which is unavailable: {reason}")
    info: dict = {}
    pages = to_pages(ocr_images(_frames(data), count=count), info)
    return [RawDocument(str(path), "image", pages, sha256(data), info)]
