"""Every view's download holds exactly its view model's tables, for several filter sets:
the screen and the file read one model, so they cannot disagree. Includes the cases that
used to disagree: the gap heatmap's file held audit scores, and a touchpoint opened with
another journey in the filter exported nothing and 26 of the screen's 52 weeks."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest

from callbacks import comments as comments_cb
from callbacks import heatmap as heatmap_cb
from callbacks import touchpoint as touchpoint_cb
from callbacks.filters import filters_from_search
from dashboard import exports, pages
from dashboard.i18n import t
from data import export, scorecards
from data.queries import Filters
from layouts import ids

VIEWS = {
    "overview": ["/", "/?trend=audit"],
    "journey": ["/journey", "/journey?lanes=department"],
    "heatmap": ["/heatmap", "/heatmap?metric=gap", "/heatmap?metric=nps"],
    "benchmark": ["/benchmark", "/benchmark?perspective=customer"],
    "touchpoint": ["/touchpoints/st-hotline"],
    "mine": ["/mine?department=TS", "/mine"],
    "atlas": ["/atlas"],
    "personas": ["/personas"],
    "actions": ["/actions", "/actions?sort=status"],
    "alerts": ["/alerts"],  # no user outside a request: see test_alerts_download
}
FILTERS = [
    "",
    "journey=stoerung&from=2026-10-19&to=2026-11-15",
    "persona=senior&channel=online,telefon&from=2026-08-01&to=2026-10-31",
    "journey=umzug,stoerung&phase=lieferung&period=all",
    "from=2031-01-01&to=2031-01-31&department=KS",  # nothing left
]


def _url(view: str, filters: str) -> tuple[str, str]:
    path, _, options = view.partition("?")
    query = "&".join(p for p in (options, filters) if p)
    return path, ("?" + query) if query else ""


def _model_tables(store, path: str, search: str) -> dict[str, pd.DataFrame]:
    """The view's tables straight from its model, as the screen's callback builds it."""
    page = pages.find(path)
    model = page.view.model(store, filters_from_search(store, search),
                            page.model_options(path, search))
    return page.view.tables(model, lambda key: t(key, "en"))


def _downloaded(store, path: str, search: str) -> dict[str, pd.DataFrame]:
    content, _, _ = exports.download(store, path, search, "xlsx", "en")
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None)
    sheets.pop("About")
    return sheets


def _plain(value):
    """A cell as the workbook holds it: numbers as floats, dates as ISO text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(float(value), 3)
    if hasattr(value, "item") and not isinstance(value, str):
        return _plain(value.item())
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(export.neutralise(str(value)))


def _same(model: pd.DataFrame, file: pd.DataFrame, where: str) -> None:
    assert list(file.columns) == [str(c) for c in model.columns], where
    assert len(file) == len(model), where
    for column in model.columns:
        want = [_plain(v) for v in model[column].tolist()]
        got = [_plain(v) for v in file[str(column)].tolist()]
        for i, (a, b) in enumerate(zip(want, got, strict=True)):
            if isinstance(a, float) and isinstance(b, float):
                assert b == pytest.approx(a, abs=1e-3), f"{where} {column}[{i}]"
            else:
                assert a == b or (a in ("", None) and b in ("", None)), f"{where} {column}[{i}]"


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("name", VIEWS)
def test_download_equals_the_view_model(demo_store, name, filters):
    for view in VIEWS[name]:
        path, search = _url(view, filters)
        want = _model_tables(demo_store, path, search)
        got = _downloaded(demo_store, path, search)
        assert list(got) == list(want), (path, search)
        for sheet, frame in want.items():
            _same(frame, got[sheet], f"{path}{search} / {sheet}")


def test_every_page_with_a_view_model_is_tested():
    assert {p.name for p in pages.PAGES if p.view} == set(VIEWS)


SEARCH = "?journey=stoerung&from=2026-10-19&to=2026-11-15"


