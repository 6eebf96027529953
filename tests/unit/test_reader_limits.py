"""Hostile text files are refused early with a row and a reason: too wide, too long a line,
too many cells, an unclosed quote; a file mixing UTF-8 and Windows-1252 lines reads right."""

from __future__ import annotations

import time

import pytest

from data.ingest import readers
from data.ingest.problems import RejectedFile


def refusal(content: bytes):
    with pytest.raises(RejectedFile) as caught:
        readers.read_text(content)
    return caught.value.problems[0]


def test_a_million_column_header_is_refused_within_a_second():
    # The attack's file: 7.9 MB, one header line of 1,000,000 columns, one data row.
    content = b"date,score," + b",".join(b"q%06d" % i for i in range(999_998)) + b"\n1,2\n"
    started = time.perf_counter()
    problem = refusal(content)
    assert time.perf_counter() - started < 1.0
    assert problem.row == 1 and "MB long" in problem.message


def test_a_header_wider_than_the_limit_is_refused_with_its_count():
    content = ",".join(f"c{i}" for i in range(readers.MAX_COLUMNS + 1)).encode() + b"\n1\n"
    started = time.perf_counter()
    problem = refusal(content)
    assert time.perf_counter() - started < 1.0
    assert problem.row == 1 and f"{readers.MAX_COLUMNS + 1:,} columns" in problem.message


def test_quoted_delimiters_do_not_count_as_columns():
    header = ",".join(['"a,b"'] * (readers.MAX_COLUMNS - 1))
    table = readers.read_text((header + "\n" + ",".join(["1"] * (readers.MAX_COLUMNS - 1))
                               + "\n").encode())
    assert len(table.frame.columns) == readers.MAX_COLUMNS - 1


def test_too_many_cells_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 1000)
    problem = refusal(b"a,b,c,d\n" + b"1,2,3,4\n" * 300)
    assert "cells" in problem.message and "1,000" in problem.message


def test_a_line_longer_than_the_limit_is_refused_with_its_row():
    problem = refusal(b"date,score,comment\n2026-03-02,9,ok\n2026-03-02,9,"
                      + b"x" * (readers.MAX_LINE_BYTES + 1) + b"\n")
    assert problem.row == 3 and "MB long" in problem.message


def test_an_unclosed_quote_is_reported_with_the_row_it_starts_in():
    rows = b"".join(b"2026-03-02,9,R%d,fine\n" % i for i in range(4, 20_000))
    problem = refusal(b"date,score,response_id,comment\n2026-03-02,9,R1,ok\n"
                      b'2026-03-02,9,R2,"unclosed\n' + rows)
    assert problem.row == 3 and "never closed" in problem.message


@pytest.mark.parametrize("text", [
    'a,b\n1,"closed ""quote"" and, comma"\n2,x\n',
    'a,b\n1,5" screen\n2,"x"\n3,"y"\n',   # an odd count of quotes, all inside plain cells
    'a,b\n1,"ab"c\n2,"x\n"\n',             # text after a closing quote, a closed multi-line cell
])
def test_closed_quotes_and_stray_quotes_are_not_refused(text):
    assert len(readers.read_text(text.encode()).frame) >= 2


def test_a_cell_longer_than_excel_allows_is_refused_with_row_and_column():
    long = "word " * (readers.MAX_CELL_CHARS // 5 + 10)
    problem = refusal(f'a,comment\n1,ok\n2,"{long}\n{long}"\n'.encode())
    assert (problem.row, problem.column) == (3, "comment") and "32,767" in problem.message


def test_a_file_mixing_utf8_and_windows_1252_lines_is_decoded_per_line():
    content = ("date,score,comment\n2026-03-02,9,Grüße aus Köln\n".encode()
               + "2026-03-03,8,Grüße aus Köln\n".encode("cp1252")
               + "2026-03-04,7,€ 5 – günstig\n".encode())
    table = readers.read_text(content)
    assert table.frame["comment"].tolist() == ["Grüße aus Köln"] * 2 + ["€ 5 – günstig"]
    assert table.encoding == readers.MIXED_ENCODING


def test_a_windows_1252_file_is_still_read_as_one():
    table = readers.read_text("date,comment\n2026-03-02,Grüße\n".encode("cp1252"))
    assert table.encoding == "cp1252" and table.frame["comment"].tolist() == ["Grüße"]


def test_the_refusals_read_in_german_on_the_data_page():
    from dashboard.i18n import import_text

    problems = [refusal(b"a,b\n1,2\n" + b"x" * (readers.MAX_LINE_BYTES + 1)),
                refusal(",".join(["c"] * (readers.MAX_COLUMNS + 1)).encode()),
                refusal(b'a,b\n1,"open\n2,3\n')]
    german = [import_text(p, "de") for p in problems]
    assert german[0].startswith("diese Zeile ist 1.0 MB lang")
    assert german[1] == "Die Kopfzeile hat 5.001 Spalten; erlaubt sind 5.000."
    assert german[2].startswith("Ein Feld in Anführungszeichen")
