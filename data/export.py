"""Tables out as CSV (international or German Excel) and XLSX, safe to open in a spreadsheet.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading apostrophe, so they show as text. Real
numbers, and text that is just a number such as ``-3.5``, stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Return value unchanged unless it is text a spreadsheet would treat as a formula
    (leading spaces and line breaks do not hide a formula from it)."""
    if isinstance(value, str) and value.lstrip(" \n\r\t").startswith(FORMULA_START) \
            and not PLAIN_NUMBER.match(value.strip()):
        return "'" + value
    return value


def one_line(text: str) -> str:
    """Text for a '#' line: every line break and control character a space, so a value
    (a filter from the URL) can never start a line, or a row, of its own."""
    return CONTROL.sub(" ", str(text))


def _cells(frame: pd.DataFrame, neutral=neutralise) -> list[list]:
    rows = []
    for record in frame.itertuples(index=False):
        row = []
        for value in record:
            if value is None or (isinstance(value, float) and math.isnan(value)) \
                    or value is pd.NA or value is pd.NaT:
                row.append(None)
            elif isinstance(value, pd.Timestamp):
                row.append(value.to_pydatetime())
            elif hasattr(value, "item") and not isinstance(value, str):
                row.append(value.item())  # numpy scalar
            elif isinstance(value, (list, tuple, dict, set)):
                row.append(neutral(str(value)))
            else:
                row.append(neutral(value))
        rows.append(row)
    return rows


def _about(meta: dict[str, str]) -> list[tuple[str, str]]:
    exported = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return [(str(k), str(v)) for k, v in meta.items()] + [("exported", exported)]


def to_csv(frame: pd.DataFrame, meta: dict[str, str] | None = None,
           german: bool = False) -> bytes:
    """CSV with the export's description (filters, time) in '#' lines above the table.

    ``german``: semicolons and decimal commas, as Excel expects in a German locale. UTF-8
    with a byte-order mark, so Excel reads umlauts right.
    """
    sep = ";" if german else ","
    buffer = io.StringIO()
    for key, value in _about(meta or {}):
        line = f"# {neutralise(one_line(key))}: {neutralise(one_line(value))}"
        buffer.write(line.replace(sep, " ") + "\n")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in _cells(frame):
        writer.writerow([_csv_value(v, german) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value, german: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        text = repr(round(value, 6)) if value != int(value) or abs(value) > 1e15 else str(int(value))
        return text.replace(".", ",") if german else text
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() \
            else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_xlsx(sheets: dict[str, pd.DataFrame], meta: dict[str, str] | None = None,
            literal: bool = False) -> bytes:
    """An .xlsx workbook: one sheet per table, then an 'About' sheet with filters and time.

    ``literal``: text that a spreadsheet would run keeps its exact value, as a text cell
    with Excel's quote prefix (shown as text, read back unchanged: a workbook that is
    imported again) instead of a leading apostrophe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(_sheet_name(name))
        sheet.append([neutralise(str(c)) for c in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in _cells(frame, (lambda value: value) if literal else neutralise):
            sheet.append(row)
            if literal:
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, str) and neutralise(cell.value) != cell.value:
                        cell.data_type, cell.quotePrefix = "s", True
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    about = book.create_sheet("About")
    for key, value in _about(meta or {}):
        about.append([neutralise(one_line(key)), neutralise(one_line(value))])
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip() or "Data"
    return cleaned[:31]
