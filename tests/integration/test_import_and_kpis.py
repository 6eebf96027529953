"""Canonical imports and `cxdash kpi` numbers, on DuckDB and PostgreSQL alike.

The fixture files in tests/fixtures/canonical are small enough to check by hand; the
expected numbers below are worked out in the comments.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import cli
from data import schema
from data.ingest import import_file, undo
from data.queries import Filters

FIXTURES = Path(__file__).parent.parent / "fixtures" / "canonical"


def load(store, name: str, kind: str):
    path = FIXTURES / name
    return import_file(store, path.read_bytes(), kind, file_name=path.name)


@pytest.fixture
def loaded(store):
    for name, kind in (("catalog.xlsx", "catalog"), ("nps.csv", "nps"), ("ces.csv", "ces"),
                       ("csat.csv", "csat"), ("audit.csv", "audit"), ("web.csv", "web")):
        result = load(store, name, kind)
        assert result.ok, result.errors
    return store


def counts(store) -> dict:
    with store.connect() as conn:
        out = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
               for t in schema.metadata.sorted_tables}
    out["data_version"] = store.data_version()
    return out


def kpi(store, **filters) -> dict:
    return cli.kpi_summary(store, Filters.of(**filters))


def test_catalog_import_creates_every_dimension(store):
    result = load(store, "catalog.xlsx", "catalog")
    assert result.ok and result.batch_id is not None
    c = counts(store)
    assert (c["personas"], c["phases"], c["channels"], c["departments"], c["journeys"],
            c["touchpoints"], c["journey_personas"]) == (2, 3, 2, 2, 2, 4, 3)
    with store.connect() as conn:
        tp = conn.execute(sa.select(schema.touchpoints).where(
            schema.touchpoints.c.key == "bestellung")).mappings().one()
    # References given by name resolve to keys; German yes/no words parse.
    assert (tp["journey_key"], tp["phase_key"], tp["channel_key"]) == ("vertrag", "kauf", "online")
    assert tp["pain_point"] is True and tp["moment_of_truth"] is True
    assert (tp["target"], tp["best_in_class"]) == (8.0, 9.5)


def test_reimporting_a_catalog_updates_rows_by_key(store, tmp_path):
    from openpyxl import Workbook

    assert load(store, "catalog.xlsx", "catalog").ok
    wb = Workbook()
    ws = wb.active
    ws.title = "touchpoints"
    ws.append(["key", "name", "journey", "phase", "channel", "department", "position", "target"])
    ws.append(["hotline", "Störungshotline (neu)", "stoerung", "nutzung", "telefon", "KS", 1, 8.5])
    ws.append(["chat", "Service-Chat", "stoerung", "nutzung", "online", "KS", 3, 7])
    path = tmp_path / "update.xlsx"
    wb.save(path)
    result = import_file(store, path.read_bytes(), "catalog")
    assert result.ok, result.errors
    tps = store.read_sql(sa.select(schema.touchpoints).order_by(schema.touchpoints.c.key))
    assert len(tps) == 5
    hotline = tps.set_index("key").loc["hotline"]
    assert hotline["name"] == "Störungshotline (neu)" and hotline["target"] == 8.5
    # Columns the update did not carry keep their values.
    assert hotline["best_in_class"] == 9.0 and hotline["notes"] == "Engpass"


def test_kpis_match_hand_computed_values(loaded):
    result = kpi(loaded)
    # NPS: 10 answers (R6 has none), promoters 10,9,9,10,10 = 5, detractors 6,5,3 = 3.
    assert result["nps"]["n"] == 10
    assert result["nps"]["value"] == pytest.approx(20.0)
    assert result["nps"]["promoters_pct"] == pytest.approx(50.0)
    assert result["nps"]["detractors_pct"] == pytest.approx(30.0)
    # Adjusted Wald: n' = 13, p = 5.75/13, d = 3.75/13,
    # MoE = 100 * 1.96 * sqrt((p + d - (p - d)^2) / 13) = 45.711
    p, d = 5.75 / 13, 3.75 / 13
    assert result["nps"]["moe95"] == pytest.approx(
        100 * 1.96 * math.sqrt((p + d - (p - d) ** 2) / 13))
    assert result["nps"]["moe95"] == pytest.approx(45.711, abs=1e-3)
    # CES 7,6,5,4,2,1,7,5: mean 37/8, easy (5-7) 5 of 8.
    assert result["ces"] == {"n": 8, "mean": pytest.approx(4.625), "easy_pct": pytest.approx(62.5)}
    # CSAT 5,4,4,3,1: top-2-box 3 of 5.
    assert result["csat"] == {"n": 5, "top2_pct": pytest.approx(60.0)}
    # Audits 8,9,7,6,8,4,5,9,7: mean 63/9.
    assert result["audits"] == {"n": 9, "mean": pytest.approx(7.0)}
    # Web: 1000+500 (same URL, other spelling) + 200 + 300 sessions, 30+20+40+0 conversions.
    assert result["web"] == {"sessions": 2000, "conversions": 90,
                             "conversion_rate_pct": pytest.approx(4.5)}


@pytest.mark.parametrize(
    ("filters", "n", "value"),
    [
        ({"journeys": ["vertrag"]}, 5, 60.0),  # 10,9,9,8,7 (R3 names the journey)
        ({"journeys": ["stoerung"]}, 5, -20.0),  # 6,5,10,10,3
        ({"personas": ["senior"]}, 4, -50.0),  # 9,6,5,3
        ({"channels": ["online"]}, 5, 80.0),  # own channel, else the touchpoint's
        ({"departments": ["IT"]}, 5, 80.0),  # via the touchpoint
        ({"touchpoints": ["hotline"]}, 3, -100.0),  # 6,5,3
        ({"date_from": "2026-03-09", "date_to": "2026-03-13"}, 5, -20.0),
        ({"journeys": ["vertrag"], "date_to": "2026-03-03"}, 3, 100.0),
    ],
)
def test_nps_follows_filters(loaded, filters, n, value):
    result = kpi(loaded, **filters)
    assert result["nps"]["n"] == n
    assert result["nps"]["value"] == pytest.approx(value)


def test_one_promoter_has_an_honest_margin_of_error(loaded, capsys):
    result = kpi(loaded, date_from="2026-03-03", date_to="2026-03-03")  # R3 alone: a 9
    assert result["nps"]["n"] == 1 and result["nps"]["value"] == pytest.approx(100.0)
    # Adjusted Wald: n' = 4, p = 1.75/4, d = 0.75/4 -> se 0.375, MoE 73.5 (not 0.0)
    assert result["nps"]["moe95"] == pytest.approx(73.5)


def test_filters_apply_to_audits_and_web(loaded):
    result = kpi(loaded, journeys=["vertrag"])
    # Audits of tarifseite and bestellung: 8,9,7,6,8.
    assert result["audits"] == {"n": 5, "mean": pytest.approx(7.6)}
    assert result["web"]["sessions"] == 1700
    assert result["web"]["conversion_rate_pct"] == pytest.approx(90 / 1700 * 100)
    # Persona filters audits to the journeys the persona applies to (student: vertrag only).
    assert kpi(loaded, personas=["student"])["audits"]["n"] == 5


def test_no_matching_data_gives_nulls(loaded):
    result = kpi(loaded, date_from="2030-01-01")
    assert result["nps"] == {"n": 0, "value": None, "moe95": None, "promoters_pct": None,
                             "detractors_pct": None}
    assert result["audits"] == {"n": 0, "mean": None}


def test_rejected_file_lists_every_problem_and_writes_nothing(loaded):
    before = counts(loaded)
    result = load(loaded, "nps_bad.csv", "nps")
    assert not result.ok and result.batch_id is None
    found = {(p.row, p.column) for p in result.errors}
    assert found == {(3, "date"), (4, "score"), (5, "score"), (5, "journey"), (6, "date")}
    messages = {(p.row, p.column): p.message for p in result.errors}
    assert "between 0 and 10" in messages[(4, "score")]
    assert "whole number" in messages[(5, "score")]
    assert "'nirgendwo' is not a known journey" == messages[(5, "journey")]
    assert counts(loaded) == before


def test_ragged_row_is_reported_with_its_number(store):
    result = load(store, "nps_ragged.csv", "nps")
    assert [(p.row, p.message) for p in result.errors] == [
        (3, "has 3 fields, the header has 2")]


def test_missing_required_column_is_reported(store):
    result = import_file(store, b"date,touchpoint\n2026-01-01,x\n", "audit")
    assert [(p.row, p.column) for p in result.errors] == [(1, "score")]


def test_unknown_touchpoint_rejects_audit_file(loaded):
    before = counts(loaded)
    result = import_file(loaded, b"date,touchpoint,score\n2026-03-01,hotline,8\n"
                                 b"2026-03-01,kasse,7\n", "audit")
    assert [(p.row, p.column) for p in result.errors] == [(3, "touchpoint")]
    assert counts(loaded) == before


def test_same_file_twice_is_refused_until_undone(loaded):
    again = load(loaded, "nps.csv", "nps")
    assert not again.ok and "already imported as batch" in again.errors[0].message
    first_batch = store_batch(loaded, "nps")
    removed = undo(loaded, first_batch)
    assert removed == 10
    assert kpi(loaded)["nps"]["n"] == 0
    assert load(loaded, "nps.csv", "nps").ok
    assert kpi(loaded)["nps"]["n"] == 10


def store_batch(store, kind: str) -> int:
    b = schema.import_batches
    with store.connect() as conn:
        return conn.execute(sa.select(b.c.id).where(b.c.kind == kind)).scalar_one()


def test_each_import_is_one_batch_and_bumps_the_data_version(store):
    v0 = store.data_version()
    assert load(store, "catalog.xlsx", "catalog").ok
    result = load(store, "nps.csv", "nps")
    assert result.rows_imported == 10 and result.rows_skipped == 1
    assert store.data_version() == v0 + 2
    with store.connect() as conn:
        batch_ids = {r[0] for r in conn.execute(sa.select(schema.survey_responses.c.batch_id))}
    assert batch_ids == {result.batch_id}


def test_cli_import_json_and_exit_status(db_url, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_DATABASE_URL", db_url)
    assert cli.main(["import", str(FIXTURES / "catalog.xlsx"), "--kind", "catalog"]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(FIXTURES / "nps.csv"), "--kind", "nps", "--json"]) == 0
    ok = json.loads(capsys.readouterr().out)
    assert ok["rows_imported"] == 10 and ok["rows_skipped"] == 1 and ok["errors"] == []
    assert isinstance(ok["batch_id"], int)
    assert cli.main(["import", str(FIXTURES / "nps_bad.csv"), "--kind", "nps", "--json"]) == 1
    bad = json.loads(capsys.readouterr().out)
    assert bad["batch_id"] is None and bad["rows_imported"] == 0
    assert {"row": 4, "column": "score"}.items() <= bad["errors"][1].items()
    assert cli.main(["kpi", "--json", "--journey", "vertrag"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nps"]["value"] == pytest.approx(60.0) and out["nps"]["n"] == 5
    assert set(out) == {"nps", "ces", "csat", "audits", "web"}
