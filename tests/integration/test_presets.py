"""Exports as the tools write them (tests/fixtures/exports, made to each format's
specification) import with the right counts and KPIs, on DuckDB and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import cli
from data.ingest import ImportOptions, import_file, prepare
from data.queries import Filters

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPORTS = FIXTURES / "exports"


@pytest.fixture
def catalog_store(store):
    assert import_file(store, (FIXTURES / "canonical" / "catalog.xlsx").read_bytes(),
                       "catalog").ok
    return store


def run(store, name, kind, **options):
    result = import_file(store, (EXPORTS / name).read_bytes(), kind, file_name=name,
                         options=ImportOptions(**options))
    assert result.ok, [str(e) for e in result.errors]
    return result


def kpi(store, **filters):
    return cli.kpi_summary(store, Filters.of(**filters))


@pytest.mark.parametrize(("name", "preset", "rows", "skipped", "nps"), [
    # scores 10, 9, 7, 3; one without an answer, one survey preview
    ("qualtrics_nps.csv", "qualtrics", 4, 2, 25.0),
    # the same as choice text ("Extremely likely" = 10) in a workbook
    ("qualtrics_nps.xlsx", "qualtrics", 4, 2, 25.0),
    # 10, 6, 8
    ("typeform_nps.csv", "typeform", 3, 0, 0.0),
])
def test_nps_exports(catalog_store, name, preset, rows, skipped, nps):
    result = run(catalog_store, name, "nps")
    assert (result.preset, result.rows_imported, result.rows_skipped) == (preset, rows, skipped)
    assert kpi(catalog_store)["nps"]["value"] == pytest.approx(nps)


def test_qualtrics_keeps_ids_persona_comment_and_touchpoint(catalog_store):
    result = run(catalog_store, "qualtrics_nps.csv", "nps")
    assert result.mapping["score"] == "Q1" and result.mapping["date"] == "RecordedDate"
    assert result.mapping["comment"] == "Q2"
    # "Störungshotline" (a name) and "hotline" (a key) are the same touchpoint: 7 and 3.
    assert kpi(catalog_store, touchpoints=["hotline"])["nps"]["n"] == 2
    assert kpi(catalog_store, personas=["senior"])["nps"]["n"] == 3


def test_surveymonkey_two_header_rows_and_us_dates(catalog_store):
    result = run(catalog_store, "surveymonkey_nps.csv", "nps",
                 mapping={"touchpoint": "Custom Data 1"})
    assert result.preset == "surveymonkey" and result.rows_imported == 4
    assert result.mapping["response_id"] == "Respondent ID"
    # 9, 10, 4, 8 -> 2 promoters, 1 detractor of 4
    assert kpi(catalog_store)["nps"]["value"] == pytest.approx(25.0)
    # 03/04/2026 12:01 AM is the 4th of March
    assert kpi(catalog_store, date_from="2026-03-04")["nps"]["n"] == 1


def test_limesurvey_skips_incomplete_and_placeholder_dates(catalog_store):
    result = run(catalog_store, "limesurvey_csat.csv", "csat")
    assert result.preset == "limesurvey"
    assert (result.rows_imported, result.rows_skipped) == (3, 2)  # incomplete, "-1"
    assert kpi(catalog_store)["csat"] == {"n": 3, "top2_pct": pytest.approx(200 / 3)}
    # the anonymised response takes its startdate, 3 March
    assert kpi(catalog_store, date_from="2026-03-03", date_to="2026-03-03")["csat"]["n"] == 1


def test_sosci_utf16_tabs_and_missing_codes(catalog_store):
    result = run(catalog_store, "sosci_ces.csv", "ces", mapping={"touchpoint": "TP01"})
    assert (result.preset, result.encoding, result.delimiter) == ("sosci", "utf-16", "\t")
    assert (result.rows_imported, result.rows_skipped) == (3, 1)  # -9 = no answer
    # 6, 2, 7: mean 5, two of three easy
    assert kpi(catalog_store)["ces"] == {"n": 3, "mean": pytest.approx(5.0),
                                         "easy_pct": pytest.approx(200 / 3)}


def test_reversed_ces_is_flipped_so_7_means_least_effort(catalog_store):
    run(catalog_store, "sosci_ces.csv", "ces", ces_reversed=True)
    assert kpi(catalog_store)["ces"]["mean"] == pytest.approx(3.0)  # 2, 6, 1


@pytest.mark.parametrize(("name", "options", "preset", "rows", "sessions", "conversions"), [
    ("ga4_web.csv", {}, "ga4", 3, 3134, 107),
    ("ua_web.csv", {}, "ua", 2, 1300, 25),
    ("matomo_web.csv", {"default_date": "2026-03-02"}, "matomo", 2, 970, 0),
    ("excel_de_web.csv", {}, "excel-de", 2, 1634, 97),
])
def test_web_analytics_exports(catalog_store, name, options, preset, rows, sessions,
                               conversions):
    result = run(catalog_store, name, "web", **options)
    assert (result.preset, result.rows_imported) == (preset, rows)
    web = kpi(catalog_store)["web"]
    assert (web["sessions"], web["conversions"]) == (sessions, conversions)


def test_bounce_rates_become_bounces(catalog_store):
    run(catalog_store, "ga4_web.csv", "web")  # fractions: 0.625 of 1,234 sessions
    from data import queries

    totals = queries.web_totals(catalog_store, Filters.of(touchpoints=["tarifseite"]))
    assert totals["bounces"] == round(0.625 * 1234) + round(0.6 * 1500)


def test_german_excel_audit(catalog_store):
    result = run(catalog_store, "excel_de_audit.csv", "audit")
    assert (result.preset, result.encoding, result.delimiter) == ("excel-de", "cp1252", ";")
    assert kpi(catalog_store)["audits"] == {"n": 4, "mean": pytest.approx(6.75)}


def test_nps_group_must_agree_with_the_score(catalog_store):
    content = (EXPORTS / "qualtrics_nps.csv").read_bytes().replace(b",10,3,", b",10,1,")
    result = import_file(catalog_store, content, "nps")
    assert [(e.row, e.column) for e in result.errors] == [(4, "nps_group")]
    assert "says detractor but the score makes a promoter" in result.errors[0].message


def test_responses_already_stored_are_skipped_not_counted_twice(catalog_store):
    run(catalog_store, "qualtrics_nps.csv", "nps")
    again = import_file(catalog_store, (EXPORTS / "qualtrics_nps.xlsx").read_bytes(), "nps",
                        file_name="qualtrics_nps.xlsx")  # another file, same responses
    # Nothing left to write: refused with that reason, and no empty batch is created.
    assert (again.ok, again.rows_duplicate, again.batch_id) == (False, 4, None)
    assert [e.code for e in again.errors] == ["file.nothing_to_write"]
    assert kpi(catalog_store)["nps"]["n"] == 4


def test_unknown_labels_are_listed_and_an_alias_is_remembered(catalog_store):
    content = (EXPORTS / "surveymonkey_nps.csv").read_bytes().replace(b",hotline,",
                                                                      b",Rueckruf-Service,")
    options = ImportOptions(mapping={"touchpoint": "#9"})
    rejected = import_file(catalog_store, content, "nps", options=options)
    assert rejected.unknown_labels == {"touchpoint": {"Rueckruf-Service": [3, 5]}}
    options.aliases = {"touchpoint": {"Rueckruf-Service": "hotline"}}
    assert import_file(catalog_store, content, "nps", options=options).ok
    assert kpi(catalog_store, touchpoints=["hotline"])["nps"]["n"] == 2
    # The alias stays: a new preview resolves the label without being told.
    again = prepare(catalog_store, content.replace(b"114148872", b"994148872"), "nps",
                    options=ImportOptions(mapping={"touchpoint": "#9"}))
    assert again.ok and again.rows_imported == 4


def test_a_saved_source_makes_next_weeks_import_one_step(catalog_store):
    run(catalog_store, "sosci_ces.csv", "ces", mapping={"touchpoint": "TP01"},
        source="SoSci CES")
    next_week = (EXPORTS / "sosci_ces.csv").read_bytes().replace(
        "10".encode("utf-16-le"), "20".encode("utf-16-le"))
    result = import_file(catalog_store, next_week, "ces",
                         options=ImportOptions(source="SoSci CES"))
    assert result.ok and result.mapping["touchpoint"] == "TP01"
    assert kpi(catalog_store, touchpoints=["bestellung"])["ces"]["n"] == 2


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(catalog_store):
    content = (FIXTURES / "canonical" / "nps_bad.csv").read_bytes()
    result = import_file(catalog_store, content, "nps",
                         options=ImportOptions(skip_invalid=True))
    assert result.ok and result.rows_imported == 1 and result.rows_invalid == 4
    assert {p.row for p in result.skipped_problems} == {3, 4, 5, 6}


def test_cli_dry_run_shows_the_mapping_and_writes_nothing(catalog_store, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_DATABASE_URL", catalog_store.url)
    code = cli.main(["import", str(EXPORTS / "typeform_nps.csv"), "--kind", "nps",
                     "--dry-run", "--json"])
    out = capsys.readouterr().out
    import json

    preview = json.loads(out)
    assert code == 0 and preview["preset"] == "typeform" and preview["rows_imported"] == 3
    assert preview["mapping"]["response_id"] == "#"
    assert kpi(catalog_store)["nps"]["n"] == 0


def test_a_named_sheet_of_a_workbook(catalog_store, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(EXPORTS / "qualtrics_nps.xlsx")
    book.create_sheet("Info", 0).append(["exported by hand"])  # the survey is not first now
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    result = import_file(catalog_store, path.read_bytes(), "nps",
                         options=ImportOptions(sheet="Sheet0"))
    assert result.ok and result.rows_imported == 4
    missing = prepare(catalog_store, path.read_bytes(), "nps", options=ImportOptions(sheet="Nope"))
    assert "no sheet 'Nope'" in missing.errors[0].message


def test_verbal_csat_answers_in_german_are_read_by_their_meaning(catalog_store):
    result = run(catalog_store, "limesurvey_csat_fulltext.csv", "csat")
    # Sehr zufrieden 5, Zufrieden 4, Weder … noch 3, Eher unzufrieden 2; "Keine Antwort" skipped
    assert (result.rows_imported, result.rows_skipped) == (4, 1)
    assert kpi(catalog_store)["csat"] == {"n": 4, "top2_pct": pytest.approx(50.0)}


@pytest.mark.parametrize("reversed_numbers", [False, True])
def test_verbal_ces_answers_mean_what_they_say_whatever_the_number_direction(
        catalog_store, reversed_numbers):
    """Strongly agree 7, Somewhat agree 5, Disagree 2 (one unanswered): the labels say
    which end is easy, so the option for reversed numbers does not flip them."""
    result = run(catalog_store, "qualtrics_ces_choice_text.csv", "ces",
                 ces_reversed=reversed_numbers)
    assert (result.preset, result.rows_imported, result.rows_skipped) == ("qualtrics", 3, 1)
    assert kpi(catalog_store)["ces"] == {"n": 3, "mean": pytest.approx(14 / 3),
                                         "easy_pct": pytest.approx(200 / 3)}
