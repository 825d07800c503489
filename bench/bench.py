"""Benchmark: end-to-end throughput and memory of congvan on the crawled corpus (one core).

    .venv/bin/python bench/bench.py [--limit N] [--jsonl PATH]

Reports documents/s and MB/s for the whole pipeline (ingest of the record → task table), the
sentence stage alone (MB/s), the extractors alone (ms per 5,000 characters: citations, agencies,
deadlines; find_agencies on one 300-character item), and peak resident memory. Never a unit test:
timings vary by machine.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", default=str(ROOT.parent / "shared/corpus/thuvienphapluat.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    from pipeline import layout, normalize, sentences
    from pipeline.ingest import read_file
    from pipeline.stages import from_raw

    raws = read_file(args.jsonl)
    if args.limit:
        raws = raws[: args.limit]
    chars = sum(len(r.pages[0].text) for r in raws)
    # warm-up: compile patterns, load models (paid once per process)
    t0 = time.perf_counter()
    from_raw(raws[0])
    warm = time.perf_counter() - t0

    t0 = time.perf_counter()
    tasks = 0
    for r in raws:
        tasks += len(from_raw(r).tasks)
    total = time.perf_counter() - t0

    # the sentence stage alone: layout → sentence units, on normalized texts
    texts = [normalize.normalize(r).text for r in raws]
    layouts = [layout.analyze(t) for t in texts]
    t0 = time.perf_counter()
    for lo in layouts:
        sentences.segment(lo)
    sent = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        layout.analyze(t)
    lay = time.perf_counter() - t0

    # the extractors alone, on normalized texts (budget: well under 2 ms per 5,000 characters)
    from pipeline.agencies import find_agencies
    from pipeline.citations import find_citations, resolve_antecedents
    from pipeline.deadlines import find_deadlines

    per_5k = sum(map(len, texts)) / 5000
    stage_ms = {}
    for name, fn in (("citations", lambda t: resolve_antecedents(t, find_citations(t))),
                     ("agencies", find_agencies), ("deadlines", lambda t: find_deadlines(t, "2024-05-06"))):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        stage_ms[name] = round((time.perf_counter() - t0) * 1000 / per_5k, 3)
    item = ("2. Giao Giám đốc Sở Nội vụ chủ trì, phối hợp với các cơ quan đầu mối quản lý các lĩnh "
            "vực cải cách hành chính của tỉnh, Công an tỉnh, UBND các huyện, thị xã, thành phố tiến "
            "hành rà soát, tổng hợp và báo cáo cụ thể điểm số các tiêu chí thành phần để Chủ tịch "
            "Ủy ban nhân dân tỉnh xem xét, chỉ đạo việc thực hiện.")[:300]
    t0 = time.perf_counter()
    for _ in range(1000):
        find_agencies(item)
    item_ms = (time.perf_counter() - t0)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {
        "documents": len(raws), "chars": chars, "tasks": tasks,
        "warmup_s": round(warm, 3),
        "end_to_end_docs_per_s": round(len(raws) / total, 1),
        "end_to_end_MB_per_s": round(chars / total / 1e6, 3),
        "ms_per_doc": round(total / len(raws) * 1000, 2),
        "layout_MB_per_s": round(sum(map(len, texts)) / lay / 1e6, 2),
        "sentence_stage_MB_per_s": round(sum(map(len, texts)) / sent / 1e6, 2),
        "ms_per_5000_chars": stage_ms,
        "agencies_ms_per_300_char_item": round(item_ms, 3),
        "peak_rss_MB": round(rss, 1),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
