"""The parts of audit rounds that need no database: the score scale, the picker, the
steps of the form and the navigation between them."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import no_update

from callbacks.audits import navigate
from data.audit_rounds import RoundError
from data.audit_rounds.answers import parse_score
from data.audit_rounds.progress import Step, next_open
from layouts import audits, ids


def test_scores_are_one_to_ten_in_half_points():
    assert parse_score("7,5") == 7.5 and parse_score("10") == 10.0 and parse_score(1) == 1.0
    assert parse_score("") is None and parse_score(None) is None
    for bad in ("0.5", "10.5", "7.25", "nan", "inf", "sieben"):
        with pytest.raises(RoundError):
            parse_score(bad)
    assert parse_score("7", half_points=False) == 7.0
    with pytest.raises(RoundError):
        parse_score("7.5", half_points=False)


def test_the_picker_offers_nineteen_half_points_with_the_languages_decimal_mark():
    de = audits.score_options(True, "de")
    assert len(de) == 19 and de[1] == {"label": "1,5", "value": "1.5"}
    assert [o["value"] for o in audits.score_options(False, "en")] == [str(i) for i in
                                                                        range(1, 11)]


def _step(key: str, answered: dict) -> Step:
    return Step(key, key, "J", pd.DataFrame({"id": [1, 2]}),
                {q: {"score": s, "comment": None} for q, s in answered.items()})


def test_a_touchpoint_is_done_when_every_question_has_a_score():
    steps = [_step("a", {1: 7.5, 2: 8}), _step("b", {1: 6}), _step("c", {})]
    assert [s.done for s in steps] == [True, False, False]
    assert next_open(steps) == 1
    assert next_open([_step("a", {1: 7, 2: 7})]) == 0  # all done: the last one
    assert next_open([]) == 0


def test_back_and_next_stay_inside_the_round():
    shown = {"index": 0, "total": 3}
    assert navigate(ids.AUDIT_NEXT, None, shown) == 1
    assert navigate(ids.AUDIT_PREV, None, shown) is no_update  # already at the first
    assert navigate(ids.AUDIT_JUMP, "2", shown) == 2
    assert navigate(ids.AUDIT_JUMP, "0", shown) is no_update  # the one shown
    assert navigate(ids.AUDIT_NEXT, None, {"index": 2, "total": 3}) is no_update
    assert navigate(ids.AUDIT_JUMP, "x", shown) is no_update
