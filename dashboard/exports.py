"""The numbers behind each view, as tables for CSV/XLSX download.

Each view's tables come from the same functions the view's callback uses (scorecards,
heatmap cells, overview lists), so a download matches the screen. Served by
``GET /export/data.csv|data-de.csv|data.xlsx?view=PATH&<the view's filters>``.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from callbacks import filters as url_state
from callbacks import overview as overview_view
from callbacks.heatmap import WEEKS
from data import export, kpis, queries, scorecards
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
    "pain_point": "pain_point",
}
JOURNEY_COLUMNS = {
    "name": "journey", "key": "key", "lifecycle_stage": "lifecycle_stage", "score": "score",
    "target": "target", "gap_target": "gap_to_target", "prev_score": "previous_score",
    "delta": "change", "significant": "change_significant", "audits": "audits",
    "prev_audits": "previous_audits",
    "touchpoints": "touchpoints", "below_target": "below_target", "nps": "nps",
    "nps_n": "nps_n", "weakest": "weakest_touchpoint", "light": "traffic_light",
}


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


def _journeys(card: pd.DataFrame) -> pd.DataFrame:
    frame = _spell_significance(card[list(JOURNEY_COLUMNS)].rename(columns=JOURNEY_COLUMNS))
    frame["weakest_touchpoint"] = [
        ", ".join(w["name"] for w in items) if isinstance(items, list) else items
        for items in frame["weakest_touchpoint"]]
    return frame.reset_index(drop=True)


def _touchpoints(card: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in TOUCHPOINT_COLUMNS if c in card.columns]
    return _spell_significance(card[columns].rename(columns=TOUCHPOINT_COLUMNS)
                               .reset_index(drop=True))


def _round(frame: pd.DataFrame) -> pd.DataFrame:
    numeric = frame.select_dtypes("number").columns
    return frame.assign(**{c: frame[c].round(3) for c in numeric})


def overview_tables(store: Store, f: Filters, lang: str) -> dict[str, pd.DataFrame]:
    cards = overview_view.kpi_cards(store, f, lang)
    kpi = pd.DataFrame([{"kpi": c.label, "value": c.value, "unit": c.unit.strip(), "n": c.n,
                         "change": c.delta,
                         "change_significant": significance_text(c.significant)
                         if c.delta is not None else ""}
                        for c in cards])
    gaps, movers, fell = overview_view.touchpoint_lists(store, f)
    weeks, _ = overview_view.trend_frame(store, f, "nps")
    return {"KPIs": kpi, "Largest gaps": _touchpoints(gaps), "Movers": _touchpoints(movers),
            "Fell below target": _touchpoints(fell),
            "NPS by week": weeks.rename(columns={"low": "ci95_low", "high": "ci95_high"})}


def view_tables(store: Store, view: str, search: str, lang: str) -> dict[str, pd.DataFrame]:
    """Return the tables behind a view (its path) for the filters in ``search``."""
    f = url_state.filters_from_search(store, search)
    path = (view or "/").rstrip("/") or "/"
    if path == "/":
        return overview_tables(store, f, lang)
    if path == "/journey":
        journeys = queries.catalog(store)["journeys"]
        key = f.journeys[0] if f.journeys else (journeys["key"].iloc[0] if len(journeys) else "")
        single = replace(f, journeys=(key,))
        return {"Touchpoints": _touchpoints(scorecards.touchpoint_scorecard(store, single)),
                "Journey": _journeys(scorecards.journey_scorecard(store, single))}
    if path == "/heatmap":
        metric = url_state.param(search, "metric", "audit")
        metric = metric if metric in ("audit", "nps", "ces", "gap") else "audit"
        base = "audit" if metric == "gap" else metric
        cells = scorecards.metric_cells(store, f, base, ("phase", "channel"))
        weekly = scorecards.metric_cells(store, f.widened(WEEKS), base, ("touchpoint", "week"))
        return {"Phase x channel": cells, "Touchpoint x week": weekly}
    if path in ("/benchmark", "/mine"):
        return {"Touchpoints": _touchpoints(scorecards.touchpoint_scorecard(store, f))}
    if path == "/atlas":
        return {"Journeys": _journeys(scorecards.journey_scorecard(store, f))}
    if path == "/personas":
        return {"Personas": persona_table(store, f)}
    if path.startswith("/touchpoints/"):
        key = path.split("/")[2]
        one = replace(f, touchpoints=(key,))
        weekly = scorecards.metric_cells(store, one.widened(26), "audit", ("touchpoint", "week"))
        return {"Touchpoint": _touchpoints(scorecards.touchpoint_scorecard(store, one)),
                "Audit score by week": weekly,
                "Latest comments": queries.latest_comments(store, one)}
    raise LookupError(f"There is no view at {view!r} to export.")


def persona_table(store: Store, f: Filters) -> pd.DataFrame:
    """NPS, CES and CSAT per persona (the personas view's numbers)."""
    personas = queries.catalog(store)["personas"][["key", "name"]]
    survey = queries.survey_aggregates(store, replace(f, personas=()), by=("persona",))
    rows = []
    for key, name in zip(personas["key"], personas["name"], strict=True):
        row = {"persona": name, "key": key}
        part = survey.loc[survey["persona"] == key] if not survey.empty else survey
        for metric in ("nps", "ces", "csat"):
            m = part.loc[part["metric"] == metric] if not part.empty else part
            if m.empty:
                row[metric], row[f"{metric}_n"] = None, 0
            else:
                table = kpis.metric_table(m.reset_index(drop=True), metric).iloc[0]
                row[metric], row[f"{metric}_n"] = table["value"], int(table["n"])
        rows.append(row)
    return pd.DataFrame(rows)


def describe(view: str, f: Filters) -> dict[str, str]:
    """The export's description: view, filters and period, written into the file."""
    chosen = {name: ", ".join(values) for name, values in (
        ("journey", f.journeys), ("persona", f.personas), ("phase", f.phases),
        ("channel", f.channels), ("department", f.departments)) if values}
    period = (f"{f.date_from or 'start'} to {f.date_to or 'end'}"
              if f.date_from or f.date_to else "all data")
    return {"cxdash view": view or "/",
            "filters": "; ".join(f"{k}={v}" for k, v in chosen.items()) or "none",
            "period": period}


def download(store: Store, view: str, search: str, fmt: str, lang: str
             ) -> tuple[bytes, str, str]:
    """Return (content, file name, MIME type) for a data download."""
    tables = {name: _round(frame) for name, frame in view_tables(store, view, search,
                                                                   lang).items()}
    meta = describe(view, url_state.filters_from_search(store, search))
    stem = "cxdash-" + ((view or "/").strip("/").replace("/", "-") or "overview")
    if fmt == "xlsx":
        return export.to_xlsx(tables, meta), stem + ".xlsx", export.XLSX_TYPE
    german = fmt == "csv-de"
    parts = []
    for name, frame in tables.items():
        parts.append(export.to_csv(frame, {**meta, "table": name}, german=german))
    # One file: each table under its own '#' header, UTF-8 BOM only at the very start.
    content = b"\n".join(p.removeprefix(b"\xef\xbb\xbf") for p in parts)
    return b"\xef\xbb\xbf" + content, stem + (".de.csv" if german else ".csv"), \
        "text/csv; charset=utf-8"
