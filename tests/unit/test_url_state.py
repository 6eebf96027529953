"""The filter state in the URL: parsing and writing are each other's inverse."""

from callbacks import filters


def test_parse_reads_comma_lists_dates_and_all_time():
    keys, start, end, all_time = filters.parse(
        "?journey=stoerung,umzug&persona=senior&from=2026-10-19&to=2026-11-15")
    assert keys["journeys"] == ("stoerung", "umzug")
    assert keys["personas"] == ("senior",)
    assert keys["phases"] == ()
    assert (start, end, all_time) == ("2026-10-19", "2026-11-15", False)
    assert filters.parse("?period=all")[3] is True


def test_parse_ignores_garbage_dates_and_empty_values():
    keys, start, end, _ = filters.parse("?journey=,,a,&from=yesterday&to=2026-02-30")
    assert keys["journeys"] == ("a",)
    assert start is None and end is None


def test_search_round_trips():
    values = {"journey": ["stoerung", "umzug"], "department": ["KS"]}
    search = filters.search_from_values(values, "2026-10-19", "2026-11-15T00:00:00")
    assert search == "?journey=stoerung,umzug&department=KS&from=2026-10-19&to=2026-11-15"
    keys, start, end, _ = filters.parse(search)
    assert keys["journeys"] == ("stoerung", "umzug") and keys["departments"] == ("KS",)
    assert (start, end) == ("2026-10-19", "2026-11-15")


def test_cleared_period_is_all_time():
    assert filters.search_from_values({}, None, None) == "?period=all"
