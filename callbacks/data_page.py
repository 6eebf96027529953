"""The /data page: preview an upload, adjust the mapping, confirm, undo."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from dash import ALL, Input, Output, State, ctx, dcc, no_update

from dashboard import auth
from dashboard.i18n import t, tn
from data import export, queries, schema
from data.ingest import ImportOptions, import_file, prepare, presets, sources, undo
from data.store import Store
from layouts import data_page, ids


def options_for(kind, preset, source, date, flags, mapping=None, aliases=None,
                max_bytes: int = 100 * 1024 * 1024) -> ImportOptions:
    """Build import options from the page's controls."""
    flags = flags or []
    return ImportOptions(
        preset=preset or "auto",
        mapping={f: c for f, c in (mapping or {}).items()},
        source=source or None,
        default_date=date or None,
        ces_reversed=True if "ces_reversed" in flags else None,
        aliases=aliases or {},
        skip_invalid="skip_invalid" in flags,
        max_bytes=max_bytes,
    )


def _mapping(values, id_list) -> dict[str, str]:
    # An emptied dropdown means "this field is not in the file". Between two files the
    # browser may still send the dropdowns of the last one, or ids of removed ones (None).
    return {i["field"]: (v or "") for v, i in zip(values or [], id_list or [], strict=False)
            if isinstance(i, dict) and isinstance(i.get("field"), str)
            and (v is None or isinstance(v, str))}


def _aliases(values, id_list) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for v, i in zip(values or [], id_list or [], strict=False):
        if v and isinstance(v, str) and isinstance(i, dict) and isinstance(
                i.get("dimension"), str) and isinstance(i.get("label"), str):
            out.setdefault(i["dimension"], {})[i["label"]] = v
    return out


# What makes the mapping dropdowns on the page stale: they belong to the last file,
# kind, format or source until the proposal for the new one has replaced them.
_NEW_PROPOSAL = (ids.DATA_UPLOAD, ids.DATA_KIND, ids.DATA_PRESET, ids.DATA_SOURCE)


def _triggers() -> set[str]:
    """The plain ids whose change started this callback (pattern ids left out)."""
    return {p.rsplit(".", 1)[0] for p in ctx.triggered_prop_ids}


def _page_mapping(kind, map_values, map_ids, triggers: set[str]) -> dict[str, str]:
    """The mapping the analyst set on the page, or none (the proposal) when the dropdowns
    are stale or the kind (a catalog) has no mapping."""
    if kind == "catalog" or triggers & set(_NEW_PROPOSAL):
        return {}
    return _mapping(map_values, map_ids)


def _refusal():
    """The message for a user who may not import (None for analysts and admins)."""
    try:
        auth.require("analyst")
    except auth.Forbidden as exc:
        return data_page.result_message_text(str(exc))
    return None


class DataPage:
    """The page's callbacks, bound to one store and upload folder."""

    def __init__(self, store: Store, uploads, max_bytes: int):
        self.store = store
        self.uploads = uploads
        self.max_bytes = max_bytes

    def _prepare(self, upload, kind, options, check: bool = True):
        loaded = self.uploads.load((upload or {}).get("upload_id"))
        if loaded is None:
            return None
        content, name = loaded
        return prepare(self.store, content, kind, file_name=name, options=options, check=check)

    def propose(self, upload, kind, preset, source, lang):
        """Show what was detected and the proposed mapping for a new upload or setting."""
        if not upload:
            return no_update, no_update
        if refused := _refusal():
            return refused, None
        # Format and proposal only: the check callback validates right after.
        result = self._prepare(upload, kind, options_for(kind, preset, source, None, []),
                               check=False)
        if result is None:
            return t("data.upload_gone", lang), None
        info = data_page.file_info(upload, result, lang)
        if kind == "catalog" or not result.columns:
            return info, None
        fields = presets.FIELDS[presets.family(kind)]
        return info, data_page.mapping_editor(fields, result.columns, result.mapping, lang)

    def check(self, upload, kind, preset, source, date, flags, map_values, map_ids,
              _recheck, alias_values, alias_ids, lang):
        """Validate with the current mapping; enable confirm only for an importable file."""
        if not upload:
            return None, True, None
        if refused := _refusal():
            return refused, True, None
        triggers = _triggers()
        if ids.DATA_UPLOAD in triggers:  # unticked by fresh_file: not the last file's choice
            flags = [f for f in flags or [] if f != "skip_invalid"]
        options = options_for(kind, preset, source, date, flags,
                              _page_mapping(kind, map_values, map_ids, triggers),
                              max_bytes=self.max_bytes)
        # Alias pickers belong to the file on screen: saved when it is checked again.
        aliases = _aliases(alias_values, alias_ids) if triggers == {ids.DATA_RECHECK} else {}
        if aliases:
            problem = sources.save_aliases(self.store, aliases)
            if problem:
                return data_page.result_message_text(problem), True, None
        result = self._prepare(upload, kind, options)
        if result is None:
            return t("data.upload_gone", lang), True, None
        problems = [p.as_dict() for p in (result.errors or result.skipped_problems)]
        body = data_page.check(result, queries.catalog(self.store), lang)
        return body, not result.ok or result.rows_imported == 0, problems

    def confirm(self, _n, upload, kind, preset, source, save_source, date, flags, map_values,
                map_ids, tick, lang):
        """Import in one transaction, remember the source, refresh the history."""
        if refused := _refusal():
            return refused, no_update, True
        loaded = self.uploads.load((upload or {}).get("upload_id"))
        if loaded is None:
            return t("data.upload_gone", lang), no_update, True
        content, name = loaded
        options = options_for(kind, preset, source, date, flags,
                              _page_mapping(kind, map_values, map_ids, set()),
                              max_bytes=self.max_bytes)
        result = import_file(self.store, content, kind, file_name=name, created_by=auth.actor(),
                             options=options, save_source=save_source or None)
        if result.ok:
            self.uploads.drop(upload["upload_id"])
        return data_page.result_message(result, lang), (tick or 0) + 1, result.ok

    def undo(self, clicks, tick, lang):
        """Undo the batch whose confirm dialog was accepted."""
        trigger = ctx.triggered_id
        if not trigger or not any(clicks or []):
            return no_update, no_update
        if refused := _refusal():
            return refused, no_update
        try:
            removed = undo(self.store, int(trigger["batch"]), actor=auth.actor())
        except (LookupError, ValueError) as exc:
            return data_page.result_message_text(str(exc)), no_update
        return (data_page.result_message_text(
            tn("data.undone", lang, removed, batch=trigger["batch"]), "info"), (tick or 0) + 1)

    @staticmethod
    def fresh_file(upload, flags):
        """Start a new file clean: no banner of the last import, skip-invalid unticked
        (leaving out invalid rows is decided for a file after seeing its problems)."""
        if not upload:
            return no_update, no_update
        kept = [f for f in flags or [] if f != "skip_invalid"]
        return None, kept if kept != (flags or []) else no_update

    def history(self, _tick, lang):
        b = schema.import_batches
        frame = self.store.read_sql(sa.select(b).order_by(b.c.id.desc()).limit(25))
        return data_page.history(frame, lang)

    @staticmethod
    def download_problems(_n, problems):
        if not problems:
            return no_update
        frame = pd.DataFrame(problems, columns=["row", "column", "message"])
        content = export.to_csv(frame, {"what": "import problems"})
        return dcc.send_bytes(content, "import-problems.csv")


