"""Heatmaps: phase × channel and touchpoint × week, coloured by a chosen metric."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.i18n import number, t
from layouts import components as c
from layouts import ids, theme

METRICS = ("audit", "nps", "ces", "gap")
# Diverging around a neutral midpoint, orange (bad) to blue (good): colour-blind safe.
SCALE = [[0.0, "#B35806"], [0.25, "#F1A340"], [0.5, "#F7F7F7"], [0.75, "#67A9CF"],
         [1.0, "#0B4F8A"]]
RANGES = {"audit": (4.0, 10.0), "nps": (-60.0, 60.0), "ces": (1.0, 7.0), "gap": (-3.0, 3.0)}


def page(lang: str, metric: str = "audit") -> html.Div:
    """Return the heatmap skeleton; callbacks fill both figures."""
    return html.Div([
        c.page_header(
            t("heatmap.title", lang),
            dbc.RadioItems(id=ids.view_option("metric"),
                           options=[{"label": t(f"heatmap.metric.{m}", lang), "value": m}
                                    for m in METRICS],
                           value=metric if metric in METRICS else "audit", inline=True,
                           className="ms-auto")),
        html.Div(id=ids.HEATMAP_NOTICE),
        c.section(t("heatmap.phase_channel", lang), html.Div([
            dcc.Graph(id=ids.HEATMAP_GRAPH, config=theme.graph_config(lang), className="heatmap-graph",
                      style={"height": "440px"}),
            html.Small(t("heatmap.help_cells", lang), className="text-muted"),
        ])),
        c.section(t("heatmap.touchpoint_week", lang), html.Div([
            dcc.Graph(id=ids.HEATMAP_WEEKS_GRAPH, config=theme.graph_config(lang),
                      className="heatmap-graph"),
            html.Small(t("heatmap.help_weeks", lang), className="text-muted"),
        ])),
    ])


def _plain(text) -> str:
    """A label as hover text: its HTML-ish characters escaped (names come from imports)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _grid(cells: pd.DataFrame, x: str, y: str, x_order: list, y_order: list,
          values) -> np.ndarray:
    """values of cells placed in a len(y_order) × len(x_order) grid (NaN where no cell;
    cells outside the orders are left out; the first of duplicate cells wins)."""
    grid = np.full((len(y_order), len(x_order)), np.nan)
    rows = {k: i for i, k in enumerate(y_order)}
    cols = {k: j for j, k in enumerate(x_order)}
    for yk, xk, value in reversed(list(zip(cells[y], cells[x], values, strict=True))):
        i, j = rows.get(yk), cols.get(xk)
        if i is not None and j is not None:
            grid[i, j] = value
    return grid


def heatmap(cells: pd.DataFrame, x: str, y: str, x_order: list, y_order: list, metric: str,
            lang: str, x_labels: dict | None = None, y_labels: dict | None = None,
            height: int | None = None, cell_text: bool = True) -> dict:
    """Draw cells (columns x, y, value, n, small) as a heatmap with value and n in each
    cell (``cell_text=False``: in the hover only, for grids of hundreds of cells, where
    Plotly's drawing of the texts took 0.4–0.6 s of each change and 30 ms without); small
    cells get a white veil. The axes carry the keys for clicks."""
    x_labels = x_labels or {}
    y_labels = y_labels or {}
    grid = _grid(cells, x, y, x_order, y_order, cells["value"].to_numpy(dtype="float64"))
    ns = _grid(cells, x, y, x_order, y_order, cells["n"].to_numpy(dtype="float64"))
    digits = 0 if metric == "nps" else 1
    text = [["" if np.isnan(v) else
             f"<b>{number(v, lang, digits, signed=metric == 'gap')}</b><br>n={int(n)}"
             for v, n in zip(vals, nrow, strict=True)]
            for vals, nrow in zip(grid, np.nan_to_num(ns), strict=True)]
    lo, hi = RANGES[metric]
    # The axes hold the keys and show the labels: Dash's clickData of a heatmap carries x
    # and y but not customdata, so a click names its cell by the keys themselves.
    xs, ys = list(x_order), list(y_order)
    names = [[f"{_plain(y_labels.get(yk, yk))} · {_plain(x_labels.get(xk, xk))}"
              for xk in x_order] for yk in y_order]
    traces = [dict(
        type="heatmap", z=grid, x=xs, y=ys, text=text,
        **({"texttemplate": "%{text}"} if cell_text else {}),
        colorscale=SCALE, zmin=lo, zmax=hi, xgap=2, ygap=2,
        textfont={"size": 11}, hovertext=names,
        hovertemplate="%{hovertext}<br>%{text}<extra></extra>",
        colorbar={"title": {"text": t(f"heatmap.metric.{metric}", lang), "side": "right"},
                  "thickness": 12},
    )]
    # Small samples are faded with a white veil, so solid colour means a solid number.
    small = (cells["small"].astype(bool) & (cells["n"] > 0)).to_numpy() if not cells.empty \
        else np.zeros(0, dtype=bool)
    if small.any():
        veil = _grid(cells, x, y, x_order, y_order, np.where(small, 1.0, np.nan))
        # The veil's texts only where it lies (elsewhere it never shows): half the bytes.
        under = ~np.isnan(veil)
        traces.append(dict(
            type="heatmap", z=veil, x=xs, y=ys, colorscale=[[0, "white"], [1, "white"]],
            showscale=False, opacity=0.6, xgap=2, ygap=2,
            text=[[v if u else "" for v, u in zip(row, urow, strict=True)]
                  for row, urow in zip(text, under, strict=True)],
            hovertext=[[v if u else "" for v, u in zip(row, urow, strict=True)]
                       for row, urow in zip(names, under, strict=True)],
            hovertemplate="%{hovertext}<br>%{text}<br>" + t("kpi.small_sample", lang)
                          + "<extra></extra>",
            name=t("kpi.small_sample", lang)))
    # Margins computed from the labels, not by Plotly's automargin (a second layout pass on
    # every draw); labels over 40 characters are cut, the hover names them in full.
    y_text, left = theme.label_margin([y_labels.get(k, k) for k in y_order])
    x_text = [x_labels.get(k, k) for k in x_order]
    angle, top = theme.top_labels(x_text, left)
    return theme.figure(
        traces, text=False,
        margin={"l": left, "r": 8, "t": top, "b": 8},
        xaxis={"side": "top", "type": "category", "tickmode": "array", "tickvals": xs,
               "ticktext": x_text, "tickangle": angle},
        yaxis={"autorange": "reversed", "type": "category", "tickmode": "array",
               "tickvals": ys, "ticktext": y_text},
        showlegend=False,
        height=height,
        separators=",." if lang == "de" else ".,",
    )
