"""Overview and shell callbacks, called as plain functions against a demo database."""

from __future__ import annotations

from dash import no_update

from callbacks import overview, shell
from callbacks.filters import filters_from_search
from dashboard import pages
from layouts import overview as overview_layout
from layouts import shell as shell_layout
from views import overview as overview_view


def _cards(store, f):
    return overview_view.model(store, f).cards


def _text(component) -> str:
    """Flatten a component tree to its visible text."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def test_overview_shows_numbers_with_n_and_change(demo_store):
    (nps, ces, csat, perf, journey, gaps, movers, fell, figure, period,
     notice, _actions) = overview.update(demo_store, "", "en")
    assert "n = " in _text(nps) and "vs previous period" in _text(nps)
    assert "% easy" in _text(ces)
    assert "top-2-box" in _text(csat)
    assert "audits" in _text(perf)
    assert "moments of truth" in _text(journey)
    assert period.startswith("19 Oct 2026 – 15 Nov 2026")
    assert notice is None
    assert len(figure["data"]) == 2 and len(figure["data"][1]["x"]) >= 26
    # The five largest gaps to target, each a link to its drill-down.
    assert _text(gaps).count("n = ") == 5
    assert "st-hotline" in str(movers) or "st-hotline" in str(gaps)


def test_overview_reacts_to_filters_and_language(demo_store):
    everything = _text(overview.update(demo_store, "", "en")[0])
    one_journey = _text(overview.update(demo_store, "?journey=stoerung", "en")[0])
    assert everything != one_journey
    german = overview.update(demo_store, "?journey=stoerung&trend=audit", "de")
    assert "Antworten" in _text(german[0]) and "ggü. Vorperiode" in _text(german[0])
    assert german[9].startswith("19.10.2026 – 15.11.2026")
    assert german[8]["layout"]["yaxis"]["title"]["text"] == "Audit-Score"


def test_the_degrading_hotline_shows_a_significant_drop(demo_store):
    cards = _cards(demo_store, filters_from_search(
        demo_store, "?journey=stoerung&from=2026-10-19&to=2026-11-15"))
    hotline = _cards(demo_store, filters_from_search(
        demo_store, "?journey=stoerung&from=2026-09-21&to=2026-11-15"))
    assert cards[3].n > 0 and hotline[3].n > cards[3].n
    tp_only = _cards(demo_store, filters_from_search(
        demo_store, "?touchpoint=st-hotline&from=2026-10-19&to=2026-11-15"))[3]
    assert tp_only.delta < 0 and tp_only.significant


def test_filters_without_data_explain_what_to_do(demo_store):
    out = overview.update(demo_store, "?from=2030-01-01&to=2030-01-31", "en")
    assert "Widen the period or remove a filter" in _text(out[10])
    assert "no data" in _text(out[0])


def test_small_samples_are_marked(duck_store):
    from pathlib import Path

    from data.ingest import import_file

    fixtures = Path(__file__).parent.parent / "fixtures" / "canonical"
    for name, kind in (("catalog.xlsx", "catalog"), ("nps.csv", "nps"), ("audit.csv", "audit")):
        assert import_file(duck_store, (fixtures / name).read_bytes(), kind).ok
    everything = _cards(duck_store, filters_from_search(
        duck_store, "?period=all"))
    assert everything[0].n == 10 and everything[0].small  # 10 responses < 30
    assert everything[3].n == 9 and not everything[3].small  # 9 audits >= 5
    hotline = _cards(duck_store, filters_from_search(
        duck_store, "?touchpoint=hotline&period=all"))
    assert hotline[3].n == 3 and hotline[3].small
    body = _text(overview_layout.kpi_card_body(hotline[3], "en"))
    assert "small sample" in body


def test_data_age_warns_when_the_newest_data_is_over_a_week_old(demo_store):
    import datetime as dt

    from views import periods

    fresh = periods.data_age(demo_store, today=dt.date(2026, 11, 20))
    assert fresh == {"date": dt.date(2026, 11, 15), "days": 5, "stale": False}
    old = periods.data_age(demo_store, today=dt.date(2026, 12, 1))
    assert old["days"] == 16 and old["stale"]
    shown = str(shell_layout.data_age(old, "en"))
    assert "Data as of 15 Nov 2026" in shown and "16 days old" in shown
def test_movers_on_two_audits_are_too_few_to_tell_not_significant(demo_store):
    from data import scorecards
    from views.common import touchpoint_lists

    f = overview.filters_from_search(demo_store, "?from=2026-11-09&to=2026-11-15")
    card = scorecards.touchpoint_scorecard(demo_store, f)
    few = card.loc[(card["n"] > 0) & (card["prev_n"] > 0)
                   & ((card["n"] < 5) | (card["prev_n"] < 5))]
    assert not few.empty  # the demo week has touchpoints on 2–4 audits
    assert all(v is None for v in few["significant"])
    _, movers, _ = touchpoint_lists(card)
    assert ((movers["n"] >= 5) & (movers["prev_n"] >= 5)).all()
    # On screen: a change on too few audits says so and carries no star.
    from layouts import components
    row = few.iloc[0]
    shown = _text(components.delta(row["delta"] if abs(row["delta"]) >= 0.01 else 1.0,
                                   row["significant"], "en", 2))
    assert "too few to tell" in shown and "*" not in shown
    movers_list = overview.update(demo_store, "?from=2026-11-09&to=2026-11-15", "en")[6]
    for n in range(1, 5):
        assert f"n = {n} " not in _text(movers_list) + " "


def test_downloads_spell_too_few_to_tell_and_never_call_it_significant(demo_store):
    from dashboard import exports

    search = "?from=2026-11-09&to=2026-11-15"
    table = exports.view_tables(demo_store, "/benchmark", search, "en")["Touchpoints"]
    assert set(table["change_significant"]) <= {"yes", "no", "too few to tell"}
    few = table.loc[(table["audits"] < 5) | (table["previous_audits"] < 5)]
    assert not few.empty and (few["change_significant"] == "too few to tell").all()
    movers = exports.view_tables(demo_store, "/", search, "en")["Movers"]
    assert (movers["change_significant"] == "yes").all()
    assert ((movers["audits"] >= 5) & (movers["previous_audits"] >= 5)).all()
    journeys = exports.view_tables(demo_store, "/atlas", search, "en")["Journeys"]
    assert set(journeys["change_significant"]) <= {"yes", "no", "too few to tell"}


def test_the_server_tells_the_browser_the_periods_and_what_pages_add(demo_store):
    state = shell.shell_state(demo_store)
    assert state["default"] == ["2026-10-19", "2026-11-15"]
    assert state["presets"]["week"] == ["2026-11-09", "2026-11-15"]
    assert state["presets"]["4w"] == state["default"]
    # Nobody signed in: My touchpoints adds nothing; the pages with controls add their
    # defaults as they open.
    assert "/mine" not in state["prepare"]
    assert state["prepare"] == {"/": {"trend": "nps"}, "/journey": {"lanes": "none"},
                                "/heatmap": {"metric": "audit"},
                                "/benchmark": {"perspective": "all"},
                                "/touchpoints/": {"weeks": "6"}, "/actions": {"sort": "due"}}
    # The registry in order, for the browser to tell which pages have a data download.
    assert [p for p, *_ in state["pages"]] == [p.path for p in pages.PAGES]
    downloads = {path: (prefix, download) for path, prefix, download, _ in state["pages"]}
    assert downloads["/alerts"] == (False, True) and downloads["/data"] == (False, False)
    assert downloads["/touchpoints/"] == (True, True) and downloads["/admin"][1] is False
    # and which draw charts (the PNG / SVG items).
    charts = {path for path, *_, drawn in state["pages"] if drawn}
    assert charts == {"/", "/journey", "/heatmap", "/benchmark", "/touchpoints/", "/workshop/"}


def test_a_changed_control_starts_a_paged_list_on_page_one_a_drawn_one_keeps_it():
    sort = [{"type": "view-option", "param": "sort"}]
    # Drawn on a link to page 2 (the URL names no sort yet): the page stays.
    assert shell.set_view_option(["due"], sort, "?period=all&page=2") == \
        "?period=all&page=2&sort=due"
    # Changed by the user: back to page 1.
    assert shell.set_view_option(["status"], sort, "?period=all&page=2&sort=due") == \
        "?period=all&sort=status"
    assert shell.set_view_option(["due"], sort, "?page=3&sort=due") is no_update
