"""The rules of a catalog entry: the workbook import's own (data.ingest.canonical), applied
to one entry, plus what only an editor needs (a new key is free and looks like a key).

An entry is a dict of its table's columns; a journey's carries ``personas``, a list of
persona keys. The entry is turned into a one-row sheet of the workbook and validated by
``validate_catalog``, so the editor and the import can never disagree.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import sqlalchemy as sa

from data import schema
from data.catalog.usage import describe
from data.ingest.canonical import CATALOG_COLUMNS, validate_catalog
from data.ingest.messages import render
from data.ingest.problems import Problem

ENTITIES = tuple(CATALOG_COLUMNS)
KEY_FORMAT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
# A touchpoint's references: the workbook's column, the table's column, the table referred to.
REFERENCES = (("journey", "journey_key", "journeys"), ("phase", "phase_key", "phases"),
              ("channel", "channel_key", "channels"),
              ("department", "department_key", "departments"))
SHEET_TO_COLUMN = {sheet: column for sheet, column, _ in REFERENCES}


class CatalogError(ValueError):
    """Refused: a list of problems, each naming its field (``column``) with a code."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.column}: {p.message}" if p.column else p.message
                                   for p in problems))

    @classmethod
    def of(cls, code: str, field: str | None = None, **params) -> CatalogError:
        return cls([Problem.of(code, column=field, **params)])

    def messages(self, lang: str = "en") -> list[str]:
        """Each problem as "field: what is wrong" in the language."""
        out = []
        for p in self.problems:
            params = dict(p.params)
            if "counts" in params:  # what uses an entry, said in the language
                params["uses"] = describe(params["counts"], lang)
            text = render(p.code, params, lang, "page")
            out.append(f"{p.column}: {text}" if p.column else text)
        return out

    @property
    def fields(self) -> set[str]:
        return {p.column for p in self.problems if p.column}


def columns(entity: str) -> list[str]:
    """The fields of an entry of the entity, in the table's order (journeys: + personas)."""
    names = [c.name for c in schema.CATALOG_TABLES[entity].c]
    return names + (["personas"] if entity == "journeys" else [])


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def as_sheet(entity: str, entries: list[dict]) -> pd.DataFrame:
    """Entries as the workbook's sheet of the entity: its columns, string cells."""
    required, optional = CATALOG_COLUMNS[entity]
    rows = []
    for entry in entries:
        row = {}
        for name in (*required, *optional):
            row[name] = _cell(entry.get(SHEET_TO_COLUMN.get(name, name)) if entity ==
                              "touchpoints" else entry.get(name))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*required, *optional], dtype=object)
    frame.index = range(2, len(frame) + 2)  # spreadsheet rows, as the reader numbers them
    return frame


def _plain(value):
    """A pandas/numpy cell as a plain Python value (missing: None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def read_catalog(conn: sa.Connection) -> dict[str, pd.DataFrame]:
    """Every catalog table as read in this transaction (they are small)."""
    out = {}
    for name, table in schema.CATALOG_TABLES.items():
        result = conn.execute(sa.select(table))
        out[name] = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    return out


def check(conn: sa.Connection, entity: str, entry: dict, *, new: bool,
          restore: bool = False) -> dict:
    """Return the entry as the import would store it, or raise CatalogError naming fields.

    ``new``: the key must not exist yet (in any case) and, unless ``restore`` (an entry
    that existed, perhaps from a workbook), must look like a key."""
    if entity not in ENTITIES:
        raise CatalogError.of("catalog.unknown_entry", value=repr(entity), entity="catalog")
    key = _cell(entry.get("key"))
    existing = read_catalog(conn)
    keys = existing[entity]["key"]
    if new and key:
        if not restore and not KEY_FORMAT.match(key):
            raise CatalogError.of("catalog.key_format", "key", value=repr(key))
        if key.casefold() in {k.casefold() for k in keys}:
            raise CatalogError.of("catalog.key_exists", "key", value=repr(key), entity=entity)
    if not new and key not in set(keys):
        raise CatalogError.of("catalog.unknown_entry", "key", value=repr(key), entity=entity)
    frames, problems = validate_catalog({entity: as_sheet(entity, [entry])}, existing)
    if problems:
        raise CatalogError([Problem(None, p.column, p.message, None, p.code, p.params)
                            for p in problems.listing()])
    row = {c: _plain(v) for c, v in frames[entity].iloc[0].items()}
    stored = {c: row.get(c) for c in columns(entity) if c != "personas"}
    if entity == "touchpoints":
        stored["pain_point"] = bool(stored["pain_point"])
        stored["moment_of_truth"] = bool(stored["moment_of_truth"])
    if entity == "journeys":
        pairs = frames.get("journey_personas")
        stored["personas"] = sorted(set(pairs["persona_key"])) if pairs is not None else []
    return stored
