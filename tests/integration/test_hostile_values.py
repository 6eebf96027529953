"""Scores and dates no column can hold (1e308, Infinity, year 1600 or 9999) are invalid
values with row, column and reason, also with skip-invalid; never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.ingest import ImportOptions, import_file, prepare

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def catalogued(duck_store):
    assert import_file(duck_store, CATALOG.read_bytes(), "catalog").ok
    return duck_store


CASES = [
    ("nps", "score", "1e308", "is not between 0 and 10"),
    ("nps", "score", "Infinity", "is not a finite number"),
    ("nps", "score", "-inf", "is not a finite number"),
    ("audit", "score", "1e308", "is not between 1 and 10"),
    ("audit", "score", "Infinity", "is not a finite number"),
    ("nps", "date", "1600-03-02", "is not a date between 1678 and 2261"),
    ("nps", "date", "2300-01-01", "is not a date between 1678 and 2261"),
    ("audit", "date", "9999-12-31", "is not a date between 1678 and 2261"),
    ("nps", "date", "01.01.1500", "is not a date between 1678 and 2261"),
]


def hostile_file(kind: str, column: str, value: str) -> bytes:
    extra = "touchpoint,perspective" if kind == "audit" else "response_id"
    cells = ["tarifseite,customer"] * 3 if kind == "audit" else ["R1", "R2", "R3"]
    lines = [f"date,score,{extra}"]
    for i, cell in enumerate(cells):
        date, score = "2026-03-02", "7"
        if i == 1:
            date, score = (value, score) if column == "date" else (date, value)
        lines.append(f"{date},{score},{cell}")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(("kind", "column", "value", "reason"), CASES)
def test_a_hostile_value_is_an_invalid_cell_with_row_and_column(catalogued, kind, column,
                                                                value, reason):
    content = hostile_file(kind, column, value)
    strict = prepare(catalogued, content, kind, file_name="x.csv")
    assert [(p.row, p.column) for p in strict.errors] == [(3, column)]
    assert reason in strict.errors[0].message and "Error" not in strict.errors[0].message
    lenient = import_file(catalogued, content, kind, file_name="x.csv",
                          options=ImportOptions(skip_invalid=True))
    assert lenient.ok and lenient.rows_imported == 2 and lenient.rows_invalid == 1
    assert reason in lenient.skipped_problems[0].message
