"""Helpers the view models share: the single journey, the persona, the touchpoint lists,
and the export columns of touchpoint and journey tables."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from data import kpis, queries
from data.queries import Filters
from data.store import Store

TOUCHPOINT_COLUMNS = {
    "journey_name": "journey", "phase_name": "phase", "name": "touchpoint", "key": "key",
    "channel_name": "channel", "department_name": "department", "n": "audits",
    "value": "score", "low": "ci95_low", "high": "ci95_high", "target": "target",
    "best_in_class": "best_in_class", "gap_target": "gap_to_target",
    "gap_best": "gap_to_best", "light": "traffic_light", "prev_value": "previous_score",
    "prev_n": "previous_audits", "delta": "change", "significant": "change_significant",
    "customer_value": "customer_score",
    "employee_value": "employee_score", "moment_of_truth": "moment_of_truth",
    "pain_point": "pain_point", "open_actions": "open_actions",
    "overdue_actions": "overdue_actions",
}
JOURNEY_COLUMNS = {
    "name": "journey", "key": "key", "lifecycle_stage": "lifecycle_stage", "score": "score",
    "target": "target", "gap_target": "gap_to_target", "prev_score": "previous_score",
    "delta": "change", "significant": "change_significant", "audits": "audits",
    "prev_audits": "previous_audits",
    "touchpoints": "touchpoints", "below_target": "below_target", "nps": "nps",
    "nps_n": "nps_n", "weakest": "weakest_touchpoint", "light": "traffic_light",
}


class PagedFrame:
    """A model whose screen shows one page of ``frame`` (``page``, 1-based; the class's
    ``page_size`` rows a page); its download holds the whole frame."""

    page_size: int
    page: int
    frame: pd.DataFrame

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.frame) // self.page_size))

    @property
    def first(self) -> int:
        """Index of the first row on the screen's page."""
        return (self.page - 1) * self.page_size

    @property
    def page_frame(self) -> pd.DataFrame:
        """The rows the screen shows."""
        return self.frame.iloc[self.first:self.first + self.page_size]


def page_number(value) -> int:
    """A page number from the URL (?page=N); anything else is page 1."""
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return 1


def option(options: dict | None, name: str, allowed, default: str) -> str:
    """Return options[name] when it is one of ``allowed``, else the default."""
    value = (options or {}).get(name)
    return value if value in allowed else default


def single_journey(store: Store, f: Filters) -> tuple[str | None, Filters]:
    """Return the journey a one-journey view shows (the first selected, else the first in
    the atlas order) and the filters narrowed to it."""
    journeys = queries.catalog(store)["journeys"]
    if f.journeys:
        known = [k for k in f.journeys if k in set(journeys["key"])]
        key = known[0] if known else f.journeys[0]
    elif not journeys.empty:
        key = journeys["key"].iloc[0]
    else:
        return None, f
    return key, replace(f, journeys=(key,))


def persona_of(store: Store, f: Filters) -> dict | None:
    """Return the catalog row of the one selected persona (None for none or several)."""
    if len(f.personas) != 1:
        return None
    personas = queries.catalog(store)["personas"]
    match = personas.loc[personas["key"] == f.personas[0]]
    return match.iloc[0].to_dict() if not match.empty else None


def touchpoint_lists(card: pd.DataFrame, size: int = 5
                     ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the largest gaps to target, the biggest significant movers and the
    touchpoints that fell below target, from a touchpoint scorecard."""
    if card.empty:
        return card, card, card
    audited = card.loc[card["n"] > 0]
    gaps = audited.loc[audited["gap_target"] < 0].nsmallest(size, "gap_target")
    movers = audited.loc[kpis.significance_mask(audited["significant"])].assign(
        size=lambda d: d["delta"].abs()).nlargest(size, "size")
    fell = audited.loc[(audited["value"] < audited["target"])
                       & (audited["prev_value"] >= audited["target"])]
    return gaps, movers, fell.sort_values("gap_target")


TOO_FEW = "too few to tell"


def significance_text(value) -> str:
    """Spell a change's significance for a download: yes, no, or too few to tell."""
    if value is None or (isinstance(value, float) and value != value):
        return TOO_FEW
    return "yes" if bool(value) else "no"


def _spell_significance(frame: pd.DataFrame) -> pd.DataFrame:
    if "change_significant" in frame:
        frame["change_significant"] = [significance_text(v) for v in frame["change_significant"]]
    return frame


def touchpoint_table(card: pd.DataFrame) -> pd.DataFrame:
    """A touchpoint scorecard with the export's column names."""
    columns = [c for c in TOUCHPOINT_COLUMNS if c in card.columns]
    return _spell_significance(card[columns].rename(columns=TOUCHPOINT_COLUMNS)
                               .reset_index(drop=True))


def journey_table(card: pd.DataFrame) -> pd.DataFrame:
    """A journey scorecard with the export's column names."""
    if card.empty:
        return pd.DataFrame(columns=list(JOURNEY_COLUMNS.values()))
    frame = _spell_significance(card[list(JOURNEY_COLUMNS)].rename(columns=JOURNEY_COLUMNS))
    frame["weakest_touchpoint"] = [
        ", ".join(w["name"] for w in items) if isinstance(items, list) else items
        for items in frame["weakest_touchpoint"]]
    return frame.reset_index(drop=True)


def identity(text: str) -> str:
    """The default translation of table labels: the key itself."""
    return text


LOOSEN = (("journeys", "journey"), ("personas", "persona"), ("phases", "phase"),
          ("channels", "channel"), ("departments", "department"),
          ("touchpoints", "touchpoint"))


def _has_rows(store: Store, g: Filters) -> bool:
    audits = queries.audit_aggregates(store, g)
    survey = queries.survey_aggregates(store, g)
    return bool((not audits.empty and audits["n"].sum() > 0)
                or (not survey.empty and survey["n"].sum() > 0))


def loosen(store: Store, f: Filters, among: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Return the filters (journey, persona, …, period) each of which, removed alone,
    brings data back: what an empty view tells its reader to loosen. Asked only when a
    view is empty, so a view with data never pays for it."""
    if not queries.has_data(store):
        return ()
    found = []
    for field_name, param in LOOSEN:
        if (among is None or param in among) and getattr(f, field_name) \
                and _has_rows(store, replace(f, **{field_name: ()})):
            found.append(param)
    if (among is None or "period" in among) and (f.date_from or f.date_to) \
            and _has_rows(store, replace(f, date_from=None, date_to=None)):
        found.append("period")
    return tuple(found)
