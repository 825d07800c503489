"""Build models/provinces.json: the installed admin-unit packages → the province gazetteer.

Reads only installed packages (no network):
  - vietnamadminunits: the 63 provinces before the 2025 merger, the 34 after it, and which old
    provinces make up each new one (its converter table);
  - vietnam-provinces: the 34 provinces after the merger with their official codes, used to
    cross-check the names.
Writes models/provinces.json with, for each era, the short name ("Quảng Ngãi"), the unit
("tỉnh" | "thành phố") and the code, plus the map old → new. pipeline/agencies.py loads it.

Run:  .venv/bin/python scripts/build_provinces.py [--check]
  --check  exits 1 when the file on disk differs from what would be written.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "models" / "provinces.json"


def _unit(full_name: str) -> str:
    """'Thành phố Hà Nội' → 'thành phố'; 'Tỉnh Hà Giang' → 'tỉnh'."""
    return "thành phố" if full_name.lower().startswith("thành phố") else "tỉnh"


def _package_dir(name: str) -> Path:
    """An installed package's folder, found without importing it (vietnamadminunits loads all
    its data at import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def build() -> dict:
    pkg = _package_dir("vietnamadminunits") / "data"
    legacy = json.loads((pkg / "parser_legacy.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    current = json.loads((pkg / "parser_from_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    merger = json.loads((pkg / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]

    old_to_new = {old: new for new, olds in merger.items() for old in olds}
    missing = sorted(set(legacy) - set(old_to_new))
    if missing:
        raise SystemExit(f"converter table lacks old provinces: {missing}")

    # Cross-check the 34 names against vietnam-provinces (its names carry "Thành phố " for cities).
    vp_file = _package_dir("vietnam_provinces") / "data" / "nested-divisions.json"
    vp = json.loads(vp_file.read_text(encoding="utf-8"))
    vp_names = {p["name"].removeprefix("Thành phố ").strip(): p["code"] for p in vp}
    cur_names = {v["provinceShort"] for v in current.values()}
    if set(vp_names) != cur_names:
        raise SystemExit(f"packages disagree on the 34 provinces: {sorted(set(vp_names) ^ cur_names)}")

    current_rows = []
    for key, v in sorted(current.items(), key=lambda kv: int(kv[1]["provinceCode"])):
        short = v["provinceShort"]
        current_rows.append({
            "name": short,
            "unit": _unit(v["province"]),
            "code": int(vp_names[short]),
            "merged_from": [legacy[old]["provinceShort"] for old in merger[key]],
        })
    legacy_rows = []
    for key, v in sorted(legacy.items(), key=lambda kv: int(kv[1]["provinceCode"])):
        legacy_rows.append({
            "name": v["provinceShort"],
            "unit": _unit(v["province"]),
            "code": int(v["provinceCode"]),
            "successor": current[old_to_new[key]]["provinceShort"],
        })
    return {
        "_generated_by": "scripts/build_provinces.py — do not edit by hand",
        "sources": {
            "vietnamadminunits": metadata.version("vietnamadminunits"),
            "vietnam-provinces": metadata.version("vietnam-provinces"),
        },
        "merger": "NQ 202/2025/QH15, in force 2025-07-01: 63 → 34 provinces",
        "current": current_rows,
        "legacy": legacy_rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the file on disk is stale")
    args = ap.parse_args(argv)
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'up to date' if same else 'STALE'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"wrote {OUT}: {len(data['legacy'])} provinces before, {len(data['current'])} after the merger")
    return 0


if __name__ == "__main__":
    sys.exit(main())
