"""Target vs best: every selected touchpoint against its target and best-in-class value,
and customer versus employee scores."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import kpis, scorecards
from data.queries import Filters
from data.store import Store
from views.common import identity, loosen, option, touchpoint_table

PERSPECTIVES = ("all", "customer", "employee")


@dataclass
class BenchmarkModel:
    filters: Filters
    perspective: str
    card: pd.DataFrame  # every selected touchpoint
    audited: pd.DataFrame  # those with audits in the period (the charts)
    bullets: pd.DataFrame  # the bullet chart: the perspective's value, gap, light; worst first
    rows: pd.DataFrame  # the table: every touchpoint with the perspective's value and gaps
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def empty(self) -> bool:
        return self.audited.empty


def value_column(perspective: str) -> str:
    """The scorecard column of a perspective's performance."""
    return {"customer": "customer_value", "employee": "employee_value"}.get(perspective, "value")


def bullets(audited: pd.DataFrame, perspective: str) -> pd.DataFrame:
    """One row per touchpoint with a value from the perspective, largest shortfall first."""
    col = value_column(perspective)
    rows = audited.dropna(subset=[col]).copy()
    rows["shown"] = rows[col]
    rows["shown_n"] = rows["n" if perspective == "all" else f"{perspective}_n"]
    rows["gap"] = kpis.gap(rows[col], rows["target"])
    rows["shown_light"] = kpis.traffic_light(rows[col], rows["target"])
    return rows.sort_values("gap", kind="stable").reset_index(drop=True)


def table_rows(card: pd.DataFrame, perspective: str) -> pd.DataFrame:
    """Every touchpoint with the perspective's value, n and gaps, largest shortfall first."""
    col = value_column(perspective)
    rows = card.copy()
    rows["actual"] = rows[col]
    rows["gap_t"] = kpis.gap(rows[col], rows["target"])
    rows["gap_b"] = kpis.gap(rows[col], rows["best_in_class"])
    rows["n_col"] = rows["n" if perspective == "all" else f"{perspective}_n"]
    return rows.sort_values("gap_t", na_position="last", kind="stable").reset_index(drop=True)


def model(store: Store, f: Filters, options: dict | None = None) -> BenchmarkModel:
    """Compute the benchmark; options: perspective (all, customer, employee)."""
    perspective = option(options, "perspective", PERSPECTIVES, "all")
    card = scorecards.touchpoint_scorecard(store, f)
    if not card.empty:
        # Inside-out gap: how much better the employees rate a touchpoint than customers.
        card["inside_out"] = kpis.gap(card["employee_value"], card["customer_value"])
    audited = card.loc[card["n"] > 0] if not card.empty else card
    m = BenchmarkModel(f, perspective, card, audited, bullets(audited, perspective),
                       table_rows(card, perspective) if not card.empty else card)
    if m.empty:
        m.loosen = loosen(store, f)
    return m


TABLE_COLUMNS = {"name": "touchpoint", "key": "key", "department_key": "department",
                 "actual": "score", "n_col": "n", "target": "target",
                 "best_in_class": "best_in_class", "gap_t": "gap_to_target",
                 "gap_b": "gap_to_best", "customer_value": "customer_score",
                 "employee_value": "employee_score", "inside_out": "employee_minus_customer"}


def tables(m: BenchmarkModel, translate=identity) -> dict[str, pd.DataFrame]:
    shown = (m.rows[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).assign(
        perspective=m.perspective) if not m.rows.empty else pd.DataFrame(
        columns=[*TABLE_COLUMNS.values(), "perspective"]))
    return {"Benchmark": shown, "Touchpoints": touchpoint_table(m.card)}
