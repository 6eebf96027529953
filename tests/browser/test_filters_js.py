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

    def run(function: str, *args, trigger: str | None = None, value=None):
        return driver.execute_script(
            "window.dash_clientside = {no_update: arguments[1], callback_context: "
            "{triggered: arguments[2] ? [{prop_id: arguments[2], value: arguments[4]}] : []}};"
            + SCRIPT + "; return window.dash_clientside.cxdash[arguments[0]].apply(null, "
            "JSON.parse(arguments[3]));", function, NO, trigger, json.dumps(args), value)

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


def test_one_callback_follows_a_filter_change_with_every_link_and_sends_only_what_changed(
        call):
    presets = [ids.period_preset(p) for p in ("week", "4w", "quarter", "ytd")]
    navs = [ids.nav_link("/"), ids.nav_link("/mine")]
    links = [ids.filter_link("/journey")]
    exports_now = ["", *["#"] * len(ids.EXPORT_LINKS), False, False, False, False, False]
    out = call("syncShell", "/", "?lanes=channel", ["umzug"], [], [], [], [],
               "2026-10-19", "2026-11-15", None, STATE, presets, [False, True, False, False],
               navs, ["/?journey=umzug&from=2026-10-19&to=2026-11-15&lanes=channel", "/mine"], links, [None],
               *exports_now, trigger=f"{ids.FILTER_JOURNEY}.value")
    fresh = "?journey=umzug&from=2026-10-19&to=2026-11-15&lanes=channel"
    assert out[:8] == [fresh] + [NO] * 7  # the URL, as syncFilters writes it
    exports = out[8:8 + len(exports_now)]
    assert exports[0].endswith("/" + fresh)  # the link to copy: the URL after the change
    assert exports[1] == "/export/data.csv?view=/&" + fresh[1:]
    assert exports[-5:] == [NO] * 5  # still offered: not sent again
    assert out[-3] == [NO] * 4  # the same preset stays active
    assert out[-2] == [NO, "/mine" + fresh + "&department=KS"]  # a page link already right is not sent again
    assert out[-1] == ["/journey" + fresh]
    assert len(out) == 8 + len(exports_now) + 3
    # The URL changed elsewhere (a link, the back button): the bar follows, and the links
    # come from that URL.
    out = call("syncShell", "/heatmap", "?persona=senior&period=all", [], [], [], [], [],
               "2026-10-19", "2026-11-15", None, STATE, presets, [False, True, False, False],
               [], [], [], [], *exports_now, trigger="url.search")
    assert out[0] == NO and out[2] == ["senior"] and out[6:8] == [None, None]
    assert out[-3] == [NO, False, NO, NO] and out[-2:] == [[], []]


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


def _prop(component_id: dict, prop: str) -> str:
    return json.dumps(component_id, sort_keys=True, separators=(",", ":")) + "." + prop


def test_a_preset_click_sets_its_period_and_keeps_the_other_parameters(call):
    week = _prop(ids.period_preset("week"), "n_clicks")
    out = call("applyPreset", [1, None, None, None], "?journey=stoerung&period=all&page=2",
               STATE, trigger=week)
    assert out == "?journey=stoerung&page=2&from=2026-11-09&to=2026-11-15"
    assert call("applyPreset", [2, None, None, None], out, STATE, trigger=week) == NO
    # Presets drawn (no click yet), or a preset the shell does not know: no change
    assert call("applyPreset", [None, None, None, None], "", STATE, trigger=week) == NO
    assert call("applyPreset", [1], "", {"presets": {}}, trigger=week) == NO


def test_links_in_a_view_keep_the_filters_with_their_own_parameters(call):
    links = [ids.filter_link("/journey"), ids.filter_link("/touchpoints/st-hotline", "apage=2"),
             ids.filter_link("/touchpoints/st-hotline", "persona=&apage=3")]
    search = "?journey=stoerung&persona=senior&from=2026-10-19&to=2026-11-15&apage=5"
    assert call("filterHrefs", search, links) == [
        "/journey" + search,
        "/touchpoints/st-hotline?journey=stoerung&persona=senior&from=2026-10-19&to=2026-11-15"
        "&apage=2",
        "/touchpoints/st-hotline?journey=stoerung&from=2026-10-19&to=2026-11-15&apage=3"]
    assert call("filterHrefs", "", links[:1]) == ["/journey"]


def test_a_comment_click_asks_for_the_form_with_its_draft_and_a_list_drawn_anew_does_not(
        call):
    drafts = [{"title": "first", "ref": "survey nps 3: first"},
              {"title": "second", "ref": "survey nps 9: second"}]
    row = _prop(ids.comment_act(1), "n_clicks")
    assert call("commentRequest", [0, 1], drafts, trigger=row, value=1) == {
        "origin": "comment", "ref": drafts[1]["ref"], "title": "second", "clicks": 1}
    assert call("commentRequest", [0, 2], drafts, trigger=row, value=2)["clicks"] == 2
    assert call("commentRequest", [0, 0], drafts, trigger=row, value=0) == NO
    assert call("commentRequest", [0, 1], [], trigger=row, value=1) == NO


def test_following_the_url_sets_only_the_controls_whose_value_differs(call):
    out = sync(call, "?journey=umzug&persona=senior&from=2026-10-19&to=2026-11-15",
               [["umzug"], [], [], [], []], "2026-10-19", "2026-11-15", "url.search")
    assert out == [NO, NO, ["senior"], NO, NO, NO, NO, NO]
    out = sync(call, "?from=2026-11-09&to=2026-11-15", [["umzug"], [], [], [], []],
               "2026-10-19", "2026-11-15", "url.search")
    assert out == [NO, [], NO, NO, NO, NO, "2026-11-09", NO]


def test_a_page_that_opens_gets_what_it_adds_to_the_url_and_a_later_change_keeps_it_out(
        call):
    exports_now = [""] * (1 + len(ids.EXPORT_LINKS)) + [False] * 5

    def shell(path, search, trigger, department=()):
        return call("syncShell", path, search, [], [], [], [], list(department), None, None,
                    None, STATE, [], [], [], [], [], [], *exports_now, trigger=trigger)

    # Opened by a link or typed in (the app's first call has no trigger): the owner's
    # department goes into the URL, and so into the filter bar.
    for trigger in ("url.pathname", None):
        out = shell("/mine/", "?period=all", trigger)
        assert out[0] == "?period=all&department=KS" and out[5] == ["KS"]
    assert shell("/mine", "?department=IT", "url.pathname")[0] == NO  # named: kept
    assert shell("/journey", "?period=all", "url.pathname")[0] == NO  # adds nothing
    # The owner cleared the department: the URL changed, no page opened.
    out = shell("/mine", "?period=all", f"{ids.FILTER_DEPARTMENT}.value")
    assert out[0] == NO

