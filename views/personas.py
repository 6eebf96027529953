"""Personas: each persona's card with its NPS, CES and CSAT (the persona filter marks the
selected ones; the numbers are each persona's own)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from data import kpis, queries
from data.queries import Filters
from data.store import Store
from views.common import identity

METRICS = ("nps", "ces", "csat")


@dataclass
class PersonaRow:
    persona: dict  # catalog row
    values: dict[str, dict]  # metric -> {"value", "n", "small"}; absent without responses
    journeys: list[str]  # names of the journeys the persona applies to
    selected: bool


@dataclass
class PersonasModel:
    filters: Filters
    personas: list[PersonaRow]

    @property
    def empty(self) -> bool:
        return not self.personas


def model(store: Store, f: Filters, options: dict | None = None) -> PersonasModel:
    """Compute every persona's survey KPIs for the filters other than the persona."""
    catalog = queries.catalog(store)
    if catalog["personas"].empty:
        return PersonasModel(f, [])
    survey = queries.survey_aggregates(store, replace(f, personas=()), by=("persona",))
    journey_names = catalog["journeys"].set_index("key")["name"]
    links = catalog["journey_personas"]
    rows = []
    for persona in catalog["personas"].to_dict("records"):
        mine = survey.loc[survey["persona"] == persona["key"]] if not survey.empty else survey
        values = {}
        for metric in METRICS:
            part = mine.loc[mine["metric"] == metric] if not mine.empty else mine
            if not part.empty:
                row = kpis.metric_table(part.reset_index(drop=True), metric).iloc[0]
                values[metric] = {"value": float(row["value"]), "n": int(row["n"]),
                                  "small": bool(row["small"])}
        journeys = [journey_names.get(k, k) for k in
                    links.loc[links["persona_key"] == persona["key"], "journey_key"]]
        rows.append(PersonaRow(persona, values, journeys, persona["key"] in f.personas))
    return PersonasModel(f, rows)


def tables(m: PersonasModel, translate=identity) -> dict[str, pd.DataFrame]:
    out = []
    for r in m.personas:
        row = {"persona": r.persona["name"], "key": r.persona["key"]}
        for metric in METRICS:
            got = r.values.get(metric)
            row[metric], row[f"{metric}_n"] = (got["value"], got["n"]) if got else (None, 0)
        out.append(row)
    return {"Personas": pd.DataFrame(out, columns=["persona", "key", "nps", "nps_n", "ces",
                                                   "ces_n", "csat", "csat_n"])}