def test_gap_heatmap_downloads_gaps_as_shown(demo_store):
    search = SEARCH + "&metric=gap"
    got = _downloaded(demo_store, "/heatmap", search)["Phase x channel"]
    f = filters_from_search(demo_store, search)
    gaps = scorecards.metric_cells(demo_store, f, "gap", ("phase", "channel"))
    scores = scorecards.metric_cells(demo_store, f, "audit", ("phase", "channel"))
    assert set(got["metric"]) == {"gap"}
    assert sorted(got["value"].round(3)) == sorted(gaps["value"].round(3))
    assert sorted(got["value"].round(3)) != sorted(scores["value"].round(3))
    assert got["value"].min() < 0 < 5 > got["value"].max()  # gaps to target, not 1–10 scores
    _, figure, _ = heatmap_cb.update(demo_store, search, "en")
    shown = [v for row in figure["data"][0]["z"] for v in row
             if v is not None and not math.isnan(v)]
    assert sorted(round(v, 3) for v in shown) == sorted(got["value"].round(3))


def test_touchpoint_download_keeps_the_screen_filters_and_weeks(demo_store):
    search = "?journey=umzug&from=2026-10-19&to=2026-11-15"  # the hotline is in stoerung
    out = touchpoint_cb.update(demo_store, "st-hotline", search, "en")
    assert "Störungshotline" in str(out[0]) and out[1] is None
    got = _downloaded(demo_store, "/touchpoints/st-hotline", search)
    assert list(got["Touchpoint"]["key"]) == ["st-hotline"]
    assert int(got["Touchpoint"]["audits"].iloc[0]) > 0
    weeks = got["Audit score by week"]
    history = out[3]["data"][1]
    assert len(weeks) == len(history["x"]) > 26  # the screen's year, not half of it
    first = pd.Timestamp(weeks["week"].min()).date()
    assert first >= dt.date(2026, 11, 15) - dt.timedelta(weeks=52)


def test_touchpoint_comments_follow_the_persona_on_screen_and_in_the_download(demo_store):
    base = "?from=2026-05-01&to=2026-11-15"
    texts = {}
    for persona in ("", "&persona=senior"):
        search = base + persona
        shown = comments_cb.render(demo_store, "st-hotline", search, "", "", "all", 1, False,
                                   "en")
        screen = str(shown[0])
        file = _downloaded(demo_store, "/touchpoints/st-hotline",
                           search + "&part=comments&page=all")["Comments"]
        assert 0 < len(file) <= 20  # one page holds them all here: the screen shows the file
        assert screen.count("'comment-text'") == len(file)
        assert all(str(c) in screen for c in file["comment"])
        assert shown[1] == f"1–{len(file)} of {len(file)}"
        texts[persona] = list(file["comment"])
    assert texts[""] != texts["&persona=senior"]
    from views import comments

    senior = comments.model(demo_store, Filters.of(date_from="2026-05-01",
                                                   date_to="2026-11-15", personas=["senior"]),
                            {"key": "st-hotline", "page": "all"})
    assert senior.rows["comment"].tolist() == texts["&persona=senior"]
    assert senior.filters.personas == ("senior",)


def test_touchpoint_survey_trends_on_screen_are_the_downloaded_weeks(demo_store):
    search = "?from=2026-10-19&to=2026-11-15"
    out = touchpoint_cb.update(demo_store, "st-hotline", search, "en")
    got = _downloaded(demo_store, "/touchpoints/st-hotline", search)
    trends = dict(zip(touchpoint_cb.OUTPUTS, out, strict=True))
    for metric, table in (("nps", "NPS by week"), ("ces", "CES by week"),
                          ("csat", "CSAT by week")):
        weeks = got[table]
        graph = trends[(ids.survey_trend_graph(metric), "figure")]
        shown = trends[(ids.survey_trend(metric), "className")]
        if weeks.empty:
            assert graph is None and "survey-trend-empty" in shown
            continue
        assert shown == "survey-trend"
        line = graph["data"][1]
        assert len(line["x"]) == len(weeks)
        assert [round(v, 3) for v in line["y"]] == weeks["value"].round(3).tolist()
        assert list(weeks.columns) == ["week", "value", "ci95_low", "ci95_high", "n", "small"]
        banded = weeks.dropna(subset=["ci95_low", "ci95_high"])  # n = 1: a mean has none
        assert len(banded) > 0 and (banded["ci95_low"] <= banded["ci95_high"]).all()
        # hollow markers on the small weeks, the weeks the file marks small
        hollow = [c == "white" for c in line["marker"]["color"]]
        assert hollow == weeks["small"].astype(bool).tolist()
    assert any(not got[t].empty for t in ("NPS by week", "CES by week", "CSAT by week"))


