"""HTTP endpoints next to the Dash app: the import API for scripts and the browser's upload.

Both need the role analyst (or admin); the gate in ``dashboard.auth`` has already
refused anonymous requests.

- ``POST /api/v1/imports`` (token of an analyst): multipart ``file``, ``kind``, optional ``preset``,
  ``source``, ``skip_invalid``, ``date``, ``map`` (repeatable FIELD=COLUMN); answers the
  JSON of ``cxdash import --json``: 201 when imported, 422 with the problems when not.
- ``POST /api/uploads`` (the /data page): stores an upload for preview and returns its id.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from pathlib import Path

import flask

from dashboard import auth
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
