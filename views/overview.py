"""The overview: five KPI cards against the previous period, the touchpoint lists (largest
gaps, significant movers, fell below target) and the weekly trend."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data import actions, kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from views import actions as actions_view
from views.common import (
    identity,
    loosen,
    option,
    significance_text,
    touchpoint_lists,
    touchpoint_table,
)

TREND_WEEKS = 26
TREND_METRICS = ("nps", "ces", "csat", "audit")
TREND_COLUMNS = ["week", "value", "low", "high", "n", "small"]
CARDS = ("nps", "ces", "csat", "touchpoint_score", "journey_score")


@dataclass
class KpiCard:
    """What one KPI card shows: ``kind`` names it (kpi.<kind> is its label); ``detail``
    holds the numbers of its second line (margin of error, shares, interval, …)."""

    kind: str
    value: float | None
    unit: str = ""
    digits: int = 1
    n: int = 0
    n_kind: str = "responses"  # or "audits"
    small: bool = False
    delta: float | None = None
    significant: bool | None = None  # None: too few to tell
    delta_digits: int = 1
    detail: dict = field(default_factory=dict)
    compared: bool = True  # there is a previous period (a dated one) to compare with

    @property
    def label(self) -> str:
        """The translation key of the card's title."""
        return f"kpi.{self.kind}"


@dataclass
class OverviewModel:
    """Everything the overview shows for one set of filters."""

    filters: Filters
    previous: Filters | None
    cards: list[KpiCard]
    survey: pd.DataFrame  # the period's survey aggregate, one row per metric
    audit_row: dict  # the period's audits pooled: n, total, total_sq
    scorecard: pd.DataFrame
    gaps: pd.DataFrame
    movers: pd.DataFrame
    fell: pd.DataFrame
    trend_metric: str
    trend: pd.DataFrame
    trend_target: float | None
    has_data: bool
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back
    actions: dict = field(default_factory=dict)  # views.actions.summarise of the filters

    @property
    def empty(self) -> bool:
        """True when no card has anything behind it."""
        return all(c.n == 0 for c in self.cards)

    @property
    def audits(self) -> int:
        """The audits behind the period's numbers (the lists rest on them)."""
        return sum(c.n for c in self.cards if c.kind == "touchpoint_score")


def _metric(survey: pd.DataFrame, metric: str) -> dict:
    row = kpis.survey_row(survey, metric)
    return {**kpis.metric_values(row, metric), "row": row}


def _audit_pooled(audits: pd.DataFrame) -> dict:
    row = {c: float(audits[c].sum()) if not audits.empty else 0.0
           for c in queries.AUDIT_COLUMNS}
    return {**kpis.metric_values(row, "audit"), "row": row}


def journey_score(audits_by_tp: pd.DataFrame, touchpoints: pd.DataFrame) -> dict:
    """Return the journey score of the selected touchpoints, its variance, n and target."""
    if audits_by_tp.empty:
        return {"value": float("nan"), "variance": float("nan"), "df": float("nan"), "n": 0,
                "touchpoints": 0, "target": float("nan")}
    perf = kpis.metric_table(audits_by_tp, "audit").merge(
        touchpoints[["key", "moment_of_truth", "target"]], left_on="touchpoint", right_on="key")
    mot = perf["moment_of_truth"].astype(bool).to_numpy()
    return {
        "value": float(kpis.journey_score(perf["value"], mot)),
        "variance": float(kpis.journey_score_variance(perf["variance"], mot)),
        "df": float(kpis.journey_score_df(perf["variance"], mot, perf["n"])),
        "n": int(perf["n"].sum()),
        "touchpoints": len(perf),
        "target": float(kpis.journey_score(perf["target"].astype(float), mot)),
    }


def _change(metric: str, cur: dict, prev: dict | None) -> tuple[float | None, bool | None]:
    """Return the change against the previous period and whether it is significant
    (None: too few to tell)."""
    if prev is None:
        return None, None
    delta = float(kpis.change(cur["value"], prev["value"]))
    if metric == "journey":
        sig = kpis.journey_change_significance(cur["value"], cur["variance"], cur["df"],
                                               cur["n"], prev["value"], prev["variance"],
                                               prev["df"], prev["n"])
    else:
        sig = kpis.change_significance(metric, cur["row"], prev["row"])[0]
    sig = None if sig is None else bool(sig)
    return (None if np.isnan(delta) else delta), sig


def _value(x: float) -> float | None:
    return None if x is None or np.isnan(x) else float(x)


