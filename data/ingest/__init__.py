"""Imports: read a file, validate every row, and write it in one transaction or not at all.

``import_file`` is the single entry point for the CLI, the web upload and the HTTP API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data import accounts, queries, schema
from data.alerts import evaluate as alerts_evaluate
from data.ingest import presets, sources
from data.ingest.canonical import Rules, validate_catalog, validate_facts
from data.ingest.problems import Note, Problem, Problems, RejectedFile
from data.ingest.readers import read_workbook
from data.store import (
    WRITE_WAIT_S,
    DatabaseBusyError,
    Store,
    bulk_insert,
    bump_data_version,
    busy_message,
)

KINDS = schema.BATCH_KINDS
log = logging.getLogger(__name__)

__all__ = ["KINDS", "ImportOptions", "ImportResult", "Note", "Problem", "RejectedFile",
           "commit", "import_file", "prepare", "undo"]


@dataclass
class ImportOptions:
    """How to read a file: the preset (auto-detected by default), column mapping overrides
    (field -> header or #N), a saved source to reuse, a date for files without one, the CES
    direction, label aliases to remember (dimension -> {label: key}), and the policy."""

    preset: str = "auto"
    mapping: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    default_date: str | None = None
    ces_reversed: bool | None = None
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    skip_invalid: bool = False
    allow_duplicate: bool = False
    max_bytes: int = 100 * 1024 * 1024
    sheet: str | None = None  # .xlsx: the sheet to read (default: the first)
    answers: dict[str, str] = field(default_factory=dict)  # wording -> scale value
    day_first: bool | None = None  # None: decided per column from its values


@dataclass
class ImportResult:
    """What an import did (or, for a preview, would do), and every problem."""

    batch_id: int | None = None
    rows_imported: int = 0
    rows_skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    preset: str = "canonical"
    encoding: str = ""
    delimiter: str = ""
    columns: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    rows_duplicate: int = 0
    rows_invalid: int = 0
    rows_unanswered: int = 0  # rows_skipped = unanswered + invalid + duplicate + other
    unknown_labels: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sample: list[dict] = field(default_factory=list)
    frame: pd.DataFrame | None = None  # validated rows, kept for the commit after a preview
    error_total: int = 0
    skipped_problems: list[Problem] = field(default_factory=list)  # with skip_invalid
    rows_unanswered: int = 0  # rows without an answer (empty or "don't know")
    candidates: list[str] = field(default_factory=list)  # other possible score columns
    unknown_wordings: dict[str, int] = field(default_factory=dict)  # wording -> rows
    date_order: str | None = None  # "day-first" / "month-first" when dates had to decide
    busy: bool = False  # refused only because another import held the database: retry

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            **self.skipped_split(),
            "errors": [p.as_dict() for p in self.errors],
        }

    def skipped_split(self) -> dict[str, int]:
        """Say what the skipped rows were: without an answer, invalid (left out with
        skip_invalid), already stored, and others (previews, totals, incomplete)."""
        left_out = self.rows_invalid if self.ok else 0  # a refused file leaves none out
        other = self.rows_skipped - self.rows_unanswered - left_out - self.rows_duplicate
        return {"rows_unanswered": self.rows_unanswered, "rows_invalid": self.rows_invalid,
                "rows_duplicate": self.rows_duplicate, "rows_skipped_other": max(other, 0)}

    def details(self) -> dict:
        """Everything a preview shows, JSON-ready."""
        return {**self.as_dict(), "preset": self.preset, "encoding": self.encoding,
                "delimiter": self.delimiter, "columns": self.columns, "mapping": self.mapping,
                "unknown_labels": self.unknown_labels, "notes": self.notes,
                "note_codes": [n.as_dict() if isinstance(n, Note) else {"code": "text",
                               "params": {"text": n}, "message": n} for n in self.notes],
                "skipped_problems": [p.as_dict() for p in self.skipped_problems],
                "rows_unanswered": self.rows_unanswered, "candidates": self.candidates,
                "unknown_wordings": self.unknown_wordings, "date_order": self.date_order}


def _fail(*problems: str | Problem) -> ImportResult:
    return ImportResult(errors=[p if isinstance(p, Problem) else Problem(None, None, p)
                                for p in problems])


def prepare(store: Store, content: bytes, kind: str, *, file_name: str = "",
            options: ImportOptions | None = None, check: bool = True) -> ImportResult:
    """Read, map and validate a file without writing anything: the preview.

    ``result.frame`` holds the rows that would be written; ``result.errors`` is empty
    when the file (or, with skip_invalid, its valid part) can be imported. A file that
    trips an unforeseen error is refused with that error, never with a crash. With
    ``check=False`` it stops after detecting the format and proposing the mapping."""
    try:
        return _prepare(store, content, kind, file_name=file_name, options=options,
                        check=check)
    except RejectedFile as rejected:
        return ImportResult(errors=rejected.problems)
    except Exception as exc:  # a file nobody anticipated must not take the server down
        log.exception("Could not read %s", file_name or "an upload")
        return _fail(Problem.of("file.unreadable", error=f"{type(exc).__name__}: {exc}"))


def _prepare(store: Store, content: bytes, kind: str, *, file_name: str,
             options: ImportOptions | None, check: bool) -> ImportResult:
    options = options or ImportOptions()
    if kind not in KINDS:
        return _fail(Problem.of("file.unknown_kind", kind=repr(kind), kinds=", ".join(KINDS)))
    if len(content) > options.max_bytes:
        return _fail(Problem.of("file.too_large", size=f"{len(content) / 1024 / 1024:.1f}",
                                limit=f"{options.max_bytes / 1024 / 1024:.0f}"))
    if kind == "catalog":
        try:
            frames, problems = validate_catalog(read_workbook(content), queries.catalog(store))
        except RejectedFile as rejected:
            return ImportResult(errors=rejected.problems)
        result = ImportResult(errors=problems.listing(), error_total=problems.total,
                              preset="catalog")
        result.rows_imported = row_count(frames) if not problems else 0
        result.frame = frames if not problems else None
        if not problems:
            from data.catalog.workbook import kept_with_actions  # it builds on this package

            kept = kept_with_actions(store, frames)
            result.notes += [kept] if kept else []
        return result
    saved = sources.load(store, options.source) if options.source else None
    if saved and saved["kind"] != kind:
        return _fail(Problem.of("file.source_kind", source=repr(options.source),
                                saved=saved["kind"], kind=kind))
    preset = options.preset if options.preset != "auto" or not saved else saved["preset"]
    try:
        source = presets.read_source(content, file_name, preset, sheet=options.sheet)
    except RejectedFile as rejected:
        return ImportResult(errors=rejected.problems)
    result = ImportResult(preset=source.preset, encoding=source.encoding,
                          delimiter=source.delimiter, columns=source.columns)
    if source.frame.empty:
        return _fail_with(result, None, Problem.of("file.no_rows"))
    mapping = presets.propose_mapping(source, kind)
    result.candidates = list(source.candidates)
    if saved:
        mapping.update({f: c for f, c in saved["mapping"].items() if c in source.columns})
    try:
        mapping.update({f: presets.resolve_column(source, c) for f, c in options.mapping.items()
                        if c})
    except KeyError as exc:
        reference = exc.args[0]
        if reference.startswith("#"):
            return _fail(Problem.of("column.out_of_range", column=reference,
                                    n=len(source.columns)))
        return _fail(Problem.of("column.not_found", column=repr(reference),
                                columns=", ".join(source.columns)))
    for f in [f for f, c in options.mapping.items() if not c]:
        mapping.pop(f, None)
    if options.default_date:
        mapping.pop("date", None)  # the date given overrides any column
    result.mapping = mapping
    if not check:
        return result
    saved_options = saved["options"] if saved else {}
    ces_reversed = options.ces_reversed if options.ces_reversed is not None else bool(
        saved_options.get("ces_reversed"))
    answers = {**saved_options.get("answers", {}), **options.answers}
    day_first = options.day_first if options.day_first is not None else \
        saved_options.get("day_first")
    wordings: dict[str, list[int]] = {}
    frame, skipped, notes = presets.apply(source, kind, mapping, options.default_date,
                                          ces_reversed, answers=answers, wordings=wordings)
    result.notes = list(source.notes[1:] if source.notes[:1] == ["xlsx"] else source.notes)
    result.notes += notes
    if options.default_date:
        result.notes.append(Note("note.date_override", date=options.default_date))
    result.candidates = [c for c in result.candidates if c != mapping.get("score")]
    if "score" in mapping and result.candidates:
        result.notes.append(Note("note.score_candidates", column=mapping["score"],
                                 others=", ".join(result.candidates)))
    if "score" in presets.FIELDS[presets.family(kind)] and "score" not in mapping:
        return _fail_with(result, "score", Problem.of("column.no_score", 1, "score",
                                                      columns=", ".join(source.columns)))
    if "date" not in frame and not options.default_date:
        return _fail_with(result, "date", Problem.of("column.no_date", 1, "date"))
    alias_problem = sources.check_aliases(store, options.aliases)
    if alias_problem:
        return _fail(alias_problem)
    rules = Rules(decimal_hint="," if source.delimiter == ";" or source.preset == "excel-de"
                  else ".", aliases=_merge_aliases(sources.aliases(store), options.aliases),
                  ces_reversed=ces_reversed, day_first=day_first,
                  date_convention=presets.DATE_CONVENTION.get(source.preset, "month-first"))
    valid, more_skipped, problems = validate_facts(kind, frame, queries.catalog(store), rules)
    _found_notes(result, rules.found)
    result.rows_skipped = skipped + more_skipped
    result.rows_unanswered = more_skipped - rules.found.get("not_touchpoint", (0, 0))[0]
    result.unknown_labels = problems.unknown
    _add_wordings(problems, wordings)
    result.unknown_wordings = {w: len(rows) for w, rows in wordings.items()}
    result.error_total = problems.total
    if problems and options.skip_invalid and not problems.file_level:
        result.rows_invalid = len(problems.rows)
        valid = valid.loc[~valid.index.isin(problems.rows)]
        result.notes.append(Note("note.skipped_invalid", n=result.rows_invalid))
        result.rows_skipped += result.rows_invalid
        result.skipped_problems = problems.listing()
    elif problems:
        result.errors = problems.listing()
        result.rows_invalid = len(problems.rows)
        return result
    if kind in schema.SURVEY_METRICS and not valid.empty:
        with store.connect() as conn:
            valid, duplicates = _drop_known_responses(conn, kind, valid)
        result.rows_duplicate = duplicates
        result.rows_skipped += duplicates
        if duplicates:
            result.notes.append(Note("note.skipped_duplicates", n=duplicates))
    if valid.empty:
        return _fail_with(result, None, Problem.of("file.nothing_to_write",
                                                   skipped=result.rows_skipped))
    result.frame = valid
    result.rows_imported = len(valid)
    result.sample = valid.head(10).astype(object).where(valid.head(10).notna(), None) \
        .reset_index().to_dict("records")
    return result


def _fail_with(result: ImportResult, column: str | None, problem: Problem) -> ImportResult:
    result.errors = [problem]
    return result


def _merge_aliases(saved: dict, given: dict) -> dict:
    """Saved aliases with the ones given for this import (applied in a preview too)."""
    out = {d: dict(labels) for d, labels in saved.items()}
    for dimension, labels in given.items():
        out.setdefault(dimension, {}).update({k.strip(): v for k, v in labels.items()})
    return out


def _add_wordings(problems: Problems, wordings: dict[str, list[int]]) -> None:
    """List each answer wording no rule knows once, with how many rows give it."""
    for wording, rows in wordings.items():
        problems.add(rows[0], "score", code="score.unknown_wording", value=repr(wording),
                     n=len(rows))
        problems.rows.update(rows)


def _found_notes(result: ImportResult, found: dict) -> None:
    """Say in the preview what reading the values decided."""
    if "order" in found:
        order, reason = found["order"]
        result.date_order = order
        result.notes.append(Note(
            "note.date_order", column="date", order_en=order, order_de={
                "day-first": "Tag zuerst", "month-first": "Monat zuerst"}[order],
            reason_en={"value": "a value decides it", "given": "as given",
                       "convention": "no value decides it: the tool's convention"}[reason],
            reason_de={"value": "ein Wert entscheidet es", "given": "wie angegeben",
                       "convention": "kein Wert entscheidet es: Konvention des Tools"}[reason]))
    if "range" in found:
        result.notes.append(Note("note.range_end", example=found["range"]))
    if found.get("timezone"):
        result.notes.append(Note("note.timezone"))
    if "not_touchpoint" in found:
        rows, sessions = found["not_touchpoint"]
        result.notes.append(Note("note.not_touchpoint", n=rows, sessions=sessions))


def _drop_known_responses(conn: sa.Connection, kind: str, frame: pd.DataFrame,
                          since_batch: int | None = None) -> tuple[pd.DataFrame, int]:
    """Skip responses whose id is already stored for the metric (in a batch after
    since_batch, when given), or repeated in the file."""
    ids = frame["response_id"].dropna()
    if ids.empty:
        return frame, 0
    repeated = frame["response_id"].notna() & frame["response_id"].duplicated(keep="first")
    known = _stored_response_ids(conn, kind, ids.drop_duplicates(), since_batch)
    drop = repeated | frame["response_id"].isin(known) if known else repeated
    if not drop.any():
        return frame, 0
    return frame.loc[~drop], int(drop.sum())


def _stored_response_ids(conn, kind: str, ids: pd.Series, since_batch: int | None = None
                         ) -> set[str]:
    """Return which of the ids are already stored for the metric, in one query."""
    sr = schema.survey_responses
    after = since_batch if since_batch is not None else -1
    if conn.dialect.name == "duckdb":
        raw = conn.connection.driver_connection
        view = f"_cxdash_ids_{threading.get_ident()}"
        raw.register(view, pd.DataFrame({"id": ids.astype(str).to_numpy()}))
        try:
            rows = raw.execute(
                "SELECT DISTINCT s.response_id FROM survey_responses s "
                f'JOIN "{view}" i ON s.response_id = i.id WHERE s.metric = ? '
                "AND s.batch_id > ?", [kind, after]
            ).fetchall()
        finally:
            raw.unregister(view)
    elif conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        param = sa.bindparam("ids", value=list(ids.astype(str)), type_=ARRAY(sa.String))
        rows = conn.execute(sa.select(sr.c.response_id).distinct().where(
            sr.c.metric == kind, sr.c.batch_id > after,
            sr.c.response_id == sa.any_(param))).fetchall()
    else:
        rows = []
        values = list(ids.astype(str))
        for start in range(0, len(values), 5000):
            rows += conn.execute(sa.select(sr.c.response_id).where(
                sr.c.metric == kind, sr.c.batch_id > after,
                sr.c.response_id.in_(values[start:start + 5000])
            )).fetchall()
    return {r[0] for r in rows}


def _last_batch(conn) -> int:
    """Return the newest batch id (batches are numbered in commit order: only exclusive
    transactions create them)."""
    rows = conn.execute(sa.select(sa.func.max(schema.import_batches.c.id))).fetchall()
    return rows[0][0] or 0


def import_file(
    store: Store,
    content: bytes,
    kind: str,
    *,
    file_name: str = "",
    created_by: str | None = None,
    allow_duplicate: bool = False,
    options: ImportOptions | None = None,
    save_source: str | None = None,
) -> ImportResult:
    """Validate and import one file in one transaction; on any problem nothing is written.

    With ``save_source`` the mapping used is remembered under that name."""
    options = options or ImportOptions()
    allow_duplicate = allow_duplicate or options.allow_duplicate
    # Two sheets of one workbook are two imports, not the same file twice.
    digest = hashlib.sha256(content + (options.sheet or "").encode()).hexdigest()
    if not allow_duplicate:
        with store.connect() as conn:
            repeat = _earlier_batch(conn, digest, kind)
        if repeat is not None:
            return _fail(repeat)
    with store.connect() as conn:
        seen = _last_batch(conn)  # responses of later batches are checked again when writing
    result = prepare(store, content, kind, file_name=file_name, options=options)
    if not result.ok:
        if not allow_duplicate:
            # The same file committed by a concurrent import while this one was read: say
            # that, rather than that every response is stored already.
            with store.connect() as conn:
                repeat = _earlier_batch(conn, digest, kind)
            if repeat is not None:
                return _fail(repeat)
        return result
    if options.aliases:
        problem = sources.save_aliases(store, options.aliases)
        if problem:
            return _fail(problem)
    frames = result.frame if kind == "catalog" else {kind: result.frame}

    def guard(conn) -> int:
        """Repeat the duplicate checks inside the import's exclusive transaction: a file or
        response committed by a concurrent import since the preview is caught here."""
        if not allow_duplicate and kind != "catalog":
            repeat = _earlier_batch(conn, digest, kind)
            if repeat is not None:
                raise RejectedFile([repeat])
        if kind not in schema.SURVEY_METRICS or frames[kind].empty or _last_batch(conn) == seen:
            return 0
        frames[kind], duplicates = _drop_known_responses(conn, kind, frames[kind], seen)
        if duplicates:
            result.rows_duplicate += duplicates
            result.rows_skipped += duplicates
            result.rows_imported = len(frames[kind])
            result.frame = frames[kind]
            result.notes.append(Note("note.skipped_concurrent", n=duplicates))
        return duplicates

    try:
        result.batch_id = _commit_retrying(
            store, kind, frames, rows_skipped=result.rows_skipped, file_name=file_name,
            content_hash=digest, created_by=created_by, preset=result.preset, guard=guard)
    except RejectedFile as rejected:
        return ImportResult(errors=rejected.problems)
    except DatabaseBusyError:
        refused = _fail(Problem.of("database.busy", wait=WRITE_WAIT_S))
        refused.busy = True
        return refused
    name = save_source or options.source
    if name and kind != "catalog":
        sources.save(store, name, kind, result.preset, result.mapping,
                     {"ces_reversed": bool(options.ces_reversed), "answers": options.answers,
                      "day_first": options.day_first})
    return result


def _is_write_conflict(exc: Exception) -> bool:
    return "conflict" in str(exc).lower() and "transaction" in str(exc).lower()


def _commit_retrying(store: Store, kind: str, frames: dict[str, pd.DataFrame], **kwargs) -> int:
    """Commit, and again when DuckDB reports a write conflict with a change made outside
    the import lock (the transaction was rolled back whole); then say plainly to retry."""
    for attempt in range(3):
        try:
            return commit(store, kind, frames, **kwargs)
        except sa.exc.DBAPIError as exc:
            if not (store.is_duckdb and _is_write_conflict(exc)):
                raise
            log.warning("Import write conflict (attempt %d): %s", attempt + 1, exc)
            if kind != "catalog":
                frames[kind] = frames[kind].drop(columns="batch_id", errors="ignore")
    raise DatabaseBusyError(busy_message())


def row_count(frames: dict[str, pd.DataFrame]) -> int:
    """Count the rows an import writes (journey-persona links are part of their journeys)."""
    return sum(len(f) for name, f in frames.items() if name != "journey_personas")


def commit(
    store: Store,
    kind: str,
    frames: dict[str, pd.DataFrame],
    *,
    rows_skipped: int = 0,
    file_name: str = "",
    content_hash: str | None = None,
    created_by: str | None = None,
    preset: str = "canonical",
    guard=None,
    written=None,
) -> int:
    """Write validated frames as one import batch in one transaction; return the batch id.

    The transaction is exclusive (one import or undo at a time); ``guard(conn)`` runs first
    inside it, may refuse by raising RejectedFile, and returns rows it dropped as skipped;
    ``written(conn, batch_id)`` runs last inside it (what must commit with the batch)."""
    with store.begin(exclusive=True) as conn:
        if guard is not None:
            rows_skipped += guard(conn)
        rows = row_count(frames)
        batch_id = conn.execute(
            schema.import_batches.insert()
            .values(
                kind=kind,
                file_name=file_name or None,
                content_hash=content_hash,
                preset=preset,
                created_by=created_by,
                created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                rows_imported=rows,
                rows_skipped=rows_skipped,
                status="committed",
            )
            .returning(schema.import_batches.c.id)
        ).scalar_one()
        if kind == "catalog":
            from data.catalog import workbook  # it builds on this package

            before = workbook.entries(conn, frames)
            _upsert_catalog(conn, frames)
            workbook.record_import(conn, before, created_by or "?", batch_id)
        else:
            frame = frames[kind]
            frame.insert(0, "batch_id", batch_id)
            table = schema.FACT_TABLES[kind]
            bulk_insert(conn, table, frame)
            if table.name in queries.ROLLUPS:
                conn.execute(queries.ROLLUPS[table.name][1](batch_id))
        accounts.audit(conn, created_by or "?", "import", str(batch_id),
                       {"kind": kind, "file": file_name or None, "rows": rows})
        if written is not None:
            written(conn, batch_id)
        bump_data_version(conn)
    store.forget_version()
    if kind != "catalog":
        table = schema.FACT_TABLES[kind].name
        rollup = queries.ROLLUPS.get(table)
        store.refresh_statistics(table, *([rollup[0].name] if rollup else []))
    alerts_evaluate.after_change(store)
    return batch_id


def _earlier_batch(conn: sa.Connection, digest: str, kind: str) -> Problem | None:
    """Return why the same file cannot be imported again, or None."""
    batches = schema.import_batches
    query = sa.select(batches.c.id, batches.c.created_at).where(
        batches.c.content_hash == digest,
        batches.c.kind == kind,
        batches.c.status == "committed",
        batches.c.kind != "catalog",
    )
    earlier = conn.execute(query).first()
    if earlier is None:
        return None
    return Problem.of("file.already_imported", batch=earlier.id,
                      when=f"{earlier.created_at:%Y-%m-%d %H:%M}")


def _upsert_catalog(conn, frames: dict[str, pd.DataFrame]) -> None:
    """Insert new keys and update existing ones with the columns the workbook has."""
    for name, frame in frames.items():
        if name == "journey_personas":
            continue
        table = schema.CATALOG_TABLES[name]
        existing = {r[0] for r in conn.execute(sa.select(table.c.key))}
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        new = [r for r in records if r["key"] not in existing]
        old = [r for r in records if r["key"] in existing]
        if new:
            defaults = {"pain_point": False, "moment_of_truth": False} if name == "touchpoints" \
                else {}
            conn.execute(table.insert(), [{**defaults, **r} for r in new])
        for record in old:
            conn.execute(
                table.update().where(table.c.key == record["key"]).values(
                    {k: val for k, val in record.items() if k != "key"}
                )
            )
    pairs = frames.get("journey_personas")
    if pairs is not None and "journeys" in frames:
        jp = schema.journey_personas
        journeys = list(frames["journeys"]["key"])
        conn.execute(jp.delete().where(jp.c.journey_key.in_(journeys)))
        if not pairs.empty:
            conn.execute(jp.insert(), pairs.drop_duplicates().to_dict("records"))


def undo(store: Store, batch_id: int, actor: str = "?") -> int:
    """Delete the rows of a committed fact batch and mark it undone; return rows removed."""
    batches = schema.import_batches
    with store.begin(exclusive=True) as conn:
        batch = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).first()
        if batch is None:
            raise LookupError(f"There is no import batch {batch_id}.")
        if batch.status != "committed":
            raise ValueError(f"Batch {batch_id} is already {batch.status}.")
        if batch.kind == "catalog":
            raise ValueError("A catalog import cannot be undone; import the previous workbook.")
        table = schema.FACT_TABLES[batch.kind]
        removed = conn.execute(table.delete().where(table.c.batch_id == batch_id)).rowcount
        for daily, _ in queries.ROLLUPS.values():
            conn.execute(daily.delete().where(daily.c.batch_id == batch_id))
        conn.execute(batches.update().where(batches.c.id == batch_id).values(
            status="undone", undone_by=actor,
            undone_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))
        accounts.audit(conn, actor, "undo", str(batch_id), {"kind": batch.kind, "rows": removed})
        bump_data_version(conn)
    store.forget_version()
    alerts_evaluate.after_change(store)
    return removed
