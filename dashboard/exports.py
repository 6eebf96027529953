"""The numbers behind each view, as tables for CSV/XLSX download.

A view's tables are ``tables(model)`` of the same view model its screen renders (the
page registry says which), so a download cannot disagree with its screen. Served by
``GET /export/data.csv|data-de.csv|data.xlsx?view=PATH&<the view's filters>``.
"""

from __future__ import annotations

import re

import pandas as pd

from callbacks import filters as url_state
from dashboard import auth, pages
from dashboard.i18n import t
from data import export
from data.queries import Filters
from data.store import Store

VIEW_STEMS = {"/": "overview", "/journey": "journey", "/heatmap": "heatmap",
              "/benchmark": "benchmark", "/mine": "mine", "/atlas": "atlas",
              "/personas": "personas", "/actions": "actions", "/alerts": "alerts"}
SLUG = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _round(frame: pd.DataFrame) -> pd.DataFrame:
    numeric = frame.select_dtypes("number").columns
    return frame.assign(**{c: frame[c].round(3) for c in numeric})


def view_model(store: Store, view: str, search: str):
    """Return (views module, model) of the view at a path (or of its ``part``) for the
    filters in ``search`` (and the signed-in user, for a page whose model is theirs)."""
    path = (view or "/").rstrip("/") or "/"
    page = pages.find(path)
    part = url_state.param(search, "part")
    module = page.view_of(part) if page is not None else None
    if module is None:
        raise LookupError(f"There is no view at {view!r}"
                          + (f" with a part {part!r}" if part else "") + " to export.")
    search = page.prepare(search) if page.prepare else search
    f = url_state.filters_from_search(store, search)
    user = {"user": auth.current_user()} if page.for_user else {}
    return module, module.model(store, f, page.model_options(path, search, part), **user)


def view_tables(store: Store, view: str, search: str, lang: str) -> dict[str, pd.DataFrame]:
    """Return the tables behind a view (its path) for the filters in ``search``."""
    module, model = view_model(store, view, search)
    return module.tables(model, lambda key: t(key, lang))


def file_stem(view: str, part: str | None = None) -> str:
    """The file name part for a view, from known parts only: the page's own name, a
    touchpoint's key only when it is a plain slug (never text from the URL as it came),
    and the part's name when it is one of the page's."""
    path = (view or "/").rstrip("/") or "/"
    if path.startswith("/touchpoints/"):
        key = path.split("/")[2]
        stem = "touchpoint-" + key if SLUG.match(key) else "touchpoint"
    else:
        stem = VIEW_STEMS.get(path, "export")
    page = pages.find(path)
    return stem + (f"-{part}" if part and page and page.view_of(part) else "")


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
    module, model = view_model(store, view, search)
    tables = {name: _round(frame) for name, frame in
              module.tables(model, lambda key: t(key, lang)).items()}
    # The filters the numbers rest on (a drill-down keeps only its touchpoint and period),
    # and what the model says about itself (a list cut at the export limit).
    meta = {**describe(view, getattr(model, "applied", model.filters)),
            **getattr(model, "notes", {})}
    stem = "cxdash-" + file_stem(view, url_state.param(search, "part"))
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
