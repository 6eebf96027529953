"""Every page callback, called as a function: demo data in, sensible content out; an empty
database or filters without data give a notice, never an exception."""

from __future__ import annotations

import contextvars

import pytest

from callbacks import atlas, benchmark, heatmap, journey, mine, overview, personas, touchpoint

PAGES = {
    "overview": lambda store, search: overview.update(store, search, "en"),
    "journey": lambda store, search: journey.update(store, search, "en"),
    "heatmap": lambda store, search: heatmap.update(store, search, "en"),
    "benchmark": lambda store, search: benchmark.update(store, search, "en"),
    "touchpoint": lambda store, search: touchpoint.update(store, "st-hotline", search, "en"),
    "mine": lambda store, search: mine.update(store, search, "en"),
    "atlas": lambda store, search: atlas.update(store, search, "en"),
    "personas": lambda store, search: personas.update(store, search, "en"),
}


@pytest.mark.parametrize("page", PAGES)
def test_pages_survive_an_empty_database(duck_store, page):
    assert PAGES[page](duck_store, "") is not None


@pytest.mark.parametrize("page", PAGES)
def test_pages_say_what_to_do_when_filters_leave_nothing(demo_store, page):
    out = PAGES[page](demo_store, "?from=2031-01-01&to=2031-01-31&department=KS")
    if page != "personas":  # persona cards stay, with "–" for their KPIs
        assert "Widen the period or remove a filter" in str(out)


def test_journey_map_shows_the_chosen_journey_and_its_persona(demo_store):
    picker, persona, summary, grid, figure, workshop = journey.update(
        demo_store, "?journey=stoerung&persona=senior&lanes=department", "en")
    assert "Störungshotline" in str(grid) and "Tarifseite" not in str(grid)
    assert "lane-label" in str(grid)
    assert workshop == "/workshop/stoerung"
    assert "Ich möchte mit einem Menschen sprechen" in str(persona)
    assert "Journey score" in str(summary)
    markers = figure["data"][-1]
    assert len(markers["x"]) == 15 and markers["x"][0].startswith("1. ")


def test_benchmark_sorts_by_largest_gap(demo_store):
    _, figure, rows, _head, style, *_ = benchmark.update(demo_store, "?journey=stoerung",
                                                         "en")
    bars, ticks = figure["data"][1], figure["data"][2]
    gaps = [x - t for x, t in zip(bars["x"], ticks["x"], strict=True)]
    assert gaps == sorted(gaps)
    assert style is None  # shown
    assert rows and all(r["cells"][0]["href"].startswith("/touchpoints/") for r in rows)
    gaps = [r["cells"][6]["sort"] for r in rows if isinstance(r["cells"][6], dict)
            and "sort" in r["cells"][6]]
    assert gaps == sorted(gaps)  # the table too: largest shortfall first


def test_touchpoint_drilldown_has_every_part(demo_store):
    out = touchpoint.update(demo_store, "st-hotline", "", "en")
    header, notice, attributes, history, perspectives, questions, surveys, web, *trends = out
    assert len(trends) == len(touchpoint.TREND_OUTPUTS)
    assert "Störungshotline" in str(header) and notice is None
    assert "Personalengpass" in str(attributes)
    assert len(history["data"]) == 2
    assert "Customer view" in str(perspectives) and "Employee view" in str(perspectives)
    assert "NPS" in str(surveys)
    assert "No web metrics" in str(web)  # a phone hotline has no URL
    web_tp = touchpoint.update(demo_store, "vt-bestellstrecke", "", "en")[7]
    assert "sessions" in str(web_tp) and "conversion" in str(web_tp)
    unknown = touchpoint.update(demo_store, "nope", "", "en")[0]
    assert "There is no touchpoint nope" in str(unknown)


