"""CLI: `congvan extract|sentences|text|evaluate` — files and folders in, records and tables out.

Heavy modules are imported inside the commands, so `congvan --help` answers at once.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _write_records(docs, fmt: str, out) -> None:
    if fmt == "jsonl":
        for d in docs:
            out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([d.to_dict() for d in docs], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        from .table import to_frame
        to_frame(docs).to_csv(out, index=False)
    elif fmt == "table":
        from .table import to_frame
        df = to_frame(docs)
        cols = ["doc_reference", "item", "lead", "deadline_date", "deadline_kind", "task"]
        df = df[cols].fillna("").astype(str)
        df["lead"] = df["lead"].str.slice(0, 48)
        df["task"] = df["task"].str.slice(0, 60)
        out.write(df.to_string(index=False, justify="left") + "\n")


def cmd_extract(args) -> int:
    from .stages import extract_all

    fmt = args.format or ("jsonl" if not args.output else {".csv": "csv", ".json": "json"}.get(Path(args.output).suffix, "jsonl"))
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    failed = done = 0
    docs = []
    t0 = time.perf_counter()
    try:
        for path, result in extract_all(args.paths):
            if isinstance(result, Exception):
                failed += 1
                print(f"congvan: error: {result}", file=sys.stderr)
                continue
            done += 1
            if fmt == "jsonl":  # stream: nothing already written is lost if a later file breaks
                _write_records([result], fmt, out)
                out.flush()
            else:
                docs.append(result)
            if args.progress and done % 50 == 0:
                print(f"congvan: {done} documents, {failed} failed, {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        if fmt != "jsonl":
            _write_records(docs, fmt, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.progress or failed:
        print(f"congvan: {done} documents extracted, {failed} failed ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)
    if done == 0 and failed == 0:
        print("congvan: error: no readable files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    return 1 if failed else 0


def cmd_sentences(args) -> int:
    from .ingest import IngestError
    from .stages import extract_all

    rc = 0
    for path, doc in extract_all([args.path]):
        if isinstance(doc, IngestError):
            print(f"congvan: error: {doc}", file=sys.stderr)
            rc = 1
            continue
        for s in doc.sentences:
            if args.zone and s.zone != args.zone:
                continue
            print(f"{s.zone:<10} {' '.join(doc.text[s.start:s.end].split())}")
    return rc


def cmd_text(args) -> int:
    from .ingest import IngestError
    from .stages import extract_all

    for path, doc in extract_all([args.path]):
        if isinstance(doc, IngestError):
            print(f"congvan: error: {doc}", file=sys.stderr)
            return 1
        print(doc.text)
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import main as eval_main
    return eval_main(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="congvan", description="Vietnamese official dispatches → document records and a task table.")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract records from files and folders (recursed)")
    e.add_argument("paths", nargs="+", help="files (.txt .md .pdf .json .jsonl .docx .html, images) or folders")
    e.add_argument("-o", "--output", help="write here instead of standard output")
    e.add_argument("--format", choices=["jsonl", "json", "csv", "table"], help="jsonl (default), json, csv task table, or a readable table")
    e.add_argument("--progress", action="store_true", help="report progress on standard error")
    e.set_defaults(func=cmd_extract)

    s = sub.add_parser("sentences", help="print the sentence units of a file, one per line with its zone")
    s.add_argument("path")
    s.add_argument("--zone", choices=["header", "body", "signature", "recipients"])
    s.set_defaults(func=cmd_sentences)

    t = sub.add_parser("text", help="print the normalized text that all offsets point into")
    t.add_argument("path")
    t.set_defaults(func=cmd_text)

    v = sub.add_parser("evaluate", help="score extraction against the gold annotations (SPEC §6)")
    v.add_argument("--gold", default="annotations", help="folder of gold JSON files (default: annotations/)")
    v.add_argument("--split", choices=["dev", "test"], help="only documents of this split")
    v.add_argument("--errors", action="store_true", help="list missed and spurious items per document")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")
    v.set_defaults(func=cmd_evaluate)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