def register(app, store: Store, uploads, max_bytes: int) -> None:
    page = DataPage(store, uploads, max_bytes)
    settings = [State(ids.DATA_UPLOAD, "data"), State(ids.DATA_KIND, "value"),
                State(ids.DATA_PRESET, "value"), State(ids.DATA_SOURCE, "value")]
    app.callback(
        Output(ids.DATA_FILE_INFO, "children"),
        Output(ids.DATA_MAPPING, "children"),
        Input(ids.DATA_UPLOAD, "data"),
        Input(ids.DATA_KIND, "value"),
        Input(ids.DATA_PRESET, "value"),
        Input(ids.DATA_SOURCE, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(page.propose)
    app.callback(
        Output(ids.DATA_CHECK, "children"),
        Output(ids.DATA_CONFIRM, "disabled"),
        Output(ids.DATA_PROBLEMS, "data"),
        *[Input(s.component_id, s.component_property) for s in settings],
        Input(ids.DATA_DATE, "value"),
        Input(ids.DATA_OPTIONS, "value"),
        Input(ids.map_field(ALL), "value"),
        State(ids.map_field(ALL), "id"),
        Input(ids.DATA_RECHECK, "n_clicks"),
        State(ids.alias_label(ALL, ALL), "value"),
        State(ids.alias_label(ALL, ALL), "id"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(page.check)
    app.callback(
        Output(ids.DATA_RESULT, "children"),
        Output(ids.DATA_TICK, "data"),
        Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
        Input(ids.DATA_CONFIRM, "n_clicks"),
        *settings,
        State(ids.DATA_SAVE_SOURCE, "value"),
        State(ids.DATA_DATE, "value"),
        State(ids.DATA_OPTIONS, "value"),
        State(ids.map_field(ALL), "value"),
        State(ids.map_field(ALL), "id"),
        State(ids.DATA_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(page.confirm)
    app.callback(
        Output(ids.DATA_RESULT, "children", allow_duplicate=True),
        Output(ids.DATA_TICK, "data", allow_duplicate=True),
        Input(ids.undo_batch(ALL), "submit_n_clicks"),
        State(ids.DATA_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(page.undo)
    app.callback(
        Output(ids.DATA_RESULT, "children", allow_duplicate=True),
        Output(ids.DATA_OPTIONS, "value"),
        Input(ids.DATA_UPLOAD, "data"),
        State(ids.DATA_OPTIONS, "value"),
        prevent_initial_call=True,
    )(DataPage.fresh_file)
    app.callback(
        Output(ids.DATA_HISTORY, "children"),
        Input(ids.DATA_TICK, "data"),
        State(ids.LANG, "data"),
    )(page.history)
    app.callback(
        Output(ids.DATA_PROBLEMS_DOWNLOAD, "data"),
        Input(ids.DATA_PROBLEMS_BUTTON, "n_clicks"),
        State(ids.DATA_PROBLEMS, "data"),
        prevent_initial_call=True,
    )(DataPage.download_problems)
