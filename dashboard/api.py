"""HTTP endpoints next to the Dash app: the import API for scripts and the browser's upload.

Both need the role analyst (or admin); the gate in ``dashboard.auth`` has already
refused anonymous requests.

- ``POST /api/v1/imports`` (token of an analyst): multipart ``file``, ``kind``, optional ``preset``,
  ``source``, ``skip_invalid``, ``date``, ``map`` (repeatable FIELD=COLUMN); answers the
  JSON of ``cxdash import --json``: 201 when imported, 422 with the problems when not.
- ``POST /api/uploads`` (the /data page): stores an upload for preview and returns its id.
- ``GET /api/v1/actions`` (any signed-in user or token; the view filters as query
  parameters, ``status``, ``sort``), ``GET /api/v1/actions/ID`` (with its effect,
  ``weeks``), ``POST /api/v1/actions`` and ``PATCH /api/v1/actions/ID`` (JSON; the role
  and department rules of ``data.actions``): errors as ``{"error": …, "errors": [{"row",
  "column", "message"}]}``, 401 / 403 / 404 / 422, never a 500 for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
import time
import uuid
from pathlib import Path

import flask
import pandas as pd

from dashboard import auth
from data import actions
from data.ingest import ImportOptions, import_file
from data.store import Store

UPLOAD_TTL_S = 24 * 3600


class Uploads:
    """Uploaded files waiting for preview and confirmation, one folder per upload."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def save(self, stream, file_name: str) -> str:
        self._sweep()
        upload_id = uuid.uuid4().hex
        folder = self.root / upload_id
        folder.mkdir(parents=True)
        with open(folder / "content", "wb") as out:
            shutil.copyfileobj(stream, out, length=1024 * 1024)
        (folder / "meta.json").write_text(json.dumps({"file_name": file_name}))
        return upload_id

    def load(self, upload_id: str) -> tuple[bytes, str] | None:
        if not upload_id or not re.fullmatch(r"[0-9a-f]{32}", upload_id):
            return None
        folder = self.root / upload_id
        if not (folder / "content").is_file():
            return None
        meta = json.loads((folder / "meta.json").read_text())
        return (folder / "content").read_bytes(), meta["file_name"]

    def drop(self, upload_id: str) -> None:
        if upload_id and re.fullmatch(r"[0-9a-f]{32}", upload_id):
            shutil.rmtree(self.root / upload_id, ignore_errors=True)

    def _sweep(self) -> None:
        if not self.root.is_dir():
            return
        cutoff = time.time() - UPLOAD_TTL_S
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


def options_from_form(form, max_bytes: int) -> ImportOptions:
    """Build import options from request form fields."""
    mapping = {}
    for item in form.getlist("map"):
        field, _, column = item.partition("=")
        mapping[field.strip()] = column.strip()
    return ImportOptions(
        preset=form.get("preset") or "auto",
        mapping=mapping,
        source=form.get("source") or None,
        default_date=form.get("date") or None,
        ces_reversed=True if form.get("ces_reversed") in ("1", "true", "on") else None,
        skip_invalid=form.get("skip_invalid") in ("1", "true", "on"),
        allow_duplicate=form.get("allow_duplicate") in ("1", "true", "on"),
        answers=dict(item.partition("=")[::2] for item in form.getlist("answer") if "=" in item),
        day_first={"1": True, "true": True, "0": False, "false": False}.get(
            (form.get("day_first") or "").lower()),
        max_bytes=max_bytes,
        sheet=form.get("sheet") or None,
    )


