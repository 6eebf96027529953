"""Per-column decisions on values: the decimal mark and the order of day and month."""

import datetime as dt

import pandas as pd
import pytest

from data.ingest import validate as v
from data.ingest.problems import Problems


def numbers(values, **kw):
    problems = Problems()
    parsed = v.parse_number(pd.Series(values, dtype="str"), "x", problems, **kw)
    return parsed.tolist(), [p.code for p in problems.items]


@pytest.mark.parametrize(("values", "kw", "want"), [
    (["2.546", "449", "1.200"], {"integer": True}, [2546, 449, 1200]),  # Dutch thousands
    (["2,533", "12"], {"integer": True}, [2533, 12]),  # English thousands
    (["6,5", "7"], {}, [6.5, 7.0]),  # German half point
    (["4.5", "3"], {"hint": ","}, [4.5, 3.0]),  # a point in a ";" file is a decimal point
    (["85,98%", "57,91%"], {}, [85.98, 57.91]),
    (["1.234,5", "2"], {}, [1234.5, 2.0]),
    (["1,234.5", "2"], {}, [1234.5, 2.0]),
])
def test_the_decimal_mark_is_decided_per_column_from_its_values(values, kw, want):
    assert numbers(values, **kw) == (want, [])


def test_a_number_that_could_mean_two_things_is_reported():
    parsed, codes = numbers(["1,234", "12"], low=0)
    assert codes == ["number.ambiguous"] and parsed[1] == 12.0


def dates(values, **kw):
    info = {}
    parsed = v.parse_date(pd.Series(values, dtype="str"), "d", Problems(), info=info, **kw)
    return [d.date() for d in parsed], info


def test_day_first_or_month_first_from_the_values_then_the_convention():
    assert dates(["03/04/2026", "13/04/2026"])[0][0] == dt.date(2026, 4, 3)
    assert dates(["04/03/2026", "04/13/2026"])[0][0] == dt.date(2026, 4, 3)
    read, info = dates(["03/04/2026"])
    assert read == [dt.date(2026, 3, 4)] and info["order"] == ("month-first", "convention")
    assert dates(["03/04/2026"], convention="day-first")[0] == [dt.date(2026, 4, 3)]
    assert dates(["03/04/2026", "13/04/2026"], day_first=False)[0][0] == dt.date(2026, 3, 4)


@pytest.mark.parametrize(("cell", "want"), [
    ("8/27/2014 11:29:31", dt.date(2014, 8, 27)),
    ("8/27/2014 1:29:31 PM", dt.date(2014, 8, 27)),
    ("2026-03-01T23:30:00-05:00", dt.date(2026, 3, 1)),
    ("2026-03-01T10:00:00Z", dt.date(2026, 3, 1)),
    ("16-04-2024", dt.date(2024, 4, 16)),
    ("10.03.2023 12:28:23", dt.date(2023, 3, 10)),
    ("45000", dt.date(2023, 3, 15)),  # an Excel serial
    ("2009-12-28,2010-01-03", dt.date(2010, 1, 3)),  # a period: dated at its end
    ("20260301", dt.date(2026, 3, 1)),
])
def test_date_shapes_of_real_exports(cell, want):
    assert dates([cell])[0] == [want]
