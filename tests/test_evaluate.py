"""The scorer (SPEC §6) on hand-made pairs, and a regression guard on the test split."""
import json
from pathlib import Path

import pytest

from pipeline.evaluate import Locator, match_spans, norm_reference, run

ROOT = Path(__file__).resolve().parent.parent


def test_locator_finds_whitespace_collapsed_text_in_order():
    text = "1. Giao Sở\nNội vụ   chủ trì.\n2. Giao Sở\nNội vụ báo cáo."
    loc = Locator(text)
    first, second = text.index("Giao"), text.rindex("Giao")
    assert loc.find("Giao Sở Nội vụ") == (first, first + len("Giao Sở\nNội vụ"))
    assert loc.find("Giao Sở Nội vụ") == (second, second + len("Giao Sở\nNội vụ"))  # next one, in reading order


def test_task_match_needs_half_of_the_shorter_span():
    assert match_spans([(0, 10)], [(5, 30)]) == [(0, 0)]       # 5 of 10 overlap: a match
    assert match_spans([(0, 10)], [(6, 30)]) == []             # 4 of 10: no match
    assert match_spans([(0, 10), (0, 9)], [(0, 10)]) == [(0, 0)]  # one-to-one


def test_reference_keys_compare_case_blind():
    """'12-CTr/TU' (SPEC example) and '12-CTR/TU' are the same key."""
    assert norm_reference("12-CTr/TU") == norm_reference("12-CTR/TU")
    assert norm_reference("273/QĐ-BNV") != norm_reference("272/QĐ-BNV")


GUARD = ROOT / "tests/data/eval_floor.json"


@pytest.fixture(scope="module")
def test_split_scores():
    return run(ROOT / "annotations", split="test").fields


def _value(field):
    return field["f1"] if "f1" in field else field["accuracy"]


@pytest.mark.parametrize("name", json.loads(GUARD.read_text(encoding="utf-8")).keys() if GUARD.exists() else [])
def test_scores_do_not_fall_below_the_recorded_floor(test_split_scores, name):
    """Regression guard: test-split scores never fall below what was reached (tests/data/eval_floor.json)."""
    floor = json.loads(GUARD.read_text(encoding="utf-8"))[name]
    assert _value(test_split_scores[name]) >= floor - 1e-9, f"{name} fell below {floor}"
