"""The overview page: KPI cards with change and significance, and the weekly trend."""

from __future__ import annotations

import datetime as dt
import math

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import count, date, number, t, tn
from layouts import components as c
from layouts import ids, theme
from views.overview import TREND_METRICS, KpiCard


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def card_sub(card: KpiCard, lang: str) -> str:
    """The card's second line (interval, shares, …); empty without data, never "nan"."""
    if _missing(card.value):
        return ""
    d = card.detail
    if card.kind == "nps":
        return t("kpi.nps_sub", lang, moe=number(d.get("moe"), lang),
                 pro=number(d.get("promoters_pct"), lang, 0),
                 det=number(d.get("detractors_pct"), lang, 0))
    if card.kind == "ces":
        return t("kpi.ces_sub", lang, easy=number(d.get("easy_pct"), lang, 0))
    if card.kind == "csat":
        return t("kpi.csat_sub", lang, mean=number(d.get("mean"), lang, 2))
    if card.kind == "touchpoint_score":
        if _missing(d.get("low")) or _missing(d.get("high")):
            return t("kpi.tp_sub_no_ci", lang)
        return t("kpi.tp_sub", lang, low=number(d.get("low"), lang),
                 high=number(d.get("high"), lang))
    return t("kpi.journey_sub", lang, tps=d.get("touchpoints", 0),
             target=number(d.get("target"), lang))


def kpi_card_body(card: KpiCard, lang: str) -> list:
    """Return the children of a KPI card."""
    value = (
        html.Span(t("kpi.no_data", lang), className="kpi-value kpi-missing")
        if _missing(card.value)
        else html.Span(
            [number(card.value, lang, card.digits), html.Small(card.unit, className="kpi-unit")],
            className="kpi-value",
        )
    )
    n_text = t("kpi.n_audits" if card.n_kind == "audits" else "kpi.n_responses", lang,
               n=count(card.n, lang))
    footer = [html.Span(n_text, className="kpi-n")]
    if card.small and card.n > 0:
        limit = 5 if card.n_kind == "audits" else 30
        what = t("kpi.audits" if card.n_kind == "audits" else "kpi.responses", lang)
        footer.append(
            dbc.Badge(t("kpi.small_sample", lang), color="warning", text_color="dark",
                      className="ms-2 kpi-small", title=t("kpi.small_sample_help", lang, n=limit,
                                                         what=what))
        )
    if _missing(card.delta):
        why = ("kpi.no_change" if not card.compared else
               "kpi.no_data_now" if _missing(card.value) else "kpi.no_prev_data")
        change = html.Div(t(why, lang), className="kpi-change text-muted")
    elif c.rounds_to_zero(card.delta, card.delta_digits):
        change = html.Div([t("kpi.unchanged", lang), " · ", html.Span(
            c.significance_title(card.significant, lang) if card.significant is not None
            else t("kpi.too_few", lang), className="kpi-nosig")],
            className="kpi-change kpi-change-flat")
    else:
        arrow = "▲" if card.delta > 0 else "▼"
        direction = "up" if card.delta > 0 else "down"
        delta = number(card.delta, lang, card.delta_digits, signed=True)
        if card.significant is None:
            sig = html.Span(t("kpi.too_few", lang), className="kpi-few",
                            title=c.significance_title(None, lang))
        else:
            sig = html.Span(
                t("kpi.significant" if card.significant else "kpi.not_significant", lang),
                className="kpi-sig" if card.significant else "kpi-nosig",
            )
        change = html.Div(
            [
                html.Span(f"{arrow} ", className=f"kpi-arrow kpi-{direction}"),
                t("kpi.change", lang, delta=delta),
                " · ",
                sig,
            ],
            className="kpi-change" + (f" kpi-change-{direction}" if card.significant else ""),
        )
    return [
        dbc.CardBody(
            [
                html.Div(t(card.label, lang), className="kpi-label"),
                value,
                html.Div(card_sub(card, lang), className="kpi-sub"),
                change,
                html.Div(footer, className="kpi-footer"),
            ]
        )
    ]


