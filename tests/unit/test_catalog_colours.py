"""A channel colour is #RRGGBB or refused with its row and column (it reaches CSS)."""

from __future__ import annotations

import pandas as pd

from data.ingest.canonical import validate_catalog


def _channels(*colours: str) -> pd.DataFrame:
    frame = pd.DataFrame({"key": [f"c{i}" for i in range(len(colours))],
                          "name": [f"Channel {i}" for i in range(len(colours))],
                          "color": list(colours)})
    frame.index = range(2, 2 + len(colours))  # file rows: the header is row 1
    return frame


def test_a_colour_that_is_not_rrggbb_is_refused_with_its_row_and_column():
    hostile = "red;background-image:url(http://127.0.0.1:9911/x)"
    result, problems = validate_catalog({"channels": _channels("#1F77b4", hostile, "blue",
                                                               "")}, {})
    listed = {(p.row, p.column) for p in problems.listing()}
    assert listed == {(3, "color"), (4, "color")}
    assert any("#1F77B4" in p.message for p in problems.listing())


def test_rrggbb_colours_and_empty_ones_pass():
    result, problems = validate_catalog({"channels": _channels("#1f77b4", "#FFFFFF", "")}, {})
    assert not problems.listing()
    assert list(result["channels"]["color"].fillna("")) == ["#1f77b4", "#FFFFFF", ""]
