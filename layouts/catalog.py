"""The /catalog page: one tab per kind of entry, its list (touchpoints by journey with
arrows to reorder), the form of the entry picked, the merge of a touchpoint with its
preview, and the history with undo."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import number, t
from data.catalog.pictures import MAX_BYTES, TYPES
from data.catalog.rules import ENTITIES
from data.catalog.usage import describe
from layouts import components, ids

NEW = "__new__"
TEXTAREAS = {"description", "quote", "goals", "demographics", "goal", "acceptance_criteria",
             "notes"}
NUMBERS = {"position", "target", "best_in_class"}
FLAGS = {"pain_point", "moment_of_truth"}
CHOICES = {"journey_key": "journeys", "phase_key": "phases", "channel_key": "channels",
           "department_key": "departments"}
# The form's fields per kind of entry, in the order a CX team fills them in.
FIELDS = {
    "personas": ("key", "name", "description", "quote", "goals", "demographics", "image"),
    "phases": ("key", "name", "position"),
    "channels": ("key", "name", "color"),
    "departments": ("key", "name"),
    "journeys": ("key", "name", "goal", "lifecycle_stage", "position", "personas"),
    "touchpoints": ("key", "name", "journey_key", "phase_key", "channel_key", "department_key",
                    "position", "pain_point", "moment_of_truth", "target", "best_in_class",
                    "url", "media_type", "frequency", "perception", "reach",
                    "acceptance_criteria", "notes"),
}


def page(lang: str) -> html.Div:
    """The skeleton; the callbacks fill list, form, merge choices and history."""
    tabs = dbc.Tabs([dbc.Tab(label=t(f"catalog.entity.{e}", lang), tab_id=e) for e in ENTITIES],
                    id=ids.CATALOG_ENTITY, active_tab="touchpoints", className="mb-3")
    merge = html.Div([
        html.H3(t("catalog.merge", lang), className="h6 mt-4"),
        dbc.Row([
            dbc.Col(dcc.Dropdown(id=ids.CATALOG_MERGE_INTO,
                                 placeholder=t("catalog.merge_into", lang)), md=6),
            dbc.Col([
                dbc.Button(t("catalog.merge_preview", lang), id=ids.CATALOG_MERGE_PREVIEW,
                           size="sm", color="secondary", outline=True, className="me-2"),
                dcc.ConfirmDialogProvider(
                    dbc.Button(t("catalog.merge_confirm", lang), size="sm", color="warning"),
                    id=ids.CATALOG_MERGE_CONFIRM, message=t("catalog.merge_confirm_text", lang)),
            ], md="auto"),
        ], className="g-2"),
        html.Div(id=ids.CATALOG_MERGE_SHOWN, className="small mt-2", role="status"),
    ], id=ids.CATALOG_MERGE)
    form = html.Div([
        dbc.Label(t("catalog.pick", lang), html_for=ids.CATALOG_PICK, className="filter-label"),
        dcc.Dropdown(id=ids.CATALOG_PICK, value=NEW, clearable=False, className="mb-3",
                     options=[{"label": t("catalog.new", lang), "value": NEW}]),
        html.Div(id=ids.CATALOG_FORM),
        html.Div([
            dbc.Label(t("catalog.picture", lang, mb=MAX_BYTES // (1024 * 1024)),
                      className="filter-label mb-0"),
            dcc.Upload(html.Button(t("catalog.picture_choose", lang), type="button",
                                   className="btn btn-outline-secondary btn-sm"),
                       id=ids.CATALOG_PICTURE, accept=",".join(TYPES.values()),
                       max_size=MAX_BYTES),
            html.Div(id=ids.CATALOG_PICTURE_NOTE, className="small mt-1"),
        ], id=ids.CATALOG_PICTURE_ROW, hidden=True, className="mb-2"),
        html.Div([
            dbc.Button(t("catalog.save", lang), id=ids.CATALOG_SAVE, size="sm", color="primary",
                       className="me-2"),
            dcc.ConfirmDialogProvider(
                dbc.Button(t("catalog.delete", lang), size="sm", color="danger", outline=True),
                id=ids.CATALOG_DELETE, message=t("catalog.delete_confirm", lang)),
        ], className="mt-3"),
        merge,
    ])
    return html.Div([
        dcc.Store(id=ids.CATALOG_TICK, data=0),
        dcc.Store(id=ids.CATALOG_PICTURE_STORE),
        dcc.Download(id=ids.CATALOG_DOWNLOAD),
        components.page_header(t("catalog.title", lang), dbc.Button(
            t("catalog.export", lang), id=ids.CATALOG_EXPORT, size="sm", color="link",
            className="ms-auto")),
        tabs,
        html.Div(id=ids.CATALOG_MESSAGE, role="status"),
        dbc.Row([
            dbc.Col(components.section(t("catalog.entries", lang), html.Div(id=ids.CATALOG_LIST)),
                    lg=5),
            dbc.Col(components.section(t("catalog.edit", lang), form), lg=7),
        ]),
        components.section(t("catalog.history", lang), html.Div(id=ids.CATALOG_HISTORY)),
    ])


def pick_options(entity: str, entries: pd.DataFrame, lang: str) -> list[dict]:
    options = [{"label": t("catalog.new", lang), "value": NEW}]
    return options + [{"label": f"{n} ({k})", "value": k}
                      for k, n in zip(entries["key"], entries["name"], strict=True)]


def _value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _control(field: str, value, catalog: dict[str, pd.DataFrame], existing: bool, lang: str):
    cid = ids.catalog_field(field)
    if field in FLAGS:
        return dbc.Switch(id=cid, value=bool(value), label=t(f"catalog.field.{field}", lang))
    if field in CHOICES or field == "personas":
        table = catalog[CHOICES.get(field, "personas")]
        options = [{"label": n, "value": k}
                   for k, n in zip(table["key"], table["name"], strict=True)]
        return dcc.Dropdown(id=cid, value=value, options=options, multi=field == "personas")
    if field in TEXTAREAS:
        return dbc.Textarea(id=cid, value=value or "", rows=2, size="sm")
    if field in NUMBERS:  # text: the browser must not blank a value the server should name
        shown = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        return dbc.Input(id=cid, value=shown, size="sm", inputmode="decimal", autocomplete="off")
    return dbc.Input(id=cid, value=value or "", size="sm", disabled=field == "key" and existing,
                     autocomplete="off")


def form(entity: str, entry: dict | None, catalog: dict[str, pd.DataFrame], lang: str):
    """The fields of one entry (None: a new one); the key is fixed once it exists."""
    rows = []
    for field in FIELDS[entity]:
        value = _value((entry or {}).get(field))
        control = _control(field, value, catalog, entry is not None, lang)
        label = [] if field in FLAGS else [dbc.Label(t(f"catalog.field.{field}", lang),
                                                     className="filter-label mb-0")]
        rows.append(html.Div([*label, control], className="mb-2",
                             id=f"catalog-row-{field}"))
    return html.Div(rows)


def _opener(entry: dict) -> html.Button:
    """The entry's name, a button that opens it in the form."""
    return html.Button(str(entry["name"]), id=ids.catalog_open(str(entry["key"])), type="button",
                       className="btn btn-link btn-sm p-0 fw-bold text-start align-baseline")