def page(lang: str, search: str = "", trend: str = "nps") -> html.Div:
    """Return the overview skeleton; callbacks fill cards and trend."""
    card_ids = (ids.KPI_NPS, ids.KPI_CES, ids.KPI_CSAT, ids.KPI_TOUCHPOINT_SCORE,
                ids.KPI_JOURNEY_SCORE)
    cards = dbc.Row(
        [dbc.Col(dbc.Card(id=cid, className="kpi-card h-100"), xs=12, sm=6, xl=True)
         for cid in card_ids],
        className="g-3 mb-3",
    )
    metric_labels = {"nps": "kpi.nps", "ces": "kpi.ces", "csat": "kpi.csat",
                     "audit": "kpi.audit_score"}
    trend_card = dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(t("overview.trend", lang), className="h5 mb-0"),
                        dbc.RadioItems(
                            id=ids.view_option("trend"),
                            options=[{"label": t(metric_labels[m], lang), "value": m}
                                     for m in TREND_METRICS],
                            value=trend if trend in TREND_METRICS else "nps",
                            inline=True,
                            className="ms-auto",
                        ),
                    ],
                    className="d-flex flex-wrap align-items-center gap-2",
                ),
                dcc.Loading(dcc.Graph(id=ids.OVERVIEW_TREND, config=theme.graph_config(lang),
                                      style={"height": "360px"}), type="dot"),
                html.Small(t("overview.trend_help", lang, n=30), className="text-muted"),
            ]
        ),
        className="mb-3",
    )
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("overview.title", lang), className="h3 mb-0"),
                    html.Span(id=ids.OVERVIEW_PERIOD, className="text-muted ms-3"),
                ],
                className="d-flex flex-wrap align-items-baseline mb-3",
            ),
            html.Div(id=ids.OVERVIEW_EMPTY),
            cards,
            html.Div(id=ids.OVERVIEW_ACTIONS, className="mb-3"),
            dbc.Row(
                [
                    dbc.Col(c.section(t("overview.gaps", lang), html.Div(id=ids.OVERVIEW_GAPS)),
                            lg=4),
                    dbc.Col(c.section(t("overview.movers", lang),
                                      html.Div(id=ids.OVERVIEW_MOVERS)), lg=4),
                    dbc.Col(c.section(t("overview.fell_below", lang),
                                      html.Div(id=ids.OVERVIEW_FELL_BELOW)), lg=4),
                ],
                className="g-3",
            ),
            trend_card,
            c.symbol_legend(lang, ("lights", "significant", "small")),
        ]
    )


def period_text(start: dt.date | None, end: dt.date | None, prev: tuple | None, lang: str) -> str:
    """Describe the selected period and the one it is compared with."""
    if start is None or end is None or prev is None:
        return t("overview.period_open", lang)
    return t("overview.period", lang, start=date(start, lang), end=date(end, lang),
             pstart=date(prev[0], lang), pend=date(prev[1], lang))


def trend_figure(
    weeks: pd.DataFrame,
    metric: str,
    lang: str,
    selected: tuple[dt.date | None, dt.date | None],
    target: float | None = None,
    height: int | None = None,
) -> dict:
    """Return the weekly trend: value with its 95 % band; hollow markers for small weeks.

    ``weeks`` has columns week, value, low, high, n, small; ``height`` for a small chart
    (smaller margins, no axis titles but the value's).
    """
    labels = {"nps": t("kpi.nps", lang), "ces": t("kpi.ces", lang), "csat": "CSAT top-2 %",
              "audit": t("kpi.audit_score", lang)}
    traces = []
    if not weeks.empty:
        band = weeks.dropna(subset=["low", "high"])
        traces.append(dict(
            type="scatter",
            x=theme.days(pd.concat([band["week"], band["week"][::-1]])),
            y=theme.rounded(pd.concat([band["high"], band["low"][::-1]])),
            fill="toself", fillcolor=theme.BAND, line={"width": 0}, hoverinfo="skip",
            name=t("trend.band", lang),
        ))
        small = weeks["small"].to_numpy()
        traces.append(dict(
            type="scatter",
            x=theme.days(weeks["week"]), y=theme.rounded(weeks["value"]), mode="lines+markers",
            name=labels[metric],
            line={"color": theme.PRIMARY, "width": 2.5},
            marker={"size": 7, "color": ["white" if s else theme.PRIMARY for s in small],
                    "line": {"color": theme.PRIMARY, "width": 2}},
            customdata=weeks[["n"]].to_numpy(),
            hovertemplate="%{x|%d.%m.%Y}<br>%{y:.1f}<br>n = %{customdata[0]}<extra></extra>",
        ))
    shapes, notes = [], []
    if not weeks.empty and target is not None and not _missing(target):
        shapes.append(theme.hline(target, theme.TARGET, "dash"))
        notes.append(theme.hline_label(target, t("trend.target", lang)))
    start, end = selected
    if start and end:
        shapes.append(theme.period(start, end))
    ranges = {"nps": [-100, 100], "ces": [1, 7], "csat": [0, 100], "audit": [1, 10]}
    y_range = ranges[metric]
    if metric == "nps" and not weeks.empty:
        lo = max(-100, float(weeks["low"].min(skipna=True) if weeks["low"].notna().any()
                             else weeks["value"].min()) - 10)
        hi = min(100, float(weeks["high"].max(skipna=True) if weeks["high"].notna().any()
                            else weeks["value"].max()) + 10)
        y_range = [lo, hi]
    if weeks.empty:
        notes.append(theme.no_data_note(t("trend.no_data", lang)))
    return theme.figure(
        traces, shapes=shapes, annotations=notes, height=height,
        margin={"l": 48, "r": 12, "t": 8, "b": 28} if height else None,
        yaxis={"title": {"text": labels[metric]}, "range": y_range},
        # A date axis even without points: an empty axis would be numeric and label the
        # selected period's band in epoch milliseconds ("1.79T").
        xaxis={"title": {"text": None if height else t("trend.week", lang)}, "type": "date"},
        showlegend=False,
        separators=",." if lang == "de" else ".,",
    )



