"""Every UI string exists in German and English; formatting follows the language."""

import datetime as dt
import re
from pathlib import Path

from dashboard.i18n import TEXTS, count, date, negotiate, number, t

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_text_has_german_and_english():
    missing = [key for key, entry in TEXTS.items() if "de" not in entry or "en" not in entry
               or bool(entry["de"]) != bool(entry["en"])]
    assert missing == []


def test_every_key_used_in_the_code_is_translated():
    used = set()
    for path in [*ROOT.glob("layouts/*.py"), *ROOT.glob("callbacks/*.py"),
                 *ROOT.glob("dashboard/*.py")]:
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]+)"', path.read_text()))
    assert sorted(k for k in used if k not in TEXTS) == []


def test_numbers_and_dates_follow_the_language():
    assert number(1234.5, "de") == "1\u2009234,5"
    assert number(1234.5, "en") == "1\u2009234.5"
    assert number(-2.0, "en", signed=True) == "−2.0"
    assert number(float("nan"), "de") == "–"
    assert count(7601, "en") == "7\u2009601"
    assert date(dt.date(2026, 3, 2), "de") == "02.03.2026"
    assert date(dt.date(2026, 3, 2), "en") == "2 Mar 2026"


def test_language_from_the_browser():
    assert negotiate("de-DE,de;q=0.9,en;q=0.8") == "de"
    assert negotiate("fr-FR,en;q=0.5,de;q=0.4") == "en"
    assert negotiate("fr") == "en" and negotiate(None) == "en"


def test_placeholders_are_filled():
    assert t("kpi.n_responses", "de", n="12") == "n = 12 Antworten"
    assert t("no.such.key", "en") == "no.such.key"


def test_import_problems_read_in_german_on_the_data_page():
    """The problems validation writes carry codes; the page renders German from them."""
    import pandas as pd

    from dashboard.i18n import import_text, problem
    from data.ingest import validate as v
    from data.ingest.problems import Note, Problem, Problems

    problems = Problems()
    cells = pd.Series(["elf", "7.5", "12"], index=[2, 3, 4])
    v.parse_number(cells, "score", problems, integer=True, low=0, high=10)
    v.parse_date(pd.Series(["31.02.2026"], index=[5]), "date", problems)
    v.resolve_reference(pd.Series(["Nirgendwo"], index=[6]), "journey", problems,
                        {"vertrag": "vertrag"}, "journey")
    v.parse_bool(pd.Series(["vielleicht"], index=[7]), "pain_point", problems)
    assert [p.code for p in problems.items] == [
        "number.not_number", "number.not_whole", "number.not_between", "date.not_date",
        "reference.unknown", "bool.not_bool"]
    german = [problem(p, "de") for p in problems.items]
    assert german == [
        "Zeile 2, Spalte score: 'elf' ist keine Zahl",
        "Zeile 3, Spalte score: '7.5' ist keine ganze Zahl",
        "Zeile 4, Spalte score: '12' liegt nicht zwischen 0 und 10",
        "Zeile 5, Spalte date: '31.02.2026' ist kein Datum (erwartet: JJJJ-MM-TT, TT.MM.JJJJ, "
        "MM/TT/JJJJ oder JJJJMMTT)",
        "Zeile 6, Spalte journey: 'Nirgendwo' ist im Katalog nicht als Journey bekannt",
        "Zeile 7, Spalte pain_point: 'vielleicht' ist nicht ja/nein (1/0, true/false, ja/nein)",
    ]
    assert problem(problems.items[0], "en") == "row 2, column score: 'elf' is not a number"
    assert str(problems.items[0]) == "row 2, column score: 'elf' is not a number"
    assert problem(Problem.of("column.missing", 1, "date"), "de") == \
        "Zeile 1, Spalte date: Pflichtspalte fehlt"
    assert import_text(Note("note.skipped_totals", n=3), "de") == "3 Summenzeilen übersprungen"
    assert import_text(Note("note.skipped_totals", n=1), "de") == "1 Summenzeile übersprungen"
    assert import_text("Something nobody foresaw", "de") == "Something nobody foresaw"
