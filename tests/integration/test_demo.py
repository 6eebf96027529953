"""The demo dataset: deterministic, complete, with its stories, identical on both databases."""

from __future__ import annotations

import contextvars
import datetime as dt

import pandas as pd
import pytest

from dashboard import cli
from data import demo, kpis, queries
from data.queries import Filters
from data.store import Store


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    a, b, c = demo.generate(5000, seed=3), demo.generate(5000, seed=3), demo.generate(5000, seed=4)
    for name in ("audit", "survey", "web", "touchpoints"):
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["survey"]["score"].equals(c["survey"]["score"])


def test_catalog_has_the_shape_a_cx_team_expects():
    frames = demo.generate(1000)
    tps = frames["touchpoints"]
    assert 50 <= len(tps) <= 80
    assert len(frames["personas"]) == 5 and len(frames["departments"]) == 6
    assert 3 <= len(frames["journeys"]) <= 4
    assert list(frames["phases"]["name"]) == ["Inspiration", "Recherche", "Überlegung", "Angebot",
                                              "Kauf", "Lieferung", "Nutzung"]
    assert tps["pain_point"].any() and tps["moment_of_truth"].any()
    assert (tps["best_in_class"] > tps["target"]).all()
    assert tps["key"].is_unique
    assert frames["personas"]["quote"].str.len().gt(10).all()


def test_survey_scores_stay_on_their_scales():
    survey = demo.generate(20_000)["survey"]
    for metric, (lo, hi) in {"nps": (0, 10), "ces": (1, 7), "csat": (1, 5)}.items():
        scores = survey.loc[survey["metric"] == metric, "score"]
        assert scores.min() >= lo and scores.max() <= hi and len(scores) > 1000
    audits = demo.generate(1000)["audit"]
    assert audits["score"].between(1, 10).all()
    assert set(audits["perspective"]) == {"customer", "employee", "expert"}
    assert (pd.to_datetime(audits["date"]).max() - pd.to_datetime(audits["date"]).min()).days > 700


def _perf(store, key, start, end):
    agg = queries.audit_aggregates(store, Filters.of(touchpoints=[key], date_from=start,
                                                     date_to=end, ))
    return float(kpis.mean(agg["n"], agg["total"])[0])


def test_stories_are_in_the_data(demo_store):
    end = demo.END
    last4 = end - dt.timedelta(days=27)
    year_ago = end - dt.timedelta(days=365)
    # The fault hotline has fallen well below its target of 8 in the last four weeks …
    assert _perf(demo_store, "st-hotline", last4, end) < 6.5
    assert _perf(demo_store, "st-hotline", year_ago, year_ago + dt.timedelta(days=90)) > 7.5
    # … and the online bill recovered after its redesign.
    assert _perf(demo_store, "re-online-rechnung", year_ago, year_ago + dt.timedelta(days=90)) < 6
    assert _perf(demo_store, "re-online-rechnung", last4, end) > 7.5
    # The phase Lieferung is the weakest.
    by_phase = queries.audit_aggregates(demo_store, Filters(), by=("phase",))
    means = dict(zip(by_phase["phase"], kpis.mean(by_phase["n"], by_phase["total"]), strict=True))
    assert min(means, key=means.get) == "lieferung"


PERIOD_CASES = [
    Filters.of(journeys=["vertrag"], date_from="2026-08-01", date_to="2026-10-31"),
    Filters.of(personas=["senior"], channels=["online", "pos"], date_from="2026-10-01",
               date_to="2026-10-28"),
    Filters.of(departments=["KS"], date_from="2026-06-01", date_to="2026-11-15"),
    Filters.of(date_from="2020-01-01", date_to="2020-02-01"),  # nothing in either period
]


@pytest.mark.parametrize("f", PERIOD_CASES)
def test_both_periods_in_one_query_equal_two_queries(demo_store, f):
    prev = f.previous_period()
    for periods, single, bys in (
        (queries.survey_periods, queries.survey_aggregates, [(), ("journey",), ("week",)]),
        (queries.audit_periods, queries.audit_aggregates,
         [(), ("touchpoint",), ("touchpoint", "perspective"), ("question",), ("week",)]),
    ):
        for by in bys:
            cur, before = periods(demo_store, f, by)
            pd.testing.assert_frame_equal(cur, single(demo_store, f, by))
            pd.testing.assert_frame_equal(before, single(demo_store, prev, by))
    assert queries.audit_periods(demo_store, Filters(), ())[1] is None


def test_a_period_read_with_its_predecessor_is_not_read_again(demo_store, monkeypatch):
    reads = []
    real = demo_store.read_sql
    monkeypatch.setattr(demo_store, "read_sql", lambda q, *a: reads.append(q) or real(q, *a))
    f = PERIOD_CASES[0]

    def one_request():  # as the app does per web request, without a query cache
        demo_store.begin_request()
        queries.audit_periods(demo_store, f, ("touchpoint", "perspective"))
        queries.survey_periods(demo_store, f)
        assert len(reads) == 2
        queries.audit_aggregates(demo_store, f.previous_period(), ("touchpoint",))
        queries.survey_aggregates(demo_store, f.previous_period())
        queries.audit_periods(demo_store, f, ("touchpoint",))
        assert len(reads) == 2

    contextvars.copy_context().run(one_request)


def test_demo_loads_as_batches_and_is_refused_on_top_of_data(demo_store, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_DATABASE_URL", demo_store.url)
    demo_store.dispose()
    assert cli.main(["demo", "--responses", "1000"]) == 1
    assert "already holds data" in capsys.readouterr().err


def test_duckdb_and_postgresql_give_identical_kpis(duckdb_url, postgres_url):
    results = []
    for url in (duckdb_url, postgres_url):
        store = Store(url)
        store.upgrade()
        demo.load(store, responses=20_000, seed=5)
        cases = [
            Filters(),
            Filters.of(journeys=["stoerung"], date_from="2026-08-01", date_to="2026-11-15"),
            Filters.of(personas=["senior"], channels=["telefon"]),
            Filters.of(departments=["AB", "IT"], phases=["nutzung"]),
        ]
        out = [cli.kpi_summary(store, f) for f in cases]
        weekly = queries.survey_aggregates(store, cases[1], by=("week",))
        out.append(weekly.to_dict("list"))
        results.append(out)
        store.dispose()
    duck, pg = results
    assert duck[:4] == pg[:4]
    assert duck[0]["nps"]["n"] > 5000
    pd.testing.assert_frame_equal(pd.DataFrame(duck[4]), pd.DataFrame(pg[4]))
