"""A corpus of bad files: each is refused with a clear message, and the database keeps
exactly its counts and KPIs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import cli
from data import schema
from data.ingest import ImportOptions, import_file
from data.queries import Filters

FIXTURES = Path(__file__).parent.parent / "fixtures"


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


XLSX = (FIXTURES / "exports" / "qualtrics_nps.xlsx").read_bytes()
BAD = {
    "empty": (b"", "nps", "empty"),
    "blank lines": (b"\n\n  \n", "nps", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "nps", "not a text"),
    "truncated xlsx": (XLSX[:1500], "nps", "damaged or truncated"),
    "zip bomb": (zip_bomb(), "nps", "zip bomb"),
    "utf-16 without BOM": ("date,score\n2026-03-02,9\n".encode("utf-16-le"), "nps",
                           "not a text"),
    "ragged rows": ((FIXTURES / "canonical" / "nps_ragged.csv").read_bytes(), "nps",
                    "has 3 fields"),
    "out of range": (b"date,score\n2026-03-02,11\n", "nps", "between 0 and 10"),
    "bad date": (b"date,score\n2026-02-30,9\n", "nps", "is not a date"),
    "unknown label": (b"date,score,touchpoint\n2026-03-02,9,Kasse\n", "nps",
                      "not a known touchpoint"),
    "no score column": (b"date,answer\n2026-03-02,9\n", "nps", "No column holds the score"),
    "header only": (b"date,score\n", "nps", ""),
    "csv as catalog": (b"key,name\nx,y\n", "catalog", "not an .xlsx workbook"),
}


def snapshot(store) -> tuple:
    with store.connect() as conn:
        counts = tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                       for t in schema.metadata.sorted_tables)
    return counts, cli.kpi_summary(store, Filters()), store.data_version()


@pytest.fixture
def loaded(store):
    for name, kind in (("catalog.xlsx", "catalog"), ("nps.csv", "nps")):
        assert import_file(store, (FIXTURES / "canonical" / name).read_bytes(), kind).ok
    return store


@pytest.mark.parametrize("case", BAD)
def test_bad_file_is_refused_and_nothing_changes(loaded, case):
    content, kind, message = BAD[case]
    before = snapshot(loaded)
    result = import_file(loaded, content, kind, file_name=f"{case}.csv")
    assert not result.ok
    assert any(message in e.message for e in result.errors), [str(e) for e in result.errors]
    assert result.batch_id is None
    assert snapshot(loaded) == before


def test_the_same_file_twice_is_refused(loaded):
    before = snapshot(loaded)
    again = import_file(loaded, (FIXTURES / "canonical" / "nps.csv").read_bytes(), "nps")
    assert "already imported as batch" in again.errors[0].message
    assert snapshot(loaded) == before


def test_a_file_over_the_size_limit_is_refused(loaded):
    before = snapshot(loaded)
    content = b"date,score\n" + b"2026-03-02,9\n" * 2000
    result = import_file(loaded, content, "nps", options=ImportOptions(max_bytes=10_000))
    assert "the limit is" in result.errors[0].message
    assert snapshot(loaded) == before


def test_an_unforeseen_error_is_a_refusal_not_a_crash(loaded, monkeypatch):
    from data.ingest import presets

    def explode(*args, **kwargs):
        raise KeyError("something nobody anticipated")

    monkeypatch.setattr(presets, "read_source", explode)
    before = snapshot(loaded)
    result = import_file(loaded, b"date,score\n2026-03-02,9\n", "nps")
    assert not result.ok and "could not be read (KeyError" in result.errors[0].message
    assert snapshot(loaded) == before


def test_us_short_dates_from_analytics_day_index(loaded):
    result = import_file(loaded, b"date,score\n3/2/26,9\n", "nps")
    assert result.ok
    assert cli.kpi_summary(loaded, Filters.of(date_from="2026-03-02", date_to="2026-03-02")
                           )["nps"]["n"] == 3  # two from nps.csv (R1, R2), one from here
