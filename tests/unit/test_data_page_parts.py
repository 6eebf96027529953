"""The Data page's pieces without a browser: stale dropdowns never crash the callbacks,
counts say what was skipped and why, plurals are right, and a history names who undid."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from callbacks.data_page import _aliases, _mapping, _page_mapping
from dashboard.i18n import tn
from data.ingest import ImportResult, Problem
from layouts import data_page, ids


def text(component) -> str:
    """All the text of a component tree."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text(c) for c in component)
    return text(getattr(component, "children", None))


def test_stale_or_removed_dropdowns_are_ignored_not_a_type_error():
    ids_ = [ids.map_field("date"), None, {"type": "x"}, ids.map_field("score")]
    assert _mapping(["Datum", "x", "y", None], ids_) == {"date": "Datum", "score": ""}
    assert _aliases(["tarifseite", "x"], [None, ids.alias_label("touchpoint", "TP")]) == {
        "touchpoint": {"TP": "x"}}


def test_a_new_file_or_a_catalog_takes_the_proposal_not_the_last_dropdowns():
    values, id_list = ["Datum"], [ids.map_field("date")]
    assert _page_mapping("nps", values, id_list, {ids.DATA_UPLOAD}) == {}
    assert _page_mapping("catalog", values, id_list, {ids.DATA_RECHECK}) == {}
    assert _page_mapping("nps", values, id_list, {ids.DATA_RECHECK}) == {"date": "Datum"}


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "1 problem – the file is not imported until it is fixed:",
     "2 problems – the file is not imported until they are fixed:"),
    ("de", "1 Problem – die Datei wird erst importiert, wenn es behoben ist:",
     "2 Probleme – die Datei wird erst importiert, wenn sie behoben sind:"),
])
def test_plurals(lang, one, two):
    assert tn("data.rejected", lang, 1) == one and tn("data.rejected", lang, 2) == two


def test_one_problem_is_said_in_the_singular_on_the_page():
    result = ImportResult(errors=[Problem(3, None, "has 3 fields, the header has 2")],
                          error_total=1)
    assert "1 problem – " in text(data_page.check(result, {}, "en"))
    assert "1 Problem – " in text(data_page.check(result, {}, "de"))


def test_a_file_that_would_write_nothing_is_never_ready_in_green():
    body = data_page.check(ImportResult(rows_imported=0, rows_duplicate=3, rows_skipped=3),
                           {}, "en")
    assert "Ready" not in text(body) and "Nothing to import" in text(body)
    assert "3 already stored" in text(body)


def test_the_skipped_count_is_split_into_unanswered_invalid_and_stored():
    result = ImportResult(batch_id=7, rows_imported=10, rows_skipped=9, rows_unanswered=2,
                          rows_invalid=3, rows_duplicate=4)
    assert result.as_dict()["rows_skipped"] == 9
    assert {k: result.as_dict()[k] for k in ("rows_unanswered", "rows_invalid",
                                             "rows_duplicate", "rows_skipped_other")} == {
        "rows_unanswered": 2, "rows_invalid": 3, "rows_duplicate": 4, "rows_skipped_other": 0}
    badges = text(data_page.check(result, {}, "en"))
    assert "2 without answer" in badges and "3 invalid" in badges and "4 already stored" in badges
    banner = text(data_page.result_message(result, "en"))
    assert banner == ("Imported 10 rows as batch 7 (9 skipped). Skipped: 2 without answer, "
                      "3 invalid, 4 already stored.")


def test_the_history_names_who_undid_a_batch_and_when():
    batches = pd.DataFrame([
        {"id": 2, "created_at": dt.datetime(2026, 3, 2, 9, 0), "created_by": "analyst",
         "file_name": "nps.csv", "kind": "nps", "rows_imported": 1, "rows_skipped": 0,
         "status": "undone", "undone_by": "admin", "undone_at": dt.datetime(2026, 3, 3, 14, 5)},
        {"id": 1, "created_at": dt.datetime(2026, 3, 1, 9, 0), "created_by": "analyst",
         "file_name": "a.csv", "kind": "nps", "rows_imported": 1, "rows_skipped": 0,
         "status": "committed", "undone_by": None, "undone_at": None},
    ])
    shown = text(data_page.history(batches, "en"))
    assert "undone by admin on 2026-03-03 14:05" in shown and "imported" in shown
    assert "rückgängig gemacht von admin am 2026-03-03 14:05" in text(
        data_page.history(batches, "de"))
