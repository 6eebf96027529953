"""Read uploaded bytes into DataFrames of strings: encodings, delimiters, workbooks.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row
is row 2. Every cell comes back as a stripped string ("" when empty), so validation
sees exactly what the file holds.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from data.ingest.problems import Problem, RejectedFile

DELIMITERS = (",", ";", "\t", "|")
XLSX_MAGIC = b"PK\x03\x04"


def decode(content: bytes) -> str:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header line into the most fields."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.fillna("").astype(str).apply(lambda col: col.str.strip())


def read_csv(content: bytes) -> pd.DataFrame:
    """Parse a delimited text file; ragged rows are reported with their row numbers."""
    text = decode(content)
    if not text.strip():
        raise RejectedFile([Problem(None, None, "The file is empty.")])
    delimiter = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError:
        raise RejectedFile(_ragged_rows(text, delimiter)) from None
    return _clean(frame)


def _ragged_rows(text: str, delimiter: str) -> list[Problem]:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(rows)
    problems = []
    for number, row in enumerate(rows, start=2):
        if row and len(row) != len(header):
            problems.append(
                Problem(
                    number,
                    None,
                    f"has {len(row)} fields, the header has {len(header)}",
                )
            )
    return problems or [Problem(None, None, "The file could not be parsed as CSV.")]


def read_workbook(content: bytes) -> dict[str, pd.DataFrame]:
    """Read every sheet of an .xlsx workbook as string frames, keyed by lower-case name."""
    try:
        sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise RejectedFile([Problem(None, None, f"Not a readable .xlsx workbook: {exc}")]) from None
    return {name.strip().lower(): _clean(frame) for name, frame in sheets.items()}


def read_table(content: bytes, file_name: str = "") -> pd.DataFrame:
    """Read a CSV file, or the first sheet of an .xlsx workbook."""
    if content.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx"):
        sheets = read_workbook(content)
        if not sheets:
            raise RejectedFile([Problem(None, None, "The workbook has no sheets.")])
        return next(iter(sheets.values()))
    return read_csv(content)