def act_ref(row, kind: str) -> str:
    """What an action started from a list row refers to (stored with the action)."""
    if kind == "mover":
        return (f"overview: change {row['delta']:+.2f} against the previous period "
                f"(score {row['value']:.2f}, {int(row['n'])} audits)")
    what = "fell below target" if kind == "fell" else "gap to target"
    return f"overview: {what} {row['gap_target']:+.2f} (score {row['value']:.2f}, " \
           f"target {row['target']:.2f}, {int(row['n'])} audits)"


def touchpoint_list(rows: pd.DataFrame, kind: str, lang: str, search: str,
                    audits: int | None = None, act_keys: frozenset = frozenset()) -> html.Div:
    """A short list of touchpoints: name (link), journey, score, and the gap or change,
    with an "Act" link on those in ``act_keys`` (the user may start actions there).

    kind is "gap" (gap to target), "mover" (change vs previous period) or "fell"
    (below target now, at or above it before). Without audits (``audits`` = 0) the list
    says so rather than that every touchpoint meets its target."""
    if rows.empty:
        key = "overview.none_audits" if audits == 0 else f"overview.none_{kind}"
        return html.P(t(key, lang), className="text-muted small mb-0")
    items = []
    for _, row in rows.iterrows():
        if kind == "gap":
            extra = html.Span(number(row["gap_target"], lang, 1, signed=True),
                              className="gap", title=t("journey.gap", lang))
        elif kind == "mover":
            extra = c.delta(row["delta"], True, lang, 1)
        else:
            extra = html.Span(f"{number(row['prev_value'], lang)} → {number(row['value'], lang)}",
                              className="text-muted")
        items.append(html.Li([
            html.Div([c.touchpoint_link(row["key"], row["name"], search),
                      html.Small(f" · {row['journey_name']}", className="text-muted")]),
            html.Div([c.score(row["value"], row["light"], lang), " ", extra, " ",
                      c.n_label(int(row["n"]), lang, "audits"),
                      c.act_link(row["key"], search, "mover" if kind == "mover" else "gap",
                                 act_ref(row, kind), lang)
                      if row["key"] in act_keys else None], className="small"),
        ], className="tp-list-item"))
    return html.Ol(items, className="tp-list mb-0")


def actions_line(counts: dict, lang: str, search: str | None) -> html.Div | None:
    """Overdue actions and those done this period, with a link to the list."""
    if not counts or not counts.get("total"):
        return None
    overdue = counts["overdue"]
    return html.Div([
        html.Strong(t("actions.overview", lang) + ": ", className="me-1"),
        html.Span(tn("actions.overview_overdue", lang, overdue),
                  className="text-danger fw-semibold" if overdue else "",
                  id="overview-actions-overdue"),
        " · ",
        html.Span(f"{counts['done']} {t('actions.overview_done', lang)}",
                  id="overview-actions-done"),
        " · ",
        dcc.Link(t("actions.overview_link", lang) + " →", href="/actions" + (search or "")),
    ], className="small overview-actions")