def register(server: flask.Flask, store: Store, uploads: Uploads, max_bytes: int) -> None:
    """Add the API routes to the Flask server."""

    @server.errorhandler(413)
    def too_large(_):
        limit = max_bytes // (1024 * 1024)
        return flask.jsonify({"batch_id": None, "rows_imported": 0, "rows_skipped": 0,
                              "errors": [{"row": None, "column": None, "message":
                                          f"The file is larger than the limit of {limit} MB "
                                          "(CXDASH_UPLOAD_LIMIT_MB)."}]}), 413

    @server.post("/api/v1/imports")
    def api_import():
        try:
            user = auth.require("analyst")
        except auth.Forbidden as exc:
            return flask.jsonify({"error": str(exc)}), 403
        token = flask.g.get("cxdash_token")
        who = f"{user.name} (token {token})" if token else user.name
        upload = flask.request.files.get("file")
        kind = flask.request.form.get("kind", "")
        if upload is None or not kind:
            return flask.jsonify({"batch_id": None, "rows_imported": 0, "rows_skipped": 0,
                                  "errors": [{"row": None, "column": None, "message":
                                              "Send the file as multipart field 'file' and "
                                              "its kind as field 'kind'."}]}), 400
        try:
            options = options_from_form(flask.request.form, max_bytes)
        except ValueError as exc:
            return flask.jsonify({"errors": [{"row": None, "column": None,
                                              "message": str(exc)}]}), 400
        result = import_file(store, upload.read(), kind, file_name=upload.filename or "",
                             created_by=who, options=options,
                             save_source=flask.request.form.get("save_source") or None)
        if result.busy:  # another import held the database past the wait: say when to retry
            return flask.jsonify(result.as_dict()), 503, {"Retry-After": "30"}
        return flask.jsonify(result.as_dict()), (201 if result.ok else 422)

    register_actions(server, store)

    @server.post("/api/uploads")
    def browser_upload():
        try:
            auth.require("analyst")
        except auth.Forbidden as exc:
            return flask.jsonify({"error": str(exc)}), 403
        upload = flask.request.files.get("file")
        if upload is None:
            return flask.jsonify({"error": "no file"}), 400
        upload_id = uploads.save(upload.stream, upload.filename or "upload")
        return flask.jsonify({"upload_id": upload_id, "file_name": upload.filename})


def _plain(value):
    """A JSON-ready cell: dates and times as ISO text, NaN and NaT as null."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def action_json(row: dict) -> dict:
    """One action as the API answers it."""
    from views.actions import EXPORT_COLUMNS

    keys = [*EXPORT_COLUMNS, "journey_key", "owner_user", "owner_department", "origin_ref"]
    return {k: _plain(row.get(k)) for k in dict.fromkeys(keys) if k in row}


def _error(status: int, message: str, field: str | None = None):
    return flask.jsonify({"error": message, "errors": [
        {"row": None, "column": field, "message": message}]}), status


def register_actions(server: flask.Flask, store: Store) -> None:
    """GET/POST/PATCH /api/v1/actions."""
    from callbacks.filters import parse
    from data.queries import Filters
    from views import actions as view

    def who() -> str:
        user, token = auth.current_user(), flask.g.get("cxdash_token")
        return f"{user.name} (token {token})" if token else user.name

    def body() -> dict | None:
        data = flask.request.get_json(silent=True)
        return data if isinstance(data, dict) else None

    def write(call):
        try:
            return call()
        except actions.ActionForbidden as exc:
            return _error(403, str(exc))
        except actions.ActionError as exc:
            return _error(422, str(exc), exc.field)
        except LookupError as exc:
            return _error(404, str(exc))

    @server.get("/api/v1/actions")
    def api_actions():
        keys, start, end, _ = parse("?" + flask.request.query_string.decode())
        try:
            f = Filters.of(**keys, date_from=start, date_to=end)
        except ValueError as exc:
            return _error(400, f"{exc} (dates are YYYY-MM-DD)", "from")
        m = view.model(store, f, {"sort": flask.request.args.get("sort")})
        frame = m.frame
        status = flask.request.args.get("status")
        if status:
            frame = frame.loc[frame["status"].isin(status.split(","))] if not frame.empty \
                else frame
        return flask.jsonify({"summary": m.summary,
                              "actions": [action_json(r) for r in frame.to_dict("records")]})

    @server.get("/api/v1/actions/<int:action_id>")
    def api_action(action_id: int):
        row = actions.get(store, action_id)
        if row is None:
            return _error(404, f"There is no action {action_id}.")
        try:
            weeks = int(flask.request.args.get("weeks") or view.effects.DEFAULT_WEEKS)
        except ValueError:
            return _error(400, "weeks: a whole number of weeks is needed.", "weeks")
        row = actions.with_state(pd.DataFrame([row])).iloc[0].to_dict()
        return flask.jsonify({**action_json(row),
                              "effect": view.effect_of(store, row, weeks).as_dict()})

    @server.post("/api/v1/actions")
    def api_create_action():
        data = body()
        if data is None:
            return _error(400, "Send the action as a JSON object.")

        def create():
            new_id = actions.create(store, auth.current_user(), actor=who(), **data)
            row = actions.with_state(pd.DataFrame([actions.get(store, new_id)])).iloc[0]
            return flask.jsonify(action_json(row.to_dict())), 201
        return write(create)

    @server.patch("/api/v1/actions/<int:action_id>")
    def api_change_action(action_id: int):
        data = body()
        if data is None:
            return _error(400, "Send the changes as a JSON object.")

        def change():
            row = actions.update(store, auth.current_user(), action_id, actor=who(), **data)
            row = actions.with_state(pd.DataFrame([row])).iloc[0]
            return flask.jsonify(action_json(row.to_dict())), 200
        return write(change)
