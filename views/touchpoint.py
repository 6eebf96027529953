"""One touchpoint's drill-down: attributes, a year of weekly scores, customer vs employee,
audit questions, linked survey KPIs with their weekly trends, and web analytics (the
comments have their own model, views.comments).

The touchpoint is the selection: only the period narrows it, and the persona narrows
what that persona said (survey responses and comments). The screen and the download
read this model, so they apply the same filters and show the same weeks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from data import kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from views.common import identity, loosen, touchpoint_table
from views.overview import TREND_TABLE, trend

HISTORY_WEEKS = 52
WEB_WEEKS = 26
SURVEY_METRICS = (("nps", 0, ""), ("ces", 2, ""), ("csat", 0, " %"))
TREND_METRICS = tuple(m for m, _, _ in SURVEY_METRICS)
STAT_COLUMNS = ["label", "value", "n", "small"]


@dataclass
class TouchpointModel:
    key: str
    filters: Filters  # the touchpoint and the period
    survey_filters: Filters  # ... and the persona
    row: dict | None  # scorecard row; None for an unknown touchpoint
    weeks: pd.DataFrame  # week, value, low, high, n, small over HISTORY_WEEKS
    perspectives: pd.DataFrame  # label (perspective key), value, n, small
    questions: pd.DataFrame  # label (question), value, n, small
    surveys: pd.DataFrame  # label (metric), value, n, small, digits, unit
    web: dict  # sessions, conversions, bounces in the period
    web_weeks: pd.DataFrame
    # metric -> week, value, low, high, n, small of the linked responses over HISTORY_WEEKS
    trends: dict[str, pd.DataFrame] = field(default_factory=dict)
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def applied(self) -> Filters:
        """The filters the numbers rest on."""
        return self.survey_filters

    @property
    def found(self) -> bool:
        return self.row is not None

    @property
    def empty(self) -> bool:
        return self.row is None or (int(self.row["n"]) == 0 and self.surveys.empty)


def filters_for(key: str, base: Filters) -> tuple[Filters, Filters]:
    """Return the drill-down's filters: the touchpoint and the period, and for what
    customers said also the persona."""
    f = Filters(touchpoints=(key,), date_from=base.date_from, date_to=base.date_to)
    return f, replace(f, personas=base.personas)


def _means(agg: pd.DataFrame, column: str) -> pd.DataFrame:
    if agg.empty:
        return pd.DataFrame(columns=STAT_COLUMNS)
    table = kpis.metric_table(agg, "audit")
    return pd.DataFrame({"label": table[column].to_numpy(), "value": table["value"].to_numpy(),
                         "n": table["n"].astype(int).to_numpy(),
                         "small": table["small"].astype(bool).to_numpy()})


def _web(totals: dict) -> dict:
    """The period's web totals with conversion and bounce rate (percent)."""
    sessions = totals.get("sessions", 0)
    return {**totals,
            "conversion_rate_pct": float(kpis.conversion_rate_pct(sessions,
                                                                  totals.get("conversions", 0))),
            "bounce_rate_pct": float(kpis.share_pct(sessions, totals.get("bounces", 0)))}


def _web_weeks(weeks: pd.DataFrame) -> pd.DataFrame:
    if weeks.empty:
        return weeks.assign(conversion_rate_pct=[])
    return weeks.assign(conversion_rate_pct=kpis.conversion_rate_pct(weeks["sessions"],
                                                                     weeks["conversions"]))


def model(store: Store, base: Filters, options: dict | None = None) -> TouchpointModel:
    """Compute the drill-down of options["key"] for the period (and persona) of ``base``."""
    key = (options or {}).get("key") or ""
    f, survey_f = filters_for(key, base)
    history = f.widened(HISTORY_WEEKS)
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, f),
        lambda: queries.audit_aggregates(store, history, by=("week",)),
        lambda: queries.audit_aggregates(store, f, by=("question",)),
        lambda: queries.audit_aggregates(store, f, by=("perspective",)),
        lambda: queries.survey_aggregates(store, survey_f),
        lambda: queries.web_aggregates(store, f.widened(WEB_WEEKS), by=("week",)),
        lambda: queries.web_aggregates(store, f),
        lambda: queries.survey_aggregates(store, survey_f.widened(HISTORY_WEEKS), by=("week",)),
    )
    card = scorecards.touchpoint_scorecard(store, f)
    empty_stats = pd.DataFrame(columns=STAT_COLUMNS)
    if card.empty:
        return TouchpointModel(key, f, survey_f, None, pd.DataFrame(
            columns=["week", "value", "low", "high", "n", "small"]), empty_stats, empty_stats,
            empty_stats, {}, pd.DataFrame())
    weekly = queries.audit_aggregates(store, history, by=("week",))
    weeks = kpis.metric_table(weekly, "audit") if not weekly.empty else weekly.assign(
        value=[], low=[], high=[], small=[])
    survey = queries.survey_aggregates(store, survey_f)
    rows = []
    for metric, digits, unit in SURVEY_METRICS:
        part = survey.loc[survey["metric"] == metric] if not survey.empty else survey
        if part.empty:
            continue
        m = kpis.metric_table(part.reset_index(drop=True), metric).iloc[0]
        rows.append({"label": metric, "value": float(m["value"]), "n": int(m["n"]),
                     "small": bool(m["small"]), "digits": digits, "unit": unit})
    m = TouchpointModel(
        key=key, filters=f, survey_filters=survey_f, row=card.iloc[0].to_dict(),
        weeks=weeks.reset_index(drop=True),
        perspectives=_means(queries.audit_aggregates(store, f, by=("perspective",)),
                            "perspective"),
        questions=_means(queries.audit_aggregates(store, f, by=("question",)), "question"),
        surveys=pd.DataFrame(rows, columns=[*STAT_COLUMNS, "digits", "unit"]),
        web=_web(queries.web_totals(store, f)),
        web_weeks=_web_weeks(queries.web_aggregates(store, f.widened(WEB_WEEKS), by=("week",))),
        trends={metric: trend(store, survey_f, metric, HISTORY_WEEKS)[0]
                for metric in TREND_METRICS})
    if m.empty:
        m.loosen = loosen(store, survey_f, among=("persona", "period"))
    return m


def tables(m: TouchpointModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The drill-down's numbers as download tables (the weeks of the screen's history)."""
    if not m.found:
        raise LookupError(f"There is no touchpoint {m.key!r} to export.")
    weeks = m.weeks.reindex(columns=["week", "value", "low", "high", "n", "small"]).rename(
        columns={"value": "score", "low": "ci95_low", "high": "ci95_high", "n": "audits"})
    stats = {"label": "group", "value": "score", "n": "n", "small": "small_sample"}
    return {
        "Touchpoint": touchpoint_table(pd.DataFrame([m.row])),
        "Audit score by week": weeks,
        "Perspectives": m.perspectives.rename(columns=stats),
        "Questions": m.questions.rename(columns=stats),
        "Survey KPIs": m.surveys[STAT_COLUMNS].rename(columns={**stats, "label": "metric",
                                                               "value": "value"}),
        **{TREND_TABLE[metric]: m.trends[metric].rename(columns={"low": "ci95_low",
                                                                  "high": "ci95_high"})
           for metric in TREND_METRICS},
        "Web by week": m.web_weeks.reset_index(drop=True),
    }
