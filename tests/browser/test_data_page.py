"""The analyst's walk in Chromium: upload, fix a mapping, confirm, see the result, undo."""

from __future__ import annotations

import json
from pathlib import Path

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids

EXPORTS = Path(__file__).parent.parent / "fixtures" / "exports"



def _by_id(dash_duo, component_id):
    key = json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return dash_duo.driver.find_element(By.XPATH, f"//*[@id='{key}']")


def _upload(dash_duo, path: Path):
    dash_duo.find_element(f"#{ids.DATA_FILE_INPUT}").click()
    picker = dash_duo.driver.find_element(By.ID, "data-file-picker")
    picker.send_keys(str(path))


def test_upload_map_confirm_and_undo(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app)
    dash_duo.driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_text_to_equal("h1", "Data imports", timeout=20)
    dash_duo.driver.find_element(By.XPATH, "//label[normalize-space()='CES']").click()
    _upload(dash_duo, EXPORTS / "sosci_ces.csv")
    # Detected format, and a mapping proposal with the touchpoint not yet found.
    dash_duo.wait_for_contains_text(f"#{ids.DATA_FILE_INFO}", "format sosci")
    dash_duo.wait_for_contains_text(f"#{ids.DATA_CHECK}", "3 rows to import")
    # The analyst maps the touchpoint column by hand.
    dash_duo.select_dcc_dropdown(_by_id(dash_duo, ids.map_field("touchpoint")),
                                 value="#8 TP01")
    wait_until(dash_duo, lambda: "bestellung" in dash_duo.find_element(f"#{ids.DATA_CHECK}").text)
    dash_duo.find_element(f"#{ids.DATA_CONFIRM}").click()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_RESULT}", "Imported 3 rows as batch 2")
    dash_duo.wait_for_contains_text(f"#{ids.DATA_HISTORY}", "sosci_ces.csv")
    # Undo, through the confirmation dialog.
    dash_duo.driver.find_element(By.XPATH, "//button[normalize-space()='Undo']").click()
    wait_until(dash_duo, lambda: dash_duo.driver.switch_to.alert is not None)
    dash_duo.driver.switch_to.alert.accept()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_RESULT}", "Batch 2 undone: 3 rows removed")
    dash_duo.wait_for_contains_text(f"#{ids.DATA_HISTORY}", "undone")
    assert console_errors(dash_duo) == []


def test_a_bad_file_shows_every_problem_and_cannot_be_imported(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app)
    dash_duo.driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_text_to_equal("h1", "Data imports", timeout=20)
    _upload(dash_duo, Path(__file__).parent.parent / "fixtures" / "canonical" / "nps_bad.csv")
    dash_duo.wait_for_contains_text(f"#{ids.DATA_CHECK}", "problems", timeout=20)
    text = dash_duo.find_element(f"#{ids.DATA_CHECK}").text
    assert "row 4, column score" in text and "'nirgendwo' is not a known journey" in text
    assert dash_duo.find_element(f"#{ids.DATA_CONFIRM}").get_attribute("disabled")
    # An unknown label can be mapped to a catalog entry right there.
    assert "nirgendwo" in dash_duo.find_element(".alias-editor").text
