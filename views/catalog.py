"""The catalog editor's views: the entries of one kind with their change history, and the
preview of a touchpoint merge (what moves, and the journey score before and after)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import queries
from data.catalog import changes
from data.catalog import merge as merging
from data.catalog.rules import CatalogError
from data.queries import Filters
from data.store import Store
from views.overview import journey_score


@dataclass
class CatalogModel:
    entity: str
    entries: pd.DataFrame  # the catalog table of the entity, in display order
    catalog: dict[str, pd.DataFrame]  # every table, for the form's choices
    history: pd.DataFrame  # newest changes of the entity, with ``undoable``


def model(store: Store, entity: str) -> CatalogModel:
    catalog = queries.catalog(store)
    return CatalogModel(entity, catalog[entity], catalog, changes.history(store, entity))


@dataclass
class MergePreview:
    source: str
    into: str
    moved: dict[str, int]  # responses, audits, web_rows, actions, questions
    journey: str  # key
    journey_name: str
    score_before: float  # the journey score over all dates (NaN: no audits)
    score_after: float
    refusal: CatalogError | None  # why it cannot be done (the counts are then zero)


def _score(audits: pd.DataFrame, touchpoints: pd.DataFrame) -> float:
    return journey_score(audits, touchpoints)["value"]


def merge_preview(store: Store, source: str, into: str) -> MergePreview:
    """What merging source into ``into`` changes, with the journey score computed by the
    overview's own function over the catalog before and after (all dates)."""
    with store.connect() as conn:
        refusal = merging.refusal(conn, source, into)
        moved = merging.moved_counts(conn, source) if refusal is None else \
            dict.fromkeys(merging.MOVED_KINDS, 0)
    catalog = queries.catalog(store)
    tps = catalog["touchpoints"].set_index("key", drop=False)
    journey = str(tps.loc[source, "journey_key"]) if source in tps.index else ""
    names = catalog["journeys"].set_index("key")["name"]
    f = Filters(journeys=(journey,)) if journey else Filters(touchpoints=(source,))
    audits = queries.audit_aggregates(store, f, by=("touchpoint",))
    touchpoints = queries.filtered_touchpoints(store, f)
    before = _score(audits, touchpoints)
    after = before
    if refusal is None:
        merged = audits.assign(touchpoint=audits["touchpoint"].replace({source: into}))
        merged = merged.groupby("touchpoint", as_index=False, sort=True)[
            list(queries.AUDIT_COLUMNS)].sum()
        after = _score(merged, touchpoints.loc[touchpoints["key"] != source])
    return MergePreview(source, into, moved, journey, str(names.get(journey, journey)),
                        before, after, refusal)
