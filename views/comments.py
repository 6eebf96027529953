"""A touchpoint's comment explorer: every comment of its survey responses and audits for
the period and persona, newest first, searchable, by score group and source, 20 a page.
The screen shows one page of this model; its download (``page=all``) holds the newest
EXPORT_LIMIT comments of the same filters, and says so when there are more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data import comments
from data.queries import Filters
from data.store import Store
from views.common import identity
from views.touchpoint import filters_for

PAGE_SIZE = 20
EXPORT_LIMIT = 100_000
EXCERPT = 80
OPTIONS = ("q", "group", "source", "page")
EXPORT_COLUMNS = ["date", "source", "kind", "score", "score_group", "question", "response_id",
                  "comment"]


@dataclass
class CommentsModel:
    key: str
    filters: Filters  # the touchpoint, the period and the persona
    search: str
    group: str | None  # negative, neutral, positive; None: every score
    source: str  # a key of data.comments.SOURCES
    page: int  # 1-based; 0: every row up to EXPORT_LIMIT (the download)
    total: int  # the matching comments
    rows: pd.DataFrame  # the shown ones, with score_group

    @property
    def applied(self) -> Filters:
        return self.filters

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))

    @property
    def first(self) -> int:
        """The 1-based number of the first row shown (0 without rows)."""
        if self.rows.empty:
            return 0
        return 1 if self.page == 0 else (self.page - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if not self.rows.empty else 0

    @property
    def cut(self) -> bool:
        """True when the download holds fewer comments than match."""
        return self.page == 0 and self.total > len(self.rows)

    @property
    def notes(self) -> dict[str, str]:
        """What a download says about itself: the explorer's choices, and a cut list."""
        out = {"comments": f"search={self.search or '-'}; score group={self.group or 'all'}; "
                           f"source={self.source}"}
        if self.cut:
            out["rows"] = (f"the newest {len(self.rows):,} of {self.total:,} matching "
                           f"comments (at most {EXPORT_LIMIT:,} per download)")
        return out


def _page_number(value) -> int:
    if value == "all":
        return 0
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def model(store: Store, base: Filters, options: dict | None = None) -> CommentsModel:
    """The comments of touchpoint options["key"] for the period and persona of ``base``;
    options q (search text), group, source and page (a number, or ``all``)."""
    options = options or {}
    key = options.get("key") or ""
    _, f = filters_for(key, base)
    search, group, source = comments.clean(options.get("q"), options.get("group"),
                                           options.get("source"))
    total = comments.count(store, f, search, group, source)
    number = _page_number(options.get("page"))
    if number == 0:
        limit, offset = EXPORT_LIMIT, 0
    else:
        number = min(number, max(1, math.ceil(total / PAGE_SIZE)))
        limit, offset = PAGE_SIZE, (number - 1) * PAGE_SIZE
    rows = comments.page(store, f, search, group, source, limit, offset) if total else \
        pd.DataFrame(columns=list(comments.COLUMNS))
    rows = rows.assign(score_group=[comments.score_group(k, s) for k, s in
                                    zip(rows["kind"], rows["score"], strict=True)])
    return CommentsModel(key, f, search, group, source, number, total,
                         rows.reset_index(drop=True))


def draft(row: dict) -> dict[str, str]:
    """An action started from a comment: its title (an excerpt) and what it came from."""
    text = " ".join(str(row["comment"]).split())
    title = text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"
    score = row["score"]
    score_text = f"{score:g}" if isinstance(score, float) else str(score)
    where = f"{row['source']} {row['kind']} {score_text} on {row['date']}"
    if isinstance(row.get("response_id"), str):
        where += f" (response {row['response_id']})"
    return {"title": title, "ref": f"{where}: {text}"}


def tables(m: CommentsModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The comments shown (a download asks for page=all: every match up to EXPORT_LIMIT)."""
    return {"Comments": m.rows.reindex(columns=EXPORT_COLUMNS)}
