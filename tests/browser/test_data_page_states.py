"""The Data page as a new analyst tries it: one file after another, a wrong kind, a broken
file, then the next action; never a server error, and each new file starts clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from support import sign_in, wait_until

from layouts import ids

CANONICAL = Path(__file__).parent.parent / "fixtures" / "canonical"


@pytest.fixture
def statuses(catalog_app):
    """Record the status of every callback request the page makes."""
    seen: list[tuple[int, str]] = []

    @catalog_app.server.after_request
    def remember(response):
        from flask import request

        if request.path.startswith("/_dash-update-component"):
            seen.append((response.status_code, response.get_data(as_text=True)[:300]
                         if response.status_code >= 500 else ""))
        return response

    return seen


def _open(dash_duo, app):
    sign_in(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_text_to_equal("h1", "Data imports", timeout=20)


def _kind(dash_duo, label: str):
    dash_duo.driver.find_element(By.XPATH, f"//label[normalize-space()='{label}']").click()


def _upload(dash_duo, path: Path):
    dash_duo.find_element(f"#{ids.DATA_FILE_INPUT}").click()
    dash_duo.driver.find_element(By.ID, "data-file-picker").send_keys(str(path))
    wait_until(dash_duo, lambda: path.name in dash_duo.find_element(f"#{ids.DATA_FILE_INFO}").text)


def _check_text(dash_duo) -> str:
    return dash_duo.find_element(f"#{ids.DATA_CHECK}").text


def _settled(dash_duo, statuses, count: int):
    """Wait until at least count more callback requests have answered, then a moment."""
    wait_until(dash_duo, lambda: len(statuses) >= count)
    dash_duo.wait_for_no_elements("._dash-loading", timeout=20)


def _no_server_errors(statuses):
    assert [s for s in statuses if s[0] >= 500] == []


def test_audits_then_the_catalog_then_check_again(dash_duo, catalog_app, statuses):
    _open(dash_duo, catalog_app)
    _kind(dash_duo, "Audits")
    _upload(dash_duo, CANONICAL / "audit.csv")
    wait_until(dash_duo, lambda: "rows to import" in _check_text(dash_duo))
    _kind(dash_duo, "Catalog")
    _upload(dash_duo, CANONICAL / "catalog.xlsx")
    wait_until(dash_duo, lambda: "rows to import" in _check_text(dash_duo)
               or "not an .xlsx" in _check_text(dash_duo))
    assert "not an .xlsx" not in _check_text(dash_duo)
    dash_duo.find_element(f"#{ids.DATA_RECHECK}").click()
    n = len(statuses)
    _settled(dash_duo, statuses, n + 1)
    assert "rows to import" in _check_text(dash_duo)
    _no_server_errors(statuses)


def _skip_invalid_box(dash_duo):
    return dash_duo.driver.find_elements(By.XPATH, f"//*[@id='{ids.DATA_OPTIONS}']//input")[0]


def _recheck(dash_duo, statuses):
    n = len(statuses)
    dash_duo.find_element(f"#{ids.DATA_RECHECK}").click()
    _settled(dash_duo, statuses, n + 1)


@pytest.mark.parametrize("broken", ["png", "ragged"])
def test_a_broken_file_then_the_next_action_then_the_next_file(dash_duo, catalog_app, statuses,
                                                                tmp_path, broken):
    if broken == "png":
        path = tmp_path / "picture.csv"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
        expected = "not a text (CSV)"
    else:
        path, expected = CANONICAL / "nps_ragged.csv", "has 3 fields"
    _open(dash_duo, catalog_app)
    _upload(dash_duo, path)
    wait_until(dash_duo, lambda: expected in _check_text(dash_duo))
    assert "1 problem –" in _check_text(dash_duo)  # one problem, said in the singular
    _recheck(dash_duo, statuses)
    assert expected in _check_text(dash_duo)
    _kind(dash_duo, "CES")
    wait_until(dash_duo, lambda: expected in _check_text(dash_duo))
    _kind(dash_duo, "NPS")
    _recheck(dash_duo, statuses)
    # The next file starts clean: its own check, nothing of the broken one.
    _upload(dash_duo, CANONICAL / "nps.csv")
    wait_until(dash_duo, lambda: "Ready:" in _check_text(dash_duo))
    assert expected not in _check_text(dash_duo)
    assert not dash_duo.find_element(f"#{ids.DATA_CONFIRM}").get_attribute("disabled")
    _no_server_errors(statuses)


def test_each_new_file_starts_from_a_clean_state(dash_duo, catalog_app, statuses):
    _open(dash_duo, catalog_app)
    # The last file was imported with "skip invalid": a banner, and the tick set.
    _upload(dash_duo, CANONICAL / "nps_bad.csv")
    wait_until(dash_duo, lambda: "5 problems" in _check_text(dash_duo))
    dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., 'Import the valid rows')]").click()
    wait_until(dash_duo, lambda: "Ready: 1 row can be imported" in _check_text(dash_duo))
    dash_duo.find_element(f"#{ids.DATA_CONFIRM}").click()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_RESULT}", "Imported 1 row as batch 2")
    assert "4 invalid" in dash_duo.find_element(f"#{ids.DATA_RESULT}").text
    # The next file, with errors: none of the last import's state shows.
    _upload(dash_duo, CANONICAL / "nps_ragged.csv")
    wait_until(dash_duo, lambda: "has 3 fields" in _check_text(dash_duo))
    assert dash_duo.find_element(f"#{ids.DATA_RESULT}").text == ""
    assert not _skip_invalid_box(dash_duo).is_selected()
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".data-ready") == []
    assert dash_duo.find_element(f"#{ids.DATA_CONFIRM}").get_attribute("disabled")
    # A file with no row to write is never "Ready" in green.
    _upload(dash_duo, CANONICAL / "nps.csv")
    wait_until(dash_duo, lambda: "Ready:" in _check_text(dash_duo))
    dash_duo.find_element(f"#{ids.DATA_CONFIRM}").click()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_RESULT}", "as batch 3")
    _upload(dash_duo, CANONICAL / "nps.csv")  # the same responses again: all already stored
    # A file that would write no row is refused with that reason, never a green "Ready".
    wait_until(dash_duo, lambda: "No row would be written" in _check_text(dash_duo))
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".data-ready") == []
    assert dash_duo.find_element(f"#{ids.DATA_CONFIRM}").get_attribute("disabled")
    _no_server_errors(statuses)


def test_the_history_says_who_undid_a_batch_and_when(dash_duo, catalog_app, statuses):
    _open(dash_duo, catalog_app)
    _upload(dash_duo, CANONICAL / "nps.csv")
    wait_until(dash_duo, lambda: "Ready:" in _check_text(dash_duo))
    dash_duo.find_element(f"#{ids.DATA_CONFIRM}").click()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_HISTORY}", "nps.csv")
    dash_duo.driver.find_element(By.XPATH, "//button[normalize-space()='Undo']").click()
    wait_until(dash_duo, lambda: dash_duo.driver.switch_to.alert is not None)
    dash_duo.driver.switch_to.alert.accept()
    dash_duo.wait_for_contains_text(f"#{ids.DATA_HISTORY}", "undone by analyst on 20")
    _no_server_errors(statuses)
