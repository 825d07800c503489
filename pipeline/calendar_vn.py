"""Working-day calendar: a date → whether Vietnamese state bodies work that day, and day counting.

A working day is Monday–Friday, minus public holidays and days off in lieu
(`holidays.country_holidays("VN")`: Tết by the lunar calendar, substituted days), minus the
government's day-swap days off, plus the weekend days declared working ("làm bù"). The swaps the
package lacks live in models/holidays_vn.yaml. Everything loads lazily on first use and is cached
per year, so importing this module costs nothing.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "holidays_vn.yaml"

__all__ = ["is_working_day", "add_working_days", "days_off", "month_end", "quarter_end", "year_end"]


@lru_cache(maxsize=1)
def _overrides() -> tuple[frozenset, frozenset]:
    """(extra days off, extra working weekend days) from models/holidays_vn.yaml."""
    import yaml  # lazy: only needed once

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(MODEL_PATH, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader) or {}

    def dates(key: str) -> frozenset:
        out = set()
        for entry in data.get(key) or []:
            d = entry["date"]
            out.add(d if isinstance(d, _dt.date) else _dt.date.fromisoformat(str(d)))
        return frozenset(out)

    return dates("days_off"), dates("working_days")


@lru_cache(maxsize=256)
def _year(year: int) -> tuple[frozenset, frozenset]:
    """(days off on weekdays, working weekend days) for one year."""
    import holidays  # lazy: ~80 ms import, only when a working-day count is needed

    vn = holidays.country_holidays("VN", years=year)
    off = {d for d in vn if d.year == year}
    work = {d for d in getattr(vn, "weekend_workdays", ()) if d.year == year}
    extra_off, extra_work = _overrides()
    off |= {d for d in extra_off if d.year == year}
    work |= {d for d in extra_work if d.year == year}
    return frozenset(off), frozenset(work)


def days_off(year: int) -> frozenset:
    """Public holidays and declared days off of `year` (weekends not included)."""
    return _year(year)[0]


def is_working_day(d: _dt.date) -> bool:
    """True when state bodies work on `d` (weekday not off, or a declared make-up Saturday)."""
    off, work = _year(d.year)
    if d in work:
        return True
    return d.weekday() < 5 and d not in off


def add_working_days(d: _dt.date, n: int) -> _dt.date:
    """The n-th working day after `d` (`d` itself not counted); n <= 0 returns `d`.

    "trong thời hạn 05 ngày làm việc kể từ ngày ký" signed on Friday 24/01/2025 → 07/02/2025
    (27/01–01/02 is Tết Ất Tỵ).
    """
    step = _dt.timedelta(days=1)
    while n > 0:
        d += step
        if is_working_day(d):
            n -= 1
    return d


def month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> _dt.date:
    return month_end(year, quarter * 3)


def year_end(year: int) -> _dt.date:
    return _dt.date(year, 12, 31)
