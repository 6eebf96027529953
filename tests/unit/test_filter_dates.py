"""Filter dates are clamped to what the data can hold, so the arithmetic around a period
(previous period, trend windows) never leaves the calendar."""

from __future__ import annotations

import datetime as dt

from data.queries import EARLIEST, LATEST, Filters


def test_a_period_from_year_1_to_9999_is_clamped_and_has_no_previous_period():
    f = Filters.of(date_from="0001-01-01", date_to="9999-12-31")
    assert (f.date_from, f.date_to) == (EARLIEST, LATEST)
    assert f.previous_period() is None
    assert f.widened(52).date_from == EARLIEST


def test_a_period_near_the_earliest_date_widens_and_compares_within_it():
    f = Filters.of(date_from="1678-01-10", date_to="1678-01-20")
    assert f.widened(52).date_from == EARLIEST
    assert f.previous_period() is None
    later = Filters.of(date_from="2026-11-01", date_to="2026-11-14")
    assert later.previous_period().date_from == dt.date(2026, 10, 18)
    assert later.widened(4).date_from == dt.date(2026, 10, 18)
