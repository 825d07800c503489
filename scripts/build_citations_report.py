"""Citations report: the shared corpus → how well pipeline/citations.py reads it (stdout).

Builds nothing in models/ (the citation models are hand-written YAML); it re-measures what the
citations report states, so the numbers can be checked after any model edit:
  1. parse_reference on every crawled record's own `number`, and on its "Số:" header line;
  2. find_citations + resolve_antecedents speed on corpus/tvpl and the 1,231 crawled texts;
  3. a seeded random sample of citations with context, for a precision count by hand;
  4. reference-key P/R/F1 and date accuracy against annotations/ (SPEC §6).

    .venv/bin/python scripts/build_citations_report.py [--sample 50] [--seed 11]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.citations import find_citations, parse_reference, resolve_antecedents  # noqa: E402

SHARED = ROOT.parent / "shared"


def _nfc(text: str) -> str:  # what the normalize stage hands on
    return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")


def numbers(records: list[dict]) -> None:
    bad, header_agree = [], 0
    for r in records:
        p = parse_reference(r["number"])
        if not p.reference:
            bad.append((r["number"], "no reference"))
        elif p.symbol.split("-")[-1] == p.symbol and "/" not in p.symbol and r["number"].endswith("-"):
            bad.append((r["number"], "symbol cut off after the hyphen in the crawl"))
        head = _nfc(" ".join(r["text"][:1500].split()))
        i = head.find("Số")
        if i >= 0 and parse_reference(head[i:i + 60]).reference == p.reference:
            header_agree += 1
    print(f"1. parse_reference on {len(records)} crawled numbers: {len(records) - len(bad)} give a key")
    for number, why in bad:
        print(f"   {number!r}: {why}")
    print(f"   the text's own 'Số:' line parses to the same key in {header_agree}/{len(records)}")


def speed(texts: list[str], label: str) -> None:
    find_citations(texts[0])
    t = time.perf_counter()
    n = sum(len(find_citations(x)) for x in texts)
    t_find = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        resolve_antecedents(x, find_citations(x))
    t_all = time.perf_counter() - t
    per = sum(map(len, texts)) / 5000
    print(f"2. {label}: {len(texts)} texts, {n} citations; find {t_find * 1000 / per:.3f} ms, "
          f"find+resolve {t_all * 1000 / per:.3f} ms per 5,000 characters")


def sample(records: list[dict], k: int, seed: int) -> None:
    found = []
    for r in records:
        text = _nfc(r["text"])
        found += [(text, c) for c in find_citations(text, own_reference=r["number"])]
    print(f"3. {k} random citations of {len(found)} (seed {seed}):")
    for text, c in random.Random(seed).sample(found, k):
        ctx = " ".join(text[max(0, c.start - 40):c.end + 90].split())
        print(f"   {c.reference} | {c.doc_type} | {c.date} | {c.issuer}\n      … {ctx} …")


def gold() -> None:
    tp = fp = fn = dates = 0
    for path in sorted((ROOT / "annotations").glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        src = ROOT / g["corpus_file"]
        if src.suffix == ".json":
            text = json.loads(src.read_text(encoding="utf-8"))["text"]
        elif src.suffix == ".pdf" and shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(src), "-"], capture_output=True, text=True).stdout
        elif src.suffix == ".pdf":
            continue
        else:
            text = src.read_text(encoding="utf-8")
        got = {}
        for c in find_citations(_nfc(text), own_reference=(g.get("metadata") or {}).get("reference")):
            got.setdefault(c.reference, c)
        want = {c["reference"]: c for c in g["citations"]}
        tp += len(set(got) & set(want))
        fp += len(set(got) - set(want))
        fn += len(set(want) - set(got))
        dates += sum(got[r].date == want[r]["date"] for r in set(got) & set(want))
        if set(got) ^ set(want):
            print(f"   {path.stem}: extra {sorted(set(got) - set(want))} missing {sorted(set(want) - set(got))}")
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"4. annotations: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}; "
          f"date accuracy {dates / max(1, tp):.3f} over {tp} matched")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    records = [json.loads(line) for line in (SHARED / "corpus/thuvienphapluat.jsonl").open(encoding="utf-8")]
    numbers(records)
    tvpl = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((ROOT / "corpus/tvpl").glob("*.json"))]
    speed(tvpl, "corpus/tvpl")
    speed([_nfc(r["text"]) for r in records], "thuvienphapluat.jsonl")
    sample(records, args.sample, args.seed)
    gold()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
