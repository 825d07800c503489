"""Rebuild models/syllables.json: Vietnamese syllable and syllable-bigram counts.

Counted over the crawled corpus (../shared/corpus/thuvienphapluat.jsonl), lower-cased NFC. Used to
tell a real syllable from a broken one: rejoining letter-spaced crawl text ("C Ô NG" → "CÔNG") and
choosing between OCR diacritic readings ("tinh" / "tỉnh") by their neighbours.

    python scripts/build_syllables.py [--min-count 2]
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRAWL = ROOT.parent / "shared" / "corpus" / "thuvienphapluat.jsonl"
OUT = ROOT / "models" / "syllables.json"
# A syllable: letters only (digits and punctuation break a run of syllables).
_SYL = re.compile(r"[^\W\d_]+")
_BREAK = re.compile(r"[^\w\s]|\d|\n")


def syllable_runs(text: str):
    """Runs of syllables not broken by punctuation, digits or line ends, lower-cased."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").lower()
    for chunk in _BREAK.split(text):
        run = _SYL.findall(chunk)
        if run:
            yield run


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crawl", type=Path, default=CRAWL)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    uni, bi = Counter(), Counter()
    with args.crawl.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            for run in syllable_runs(text):
                uni.update(run)
                bi.update(f"{a} {b}" for a, b in zip(run, run[1:]))
    keep = lambda c: {k: v for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) if v >= args.min_count}
    data = {"source": args.crawl.name, "min_count": args.min_count,
            "unigrams": keep(uni), "bigrams": keep(bi)}
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['unigrams'])} syllables, {len(data['bigrams'])} bigrams")


if __name__ == "__main__":
    main()
