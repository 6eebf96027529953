"""The browser's filter callbacks (assets/filters.js) against hand-written cases: the URL
and the filter bar in step, the default period, the reset, active presets, page links
and export links. Run in Chromium on a blank page with Dash's clientside context faked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layouts import ids

SCRIPT = (Path(__file__).parent.parent.parent / "assets" / "filters.js").read_text()
NO = "<no_update>"
STATE = {"default": ["2026-10-19", "2026-11-15"],
         "presets": {"week": ["2026-11-09", "2026-11-15"], "4w": ["2026-10-19", "2026-11-15"],
                     "quarter": ["2026-07-01", "2026-09-30"], "ytd": ["2026-01-01", "2026-11-15"]},
         "prepare": {"/mine": {"department": "KS"}},
         # (path, prefix, data download, charts) in the registry's order, as shell_state
         # hands over
         "pages": [["/", False, True, True], ["/touchpoints/", True, True, True],
                   ["/data", False, False, False], ["/audits/progress/", True, False, False],
                   ["/workshop/join", False, False, False], ["/workshop/", True, False, True],
                   ["/alerts", False, True, False]]}


@pytest.fixture
def call(dash_duo):
    driver = dash_duo.driver
    driver.get("about:blank")

    def run(function: str, *args, trigger: str | None = None):
        return driver.execute_script(
            "window.dash_clientside = {no_update: arguments[1], callback_context: "
            "{triggered: arguments[2] ? [{prop_id: arguments[2]}] : []}};" + SCRIPT +
            "; return window.dash_clientside.cxdash[arguments[0]].apply(null, "
            "JSON.parse(arguments[3]));", function, NO, trigger, json.dumps(args))

    return run


def sync(call, search, values, start, end, trigger):
    return call("syncFilters", search, *values, start, end, None, STATE, trigger=trigger)


def test_url_without_dates_opens_the_latest_four_weeks(call):
    out = sync(call, "?journey=stoerung,umzug,stoerung", [None] * 5, None, None, "url.search")
    assert out[0] == NO
    assert out[1:6] == [["stoerung", "umzug"], [], [], [], []]
    assert out[6:] == ["2026-10-19", "2026-11-15"]
    # period=all: no dates; a page load (no trigger) reads the URL the same way.
    out = sync(call, "?period=all&persona=senior", [None] * 5, None, None, None)
    assert out[2] == ["senior"] and out[6:] == [None, None]


def test_changing_a_filter_writes_the_url_and_keeps_view_options_but_not_the_page(call):
    out = sync(call, "?lanes=channel&page=3", [["umzug"], [], [], [], ["KS", "IT"]],
               "2026-10-19", "2026-11-15", f"{ids.FILTER_JOURNEY}.value")
    assert out[0] == "?journey=umzug&department=KS,IT&from=2026-10-19&to=2026-11-15&lanes=channel"
    assert out[1:] == [NO] * 7
    # A cleared date range is every period; the same URL again is no change.
    out = sync(call, "", [[], [], [], [], []], None, None, f"{ids.FILTER_DATE}.start_date")
    assert out[0] == "?period=all"
    same = "?journey=umzug&from=2026-10-19&to=2026-11-15"
    out = sync(call, same, [["umzug"], [], [], [], []], "2026-10-19", "2026-11-15",
               f"{ids.FILTER_PERSONA}.value")
    assert out[0] == NO


def test_reset_clears_filters_and_restores_the_default_period(call):
    out = sync(call, "?journey=umzug", [["umzug"], [], [], [], []], None, None,
               f"{ids.FILTER_RESET}.n_clicks")
    assert out == ["", [], [], [], [], [], "2026-10-19", "2026-11-15"]


def test_presets_are_marked_active_by_the_urls_period(call):
    preset_ids = [{"type": "period-preset", "preset": p} for p in ("week", "4w", "quarter", "ytd")]
    assert call("activePresets", "?journey=stoerung&from=2026-11-09&to=2026-11-15",
                preset_ids, STATE) == [True, False, False, False]
    assert call("activePresets", "", preset_ids, STATE) == [False, True, False, False]
    assert call("activePresets", "?from=2026-11-01&to=2026-11-15", preset_ids, STATE) == \
        [False] * 4
    assert call("activePresets", "", preset_ids, {"default": [None, None], "presets": {}}) == \
        [False] * 4


def test_page_links_keep_the_filters_and_add_what_a_page_adds(call):
    links = [{"type": "nav-link", "page": "/"}, {"type": "nav-link", "page": "/mine"}]
    assert call("navHrefs", "?journey=umzug", links, STATE) == \
        ["/?journey=umzug", "/mine?journey=umzug&department=KS"]
    assert call("navHrefs", "?department=IT", links, STATE) == ["/?department=IT",
                                                                "/mine?department=IT"]
    assert call("navHrefs", "", links, {}) == ["/", "/mine"]


def test_export_links_carry_the_view_and_its_filters(call):
    out = call("exportHrefs", "/heatmap/", "?journey=umzug&department=KS,IT",
               "http://x/heatmap?journey=umzug", {})
    assert out[0] == "http://x/heatmap?journey=umzug"
    assert out[1] == "/export/data.csv?view=/heatmap&journey=umzug&department=KS,IT"
    assert out[4] == "/export/poster.pdf?size=A3&journey=umzug&department=KS,IT"
    assert out[6] == "/export/report.html?week=last&journey=umzug"  # one department only
    assert len(out) == 1 + len(ids.EXPORT_LINKS) + len(ids.EXPORT_DATA_LINKS) + 2
    assert out[-5:] == [False] * 5  # no registry in the state: data and charts offered


def test_data_items_are_disabled_where_the_registry_has_no_view(call):
    def disabled(path):
        out = call("exportHrefs", path, "?journey=umzug", "http://x" + path, STATE)
        data = out[1:4]
        assert out[4] == "/export/poster.pdf?size=A3&journey=umzug"  # takes the filters
        assert out[-5:-2] in ([True] * 3, [False] * 3)
        assert all(h == "#" for h in data) == out[-3]
        return out[-3]

    assert not disabled("/") and not disabled("/alerts/") and not disabled("/touchpoints/x")
    assert disabled("/data") and disabled("/audits/progress/3") and disabled("/workshop/join")
    assert disabled("/workshop/umzug") and disabled("/nowhere")
    assert disabled("/touchpoints/x/y")  # matched as pages.find: no page there
    assert call("exportHrefs", "/alerts", "?period=all", "", STATE)[1] == \
        "/export/data.csv?view=/alerts&period=all"


def test_chart_images_are_disabled_where_the_page_draws_no_charts(call):
    def no_charts(path):
        out = call("exportHrefs", path, "", "", STATE)
        assert out[-2] == out[-1]  # PNG and SVG together
        return out[-1]

    assert not no_charts("/") and not no_charts("/touchpoints/x")
    assert not no_charts("/workshop/umzug")  # no download, but the room's curve
    assert no_charts("/alerts") and no_charts("/data") and no_charts("/nowhere")



def test_a_clicked_preset_sets_its_period_and_keeps_the_rest(call):
    trigger = json.dumps({"preset": "week", "type": "period-preset"}, separators=(",", ":"))
    out = call("applyPreset", [None, 1, None], "?journey=stoerung&period=all&lanes=channel",
               STATE, trigger=trigger + ".n_clicks")
    assert out == "?journey=stoerung&lanes=channel&from=2026-11-09&to=2026-11-15"
    # The same period again, a preset the state does not know, no click: no change.
    same = "?journey=stoerung&from=2026-11-09&to=2026-11-15"
    assert call("applyPreset", [1], same, STATE, trigger=trigger + ".n_clicks") == NO
    unknown = trigger.replace("week", "decade")
    assert call("applyPreset", [1], "", STATE, trigger=unknown + ".n_clicks") == NO
    assert call("applyPreset", [None, None], "", STATE, trigger=trigger + ".n_clicks") == NO
