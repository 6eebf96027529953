"""Target versus best-in-class: a bullet chart per touchpoint and the same numbers as a table."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dash_table, dcc, html

from dashboard.i18n import t
from data.kpis import SMALL_SAMPLE_AUDITS
from layouts import components as c
from layouts import ids, theme

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
                id=ids.BENCHMARK_TABLE, style=HIDDEN)),
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

# One number of decimals for every score and gap column of the table.
TWO_DECIMALS = {"specifier": ".2f"}


def bullet_chart(rows: pd.DataFrame, perspective: str, lang: str) -> dict:
    """Per touchpoint: best-in-class as a pale bar, the actual value as a bar coloured by
    traffic light, the target as a tick; ``rows`` are the model's bullets (worst first)."""
    col, lights = "shown", rows["shown_light"]
    n = rows["shown_n"].to_numpy()
    small = n < SMALL_SAMPLE_AUDITS
    # A bar on fewer than 5 audits is hatched and its label carries ⚠ (small sample).
    names = [(f"{name} ({k})" if dup else name) + (" ⚠" if few else "") for name, k, dup, few in
             zip(rows["name"], rows["key"], rows["name"].duplicated(keep=False), small,
                 strict=True)]
    traces = [
        dict(type="bar", y=names, x=rows["best_in_class"], orientation="h",
             marker={"color": "rgba(0,114,178,0.18)"}, width=0.8,
             name=t("journey.best", lang), hovertemplate="%{x:.1f}<extra></extra>"),
        dict(type="bar", y=names, x=rows[col], orientation="h", width=0.4,
             marker={"color": [theme.TRAFFIC[v] for v in lights],
                     "pattern": {"shape": ["/" if few else "" for few in small],
                                 "fgcolor": "white", "solidity": 0.45}},
             name=t("benchmark.actual", lang),
             customdata=rows[["shown_n", "gap", "key"]].to_numpy(),
             hovertemplate="%{y}: %{x:.1f} (n = %{customdata[0]})<br>"
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
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        margin={"l": 8, "r": 16, "t": 8, "b": 32},
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
          act_keys: frozenset = frozenset()) -> dash_table.DataTable:
    """The model's table rows, sortable; names link to the drill-down, and where the user
    may start an action (``act_keys``) an "Act" link opens it with the form."""
    rows = card.copy()
    for column in ("actual", "gap_t", "gap_b"):
        rows[column] = rows[column].round(2)
    rows["link"] = [f"[{c.markdown_text(name)}]({c.markdown_href(c.touchpoint_href(key, search))})"
                    for name, key in zip(rows["name"], rows["key"], strict=True)]
    columns = [
        {"id": "link", "name": t("benchmark.col.touchpoint", lang), "presentation": "markdown"},
        {"id": "department_key", "name": t("benchmark.col.dept", lang)},
        {"id": "actual", "name": t("benchmark.actual", lang), "type": "numeric", "format": TWO_DECIMALS},
        {"id": "n_col", "name": "n", "type": "numeric"},
        {"id": "target", "name": t("journey.target", lang), "type": "numeric", "format": TWO_DECIMALS},
        {"id": "best_in_class", "name": t("journey.best", lang), "type": "numeric", "format": TWO_DECIMALS},
        {"id": "gap_t", "name": t("benchmark.col.gap_target", lang), "type": "numeric", "format": TWO_DECIMALS},
        {"id": "gap_b", "name": t("benchmark.col.gap_best", lang), "type": "numeric", "format": TWO_DECIMALS},
        {"id": "customer_value", "name": t("benchmark.perspective.customer", lang),
         "type": "numeric", "format": TWO_DECIMALS},
        {"id": "employee_value", "name": t("benchmark.perspective.employee", lang),
         "type": "numeric", "format": TWO_DECIMALS},
    ]
    if act_keys:
        rows["act"] = [f"[{c.markdown_text(t('overview.act', lang))} →]("
                       f"{c.markdown_href(c.act_href(r['key'], search, 'gap', act_ref(r, perspective)))})"
                       if r["key"] in act_keys else "" for r in rows.to_dict("records")]
        columns.append({"id": "act", "name": t("benchmark.col.act", lang),
                        "presentation": "markdown"})
    data = rows[[c_["id"] for c_ in columns]].astype(object).where(rows.notna(), None)
    # The page holds one table and a change sends only its data and columns (a new
    # table each change cost the browser a new DataTable with all its cells).
    return dash_table.DataTable(
        id=ids.BENCHMARK_TABLE_DATA,
        columns=columns,
        data=data.to_dict("records"),
        sort_action="native",
        page_action="none",
        markdown_options={"link_target": "_self"},
        style_table={"maxHeight": "80vh", "overflowY": "auto", "overflowX": "auto"},
        style_cell={"fontFamily": theme.FONT, "fontSize": 13, "padding": "2px 6px",
                    "textAlign": "right", "whiteSpace": "normal", "height": "auto"},
        style_cell_conditional=[{"if": {"column_id": i}, "textAlign": "left"}
                                for i in ("link", "department_key", "act")],
        style_data_conditional=[
            {"if": {"filter_query": "{gap_t} < -1", "column_id": "gap_t"},
             "color": theme.TRAFFIC["red"], "fontWeight": 700},
            {"if": {"filter_query": "{gap_t} < 0 && {gap_t} >= -1", "column_id": "gap_t"},
             "color": "#9a6700", "fontWeight": 700},
            {"if": {"filter_query": "{n_col} < 5", "column_id": "n_col"},
             "backgroundColor": "#fff3cd"},
        ],
        style_header={"fontWeight": 600, "backgroundColor": "#f1f3f5"},
    )


def perspective_chart(card: pd.DataFrame, lang: str) -> tuple[dict, dict | None, dict | None]:
    """Customer versus employee score where both exist: the inside-out gap, as (figure,
    the chart's style, the "no perspectives" note's style): the graph stays on the page and
    only its figure changes (a graph drawn anew costs Plotly a first draw each change)."""
    both = card.dropna(subset=["customer_value", "employee_value"]).copy()
    if both.empty:
        return {}, HIDDEN, None
    both = both.sort_values("inside_out", ascending=False).head(15)
    traces = [dict(type="scatter", x=[row["customer_value"], row["employee_value"]],
                   y=[row["name"], row["name"]], mode="lines",
                   line={"color": "#ced4da", "width": 4}, showlegend=False, hoverinfo="skip")
              for _, row in both.iterrows()]
    traces.append(dict(type="scatter", x=both["customer_value"], y=both["name"], mode="markers",
                       name=t("benchmark.perspective.customer", lang),
                       marker={"size": 12, "color": theme.TRAFFIC["amber"]},
                       customdata=both[["customer_n"]].to_numpy(),
                       hovertemplate="%{x:.1f} (n = %{customdata[0]})<extra></extra>"))
    traces.append(dict(type="scatter", x=both["employee_value"], y=both["name"], mode="markers",
                       name=t("benchmark.perspective.employee", lang),
                       marker={"size": 12, "color": theme.PRIMARY, "symbol": "diamond"},
                       customdata=both[["employee_n"]].to_numpy(),
                       hovertemplate="%{x:.1f} (n = %{customdata[0]})<extra></extra>"))
    fig = theme.figure(
        traces, height=max(280, 26 * len(both) + 130),
        # Axis numbers and title: the scale is what the gap is read against.
        xaxis={"range": [0.7, 10.3], "dtick": 1, "showticklabels": True, "automargin": True,
               "title": {"text": t("benchmark.score_axis", lang)}},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        margin={"l": 8, "r": 16, "t": 40, "b": 48},
        legend={"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
        separators=",." if lang == "de" else ".,",
    )
    return fig, None, HIDDEN