def kpi_cards(store: Store, f: Filters) -> tuple[list[KpiCard], pd.DataFrame, dict]:
    """Return the five cards, the period's survey aggregate and its pooled audits."""
    has_prev = f.previous_period() is not None
    survey, survey_prev = queries.survey_periods(store, f)
    audits, audits_prev = queries.audit_periods(store, f, by=("touchpoint",))
    touchpoints = queries.filtered_touchpoints(store, f)
    cards = []
    nps = _metric(survey, "nps")
    row = nps["row"]
    d, sig = _change("nps", nps, _metric(survey_prev, "nps") if has_prev else None)
    cards.append(KpiCard(
        "nps", _value(nps["value"]), digits=0, n=nps["n"], small=nps["small"], delta=d,
        significant=sig,
        detail={"moe": _value(float(kpis.nps_moe95(row["n"], row["promoters"],
                                                    row["detractors"]))),
                "promoters_pct": _value(float(kpis.share_pct(row["n"], row["promoters"]))),
                "detractors_pct": _value(float(kpis.share_pct(row["n"], row["detractors"])))}))
    ces = _metric(survey, "ces")
    d, sig = _change("ces", ces, _metric(survey_prev, "ces") if has_prev else None)
    cards.append(KpiCard(
        "ces", _value(ces["value"]), digits=2, n=ces["n"], small=ces["small"], delta=d,
        significant=sig, delta_digits=2,
        detail={"easy_pct": _value(float(kpis.share_pct(ces["row"]["n"], ces["row"]["easy"])))}))
    csat = _metric(survey, "csat")
    d, sig = _change("csat", csat, _metric(survey_prev, "csat") if has_prev else None)
    cards.append(KpiCard(
        "csat", _value(csat["value"]), unit=" %", digits=0, n=csat["n"], small=csat["small"],
        delta=d, significant=sig,
        detail={"mean": _value(float(kpis.mean(csat["row"]["n"], csat["row"]["total"])))}))
    perf = _audit_pooled(audits)
    d, sig = _change("audit", perf, _audit_pooled(audits_prev) if has_prev else None)
    cards.append(KpiCard(
        "touchpoint_score", _value(perf["value"]), unit=" / 10", digits=1, n=perf["n"],
        n_kind="audits", small=perf["small"], delta=d, significant=sig, delta_digits=1,
        detail={"low": _value(perf["low"]), "high": _value(perf["high"])}))
    journey = journey_score(audits, touchpoints)
    d, sig = _change("journey", journey,
                     journey_score(audits_prev, touchpoints) if has_prev else None)
    cards.append(KpiCard(
        "journey_score", _value(journey["value"]), unit=" / 10", digits=1, n=journey["n"],
        n_kind="audits", small=bool(kpis.small_sample(journey["n"], "audits")), delta=d,
        significant=sig, delta_digits=1,
        detail={"touchpoints": journey["touchpoints"], "target": _value(journey["target"])}))
    for card in cards:
        card.compared = has_prev
    return cards, survey, perf["row"]


def trend(store: Store, f: Filters, metric: str, weeks: int = TREND_WEEKS
          ) -> tuple[pd.DataFrame, float | None]:
    """Return weekly value, low, high, n, small over ``weeks`` weeks up to the period's
    end, and the mean target (audit score only)."""
    window = f.widened(weeks)
    target = None
    if metric == "audit":
        weekly = queries.audit_aggregates(store, window, by=("week",))
        tps = queries.filtered_touchpoints(store, f)
        target = float(tps["target"].mean()) if not tps.empty else None
    else:
        weekly = queries.survey_aggregates(store, window, by=("week",))
        weekly = weekly.loc[weekly["metric"] == metric]
    if weekly.empty:
        return pd.DataFrame(columns=TREND_COLUMNS), target
    table = kpis.metric_table(weekly.reset_index(drop=True), metric)
    return table[TREND_COLUMNS].reset_index(drop=True), target


def prefetch(store: Store, f: Filters, metric: str) -> None:
    """Read the overview's independent queries side by side (see queries.prefetch)."""
    window = f.widened(TREND_WEEKS)
    queries.prefetch(
        store,
        lambda: queries.survey_periods(store, f),
        lambda: queries.audit_periods(store, f, ("touchpoint", "perspective")),
        lambda: queries.audit_aggregates(store, window, ("week",)) if metric == "audit"
        else queries.survey_aggregates(store, window, ("week",)),
        lambda: queries.filtered_touchpoints(store, f),
    )


def model(store: Store, f: Filters, options: dict | None = None) -> OverviewModel:
    """Compute the overview for the filters; options: trend (nps, ces, csat, audit)."""
    metric = option(options, "trend", TREND_METRICS, "nps")
    prefetch(store, f, metric)
    cards, survey, audit_row = kpi_cards(store, f)
    weeks, target = trend(store, f, metric)
    card = scorecards.touchpoint_scorecard(store, f)
    gaps, movers, fell = touchpoint_lists(card)
    m = OverviewModel(
        filters=f, previous=f.previous_period(), cards=cards, survey=survey,
        audit_row=audit_row, scorecard=card, gaps=gaps, movers=movers, fell=fell,
        trend_metric=metric, trend=weeks, trend_target=target,
        has_data=queries.has_data(store),
        actions=actions_view.summarise(actions.select(store, f), f))
    if m.empty:
        m.loosen = loosen(store, f)
    return m


def kpi_table(m: OverviewModel, translate=identity) -> pd.DataFrame:
    """The cards as rows: kpi, value, unit, n, change, change_significant (yes, no, too few
    to tell; empty without a change)."""
    return pd.DataFrame([{"kpi": translate(c.label), "value": c.value, "unit": c.unit.strip(),
                          "n": c.n, "change": c.delta,
                          "change_significant": significance_text(c.significant)
                          if c.delta is not None else ""}
                         for c in m.cards])


TREND_TABLE = {"nps": "NPS by week", "ces": "CES by week", "csat": "CSAT by week",
               "audit": "Audit score by week"}


def tables(m: OverviewModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The overview's numbers as download tables."""
    return {"KPIs": kpi_table(m, translate), "Largest gaps": touchpoint_table(m.gaps),
            "Movers": touchpoint_table(m.movers),
            "Fell below target": touchpoint_table(m.fell),
            TREND_TABLE[m.trend_metric]: m.trend.rename(columns={"low": "ci95_low",
                                                                 "high": "ci95_high"}),
            "Actions": pd.DataFrame([m.actions]) if m.actions else pd.DataFrame()}


def kpi_summary(m: OverviewModel, web: dict) -> dict:
    """The ``cxdash kpi`` structure from the model's aggregates and the web totals."""
    return kpis.summary(m.survey, m.audit_row, web)
