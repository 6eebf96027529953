"""Exports as real tools write them (fixtures in tests/fixtures/exports, written after the
vendors' formats): detection, dates, numbers, verbal answers, web rows, honest previews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import cli
from data import schema
from data.ingest import ImportOptions, import_file, prepare
from data.queries import Filters

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPORTS = FIXTURES / "exports"


@pytest.fixture
def cat(store):
    assert import_file(store, (FIXTURES / "canonical" / "catalog.xlsx").read_bytes(),
                       "catalog").ok
    return store


def check(store, name, kind, **options):
    return prepare(store, (EXPORTS / name).read_bytes(), kind, file_name=name,
                   options=ImportOptions(**options))


def load(store, name, kind, **options):
    result = import_file(store, (EXPORTS / name).read_bytes(), kind, file_name=name,
                         options=ImportOptions(**options))
    assert result.ok, [str(e) for e in result.errors]
    return result


def codes(result):
    return [getattr(n, "code", "text") for n in result.notes]


def kpi(store, **filters):
    return cli.kpi_summary(store, Filters.of(**filters))


@pytest.mark.parametrize(("name", "kind", "options", "preset", "rows"), [
    ("qualtrics_legacy_csat.csv", "csat", {"mapping": {"score": "Q1"}}, "qualtrics-legacy", 2),
    ("qualtrics_2016_ces.csv", "ces", {"mapping": {"score": "Q5_1"}}, "qualtrics", 3),
    ("googleforms_us_ces.csv", "ces", {}, "googleforms", 4),
    ("googleforms_de_csat.csv", "csat", {}, "googleforms", 3),
    ("msforms_nps.xlsx", "nps", {}, "msforms", 3),
    ("alchemer_nps.csv", "nps", {}, "alchemer", 3),
    ("delighted_nps.csv", "nps", {}, "delighted", 3),
    ("hotjar_csat.csv", "csat", {}, "hotjar", 3),
    ("zendesk_csat.csv", "csat", {}, "zendesk", 3),
])
def test_each_tool_is_detected_and_read_without_help(cat, name, kind, options, preset, rows):
    result = check(cat, name, kind, **options)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.preset, result.rows_imported) == (preset, rows)


def test_qualtrics_legacy_takes_names_from_the_label_row(cat):
    result = check(cat, "qualtrics_legacy_csat.csv", "csat", mapping={"score": "Q1"})
    assert result.mapping["date"] == "EndDate" and result.mapping["response_id"] == "ResponseID"
    assert list(result.frame["score"]) == [5, 2]  # the label row is no answer, the preview out


def test_google_forms_us_timestamps_with_seconds_and_verbal_ease(cat):
    result = check(cat, "googleforms_us_ces.csv", "ces")
    assert list(result.frame["date"]) == [dt.date(2026, 3, d) for d in (2, 2, 13, 15)]
    assert list(result.frame["score"]) == [7, 5, 3, 1]  # "Don't know" is no answer
    assert result.rows_unanswered == 1


def test_german_google_forms_date_and_satisfaction_column(cat):
    result = check(cat, "googleforms_de_csat.csv", "csat")
    assert result.mapping["date"] == "Zeitstempel"
    assert result.mapping["score"] == "Wie zufrieden bist Du mit unserem Service?"
    assert result.frame["date"].iloc[2] == dt.date(2026, 3, 13)


def test_a_yes_no_column_is_never_the_score(cat):
    result = check(cat, "surveymonkey_yes_no_nps.csv", "nps", default_date="2026-03-01")
    assert result.mapping["score"] == "Likely-To-Recommend"
    assert result.rows_imported == 4 and "Recommended" not in result.candidates


def test_the_other_score_candidates_are_listed(cat):
    result = check(cat, "qualtrics_2016_ces.csv", "ces")
    assert result.candidates == ["Q5_2"] and "note.score_candidates" in codes(result)


def test_neutral_midpoint_and_an_unknown_wording_listed_once_then_mapped(cat):
    refused = check(cat, "limesurvey_agree_ces.csv", "ces", mapping={"score": "#5"})
    assert [e.code for e in refused.errors] == ["score.unknown_wording"]
    assert refused.errors[0].params == {"value": "'Kind of'", "n": 2}
    assert refused.unknown_wordings == {"Kind of": 2}
    skipped = check(cat, "limesurvey_agree_ces.csv", "ces", mapping={"score": "#5"},
                    skip_invalid=True)
    assert (skipped.rows_imported, skipped.rows_invalid) == (4, 2)
    assert list(skipped.frame["score"]) == [7, 4, 3, 6]  # "Neither agree or disagree" = 4
    load(cat, "limesurvey_agree_ces.csv", "ces", mapping={"score": "#5"},
         answers={"Kind of": "5"}, source="lime")
    # remembered with the saved source: next week's file needs no --answer
    again = prepare(cat, (EXPORTS / "limesurvey_agree_ces.csv").read_bytes().replace(
        b"\n1,", b"\n11,"), "ces", options=ImportOptions(source="lime"))
    assert again.ok, [str(e) for e in again.errors]


def test_ga4_report_period_end_non_touchpoint_pages_and_more_tables(cat):
    result = load(cat, "ga4_pages_report.csv", "web", mapping={"sessions": "Views"})
    assert result.preset == "ga4" and result.rows_imported == 2
    assert set(result.frame["date"]) == {dt.date(2026, 3, 31)}
    assert {"note.more_tables", "note.period_end", "note.not_touchpoint"} <= set(codes(result))
    skipped = next(n for n in result.notes if getattr(n, "code", "") == "note.not_touchpoint")
    assert skipped.params == {"n": 2, "sessions": 200}
    assert kpi(cat)["web"]["sessions"] == 2100 and kpi(cat)["web"]["conversions"] == 75


def test_ga4_exploration_day_first_dates_without_conversions(cat):
    result = check(cat, "ga4_exploration_channels.csv", "web", mapping={
        "touchpoint": "Session primary channel group (Default channel group)"},
        aliases={"touchpoint": {"Direct": "tarifseite", "Organic Search": "hotline"}})
    assert result.ok and list(result.frame["conversions"]) == [0, 0, 0]
    assert result.frame["date"].iloc[0] == dt.date(2026, 3, 16) and result.date_order == \
        "day-first"


def test_dutch_ua_thousands_decimal_commas_total_row_second_table(cat):
    result = check(cat, "ua_nl_browser.csv", "web", mapping={"touchpoint": "Browser"},
                   default_date="2026-03-31")
    assert result.preset == "ua" and list(result.frame["sessions"]) == [2546, 449]
    assert list(result.frame["bounces"]) == [2189, 260]  # 85,98 % of 2.546
    assert {"note.more_tables", "note.skipped_totals"} <= set(codes(result))


def test_matomo_week_ranges_are_dated_at_the_period_end(cat):
    result = check(cat, "matomo_week.csv", "web",
                   mapping={"touchpoint": "label", "conversions": "nb_interactions"})
    assert list(result.frame["date"]) == [dt.date(2026, 3, 8)] * 2 + [dt.date(2026, 3, 15)]
    assert "note.range_end" in codes(result)


def test_matomo_flattened_parents_are_not_counted_twice(cat):
    load(cat, "matomo_de_flat.csv", "web", default_date="2026-03-02",
         mapping={"touchpoint": "Bezeichnung", "conversions": "Inhaltsinteraktionen"},
         aliases={"touchpoint": {"Tarifrechner": "tarifseite"}})
    web = kpi(cat)["web"]
    assert (web["sessions"], web["conversions"]) == (16, 7)


def test_audit_half_points_are_stored_and_summed_as_decimals(cat):
    load(cat, "excel_de_audit_half_points.csv", "audit")
    with cat.connect() as conn:
        scores = sorted(r[0] for r in conn.execute(sa.select(schema.audit_scores.c.score)))
        total = conn.execute(sa.select(sa.func.sum(schema.audit_daily.c.total))).scalar()
    assert scores == [6.5, 7.0, 8.5] and float(total) == 22.0


def test_a_decimal_point_in_a_semicolon_file_is_not_a_thousands_mark(cat):
    result = check(cat, "semicolon_decimal_point_audit.csv", "audit")
    assert list(result.frame["score"]) == [4.5, 7.5]


def test_day_first_is_decided_per_column_and_can_be_flipped(cat):
    uk = check(cat, "uk_dates_nps.csv", "nps")
    assert uk.frame["date"].iloc[0] == dt.date(2026, 4, 3) and uk.date_order == "day-first"
    ambiguous = check(cat, "ambiguous_dates_nps.csv", "nps")
    assert ambiguous.frame["date"].iloc[0] == dt.date(2026, 3, 4)
    order = next(n for n in ambiguous.notes if getattr(n, "code", "") == "note.date_order")
    assert order.params["reason_en"].startswith("no value decides")
    flipped = check(cat, "ambiguous_dates_nps.csv", "nps", day_first=True)
    assert flipped.frame["date"].iloc[0] == dt.date(2026, 4, 3)


def test_time_zones_keep_the_local_calendar_date(cat):
    result = check(cat, "delighted_nps.csv", "nps")
    assert result.frame["date"].iloc[1] == dt.date(2026, 3, 2)  # 23:50 at -05:00
    assert "note.timezone" in codes(result)


def test_an_on_site_survey_links_its_page_to_the_touchpoint(cat):
    result = check(cat, "hotjar_csat.csv", "csat")
    assert list(result.frame["touchpoint_key"].fillna("-")) == ["tarifseite", "bestellung", "-"]


def test_date_given_overrides_an_unreadable_date_column(cat):
    content = b"date,score\nsoon,9\nlater,10\n"
    result = prepare(cat, content, "nps", options=ImportOptions(default_date="2026-03-01"))
    assert result.ok and set(result.frame["date"]) == {dt.date(2026, 3, 1)}


def test_the_dry_run_applies_aliases_exactly_as_the_import(cat):
    options = {"mapping": {"touchpoint": "Browser"}, "default_date": "2026-03-31",
               "aliases": {"touchpoint": {"Internet Explorer": "hotline"}}}
    preview = check(cat, "ua_nl_browser.csv", "web", **options)
    assert preview.rows_imported == 3 and "note.not_touchpoint" not in codes(preview)
    imported = load(cat, "ua_nl_browser.csv", "web", **options)
    assert imported.rows_imported == preview.rows_imported


@pytest.mark.parametrize(("content", "preset"), [
    (b"date,score\n", "auto"),
    (b"date,score\n2026-03-01,9\n", "qualtrics"),  # a forced preset that matches nothing
])
def test_nothing_to_write_is_refused_and_creates_no_batch(cat, content, preset):
    result = import_file(cat, content, "nps", options=ImportOptions(preset=preset))
    assert not result.ok and result.batch_id is None
    assert result.errors[0].code in ("file.no_rows", "file.nothing_to_write")
    with cat.connect() as conn:
        kinds = [r[0] for r in conn.execute(sa.select(schema.import_batches.c.kind))]
    assert kinds == ["catalog"]


def test_german_ua_pages_with_the_preamble_period(cat):
    result = check(cat, "ua_de_pages.csv", "web")
    assert result.preset == "ua" and result.ok, [str(e) for e in result.errors]
    assert list(result.frame["sessions"]) == [1200, 250]
    assert list(result.frame["touchpoint_key"]) == ["tarifseite", "statusseite"]
    assert set(result.frame["date"]) == {dt.date(2026, 3, 31)}  # the period's end
    assert list(result.frame["bounces"]) == [486, 150]  # 40,5 % of 1.200
