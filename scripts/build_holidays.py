"""Holidays: models/holidays_vn.yaml + the `holidays` package → a checked working-day calendar.

Nothing is generated: the calendar is computed at run time (pipeline/calendar_vn.py). This script
is the check to run when a year's day swaps are announced or `holidays` is upgraded:

    .venv/bin/python scripts/build_holidays.py            # years around today's
    .venv/bin/python scripts/build_holidays.py 2024 2026  # a range

For each year it lists the weekdays off and the weekend days worked, marks which come from
models/holidays_vn.yaml, and says which yaml entries the installed package already knows (those
may be dropped once pyproject requires that release). Exit status 1 if a yaml entry is
inconsistent (a "working day" on a weekday, a "day off" on a weekend).
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.calendar_vn import MODEL_PATH, _overrides, days_off, is_working_day  # noqa: E402


def main(argv: list[str]) -> int:
    import holidays

    years = [int(a) for a in argv] or [dt.date.today().year - 1, dt.date.today().year + 1]
    lo, hi = min(years), max(years)
    extra_off, extra_work = _overrides()
    bad = 0
    for d in sorted(extra_work):
        if d.weekday() < 5:
            print(f"ERROR {MODEL_PATH.name}: working day {d} is a weekday")
            bad += 1
    for d in sorted(extra_off):
        if d.weekday() >= 5:
            print(f"ERROR {MODEL_PATH.name}: day off {d} is a weekend day")
            bad += 1
    print(f"holidays {holidays.__version__}")
    for year in range(lo, hi + 1):
        vn = holidays.country_holidays("VN", years=year)
        pkg_work = set(getattr(vn, "weekend_workdays", ()))
        print(f"\n{year}")
        for d in sorted(days_off(year)):
            if d.weekday() >= 5:
                continue
            src = "yaml" + (" (also in package)" if d in vn else "") if d in extra_off else "package"
            print(f"  off   {d} {d:%a}  {vn.get(d, '')}  [{src}]")
        d = dt.date(year, 1, 1)
        while d.year == year:
            if d.weekday() >= 5 and is_working_day(d):
                src = "yaml" + (" (also in package)" if d in pkg_work else "") if d in extra_work else "package"
                print(f"  work  {d} {d:%a}  [{src}]")
            d += dt.timedelta(days=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
