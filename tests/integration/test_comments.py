"""The comment explorer's query on DuckDB and PostgreSQL: search with % and _ taken
literally and case ignored, score groups per metric, the persona and period filters,
paging without overlap, and the model's pages, export limit and action drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from data import comments, schema
from data.ingest import import_file
from data.queries import Filters
from data.store import bulk_insert
from views import comments as view

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"
DAY = dt.date(2026, 11, 2)

# (metric, score, days before DAY, persona, comment); all on the hotline but the last
RESPONSES = [
    ("nps", 0, 0, "senior", "Wartezeit 50% zu lang"),
    ("nps", 6, 1, "senior", "Warteschleife_nervig"),
    ("nps", 7, 2, "student", "wartezeit ok"),
    ("nps", 8, 3, None, "WARTEZEIT kurz"),
    ("nps", 9, 4, "student", "Super Hotline"),
    ("nps", 10, 5, None, "50 Prozent schneller"),
    ("ces", 3, 6, None, "mühsam"),
    ("ces", 4, 7, None, "geht so"),
    ("ces", 5, 8, None, "einfach"),
    ("csat", 2, 9, None, "unzufrieden"),
    ("csat", 3, 10, None, "mittel"),
    ("csat", 4, 11, None, "zufrieden"),
    ("nps", 1, 40, "senior", "alt: Wartezeit"),  # before the period
]
# (perspective, score, days before DAY, comment)
AUDITS = [
    ("customer", 4.5, 0, "Ansage 100% unverständlich"),
    ("employee", 5.0, 1, "Skript veraltet"),
    ("expert", 8.0, 2, "Gute Wartezeit-Ansage"),
]
PERIOD = Filters.of(touchpoints=["hotline"], date_from=DAY - dt.timedelta(days=27),
                    date_to=DAY)


@pytest.fixture
def filled(store):
    """The test catalog, the responses and audits above on the hotline, one response on
    another touchpoint and some without a comment."""
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    rows = [{"batch_id": 1, "metric": m, "score": s, "date": DAY - dt.timedelta(days=d),
             "response_id": f"R{i}", "touchpoint_key": "hotline", "persona_key": p,
             "comment": c} for i, (m, s, d, p, c) in enumerate(RESPONSES)]
    rows.append({"batch_id": 1, "metric": "nps", "score": 0, "date": DAY,
                 "response_id": "X1", "touchpoint_key": "tarifseite", "persona_key": None,
                 "comment": "Wartezeit woanders"})
    rows += [{"batch_id": 1, "metric": "nps", "score": 3, "date": DAY, "response_id": f"N{i}",
              "touchpoint_key": "hotline", "persona_key": None, "comment": None}
             for i in range(5)]
    audits = [{"batch_id": 2, "touchpoint_key": "hotline", "date": DAY - dt.timedelta(days=d),
               "perspective": p, "question": "Q1", "score": s, "comment": c}
              for p, s, d, c in AUDITS]
    with store.begin() as conn:
        bulk_insert(conn, schema.survey_responses, pd.DataFrame(rows))
        bulk_insert(conn, schema.audit_scores, pd.DataFrame(audits))
    return store


def _texts(store, f=PERIOD, **kwargs) -> list[str]:
    return comments.page(store, f, limit=100, **kwargs)["comment"].tolist()


def test_newest_first_of_the_touchpoint_and_period(filled):
    got = comments.page(filled, PERIOD, limit=100)
    assert comments.count(filled, PERIOD) == 15 == len(got)  # 12 responses + 3 audits
    assert list(got["date"]) == sorted(got["date"], reverse=True)
    assert "Wartezeit woanders" not in got["comment"].tolist()  # another touchpoint
    assert "alt: Wartezeit" not in got["comment"].tolist()  # before the period
    audit = got.loc[got["comment"] == "Ansage 100% unverständlich"].iloc[0]
    assert (audit["source"], audit["kind"], audit["score"], audit["question"]) == \
        ("audit", "customer", 4.5, "Q1")


def test_search_ignores_case_and_takes_percent_and_underscore_literally(filled):
    assert sorted(_texts(filled, search="wartezeit")) == [
        "Gute Wartezeit-Ansage", "WARTEZEIT kurz", "Wartezeit 50% zu lang", "wartezeit ok"]
    # "50%" is not "50 and anything": "50 Prozent" stays out
    assert _texts(filled, search="50%") == ["Wartezeit 50% zu lang"]
    assert _texts(filled, search="%") == ["Ansage 100% unverständlich",
                                          "Wartezeit 50% zu lang"]
    # "_" is not "any one character"
    assert _texts(filled, search="_") == ["Warteschleife_nervig"]
    assert _texts(filled, search="e_n") == ["Warteschleife_nervig"]
    assert _texts(filled, search="!") == []
    assert comments.count(filled, PERIOD, "  Hotline ") == 1  # trimmed


def test_score_groups_mean_the_same_across_metrics(filled):
    def scores(group, source):
        frame = comments.page(filled, PERIOD, group=group, source=source, limit=100)
        return sorted(frame["score"].tolist())

    assert scores("negative", "nps") == [0, 6]  # detractors
    assert scores("neutral", "nps") == [7, 8]  # passives
    assert scores("positive", "nps") == [9, 10]  # promoters
    assert (scores("negative", "ces"), scores("neutral", "ces"),
            scores("positive", "ces")) == ([3], [4], [5])
    assert (scores("negative", "csat"), scores("neutral", "csat"),
            scores("positive", "csat")) == ([2], [3], [4])
    assert (scores("negative", "audit"), scores("neutral", "audit"),
            scores("positive", "audit")) == ([4.5], [5.0], [8.0])
    assert comments.count(filled, PERIOD, group="negative") == 2 + 1 + 1 + 1
    assert _texts(filled, source="employee") == ["Skript veraltet"]
    assert len(_texts(filled, source="survey")) == 12
    assert [comments.score_group(k, s) for k, s in
            (("nps", 6), ("nps", 7), ("ces", 4), ("csat", 4), ("customer", 7.5),
             ("expert", 8))] == ["negative", "neutral", "neutral", "positive", "neutral",
                                 "positive"]


def test_persona_keeps_its_responses_and_the_audits_of_its_journeys(filled):
    senior = Filters.of(touchpoints=["hotline"], personas=["senior"],
                        date_from=PERIOD.date_from, date_to=PERIOD.date_to)
    got = _texts(filled, senior)
    assert sorted(got) == sorted(["Wartezeit 50% zu lang", "Warteschleife_nervig",
                                  *[c for *_, c in AUDITS]])  # senior applies to stoerung
    student = Filters.of(touchpoints=["hotline"], personas=["student"],
                         date_from=PERIOD.date_from, date_to=PERIOD.date_to)
    # student applies to vertrag only: its responses, no audits of the hotline
    assert sorted(_texts(filled, student)) == ["Super Hotline", "wartezeit ok"]
    everything = Filters.of(touchpoints=["hotline"])
    assert comments.count(filled, everything, "alt:") == 1


def test_pages_do_not_overlap_and_cover_every_row(filled):
    f = Filters.of(touchpoints=["hotline"])
    whole = comments.page(filled, f, limit=100)
    pages = [comments.page(filled, f, limit=4, offset=o) for o in range(0, 20, 4)]
    assert [len(p) for p in pages] == [4, 4, 4, 4, 0]
    joined = pd.concat(pages, ignore_index=True)
    assert joined["comment"].tolist() == whole["comment"].tolist()
    assert joined["comment"].is_unique


def test_model_pages_by_twenty_and_says_where_it_is(filled, monkeypatch):
    monkeypatch.setattr(view, "PAGE_SIZE", 6)
    base = Filters(date_from=PERIOD.date_from, date_to=PERIOD.date_to)
    m = view.model(filled, base, {"key": "hotline", "page": "2"})
    assert (m.total, m.pages, m.page, m.first, m.last) == (15, 3, 2, 7, 12)
    last = view.model(filled, base, {"key": "hotline", "page": "99"})  # past the end
    assert (last.page, last.first, last.last) == (3, 13, 15)
    assert set(last.rows["score_group"]) <= set(comments.GROUPS)
    monkeypatch.setattr(view, "EXPORT_LIMIT", 10)
    export = view.model(filled, base, {"key": "hotline", "page": "all", "q": "e"})
    assert export.total > 10 == len(export.rows) and export.cut
    assert "newest 10 of" in export.notes["rows"]
    assert "search=e" in export.notes["comments"]
    table = view.tables(export)["Comments"]
    assert list(table.columns) == view.EXPORT_COLUMNS and len(table) == 10


def test_draft_of_an_action_from_a_comment():
    row = {"date": DAY, "source": "survey", "kind": "nps", "score": 3.0,
           "response_id": "R7", "comment": "Viel  zu lange\nWartezeit " + "x" * 100}
    d = view.draft(row)
    assert d["title"].startswith("Viel zu lange Wartezeit") and d["title"].endswith("…")
    assert len(d["title"]) == view.EXCERPT
    assert d["ref"].startswith("survey nps 3 on 2026-11-02 (response R7): Viel zu lange")
