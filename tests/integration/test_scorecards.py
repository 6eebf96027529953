"""Scorecards and view aggregates against hand-computed values from the canonical fixtures.

Audits in tests/fixtures/canonical/audit.csv:
  tarifseite  8 (customer), 9 (customer), 7 (employee)   target 7.5, best 9.0
  bestellung  6, 8 (customer)                            target 8.0, best 9.5, moment of truth
  hotline     4, 5 (customer), 9 (employee)              target 8.0, best 9.0, moment of truth
  statusseite 7 (customer)                               target 7.0, best 8.5, moment of truth
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from callbacks import atlas, heatmap, personas
from data import scorecards
from data.ingest import import_file
from data.queries import Filters

FIXTURES = Path(__file__).parent.parent / "fixtures" / "canonical"


@pytest.fixture
def loaded(store):
    for name, kind in (("catalog.xlsx", "catalog"), ("nps.csv", "nps"), ("audit.csv", "audit")):
        assert import_file(store, (FIXTURES / name).read_bytes(), kind).ok
    return store


def by_key(card):
    return card.set_index("key")


def test_touchpoint_scorecard_matches_hand_computed_values(loaded):
    card = by_key(scorecards.touchpoint_scorecard(loaded, Filters()))
    assert card.loc["tarifseite", "value"] == pytest.approx(8.0)
    assert card.loc["tarifseite", "gap_target"] == pytest.approx(0.5)
    assert card.loc["tarifseite", "gap_best"] == pytest.approx(-1.0)
    assert card.loc["tarifseite", "light"] == "green"
    assert card.loc["tarifseite", "customer_value"] == pytest.approx(8.5)
    assert card.loc["tarifseite", "employee_value"] == pytest.approx(7.0)
    assert card.loc["bestellung", "light"] == "amber"  # 7.0, exactly one point below 8
    assert card.loc["hotline", "value"] == pytest.approx(6.0)
    assert card.loc["hotline", "light"] == "red"
    assert card.loc["hotline", "customer_value"] == pytest.approx(4.5)
    assert card.loc["statusseite", "n"] == 1 and card.loc["statusseite", "small"]
    # 95 % t-interval of 8, 9, 7: s = 1, se = 1/sqrt(3), t(0.975, 2) = 4.302653
    half = 4.302653 * (1 / math.sqrt(3))
    assert card.loc["tarifseite", "high"] == pytest.approx(8.0 + half, rel=1e-5)
    assert card.loc["tarifseite", "journey_name"] == "Vertragsabschluss"


def test_change_against_the_previous_period(loaded):
    # 3–4 March against 1–2 March: tarifseite 7 now, 8 and 9 before.
    card = by_key(scorecards.touchpoint_scorecard(
        loaded, Filters.of(date_from="2026-03-03", date_to="2026-03-04")))
    assert card.loc["tarifseite", "prev_value"] == pytest.approx(8.5)
    assert card.loc["tarifseite", "delta"] == pytest.approx(-1.5)
    assert not card.loc["tarifseite", "significant"]  # one audit has no variance
    assert math.isnan(card.loc["hotline", "delta"])
    assert card.loc["hotline", "light"] == "grey"


def test_journey_scorecard_weights_moments_of_truth_and_ranks_the_weakest_first(loaded):
    journeys = scorecards.journey_scorecard(loaded, Filters()).set_index("key")
    # vertrag: (8 + 2*7) / 3 ; target (7.5 + 2*8) / 3
    assert journeys.loc["vertrag", "score"] == pytest.approx(22 / 3)
    assert journeys.loc["vertrag", "target"] == pytest.approx(23.5 / 3)
    # stoerung: (2*6 + 2*7) / 4 ; target (2*8 + 2*7) / 4
    assert journeys.loc["stoerung", "score"] == pytest.approx(6.5)
    assert journeys.loc["stoerung", "gap_target"] == pytest.approx(-1.0)
    assert journeys.loc["stoerung", "weakest"][0]["key"] == "hotline"
    # NPS per journey: vertrag 10,9,9,8,7 -> 60
    assert journeys.loc["vertrag", "nps"] == pytest.approx(60.0)
    ranked = scorecards.journey_scorecard(loaded, Filters())
    assert list(ranked["key"]) == ["stoerung", "vertrag"]


def test_heatmap_cells_pool_audits_per_phase_and_channel(loaded):
    cells = scorecards.metric_cells(loaded, Filters(), "audit", ("phase", "channel"))
    cells = cells.set_index(["phase", "channel"])
    # recherche × online holds tarifseite (8, 9, 7) and statusseite (7)
    assert cells.loc[("recherche", "online"), "value"] == pytest.approx(7.75)
    assert cells.loc[("recherche", "online"), "n"] == 4
    assert cells.loc[("nutzung", "telefon"), "value"] == pytest.approx(6.0)
    gaps = scorecards.metric_cells(loaded, Filters(), "gap", ("phase", "channel")).set_index(
        ["phase", "channel"])
    # 7.75 minus the audit-weighted target (3 × 7.5 + 1 × 7) / 4
    assert gaps.loc[("recherche", "online"), "value"] == pytest.approx(0.375)
    nps = scorecards.metric_cells(loaded, Filters(), "nps", ("phase", "channel")).set_index(
        ["phase", "channel"])
    # nutzung × telefon: hotline responses 6, 5, 3 -> -100, and a small sample
    assert nps.loc[("nutzung", "telefon"), "value"] == pytest.approx(-100.0)
    assert nps.loc[("nutzung", "telefon"), "small"]


def test_heatmap_clicks_filter_to_the_cell():
    # What Dash sends for a heatmap cell: its x and y (the keys), no customdata.
    click = {"points": [{"curveNumber": 0, "x": "online", "y": "kauf", "z": 8.1}]}
    assert heatmap.click_phase_channel(click, "?journey=vertrag") == \
        "?journey=vertrag&phase=kauf&channel=online"
    path, search = heatmap.click_touchpoint_week(
        {"points": [{"x": "2026-03-02", "y": "hotline"}]}, "?journey=stoerung&period=all")
    assert path == "/touchpoints/hotline"
    assert search == "?journey=stoerung&from=2026-03-02&to=2026-03-08"
    assert heatmap.click_phase_channel({"points": [{}]}, "") is not None  # no crash


def test_the_weeks_heatmap_keeps_value_and_n_for_the_hover_but_draws_no_cell_text(loaded):
    _notice, cells, weeks = heatmap.update(loaded, "?period=all", "en")
    assert cells["data"][0]["texttemplate"] == "%{text}"  # a few dozen cells: written in
    week = weeks["data"][0]
    assert "texttemplate" not in week  # hundreds of cells: drawn without text
    shown = [v for row in week["text"] for v in row if v]
    assert shown and all("n=" in v for v in shown)
    assert "%{text}" in week["hovertemplate"]


def test_atlas_and_personas_render_for_the_fixture(loaded):
    notice, content = atlas.update(loaded, "?period=all", "en")
    assert notice is None and "Störung beheben" in str(content)
    notice, cards = personas.update(loaded, "?period=all", "en")
    assert "Helga Wagner" in str(cards)



@pytest.mark.parametrize("search", [
    {"date_from": "2026-05-01", "date_to": "2026-10-31"},  # the last two weeks suffice
    {"date_from": "2026-05-01", "date_to": "2026-10-31", "touchpoints": ["vt-tarifrechner"]},
    {},  # no period: counted back from the newest data
    {"journeys": ["umzug"], "personas": ["senior"], "date_from": "2025-01-01"},
])
def test_latest_comments_are_the_newest_of_the_whole_period(demo_store, monkeypatch, search):
    """Searching recent windows first never changes the answer: the comments equal those
    of one query over the whole period."""
    from data import queries

    f = Filters.of(**search)
    got = queries.latest_comments(demo_store, f, limit=10)
    monkeypatch.setattr(queries, "_newest",
                        lambda store, query, g, limit: queries._as_frame(store, query(g)))
    whole = queries.latest_comments(demo_store, f, limit=10)
    assert len(got) > 0 and got["date"].is_monotonic_decreasing
    assert list(got["date"]) == list(whole["date"])  # which of tied comments may differ
