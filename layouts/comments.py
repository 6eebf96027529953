"""The touchpoint page's comment explorer: search, score group, source, pages of 20,
and "start an action" on each comment for those who may."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import count, date, number, t
from layouts import ids

GROUPS = ("negative", "neutral", "positive")
SOURCES = ("all", "survey", "nps", "ces", "csat", "audit", "customer", "employee", "expert")
GROUP_COLOR = {"negative": "danger", "neutral": "secondary", "positive": "success"}


def explorer(lang: str) -> html.Div:
    """The controls, the list and the pager (callbacks fill list, range and links)."""
    return html.Div([
        html.Div([
            dbc.Input(id=ids.COMMENTS_SEARCH, type="search", debounce=True, size="sm",
                      placeholder=t("comments.search", lang), maxLength=200,
                      className="comments-search", style={"maxWidth": "16rem"}),
            dbc.Select(id=ids.COMMENTS_GROUP, value="all", size="sm", style={"width": "auto"},
                       options=[{"label": t("comments.group.all", lang), "value": "all"},
                                *[{"label": t(f"comments.group.{g}", lang), "value": g}
                                  for g in GROUPS]]),
            dbc.Select(id=ids.COMMENTS_SOURCE, value="all", size="sm", style={"width": "auto"},
                       options=[{"label": t(f"comments.source.{s}", lang), "value": s}
                                for s in SOURCES]),
        ], className="d-flex flex-wrap gap-2 mb-1"),
        html.Small(t("comments.groups_help", lang), className="text-muted d-block mb-2"),
        html.Div(id=ids.COMMENTS_LIST),
        html.Div([
            dbc.Button("‹ " + t("comments.prev", lang), id=ids.COMMENTS_PREV, n_clicks=0,
                       size="sm", color="secondary", outline=True),
            html.Span(id=ids.COMMENTS_RANGE, className="small mx-2"),
            dbc.Button(t("comments.next", lang) + " ›", id=ids.COMMENTS_NEXT, n_clicks=0,
                       size="sm", color="secondary", outline=True),
            html.Span([
                html.A("CSV", id=ids.COMMENTS_EXPORT_CSV, className="small me-2"),
                html.A("XLSX", id=ids.COMMENTS_EXPORT_XLSX, className="small"),
            ], className="ms-auto", title=t("comments.export_help", lang)),
        ], className="d-flex align-items-center mt-2"),
        html.Div(id=ids.COMMENTS_EXPORT_NOTE, className="small text-muted text-end"),
    ], className="comment-explorer")


def _score(kind: str, score: float, group: str, lang: str) -> dbc.Badge:
    digits = 0 if float(score).is_integer() else 1
    return dbc.Badge(f"{number(score, lang, digits)} · {t(f'comments.group.{group}', lang)}",
                     color=GROUP_COLOR[group], className="comment-score",
                     title=t(f"comments.scale.{'audit' if kind not in ('nps', 'ces', 'csat') else kind}",
                             lang))


def rows(frame: pd.DataFrame, lang: str, may_act: bool, searched: bool) -> html.Ul | html.P:
    """The page's comments: date, source, score and group, the text, and the action button."""
    if frame.empty:
        key = "comments.none_found" if searched else "comments.none"
        return html.P(t(key, lang), className="text-muted small mb-0 comments-empty")
    items = []
    for i, r in enumerate(frame.to_dict("records")):
        meta = [html.Span(date(pd.Timestamp(r["date"]).date(), lang)), " · ",
                t(f"touchpoint.source.{r['kind']}", lang), " ",
                _score(r["kind"], r["score"], r["score_group"], lang)]
        if isinstance(r.get("question"), str) and r["question"]:
            meta += [" · ", html.Span(r["question"], className="fst-italic")]
        act = dbc.Button(t("comments.act", lang), id=ids.comment_act(i), n_clicks=0,
                         size="sm", color="link", className="ms-auto p-0 comment-act",
                         title=t("comments.act_help", lang)) if may_act else None
        items.append(html.Li([
            html.Div([html.Div(meta, className="text-muted small"), act],
                     className="d-flex align-items-start gap-2"),
            html.Div(r["comment"], className="comment-text"),
        ], className="comment"))
    return html.Ul(items, className="comments list-unstyled mb-0")


def range_text(first: int, last: int, total: int, lang: str) -> str:
    """"21–40 of 312" (or "no comments")."""
    if total == 0:
        return t("comments.range_none", lang)
    return t("comments.range", lang, first=count(first, lang), last=count(last, lang),
             total=count(total, lang))
