"""The /catalog page's callbacks: each checks the analyst role on the server first (the
gate does too, and data.catalog.edit again), then reads the views or writes through
data.catalog.edit."""

from __future__ import annotations

import base64
import binascii

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import auth
from dashboard.i18n import t
from data.catalog import edit, pictures, workbook
from data.catalog.entries import read_entry
from data.catalog.rules import CatalogError
from data.store import Store
from layouts import catalog as layout
from layouts import ids
from layouts.data_page import result_message_text
from views import catalog as view

FIELD = {"type": ids.CATALOG_FIELD, "name": ALL}


def _guard():
    try:
        return auth.require("analyst"), None
    except auth.Forbidden as exc:
        return None, result_message_text(str(exc))


def show(store: Store, entity, _tick, lang):
    """The list, the entry picker, the merge choices and the history of the kind."""
    _, refused = _guard()
    if refused:
        return refused, [], [], None, True, True
    m = view.model(store, entity or "touchpoints")
    merge_into = [{"label": f"{n} ({k})", "value": k}
                  for k, n in zip(m.entries["key"], m.entries["name"], strict=True)] \
        if m.entity == "touchpoints" else []
    return (layout.entry_list(m.entity, m.entries, m.catalog, lang),
            layout.pick_options(m.entity, m.entries, lang), merge_into,
            layout.history(m.history, lang), m.entity != "touchpoints",
            m.entity != "personas")


def fill_form(store: Store, entity, key, lang):
    """The form of the entry picked (empty for a new one)."""
    _, refused = _guard()
    if refused:
        return refused, None
    entity = entity or "touchpoints"
    entry = None
    if key and key != layout.NEW:
        with store.connect() as conn:
            entry = read_entry(conn, entity, key)
    return layout.form(entity, entry, view.model(store, entity).catalog, lang), None


def upload_picture(store: Store, contents, lang):
    """Store an uploaded persona picture; the save that follows gives it to the persona."""
    user, refused = _guard()
    if refused:
        return refused, None
    try:
        content = base64.b64decode((contents or "").partition(",")[2], validate=True)
        address = pictures.save(store, user, content)
    except (binascii.Error, CatalogError):
        return layout.picture_note(None, lang), None
    return layout.picture_note(address, lang), address


def open_entry(_clicks):
    """Open the entry whose name was clicked in the list."""
    _, refused = _guard()
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if refused or not clicked or not isinstance(ctx.triggered_id, dict):
        return no_update
    return ctx.triggered_id["key"]


def _entry(values, field_ids) -> dict:
    return {i["name"]: v for i, v in zip(field_ids, values, strict=True)}


def write(store: Store, _save, delete, merge, _moves, _undos, entity, key, values, field_ids,
          into, picture, tick, lang):
    """Save, delete, merge, move or undo, as the control clicked says; say what happened."""
    user, refused = _guard()
    if refused:
        return refused, no_update, no_update
    trigger = ctx.triggered_id
    clicked = ctx.triggered[0]["value"] if ctx.triggered else None
    if not clicked:  # a list or history drawn anew, not a click
        return no_update, no_update, no_update
    entity = entity or "touchpoints"
    existing = key and key != layout.NEW
    picked = no_update
    try:
        if isinstance(trigger, dict) and trigger.get("type") == ids.CATALOG_MOVE:
            edit.move(store, user, trigger["key"], int(trigger["step"]))
            done = t("catalog.moved", lang, key=trigger["key"])
        elif isinstance(trigger, dict) and trigger.get("type") == ids.CATALOG_UNDO:
            edit.undo(store, user, int(trigger["id"]))
            done = t("catalog.undone", lang, id=trigger["id"])
        elif trigger == ids.CATALOG_SAVE:
            entry = _entry(values, field_ids)
            if picture and entity == "personas":
                entry["image"] = picture
            if existing:
                entry["key"] = key
            change = edit.save(store, user, entity, entry, new=not existing)
            done = t("catalog.unchanged" if change is None else
                     "catalog.saved" if existing else "catalog.created", lang, key=entry["key"])
            picked = entry["key"] if not existing else no_update
        elif not existing:
            return result_message_text(t("catalog.pick_first", lang), "warning"), no_update, \
                no_update
        elif trigger == ids.CATALOG_DELETE:
            edit.delete(store, user, entity, key)
            done, picked = t("catalog.deleted", lang, key=key), layout.NEW
        else:
            edit.merge(store, user, key, into or "")
            done, picked = t("catalog.merged", lang, key=key, into=into), into
    except CatalogError as exc:
        return result_message_text(html.Div([html.Div(m) for m in exc.messages(lang)])), \
            no_update, no_update
    except edit.CatalogForbidden as exc:
        return result_message_text(str(exc)), no_update, no_update
    return result_message_text(done, "success"), (tick or 0) + 1, picked


