"""Working-day calendar: dates → working or not, and n working days after a date.

Table-driven: each row names the day (or the span) it guards. The Tết and 30/4–1/5 rows are the
ones a "05 ngày làm việc" deadline crosses most often.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pipeline.calendar_vn import (
    MODEL_PATH, add_working_days, days_off, is_working_day, month_end, quarter_end, year_end,
)

d = dt.date

WORKING = [
    (d(2024, 5, 6), True, "an ordinary Monday"),
    (d(2024, 5, 11), False, "a Saturday"),
    (d(2024, 5, 12), False, "a Sunday"),
    (d(2025, 1, 1), False, "Tết Dương lịch"),
    (d(2025, 1, 27), False, "Tết Ất Tỵ: 28 tháng Chạp (government's day off)"),
    (d(2025, 1, 29), False, "Tết Ất Tỵ: mùng 1"),
    (d(2025, 1, 31), False, "Tết Ất Tỵ: mùng 3"),
    (d(2025, 2, 3), True, "first working day after Tết Ất Tỵ"),
    (d(2024, 2, 14), False, "Tết Giáp Thìn: mùng 5, a day off in lieu"),
    (d(2024, 2, 15), True, "first working day after Tết Giáp Thìn"),
    (d(2025, 4, 7), False, "Giỗ Tổ Hùng Vương 2025 (10/3 âm lịch)"),
    (d(2025, 4, 30), False, "Ngày Chiến thắng"),
    (d(2025, 5, 1), False, "Quốc tế Lao động"),
    (d(2025, 5, 2), False, "2025 swap: Friday 2/5 off"),
    (d(2025, 4, 26), True, "2025 swap: Saturday 26/4 worked"),
    (d(2024, 4, 29), False, "2024 swap: Monday 29/4 off"),
    (d(2024, 5, 4), True, "2024 swap: Saturday 4/5 worked"),
    (d(2024, 9, 3), False, "Quốc khánh 2024, second day"),
    (d(2023, 1, 2), False, "1/1/2023 fell on Sunday: Monday off in lieu"),
    (d(2022, 5, 3), False, "1/5/2022 fell on Sunday: Tuesday off in lieu"),
]


@pytest.mark.parametrize("day,working,why", WORKING, ids=[r[2] for r in WORKING])
def test_is_working_day(day, working, why):
    assert is_working_day(day) is working, why


ADD = [
    # (start, n, expected, why)
    (d(2024, 5, 6), 5, d(2024, 5, 13), "a plain week: Mon + 5 → next Mon"),
    (d(2024, 5, 10), 1, d(2024, 5, 13), "Friday + 1 skips the weekend"),
    (d(2025, 1, 24), 5, d(2025, 2, 7), "across Tết Ất Tỵ (27/01–02/02/2025)"),
    (d(2024, 2, 7), 1, d(2024, 2, 15), "across Tết Giáp Thìn (08–14/02/2024)"),
    (d(2025, 4, 29), 5, d(2025, 5, 9), "across 30/4–1/5/2025 and the swapped 2/5"),
    (d(2025, 4, 25), 1, d(2025, 4, 26), "the make-up Saturday 26/4/2025 counts"),
    (d(2024, 4, 26), 3, d(2024, 5, 4), "across 29/4–1/5/2024; Saturday 4/5 counts"),
    (d(2025, 8, 29), 1, d(2025, 9, 3), "across Quốc khánh 1–2/9/2025"),
    (d(2024, 5, 6), 0, d(2024, 5, 6), "zero days: the anchor itself"),
    (d(2024, 5, 11), 1, d(2024, 5, 13), "from a Saturday"),
]


@pytest.mark.parametrize("start,n,expected,why", ADD, ids=[r[3] for r in ADD])
def test_add_working_days(start, n, expected, why):
    assert add_working_days(start, n) == expected, why


def test_days_off_cover_tet():
    off = days_off(2025)
    assert {d(2025, 1, 27), d(2025, 1, 28), d(2025, 1, 29), d(2025, 1, 30), d(2025, 1, 31)} <= off


def test_model_file_is_small_and_sourced():
    data = yaml.safe_load(Path(MODEL_PATH).read_text(encoding="utf-8"))
    entries = (data.get("days_off") or []) + (data.get("working_days") or [])
    assert len(entries) <= 40
    for e in entries:
        assert isinstance(e["date"], dt.date) and e.get("source"), e
    for e in data.get("working_days") or []:
        assert e["date"].weekday() >= 5, f"{e['date']} is a weekday: a make-up day is a weekend day"
    for e in data.get("days_off") or []:
        assert e["date"].weekday() < 5, f"{e['date']} is a weekend day already"


@pytest.mark.parametrize("fn,args,expected", [
    (month_end, (2024, 2), d(2024, 2, 29)),
    (month_end, (2023, 2), d(2023, 2, 28)),
    (quarter_end, (2024, 3), d(2024, 9, 30)),
    (quarter_end, (2024, 4), d(2024, 12, 31)),
    (year_end, (2021,), d(2021, 12, 31)),
])
def test_period_ends(fn, args, expected):
    assert fn(*args) == expected
