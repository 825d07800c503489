"""The crawl's own metadata as a free check: every record of the crawled corpus carries the site's
`number` and `issue_date`; how often does the header reader agree?

    .venv/bin/python scripts/crawl_check.py [--jsonl PATH] [--misses N]

Prints reference and date accuracy over all records (the site's number keyed like SPEC §3's
reference: leading zeros dropped, case-blind), and the first N disagreements of each. The site is
not always right (a few numbers carry its own typos), so this is a check, not gold.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _site_date(s: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", (s or "").strip())
    return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", default=str(ROOT.parent / "shared/corpus/thuvienphapluat.jsonl"))
    ap.add_argument("--misses", type=int, default=10)
    args = ap.parse_args()
    from pipeline import layout, normalize
    from pipeline.citations import parse_reference
    from pipeline.ingest import read_file

    ref_ok = date_ok = ref_n = date_n = 0
    ref_miss, date_miss = [], []
    for raw in read_file(args.jsonl):
        info = raw.info
        md = layout.analyze(normalize.normalize(raw).text, raw.info).metadata  # the header reader alone
        site_ref = parse_reference(info.get("number", ""))[2] if info.get("number") else None
        if site_ref:
            ref_n += 1
            if (md.reference or "").casefold() == site_ref.casefold():
                ref_ok += 1
            else:
                ref_miss.append((info.get("id"), site_ref, md.reference))
        site_date = _site_date(info.get("issue_date", ""))
        if site_date:
            date_n += 1
            if md.date == site_date:
                date_ok += 1
            else:
                date_miss.append((info.get("id"), site_date, md.date))
    print(f"reference  {ref_ok}/{ref_n} = {ref_ok / max(ref_n, 1):.3f}")
    print(f"date       {date_ok}/{date_n} = {date_ok / max(date_n, 1):.3f}")
    for name, miss in (("reference", ref_miss), ("date", date_miss)):
        for rid, site, ours in miss[: args.misses]:
            print(f"  {name:9} {rid}: site {site!r} ≠ ours {ours!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