def preview(store: Store, _n, key, into, lang):
    """What the merge would move, and the journey score before and after."""
    _, refused = _guard()
    if refused:
        return refused
    if not key or key == layout.NEW or not into:
        return result_message_text(t("catalog.pick_first", lang), "warning")
    return layout.merge_text(view.merge_preview(store, key, into), lang)


def download(store: Store, _n):
    """The catalog as the workbook the import takes."""
    _, refused = _guard()
    if refused:
        return no_update
    return dcc.send_bytes(workbook.workbook(store), "catalog.xlsx")


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.CATALOG_LIST, "children"),
        Output(ids.CATALOG_PICK, "options"),
        Output(ids.CATALOG_MERGE_INTO, "options"),
        Output(ids.CATALOG_HISTORY, "children"),
        Output(ids.CATALOG_MERGE, "hidden"),
        Output(ids.CATALOG_PICTURE_ROW, "hidden"),
        Input(ids.CATALOG_ENTITY, "active_tab"),
        Input(ids.CATALOG_TICK, "data"),
        State(ids.LANG, "data"),
    )(lambda entity, tick, lang: show(store, entity, tick, lang))
    app.callback(
        Output(ids.CATALOG_PICK, "value"),
        Input(ids.CATALOG_ENTITY, "active_tab"),
        prevent_initial_call=True,
    )(lambda _entity: layout.NEW)
    app.callback(
        Output(ids.CATALOG_PICK, "value", allow_duplicate=True),
        Input({"type": ids.CATALOG_OPEN, "key": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )(open_entry)
    app.callback(
        Output(ids.CATALOG_FORM, "children"),
        Output(ids.CATALOG_PICTURE_STORE, "data"),
        Input(ids.CATALOG_ENTITY, "active_tab"),
        Input(ids.CATALOG_PICK, "value"),
        State(ids.LANG, "data"),
    )(lambda entity, key, lang: fill_form(store, entity, key, lang))
    app.callback(
        Output(ids.CATALOG_MESSAGE, "children"),
        Output(ids.CATALOG_TICK, "data"),
        Output(ids.CATALOG_PICK, "value", allow_duplicate=True),
        Input(ids.CATALOG_SAVE, "n_clicks"),
        Input(ids.CATALOG_DELETE, "submit_n_clicks"),
        Input(ids.CATALOG_MERGE_CONFIRM, "submit_n_clicks"),
        Input({"type": ids.CATALOG_MOVE, "key": ALL, "step": ALL}, "n_clicks"),
        Input({"type": ids.CATALOG_UNDO, "id": ALL}, "n_clicks"),
        State(ids.CATALOG_ENTITY, "active_tab"),
        State(ids.CATALOG_PICK, "value"),
        State(FIELD, "value"),
        State(FIELD, "id"),
        State(ids.CATALOG_MERGE_INTO, "value"),
        State(ids.CATALOG_PICTURE_STORE, "data"),
        State(ids.CATALOG_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: write(store, *args))
    app.callback(
        Output(ids.CATALOG_MERGE_SHOWN, "children"),
        Input(ids.CATALOG_MERGE_PREVIEW, "n_clicks"),
        State(ids.CATALOG_PICK, "value"),
        State(ids.CATALOG_MERGE_INTO, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda n, key, into, lang: preview(store, n, key, into, lang))
    app.callback(
        Output(ids.CATALOG_PICTURE_NOTE, "children"),
        Output(ids.CATALOG_PICTURE_STORE, "data", allow_duplicate=True),
        Input(ids.CATALOG_PICTURE, "contents"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda contents, lang: upload_picture(store, contents, lang))
    app.callback(
        Output(ids.CATALOG_DOWNLOAD, "data"),
        Input(ids.CATALOG_EXPORT, "n_clicks"),
        prevent_initial_call=True,
    )(lambda n: download(store, n))