def test_a_touchpoint_change_draws_only_the_parts_whose_inputs_changed(demo_store,
                                                                        monkeypatch):
    from dash._callback import NoUpdate

    from dashboard import auth
    from data.accounts import User
    from layouts import ids

    monkeypatch.setattr(auth, "current_user", lambda: User("o", "owner", "KS"))
    outputs = [*touchpoint.OUTPUTS, *touchpoint.COMMENT_OUTPUTS,
               (ids.TOUCHPOINT_ACTIONS, "children"), (ids.TOUCHPOINT_RENDERED, "data")]

    def change(search, rendered, trigger=ids.URL, saved=0):
        out = touchpoint.page(demo_store, trigger, "st-hotline", search, "", "all", "all", 1,
                              saved, "en", rendered)
        drawn = {o for o, v in zip(outputs, out, strict=True) if not isinstance(v, NoUpdate)}
        return drawn, out[-1]

    drawn, rendered = change("", None)  # the page's first call draws every part
    assert drawn == set(outputs)
    # The touchpoint is the selection: another journey changes no part, only its links
    drawn, rendered = change("?journey=umzug", rendered)
    assert drawn == {(ids.TOUCHPOINT_NOTICE, "children"), (ids.COMMENTS_EXPORT_CSV, "href"),
                     (ids.COMMENTS_EXPORT_XLSX, "href"), (ids.TOUCHPOINT_RENDERED, "data")}
    # The persona narrows what customers said: survey KPIs, trends and comments
    drawn, rendered = change("?journey=umzug&persona=senior", rendered)
    assert (ids.TOUCHPOINT_SURVEYS, "children") in drawn
    assert (ids.survey_trend_graph("nps"), "figure") in drawn
    assert (ids.COMMENTS_LIST, "children") in drawn
    assert not drawn & {(ids.TOUCHPOINT_HEADER, "children"),
                        (ids.TOUCHPOINT_HISTORY_GRAPH, "figure"),
                        (ids.TOUCHPOINT_ACTIONS, "children")}
    # A period draws every part but the actions card; effect weeks and a save draw the card
    drawn, rendered = change("?persona=senior&from=2026-11-09&to=2026-11-15", rendered)
    assert (ids.TOUCHPOINT_HISTORY_GRAPH, "figure") in drawn
    assert (ids.TOUCHPOINT_ACTIONS, "children") not in drawn
    drawn, rendered = change("?persona=senior&from=2026-11-09&to=2026-11-15&weeks=12",
                             rendered)
    assert (ids.TOUCHPOINT_ACTIONS, "children") in drawn
    assert (ids.TOUCHPOINT_HISTORY_GRAPH, "figure") not in drawn
    drawn, _ = change("?persona=senior&from=2026-11-09&to=2026-11-15&weeks=12", rendered,
                      ids.ACTION_FORM_SAVED, saved=1)
    assert (ids.TOUCHPOINT_ACTIONS, "children") in drawn
    # Paging the comments draws the comments alone
    drawn, _ = change("?persona=senior&from=2026-11-09&to=2026-11-15&weeks=12", rendered,
                      ids.COMMENTS_NEXT)
    assert (ids.COMMENTS_LIST, "children") in drawn
    assert (ids.TOUCHPOINT_SURVEYS, "children") not in drawn


def test_my_touchpoints_lists_only_the_department_worst_first(demo_store):
    label, notice, summary, table = mine.update(demo_store, "?department=TS", "en")
    assert label == "Technischer Service" and notice is None
    text = str(table)
    assert "Ersatzrouter-Versand" in text and "Störungshotline" not in text
    assert "below target" in str(summary)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("search", [
    "?journey=stoerung&from=2026-08-01&to=2026-10-31",
    "?persona=senior&channel=online,telefon&metric=gap&trend=audit",
    "?metric=nps&department=KS",
])
def test_reading_ahead_in_parallel_reads_nothing_twice_and_changes_nothing(
        demo_store, monkeypatch, page, search):
    """A view's queries read ahead side by side (queries.prefetch) are the ones it then
    uses: nothing is read twice, the output is the same as one read after the other, and
    only a view that ends early with its empty-filters notice may have read ahead more."""
    from dash._utils import to_json

    from data import actions, queries

    real_read, real_prefetch = demo_store.read_sql, queries.prefetch
    reads = []

    def read(query, *args):
        reads.append(str(query.compile(dialect=demo_store.engine.dialect,
                                       compile_kwargs={"literal_binds": True})))
        return real_read(query, *args)

    monkeypatch.setattr(demo_store, "read_sql", read)

    def one_request(read_ahead: bool):
        monkeypatch.setattr(queries, "prefetch", real_prefetch if read_ahead
                            else lambda store, *calls: None)
        demo_store.begin_request()
        queries.catalog(demo_store)  # kept per process: read before counting
        actions.all_actions(demo_store)  # so are the actions
        reads.clear()
        out = to_json(PAGES[page](demo_store, search))
        return out, sorted(reads)

    plain = contextvars.copy_context().run(one_request, False)
    ahead = contextvars.copy_context().run(one_request, True)
    assert ahead[0] == plain[0]
    assert len(set(ahead[1])) == len(ahead[1]) and set(plain[1]) <= set(ahead[1])
    if "Widen the period or remove a filter" not in plain[0]:
        assert ahead[1] == plain[1]


def test_reading_ahead_leaves_no_thread_behind_and_survives_a_failing_call(demo_store):
    """Read-ahead threads end with their request (a server that stops its threads must not
    leave later views waiting on dead workers), and a call that fails there does not fail
    the request."""
    import threading

    from data import queries

    def request():
        demo_store.begin_request()
        done = []

        def boom():
            raise RuntimeError("read-ahead failure")

        queries.prefetch(demo_store, lambda: done.append(1), boom, lambda: done.append(2))
        return done

    before = {t.ident for t in threading.enumerate()}
    assert sorted(contextvars.copy_context().run(request)) == [1, 2]
    assert {t.ident for t in threading.enumerate()} <= before
    assert sorted(contextvars.copy_context().run(request)) == [1, 2]
