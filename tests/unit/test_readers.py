"""The text reader: Arrow's fast parser for regular files, pandas' for the rest, and the
same cells and row numbers either way."""

from __future__ import annotations

import pytest

from data.ingest import readers
from data.ingest.problems import RejectedFile


def read(text: str, header_rows: int = 1, encoding: str = "utf-8"):
    return readers.read_text(text.encode(encoding), header_rows)


def test_a_regular_file_keeps_every_cell_as_text(monkeypatch):
    table = read('date,score,comment\n2026-01-05, 9 ,"Gut, danke"\n2026-01-06,007,"a ""b"""\n')
    assert list(table.frame.columns) == ["date", "score", "comment"]
    assert table.frame.loc[2].tolist() == ["2026-01-05", "9", "Gut, danke"]
    assert table.frame.loc[3].tolist() == ["2026-01-06", "007", 'a "b"']  # no number parsing


@pytest.mark.parametrize("text", [
    "a,b,c\n1,2,3\n\n4,5\n6,7,8\n",         # a blank line and a short row
    "# Export\n# from tool\na;b;c\n1;2;3\n4;5;6\n\n",  # preamble, semicolons, trailing blank
    'a,b\n1,"two\nlines"\n3,4\n',            # a line break inside quotes
    "a,b\r1,2\r3,4\r",                       # old Mac line ends
    "a;b\n\u00a01\u00a0;\u2003x\t\n  ;  \n\u00a0;\u00a0\n3;4\n",  # Unicode spaces, blank rows
])
def test_fast_and_pandas_parsers_give_the_same_table(monkeypatch, text):
    fast = read(text)
    monkeypatch.setattr(readers, "_fast_grid", lambda body, delimiter: None)
    slow = read(text)
    assert fast.frame.equals(slow.frame)
    assert list(fast.frame.index) == list(slow.frame.index)
    assert fast.header_rows == slow.header_rows and fast.delimiter == slow.delimiter


def test_rows_are_numbered_as_in_the_file():
    table = read("# preamble\n\nid,score\n1,9\n\n2,3\n")
    # header on line 3; data on lines 4 and 6 (the blank line 5 is no data)
    assert list(table.frame.index) == [4, 6]
    assert table.frame["score"].tolist() == ["9", "3"]


def test_a_row_wider_than_the_header_is_refused_with_its_number():
    with pytest.raises(RejectedFile) as refused:
        read("a,b\n1,2\n3,4,5\n")
    assert [(p.row, "3 fields" in p.message) for p in refused.value.problems] == [(3, True)]


def test_more_header_rows_reuse_the_first_read():
    table = read("id,q1\nRespondent,How likely?\n{ImportId},{ImportId}\nR1,9\nR2,10\n")
    again = table.with_header_rows(3)
    direct = read("id,q1\nRespondent,How likely?\n{ImportId},{ImportId}\nR1,9\nR2,10\n", 3)
    assert again.header_rows == direct.header_rows
    assert again.frame.equals(direct.frame) and list(again.frame.index) == [4, 5]


def test_more_header_rows_after_a_blank_line_read_the_file_again():
    table = read("id,q1\n\nRespondent,How likely?\nR1,9\n")
    assert table.with_header_rows(2) is None


def test_windows_1252_text_is_read():
    table = read("name;score\nMüller;8\n", encoding="cp1252")
    assert table.frame["name"].tolist() == ["Müller"] and table.encoding == "cp1252"
