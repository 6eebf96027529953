"""Target versus best-in-class: a bullet chart per touchpoint and the same numbers as a table."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import count, number, t
from data.kpis import SMALL_SAMPLE_AUDITS
from layouts import components as c
from layouts import ids, theme
from layouts.plain_table import PlainTable, cell, piece, sortable

PERSPECTIVES = ("all", "customer", "employee")


def page(lang: str, perspective: str = "all") -> html.Div:
    """Return the benchmark skeleton; callbacks fill chart, table and comparison."""
    return html.Div([
        c.page_header(
            t("benchmark.title", lang),
            dbc.RadioItems(id=ids.view_option("perspective"),
                           options=[{"label": t(f"benchmark.perspective.{p}", lang), "value": p}
                                    for p in PERSPECTIVES],
                           value=perspective if perspective in PERSPECTIVES else "all",
                           inline=True, className="ms-auto")),
        html.Div(id=ids.BENCHMARK_NOTICE),
        dbc.Row([
            dbc.Col(c.section(t("benchmark.chart", lang), html.Div([
                dcc.Graph(id=ids.BENCHMARK_GRAPH, config=theme.graph_config(lang, displayModeBar=False)),
                html.Small(t("benchmark.help", lang), className="text-muted"),
            ])), xl=5),
            dbc.Col(c.section(t("benchmark.table", lang), html.Div(
                table(pd.DataFrame(columns=TABLE_COLUMNS), "all", lang, ""),
                id=ids.BENCHMARK_TABLE, className="benchmark-table-scroll", style=HIDDEN)),
                    xl=7, className="benchmark-table-col"),
        ], className="g-3"),
        c.section(t("benchmark.inside_out", lang), html.Div([
            html.P(t("benchmark.no_perspectives", lang), className="text-muted",
                   id=ids.BENCHMARK_NO_PERSPECTIVES, style=HIDDEN),
            html.Div([dcc.Graph(id=ids.BENCHMARK_PERSPECTIVES_GRAPH,
                                config=theme.graph_config(lang)),
                      html.Small(t("benchmark.inside_out_help", lang), className="text-muted")],
                     id=ids.BENCHMARK_PERSPECTIVES, style=HIDDEN)])),
        c.symbol_legend(lang, ("small",)),
    ])


# The model's row columns the table reads (an empty frame of them draws the page's table).
TABLE_COLUMNS = ("key", "name", "department_key", "actual", "n_col", "target", "best_in_class",
                 "gap_t", "gap_b", "customer_value", "employee_value")
HIDDEN = {"display": "none"}

def bullet_chart(rows: pd.DataFrame, perspective: str, lang: str) -> dict:
    """Per touchpoint: best-in-class as a pale bar, the actual value as a bar coloured by
    traffic light, the target as a tick; ``rows`` are the model's bullets (worst first)."""
    col, lights = "shown", rows["shown_light"]
    n = rows["shown_n"].to_numpy()
    small = n < SMALL_SAMPLE_AUDITS
    # A bar on fewer than 5 audits is hatched and its label carries ⚠ (small sample).
    full = [(f"{name} ({k})" if dup else name) + (" ⚠" if few else "") for name, k, dup, few in
            zip(rows["name"], rows["key"], rows["name"].duplicated(keep=False), small,
                strict=True)]
    names, left = theme.label_margin(full)
    traces = [
        dict(type="bar", y=names, x=rows["best_in_class"], orientation="h",
             marker={"color": "rgba(0,114,178,0.18)"}, width=0.8,
             name=t("journey.best", lang), hovertemplate="%{x:.1f}<extra></extra>"),
        dict(type="bar", y=names, x=rows[col], orientation="h", width=0.4,
             marker={"color": [theme.TRAFFIC[v] for v in lights],
                     "pattern": {"shape": ["/" if few else "" for few in small],
                                 "fgcolor": "white", "solidity": 0.45}},
             name=t("benchmark.actual", lang),
             customdata=rows[["shown_n", "gap", "key"]].assign(full=full).to_numpy(),
             hovertemplate="%{customdata[3]}: %{x:.1f} (n = %{customdata[0]})<br>"
                           + t("journey.gap", lang)
                           + ": %{customdata[1]:+.1f}<extra></extra>"),
        dict(type="scatter", y=names, x=rows["target"], mode="markers",
             marker={"symbol": "line-ns", "size": 18, "color": theme.TARGET,
                     "line": {"width": 3, "color": theme.TARGET}},
             name=t("journey.target", lang), hovertemplate="%{x:.1f}<extra></extra>"),
    ]
    if small.any():  # a legend entry for the hatching
        traces.append(dict(type="bar", y=[names[0]], x=[0], orientation="h", width=0.4,
                           marker={"color": theme.TRAFFIC["grey"],
                                   "pattern": {"shape": "/", "fgcolor": "white",
                                               "solidity": 0.45}},
                           name="⚠ " + t("kpi.small_sample", lang) + " (n < 5)",
                           hoverinfo="skip"))
    return theme.figure(
        traces, barmode="overlay", height=max(300, 24 * len(rows) + 90),
        xaxis={"range": [0, 10], "dtick": 1},
        yaxis={"autorange": "reversed", "type": "category"},
        margin={"l": left, "r": 16, "t": 8, "b": 32},
        legend={"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
        separators=",." if lang == "de" else ".,",
    )


def act_ref(row: dict, perspective: str) -> str:
    """What an action started from a table row refers to (stored with the action)."""
    def signed(x):
        return "–" if pd.isna(x) else f"{x:+.2f}"
    return (f"benchmark ({perspective}): gap to target {signed(row['gap_t'])}, to best in "
            f"class {signed(row['gap_b'])}")


def table(card: pd.DataFrame, perspective: str, lang: str, search: str,
          act_keys: frozenset = frozenset()) -> PlainTable:
    """The model's table rows, sortable by every column (a click on its head); names link
    to the drill-down, and where the user may start an action (``act_keys``) an "Act" link
    opens it with the form. One PlainTable: as a DataTable with Markdown links its cells
    took about 60 ms of every change to draw."""
    hint = t("benchmark.sort_hint", lang)
    head = [sortable("n" if key == "n" else t(key, lang), hint) for key in HEAD]
    if act_keys:
        head.append({"text": t("benchmark.col.act", lang), "className": "act-col"})
    rows = []
    for r in card.to_dict("records"):
        cells = [
            piece(r["name"], "tp-link", href=c.touchpoint_href(r["key"], search)),
            r["department_key"],
            _number(r["actual"], lang),
            _n(r["n_col"], lang),
            _number(r["target"], lang),
            _number(r["best_in_class"], lang),
            _number(r["gap_t"], lang, _gap_class(r["gap_t"])),
            _number(r["gap_b"], lang),
            _number(r["customer_value"], lang),
            _number(r["employee_value"], lang),
        ]
        if act_keys:
            cells.append(cell(
                piece(t("overview.act", lang) + " →", "act-link",
                      href=c.act_href(r["key"], search, "gap", act_ref(r, perspective)))
                if r["key"] in act_keys else "", "act-col"))
        rows.append({"cells": cells})
    return PlainTable(id=ids.BENCHMARK_TABLE_DATA, head=head, rows=rows,
                      className="table table-sm table-hover benchmark-numbers bg-white")


# The table's columns: touchpoint, department, then the numbers (right-aligned by the
# stylesheet: .benchmark-numbers), and for writers the "Act" links (.act-col).
HEAD = ("benchmark.col.touchpoint", "benchmark.col.dept", "benchmark.actual", "n",
        "journey.target", "journey.best", "benchmark.col.gap_target", "benchmark.col.gap_best",
        "benchmark.perspective.customer", "benchmark.perspective.employee")


def _gap_class(gap) -> str | None:
    """A gap to target below −1 in red, below 0 in amber (bold); on target plain."""
    if pd.isna(gap) or gap >= 0:
        return None
    return "gap-red" if gap < -1 else "gap-amber"


def _n(n, lang: str):
    """The audit count, on yellow below the small-sample minimum."""
    if pd.isna(n):
        return "–"
    n = int(n)
    return cell(count(n, lang), "small-n-cell" if n < SMALL_SAMPLE_AUDITS else None, sort=n)


def _number(value, lang: str, class_name: str | None = None):
    """A score or gap to two decimals in the UI language, sorting by its value."""
    if pd.isna(value):
        return cell("–", class_name)
    value = round(float(value), 2)
    return cell(number(value, lang, 2), class_name, sort=value)


def perspective_chart(card: pd.DataFrame, lang: str) -> tuple[dict, dict | None, dict | None]:
    """Customer versus employee score where both exist: the inside-out gap, as (figure,
    the chart's style, the "no perspectives" note's style): the graph stays on the page and
    only its figure changes (a graph drawn anew costs Plotly a first draw each change)."""
    both = card.dropna(subset=["customer_value", "employee_value"]).copy()
    if both.empty:
        return {}, HIDDEN, None
    both = both.sort_values("inside_out", ascending=False).head(15)
    full = both["name"].tolist()
    labels, left = theme.label_margin(full)
    both = both.assign(label=labels, full=full)
    # The gap of every touchpoint as one trace of segments (None between them): one trace
    # per touchpoint cost Plotly a trace's setup each.
    xs, ys = [], []
    for cust, emp, label in zip(both["customer_value"], both["employee_value"], both["label"],
                                strict=True):
        xs += [cust, emp, None]
        ys += [label, label, None]
    traces = [dict(type="scatter", x=xs, y=ys, mode="lines", connectgaps=False,
                   line={"color": "#ced4da", "width": 4}, showlegend=False, hoverinfo="skip")]
    traces.append(dict(type="scatter", x=both["customer_value"], y=both["label"], mode="markers",
                       name=t("benchmark.perspective.customer", lang),
                       marker={"size": 12, "color": theme.TRAFFIC["amber"]},
                       customdata=both[["customer_n", "full"]].to_numpy(),
                       hovertemplate="%{customdata[1]}: %{x:.1f} (n = %{customdata[0]})"
                                     "<extra></extra>"))
    traces.append(dict(type="scatter", x=both["employee_value"], y=both["label"], mode="markers",
                       name=t("benchmark.perspective.employee", lang),
                       marker={"size": 12, "color": theme.PRIMARY, "symbol": "diamond"},
                       customdata=both[["employee_n", "full"]].to_numpy(),
                       hovertemplate="%{customdata[1]}: %{x:.1f} (n = %{customdata[0]})"
                                     "<extra></extra>"))
    fig = theme.figure(
        traces, height=max(280, 26 * len(both) + 130),
        # Axis numbers and title: the scale is what the gap is read against.
        xaxis={"range": [0.7, 10.3], "dtick": 1, "showticklabels": True,
               "title": {"text": t("benchmark.score_axis", lang), "standoff": 8}},
        yaxis={"autorange": "reversed", "type": "category"},
        margin={"l": left, "r": 16, "t": 40, "b": 52},
        legend={"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
        separators=",." if lang == "de" else ".,",
    )
    return fig, None, HIDDEN
