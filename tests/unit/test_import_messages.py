"""Import problems and notes: codes with parameters, texts in two languages and two
surfaces, plurals right."""

import pytest

from data.ingest.messages import MESSAGES, render
from data.ingest.problems import Note, Problem, Problems


def test_plurals_are_right_in_both_languages():
    assert render("more", {"n": 1}, "en") == "… and 1 more problem"
    assert render("more", {"n": 2}, "en") == "… and 2 more problems"
    assert render("more", {"n": 1}, "de") == "… und 1 weiteres Problem"
    assert render("more", {"n": 3}, "de") == "… und 3 weitere Probleme"
    assert render("note.skipped_invalid", {"n": 1}, "de", "page") == \
        "1 ungültige Zeile ausgelassen („ungültige Zeilen auslassen“)"


def test_the_cli_names_flags_and_the_page_names_its_controls():
    cli = render("column.no_date", {}, "en", "cli")
    page = render("column.no_date", {}, "en", "page")
    assert "--map date=COLUMN" in cli and "--date" in cli
    assert "--" not in page and "the date field" in page
    german = Problem.of("file.already_imported", batch=3, when="2026-12-01 10:00")
    assert "--allow-duplicate" in german.message
    assert "--" not in german.render("de", "page") and "erneut importieren" in \
        german.render("de", "page")


def test_the_skipped_pages_are_summed_with_thousands():
    note = Note("note.not_touchpoint", n=312, sessions=18400)
    assert str(note).startswith("312 rows, 18,400 sessions on pages that are no touchpoint")
    assert note.render("de").startswith("312 Zeilen, 18.400 Sitzungen auf Seiten")
    assert note.as_dict()["code"] == "note.not_touchpoint"


def test_problems_keep_row_column_message_and_add_code_and_params():
    problems = Problems()
    problems.add(4, "score", code="number.not_number", value="'elf'")
    problems.add(None, None, "Something a reader guard says")
    second, first = problems.listing()  # file-level problems first
    assert first.as_dict() == {"row": 4, "column": "score", "message": "'elf' is not a number",
                               "code": "number.not_number", "params": {"value": "'elf'"}}
    assert (second.code, second.message) == ("text", "Something a reader guard says")
    assert second.render("de") == "Something a reader guard says"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_both_languages_without_leftover_placeholders(code):
    english, german = MESSAGES[code]
    assert english and german
    for lang in ("en", "de"):
        for surface in ("cli", "page"):
            text = render(code, {}, lang, surface)
            assert "[" not in text.replace("[A", ""), text  # every control is named
