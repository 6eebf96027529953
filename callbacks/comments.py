"""The touchpoint page's comment explorer: URL filters and controls → views.comments.model
→ the page of comments, "x–y of N", the pager, the export links and the action drafts."""

from __future__ import annotations

from dash import Input, Output, State, ctx

from callbacks.actions import store_department
from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, with_params
from dashboard import auth
from dashboard.i18n import t
from data import actions
from data.store import Store
from layouts import comments as layout
from layouts import ids
from views import comments as view


def export_href(fmt: str, key: str, search: str | None, q, group, source) -> str:
    """The download of every matching comment (up to the export limit) in ``fmt``."""
    return f"/export/data.{fmt}" + with_params(
        search, view=f"/touchpoints/{key}", part="comments", q=q or None,
        group=group or None, source=None if source in (None, "", "all") else source,
        page="all")


def render(store: Store, key: str, search: str | None, q, group, source, page: int,
           may_act: bool, lang: str):
    """Return the list, the range text, the page shown, prev/next disabled, the CSV and
    XLSX links, the export note and the shown rows' action drafts."""
    m = view.model(store, filters_from_search(store, search),
                   {"key": key, "q": q, "group": group, "source": source, "page": page})
    note = t("comments.export_cut", lang, limit=f"{view.EXPORT_LIMIT:,}") \
        if m.total > view.EXPORT_LIMIT else None
    drafts = [view.draft(r) for r in m.rows.to_dict("records")] if may_act else []
    return (layout.rows(m.rows, lang, may_act, bool(m.search or m.group or m.source != "all")),
            layout.range_text(m.first, m.last, m.total, lang), m.page,
            m.page <= 1, m.page >= m.pages,
            export_href("csv", key, search, m.search, m.group, m.source),
            export_href("xlsx", key, search, m.search, m.group, m.source), note, drafts)


def update(store: Store, trigger, key: str, search: str | None, q, group, source, page,
           lang: str):
    """Page back or forward, or start again at page 1 when a filter or the search changes."""
    page = int(page or 1)
    if trigger == ids.COMMENTS_PREV:
        page = max(1, page - 1)
    elif trigger == ids.COMMENTS_NEXT:
        page += 1
    else:
        page = 1
    may_act = actions.may_write(auth.current_user(), store_department(store, key))
    return cached_view(store, "comments", render, key, search, q, group, source, page,
                       may_act, lang)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.COMMENTS_LIST, "children"),
        Output(ids.COMMENTS_RANGE, "children"),
        Output(ids.COMMENTS_PAGE, "data"),
        Output(ids.COMMENTS_PREV, "disabled"),
        Output(ids.COMMENTS_NEXT, "disabled"),
        Output(ids.COMMENTS_EXPORT_CSV, "href"),
        Output(ids.COMMENTS_EXPORT_XLSX, "href"),
        Output(ids.COMMENTS_EXPORT_NOTE, "children"),
        Output(ids.COMMENTS_DRAFTS, "data"),
        Input(ids.TOUCHPOINT_KEY, "data"),
        Input(ids.URL, "search"),
        Input(ids.COMMENTS_SEARCH, "value"),
        Input(ids.COMMENTS_GROUP, "value"),
        Input(ids.COMMENTS_SOURCE, "value"),
        Input(ids.COMMENTS_PREV, "n_clicks"),
        Input(ids.COMMENTS_NEXT, "n_clicks"),
        State(ids.COMMENTS_PAGE, "data"),
        State(ids.LANG, "data"),
    )(lambda key, search, q, group, source, _prev, _next, page, lang: update(
        store, ctx.triggered_id, key, search, q, group, source, page, lang))
