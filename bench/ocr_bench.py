"""OCR benchmark: the seed scans (scripts/make_scans.py) → character error rate, OCR wall time
against the `tesseract` CLI on the same page images, and end-to-end field scores (pipeline.evaluate)
on the scans versus the clean text.

    .venv/bin/python bench/ocr_bench.py [--scans bench/scans] [--no-cli] [--no-fields] [--json out.json]
                                        [--syllables models/syllables.json]

Held-out check (repairs must not be tuned to the five seeds): draw other annotated documents with
`scripts/make_scans.py --out bench/scans/heldout FILE…` and run with `--scans bench/scans/heldout`;
for crawl documents, give `--syllables` a lexicon rebuilt without them (scripts/build_syllables.py
--crawl on a copy of the crawl that leaves them out), so the bigram repair has not seen their text.

Targets (issue 4): CER ≤ 1 % at 300 dpi; OCR wall time ≤ 1.2× Tesseract's own; field F1 on scans
within 3 points of clean text. CER is Levenshtein distance over the reference length, both texts
NFC with whitespace runs collapsed (line breaks are layout, not characters). The CLI baseline runs
`tesseract PAGE stdout -l vie` page after page, as a person would, once with its default OpenMP
threads and once with OMP_THREAD_LIMIT=1.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCAN_SETS = {300: "300/{name}.pdf", 200: "200/{name}.tif"}


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(ref: str, hyp: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref, hyp = norm(ref), norm(hyp)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def run_cli(pages: list[Path], threads: str | None) -> tuple[float, dict[Path, str]]:
    """Seconds for `tesseract PAGE stdout -l vie` over the pages one after another, and the texts."""
    env = dict(os.environ)
    if threads is None:
        env.pop("OMP_THREAD_LIMIT", None)
    else:
        env["OMP_THREAD_LIMIT"] = threads
    out = {}
    t = time.perf_counter()
    for p in pages:
        r = subprocess.run(["tesseract", str(p), "stdout", "-l", "vie"], capture_output=True, env=env, check=True)
        out[p] = r.stdout.decode("utf-8")
    return time.perf_counter() - t, out


# --- end-to-end fields ---------------------------------------------------------------------------

def _offset_map(clean: str, ocr: str):
    """Map offsets of `clean` into `ocr` through a Levenshtein alignment."""
    from rapidfuzz.distance import Levenshtein

    table = [0] * (len(clean) + 1)
    for op in Levenshtein.opcodes(clean, ocr):
        for k in range(op.src_start, op.src_end + 1):
            if op.tag in ("equal", "replace") and op.src_end > op.src_start:
                table[k] = op.dest_start + min(k - op.src_start, op.dest_end - op.dest_start)
            else:
                table[k] = op.dest_start if k == op.src_start else op.dest_end
    return table


def gold_for_scan(gold: dict, clean_text: str, ocr_text: str) -> dict:
    """The gold record with each task text replaced by the OCR text at the aligned place, so span
    matching measures extraction on the scan, not the OCR's spelling of the gold string."""
    from pipeline.evaluate import Locator

    table = _offset_map(clean_text, ocr_text)
    loc = Locator(clean_text)
    g = json.loads(json.dumps(gold))
    for t in g.get("tasks", []):
        span = loc.find(t["text"])
        if span:
            a, b = table[span[0]], table[span[1]]
            if b > a:
                t["text"] = ocr_text[a:b]
    return g


def field_scores(scans: Path, dpi: int, names: list[str], scan_docs: dict) -> dict | None:
    try:
        from pipeline import extract
        from pipeline.evaluate import corpus_path, load_gold, score
    except ImportError as exc:
        print(f"(field scores skipped: {exc})")
        return None
    golds = {Path(g["corpus_file"]).stem: g for g in load_gold()}
    clean_pairs, scan_pairs = [], []
    for name in names:
        g = golds.get(name)
        if g is None:
            continue
        clean_doc = extract(corpus_path(g))
        scan_doc = scan_docs[name]
        clean_pairs.append((clean_doc, g))
        scan_pairs.append((scan_doc, gold_for_scan(g, clean_doc.text, scan_doc.text)))
    if not clean_pairs:
        return None
    return {"clean": score(clean_pairs).fields, "scan": score(scan_pairs).fields}


