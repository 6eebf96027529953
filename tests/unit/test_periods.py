"""Period presets of the weekly review, from the newest date in the data."""

from __future__ import annotations

import datetime as dt

import pytest

from views import periods

D = dt.date


@pytest.mark.parametrize(("newest", "name", "expected"), [
    (D(2026, 11, 15), "week", (D(2026, 11, 9), D(2026, 11, 15))),  # a Sunday: its own week
    (D(2026, 11, 18), "week", (D(2026, 11, 9), D(2026, 11, 15))),  # a Wednesday: the one before
    (D(2026, 11, 15), "4w", (D(2026, 10, 19), D(2026, 11, 15))),
    (D(2026, 11, 15), "quarter", (D(2026, 7, 1), D(2026, 9, 30))),
    (D(2026, 9, 30), "quarter", (D(2026, 7, 1), D(2026, 9, 30))),  # the quarter just ended
    (D(2026, 1, 10), "quarter", (D(2025, 10, 1), D(2025, 12, 31))),
    (D(2026, 11, 15), "ytd", (D(2026, 1, 1), D(2026, 11, 15))),
])
def test_presets(newest, name, expected):
    assert periods.period(name, newest) == expected


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError):
        periods.period("decade", D(2026, 1, 1))
