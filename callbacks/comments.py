"""The touchpoint page's comment explorer: URL filters and controls → views.comments.model
→ the page of comments, "x–y of N", the pager, the export links and the action drafts
(drawn by callbacks.touchpoint, in the page's one round trip)."""

from __future__ import annotations

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


def page_asked(trigger, page) -> int:
    """Page back or forward, or start again at page 1 when anything else changes."""
    page = int(page or 1)
    if trigger == ids.COMMENTS_PREV:
        return max(1, page - 1)
    if trigger == ids.COMMENTS_NEXT:
        return page + 1
    return 1


def update(store: Store, trigger, key: str, search: str | None, q, group, source, page,
           lang: str):
    """The explorer after a change (callbacks.touchpoint draws it in the page's one round
    trip)."""
    may_act = actions.may_write(auth.current_user(), store_department(store, key))
    return cached_view(store, "comments", render, key, search, q, group, source,
                       page_asked(trigger, page), may_act, lang)