def entry_list(entity: str, entries: pd.DataFrame, catalog: dict[str, pd.DataFrame],
               lang: str):
    """The entries; touchpoints grouped by journey in step order with up/down arrows."""
    if entries.empty:
        return html.P(t("catalog.no_entries", lang), className="text-muted small mb-0")
    if entity != "touchpoints":
        return html.Ul([html.Li([_opener(r), html.Span(f" {r['key']}", className="text-muted small")])
                        for r in entries.to_dict("records")],
                       className="list-unstyled mb-0 catalog-list")
    journeys = catalog["journeys"].set_index("key")["name"]
    blocks = []
    for journey, steps in entries.groupby("journey_key", sort=False):
        items = []
        for step in steps.sort_values(["position", "key"]).to_dict("records"):
            arrows = [html.Button(glyph, id=ids.catalog_move(step["key"], delta), type="button",
                                  className="btn btn-link btn-sm p-0 px-1",
                                  title=t(label, lang), **{"aria-label": t(label, lang)})
                      for glyph, delta, label in (("↑", -1, "catalog.up"),
                                                  ("↓", 1, "catalog.down"))]
            items.append(html.Li([*arrows, html.Span(f"{step['position']}. ", className="ms-1"),
                                  _opener(step),
                                  html.Span(f" {step['key']}", className="text-muted small")]))
        blocks += [html.H3(str(journeys.get(journey, journey)), className="h6 mt-2"),
                   html.Ol(items, className="list-unstyled mb-2 catalog-list")]
    return html.Div(blocks)


def merge_text(preview, lang: str):
    """The preview as the analyst reads it: what moves, and the journey score's change."""
    if preview.refusal is not None:
        return dbc.Alert(" ".join(preview.refusal.messages(lang)), color="warning",
                         className="py-2 mb-0")
    moved = {k: n for k, n in preview.moved.items() if n}
    lines = [t("catalog.merge_moves", lang, moved=describe(moved, lang)) if moved
             else t("catalog.merge_nothing", lang)]
    if not pd.isna(preview.score_before):
        lines.append(t("catalog.merge_score", lang, journey=preview.journey_name,
                       before=number(preview.score_before, lang),
                       after=number(preview.score_after, lang)))
    return dbc.Alert(" ".join(lines), color="info", className="py-2 mb-0",
                     id="catalog-merge-text")


def picture_note(address: str | None, lang: str):
    """The picture just uploaded, or why it was refused (None: refused)."""
    if address is None:
        return dbc.Alert(t("catalog.picture_refused", lang, mb=MAX_BYTES // (1024 * 1024)),
                         color="danger", className="py-1 mb-0")
    return html.Div([html.Img(src=address, className="persona-avatar me-2", alt=""),
                     t("catalog.picture_ready", lang)], className="d-flex align-items-center")


def history(frame: pd.DataFrame, lang: str):
    """The newest changes; the undoable ones with their undo button."""
    if frame.empty:
        return html.P(t("catalog.no_history", lang), className="text-muted small mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "catalog.when", "catalog.who", "catalog.key", "catalog.what", "catalog.fields_changed",
        "catalog.undo")]))
    rows = []
    for r in frame.to_dict("records"):
        detail = json.loads(r["detail"]) if r["detail"] else {}
        what = t(f"catalog.action.{r['action']}", lang, into=detail.get("into", ""))
        if r["undone_by"]:
            what += " · " + t("catalog.undone_by", lang, who=r["undone_by"])
        before = json.loads(r["before"]) if r["before"] else {}
        after = json.loads(r["after"]) if r["after"] else {}
        fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)) \
            if r["action"] == "update" else []
        undo = dbc.Button(t("catalog.undo", lang), id=ids.catalog_undo(int(r["id"])), size="sm",
                          color="secondary", outline=True) if r["undoable"] else ""
        rows.append(html.Tr([html.Td(f"{pd.Timestamp(r['changed_at']):%Y-%m-%d %H:%M}"),
                             html.Td(str(r["actor"])), html.Td(str(r["key"])), html.Td(what),
                             html.Td(", ".join(fields)), html.Td(undo)]))
    return html.Table([head, html.Tbody(rows)], className="table table-sm align-middle small mb-0")