def f1_of(v: dict) -> float:
    return v.get("f1", v.get("accuracy", 0.0))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scans", default=str(ROOT / "bench" / "scans"))
    ap.add_argument("--no-cli", action="store_true", help="skip the tesseract CLI baseline")
    ap.add_argument("--no-fields", action="store_true", help="skip the end-to-end field scores")
    ap.add_argument("--dpi", type=int, nargs="*", default=[300, 200])
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--syllables", help="syllable lexicon for the OCR repair (default models/syllables.json)")
    args = ap.parse_args()
    scans = Path(args.scans)
    if args.syllables:
        from pipeline import ocr_repair

        ocr_repair.SYLLABLES = Path(args.syllables)  # the repair runs in this process, on first use
    if not (scans / "clean").is_dir():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_scans.py"), "--out", str(scans)], check=True)

    from pipeline import ingest, ocr

    names = sorted(p.stem for p in (scans / "clean").glob("*.txt"))
    report: dict = {}
    for dpi in args.dpi:
        refs = {n: (scans / "clean" / f"{n}.txt").read_text(encoding="utf-8") for n in names}
        t = time.perf_counter()
        ours, raws, confs = {}, {}, []
        for n in names:
            raw = ingest.read_file(scans / SCAN_SETS[dpi].format(name=n))[0]
            raws[n] = raw
            ours[n] = "\n".join(p.text for p in raw.pages)
            confs += [p.confidence for p in raw.pages if p.confidence is not None]
        ocr_time = time.perf_counter() - t
        row = {
            "documents": len(names),
            "pages": sum(len(list((scans / str(dpi)).glob(f"{n}-p*.png"))) for n in names),
            "cer": sum(cer(refs[n], ours[n]) * len(norm(refs[n])) for n in names) / sum(len(norm(refs[n])) for n in names),
            "cer_per_doc": {n: round(cer(refs[n], ours[n]), 4) for n in names},
            "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
            "ocr_seconds": round(ocr_time, 2),
        }
        if not args.no_cli:
            pages = sorted((scans / str(dpi)).glob("*-p*.png"))
            cli_time, _ = run_cli(pages, None)
            cli1_time, cli_text = run_cli(pages, "1")
            cli_by_doc = {n: "\n".join(cli_text[p] for p in pages if p.name.startswith(n + "-p")) for n in names}
            row.update({"cli_seconds": round(cli_time, 2), "cli_1thread_seconds": round(cli1_time, 2),
                        "ratio_vs_cli": round(ocr_time / cli_time, 2),
                        "ratio_vs_cli_1thread": round(ocr_time / cli1_time, 2)})
            row["cli_cer"] = sum(cer(refs[n], cli_by_doc[n]) * len(norm(refs[n])) for n in names) / \
                    sum(len(norm(refs[n])) for n in names)
        if not args.no_fields:
            from pipeline.stages import from_raw
            scan_docs = {n: from_raw(raws[n]) for n in names}
            fields = field_scores(scans, dpi, names, scan_docs)
            if fields:
                row["fields"] = {k: {"clean": round(f1_of(fields["clean"][k]), 3), "scan": round(f1_of(fields["scan"][k]), 3)}
                                 for k in fields["clean"] if not k.startswith("sentences_body_baseline")}
        report[dpi] = row
        print_row(dpi, row)
    ocr.shutdown()
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def print_row(dpi: int, row: dict) -> None:
    print(f"\n== {dpi} dpi: {row['documents']} documents, {row['pages']} pages, mean confidence {row['mean_confidence']}")
    print(f"CER (congvan OCR + repair)      {row['cer'] * 100:6.2f} %   per doc {row['cer_per_doc']}")
    if "cli_cer" in row:
        print(f"CER (tesseract CLI, raw)        {row['cli_cer'] * 100:6.2f} %")
    print(f"OCR wall time (congvan)         {row['ocr_seconds']:6.2f} s")
    if "cli_seconds" in row:
        print(f"tesseract CLI, default threads  {row['cli_seconds']:6.2f} s   ratio {row['ratio_vs_cli']:.2f}×")
        print(f"tesseract CLI, OMP_THREAD_LIMIT=1 {row['cli_1thread_seconds']:4.2f} s   ratio {row['ratio_vs_cli_1thread']:.2f}×")
    if "fields" in row:
        print(f"{'field (F1 / accuracy)':<36} {'clean':>7} {'scan':>7} {'Δ':>7}")
        for k, v in row["fields"].items():
            print(f"{k:<36} {v['clean']:>7.3f} {v['scan']:>7.3f} {v['scan'] - v['clean']:>+7.3f}")


if __name__ == "__main__":
    sys.exit(main())
