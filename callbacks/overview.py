"""Overview callbacks: KPI cards against the previous period, and the weekly trend."""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param
from dashboard.i18n import number, t
from data import kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from layouts import components, ids, overview
from layouts.overview import KpiCard

TREND_WEEKS = 26


def _metric(survey: pd.DataFrame, metric: str) -> dict:
    """Return value, variance, interval, n and the raw counts of one survey metric."""
    row = kpis.survey_row(survey, metric)
    return {**kpis.metric_values(row, metric), "row": row}


def _audit_pooled(audits: pd.DataFrame) -> dict:
    row = {c: float(audits[c].sum()) if not audits.empty else 0.0
           for c in queries.AUDIT_COLUMNS}
    return {**kpis.metric_values(row, "audit"), "row": row}


def _journey(audits_by_tp: pd.DataFrame, touchpoints: pd.DataFrame) -> dict:
    """Return the journey score of the selected touchpoints and its variance."""
    if audits_by_tp.empty:
        return {"value": float("nan"), "variance": float("nan"), "df": float("nan"), "n": 0,
                "touchpoints": 0, "target": float("nan")}
    perf = kpis.metric_table(audits_by_tp, "audit").merge(
        touchpoints[["key", "moment_of_truth", "target"]], left_on="touchpoint", right_on="key")
    mot = perf["moment_of_truth"].astype(bool).to_numpy()
    return {
        "value": kpis.journey_score(perf["value"], mot),
        "variance": kpis.journey_score_variance(perf["variance"], mot),
        "df": kpis.journey_score_df(perf["variance"], mot, perf["n"]),
        "n": int(perf["n"].sum()),
        "touchpoints": len(perf),
        "target": kpis.journey_score(perf["target"].astype(float), mot),
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
    return (None if np.isnan(delta) else delta), sig


def kpi_cards(store: Store, f: Filters, lang: str) -> list[KpiCard]:
    """Compute the five overview cards for the filters, compared with the previous period."""
    prev_f = f.previous_period()
    survey, survey_prev = queries.survey_periods(store, f)
    audits, audits_prev = queries.audit_periods(store, f, by=("touchpoint",))
    touchpoints = queries.filtered_touchpoints(store, f)

    cards = []
    n_nps = _metric(survey, "nps")
    row = n_nps["row"]
    d, sig = _change("nps", n_nps, _metric(survey_prev, "nps") if prev_f else None)
    cards.append(KpiCard(
        t("kpi.nps", lang), n_nps["value"], digits=0,
        sub=t("kpi.nps_sub", lang, moe=number(float(kpis.nps_moe95(row["n"], row["promoters"],
                                                                row["detractors"])), lang),
              pro=number(kpis.share_pct(row["n"], row["promoters"]), lang, 0),
              det=number(kpis.share_pct(row["n"], row["detractors"]), lang, 0)),
        n=n_nps["n"], small=n_nps["small"], delta=d, significant=sig,
    ))
    ces = _metric(survey, "ces")
    d, sig = _change("ces", ces, _metric(survey_prev, "ces") if prev_f else None)
    cards.append(KpiCard(
        t("kpi.ces", lang), ces["value"], digits=2,
        sub=t("kpi.ces_sub", lang, easy=number(kpis.share_pct(ces["row"]["n"],
                                                               ces["row"]["easy"]), lang, 0)),
        n=ces["n"], small=ces["small"], delta=d, significant=sig, delta_digits=2,
    ))
    csat = _metric(survey, "csat")
    d, sig = _change("csat", csat, _metric(survey_prev, "csat") if prev_f else None)
    cards.append(KpiCard(
        t("kpi.csat", lang), csat["value"], unit=" %", digits=0,
        sub=t("kpi.csat_sub", lang, mean=number(kpis.mean(csat["row"]["n"],
                                                          csat["row"]["total"]), lang, 2)),
        n=csat["n"], small=csat["small"], delta=d, significant=sig,
    ))
    perf = _audit_pooled(audits)
    d, sig = _change("audit", perf, _audit_pooled(audits_prev) if prev_f else None)
    cards.append(KpiCard(
        t("kpi.touchpoint_score", lang), perf["value"], unit=" / 10", digits=1,
        sub=t("kpi.tp_sub", lang, low=number(perf["low"], lang),
              high=number(perf["high"], lang)),
        n=perf["n"], n_kind="audits", small=perf["small"], delta=d,
        significant=sig, delta_digits=1,
    ))
    journey = _journey(audits, touchpoints)
    journey_prev = _journey(audits_prev, touchpoints) if prev_f else None
    d, sig = _change("journey", journey, journey_prev)
    cards.append(KpiCard(
        t("kpi.journey_score", lang), journey["value"], unit=" / 10", digits=1,
        sub=t("kpi.journey_sub", lang, tps=journey["touchpoints"],
              target=number(journey["target"], lang)),
        n=journey["n"], n_kind="audits", small=bool(kpis.small_sample(journey["n"], "audits")),
        delta=d, significant=sig, delta_digits=1,
    ))
    return cards


def trend_frame(store: Store, f: Filters, metric: str) -> tuple[pd.DataFrame, float | None]:
    """Return weekly value, low, high, n, small for the trend window, and the mean target."""
    window = f.widened(TREND_WEEKS)
    target = None
    if metric == "audit":
        weekly = queries.audit_aggregates(store, window, by=("week",))
        tps = queries.filtered_touchpoints(store, f)
        target = float(tps["target"].mean()) if not tps.empty else None
    else:
        weekly = queries.survey_aggregates(store, window, by=("week",))
        weekly = weekly.loc[weekly["metric"] == metric]
    if weekly.empty:
        return pd.DataFrame(columns=["week", "value", "low", "high", "n", "small"]), target
    table = kpis.metric_table(weekly.reset_index(drop=True), metric)
    return table[["week", "value", "low", "high", "n", "small"]], target


def touchpoint_lists(store: Store, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame,
                                                        pd.DataFrame]:
    """Return the 5 largest gaps to target, the 5 biggest significant movers, and the
    touchpoints that fell below target this period."""
    return lists_of(scorecards.touchpoint_scorecard(store, f))


def lists_of(card: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """touchpoint_lists for a scorecard at hand."""
    if card.empty:
        return card, card, card
    audited = card.loc[card["n"] > 0]
    gaps = audited.loc[audited["gap_target"] < 0].nsmallest(5, "gap_target")
    movers = audited.loc[kpis.significance_mask(audited["significant"])].assign(size=lambda d: d["delta"].abs())
    movers = movers.nlargest(5, "size")
    fell = audited.loc[(audited["value"] < audited["target"])
                       & (audited["prev_value"] >= audited["target"])]
    return gaps, movers, fell.sort_values("gap_target")


def update(store: Store, search: str | None, lang: str):
    """Return the cards, the three touchpoint lists, the trend figure, the period text
    and the empty-state notice."""
    f = filters_from_search(store, search)
    metric = param(search, "trend", "nps")
    if metric not in overview.TREND_METRICS:
        metric = "nps"
    window = f.widened(TREND_WEEKS)
    queries.prefetch(
        store,
        lambda: queries.survey_periods(store, f),
        lambda: queries.audit_periods(store, f, ("touchpoint", "perspective")),
        lambda: queries.audit_aggregates(store, window, ("week",)) if metric == "audit"
        else queries.survey_aggregates(store, window, ("week",)),
        lambda: queries.filtered_touchpoints(store, f),
    )
    cards = kpi_cards(store, f, lang)
    weeks, target = trend_frame(store, f, metric)
    figure = overview.trend_figure(weeks, metric, lang, (f.date_from, f.date_to), target)
    prev = f.previous_period()
    period = overview.period_text(f.date_from, f.date_to,
                                  (prev.date_from, prev.date_to) if prev else None, lang)
    nothing = all(c.n == 0 for c in cards)
    notice = components.empty_filters(lang) if nothing and queries.has_data(store) else None
    gaps, movers, fell = touchpoint_lists(store, f)
    lists = (overview.touchpoint_list(gaps, "gap", lang, search),
             overview.touchpoint_list(movers, "mover", lang, search),
             overview.touchpoint_list(fell, "fell", lang, search))
    return (*[overview.kpi_card_body(c, lang) for c in cards], *lists, figure, period, notice)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.KPI_NPS, "children"),
        Output(ids.KPI_CES, "children"),
        Output(ids.KPI_CSAT, "children"),
        Output(ids.KPI_TOUCHPOINT_SCORE, "children"),
        Output(ids.KPI_JOURNEY_SCORE, "children"),
        Output(ids.OVERVIEW_GAPS, "children"),
        Output(ids.OVERVIEW_MOVERS, "children"),
        Output(ids.OVERVIEW_FELL_BELOW, "children"),
        Output(ids.OVERVIEW_TREND, "figure"),
        Output(ids.OVERVIEW_PERIOD, "children"),
        Output(ids.OVERVIEW_EMPTY, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "overview", update, search, lang))
