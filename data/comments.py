"""Comments of survey responses and audits for a selection: searched, grouped by score and
paged in SQL, newest first. A page reads 20 rows and a count, never the whole table.

Which rows: the same filter semantics as data.queries (a response's touchpoint, journey,
channel and persona; an audit's touchpoint and, for a persona, its journeys).

Score groups, so one filter means the same across metrics (negative / neutral / positive):
NPS 0–6 / 7–8 / 9–10 (detractors, passives, promoters); CES 1–3 / 4 / 5–7 (5–7 is
"% easy"); CSAT 1–2 / 3 / 4–5 (4–5 is the top-2 box); audit scores below 5 / 5 to 7.5 /
8 and above (on the 1–10 scale, half points allowed).
"""

from __future__ import annotations

import sqlalchemy as sa

from data import queries
from data.queries import Filters, _date_conditions, _dimension_conditions, _touchpoint_conditions
from data.store import Store

sr, au, tp = queries.sr, queries.au, queries.tp

GROUPS = ("negative", "neutral", "positive")
# metric -> (negative below, positive from)
GROUP_BOUNDS = {"nps": (7, 9), "ces": (4, 5), "csat": (3, 4), "audit": (5, 8)}
METRICS = ("nps", "ces", "csat")
PERSPECTIVES = ("customer", "employee", "expert")
# source filter -> (survey metrics, audit perspectives) it keeps
SOURCES = {"all": (METRICS, PERSPECTIVES), "survey": (METRICS, ()), "nps": (("nps",), ()),
           "ces": (("ces",), ()), "csat": (("csat",), ()), "audit": ((), PERSPECTIVES),
           "customer": ((), ("customer",)), "employee": ((), ("employee",)),
           "expert": ((), ("expert",))}
COLUMNS = ("date", "source", "kind", "score", "comment", "question", "response_id")
ESCAPE = "!"
SEARCH_MAX = 200


def like_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` anywhere, its % and _ taken literally."""
    plain = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{plain}%"


def _group_condition(score, bounds: tuple[float, float], group: str):
    low, high = bounds
    if group == "negative":
        return score < low
    if group == "positive":
        return score >= high
    return (score >= low) & (score < high)


def _text_conditions(column, search: str) -> list:
    conds = [column.is_not(None)]
    if search:
        conds.append(column.ilike(like_pattern(search), escape=ESCAPE))
    return conds


def _survey_select(f: Filters, search: str, group: str | None, metrics: tuple[str, ...]):
    conds = [*_text_conditions(sr.c.comment, search), sr.c.metric.in_(metrics),
             *_dimension_conditions(f, queries._SURVEY_GROUP_COLUMNS),  # noqa: SLF001
             *_date_conditions(sr.c.date, f)]
    if group:
        conds.append(sa.or_(*[(sr.c.metric == m) & _group_condition(sr.c.score,
                                                                    GROUP_BOUNDS[m], group)
                              for m in metrics]))
    needs_touchpoint = bool(f.journeys or f.phases or f.channels or f.departments)
    source = sr.outerjoin(tp, tp.c.key == sr.c.touchpoint_key) if needs_touchpoint else sr
    return sa.select(
        sr.c.date, sa.literal("survey").label("source"), sr.c.metric.label("kind"),
        sa.cast(sr.c.score, sa.Double).label("score"), sr.c.comment,
        sa.cast(sa.null(), sa.Text).label("question"), sr.c.response_id,
        sr.c.batch_id,
    ).select_from(source).where(*conds)


def _audit_select(f: Filters, search: str, group: str | None, perspectives: tuple[str, ...]):
    conds = [*_text_conditions(au.c.comment, search), au.c.perspective.in_(perspectives),
             *_touchpoint_conditions(f), *_date_conditions(au.c.date, f)]
    if group:
        conds.append(_group_condition(au.c.score, GROUP_BOUNDS["audit"], group))
    return sa.select(
        au.c.date, sa.literal("audit").label("source"), au.c.perspective.label("kind"),
        sa.cast(au.c.score, sa.Double).label("score"), au.c.comment, au.c.question,
        sa.cast(sa.null(), sa.String).label("response_id"), au.c.batch_id,
    ).select_from(au.join(tp, tp.c.key == au.c.touchpoint_key)).where(*conds)


def _union(f: Filters, search: str, group: str | None, source: str):
    metrics, perspectives = SOURCES[source]
    parts = []
    if metrics:
        parts.append(_survey_select(f, search, group, metrics))
    if perspectives:
        parts.append(_audit_select(f, search, group, perspectives))
    return sa.union_all(*parts).subquery("comments") if len(parts) > 1 else parts[0].subquery(
        "comments")


def clean(search: str | None, group: str | None, source: str | None
          ) -> tuple[str, str | None, str]:
    """The search text (trimmed, at most SEARCH_MAX characters), the group (None: all) and
    the source (``all`` for anything unknown)."""
    return ((search or "").strip()[:SEARCH_MAX], group if group in GROUPS else None,
            source if source in SOURCES else "all")


def count(store: Store, f: Filters, search: str = "", group: str | None = None,
          source: str = "all") -> int:
    """How many comments match."""
    search, group, source = clean(search, group, source)
    q = sa.select(sa.func.count()).select_from(_union(f, search, group, source))

    def compute():
        with store.connect() as conn:
            return int(conn.execute(q).scalar_one())

    return queries.cached(store, "comment-count", [f.cache_key(), search, group, source],
                          compute)


def page(store: Store, f: Filters, search: str = "", group: str | None = None,
         source: str = "all", limit: int = 20, offset: int = 0):
    """The matching comments from ``offset``, at most ``limit``, newest first (on one day
    the newer import first, then by source, kind, score and text, so pages never overlap)."""
    search, group, source = clean(search, group, source)
    u = _union(f, search, group, source)
    q = (sa.select(*[u.c[c] for c in COLUMNS])
         .order_by(u.c.date.desc(), u.c.batch_id.desc(), u.c.source.desc(), u.c.kind,
                   u.c.score, u.c.comment, u.c.response_id)
         .limit(int(limit)).offset(int(offset)))
    return queries.cached(
        store, "comment-page", [f.cache_key(), search, group, source, int(limit), int(offset)],
        lambda: _typed(store.read_sql(q)))


def _typed(frame):
    if frame.empty:
        return frame.reindex(columns=list(COLUMNS))
    return frame.assign(date=[queries._as_date(d) for d in frame["date"]])  # noqa: SLF001


def score_group(kind: str, score: float) -> str:
    """negative, neutral or positive for a score of a metric or an audit perspective."""
    low, high = GROUP_BOUNDS[kind if kind in METRICS else "audit"]
    return "negative" if score < low else "positive" if score >= high else "neutral"
