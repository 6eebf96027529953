"""Read uploaded bytes into DataFrames of strings: encodings, delimiters, workbooks.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row
is row 2. Every cell comes back as a stripped string ("" when empty), so validation
sees exactly what the file holds.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from data.ingest.problems import Problem, RejectedFile

DELIMITERS = (",", ";", "\t", "|")
re_header_hash = re.compile(r'^"?#"?\s*[,;\t|]')
XLSX_MAGIC = b"PK\x03\x04"


def detect_encoding(content: bytes) -> str:
    """Name the encoding: UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(content: bytes) -> str:
    """Decode bytes in the detected encoding."""
    encoding = detect_encoding(content)
    return content.decode(encoding, errors="replace" if encoding == "cp1252" else "strict")


# Multi-byte UTF-8 characters (ü = C3 BC): in a file that is not UTF-8 as a whole they mean
# lines saved as UTF-8 beside lines saved as Windows-1252 (an export edited and appended to).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
MIXED_ENCODING = "utf-8 + cp1252 (per line)"


def decode_mixed(content: bytes) -> str | None:
    """Decode a file mixing UTF-8 and Windows-1252 lines line by line (each line as UTF-8
    when it is valid UTF-8, else as Windows-1252); None for a file that is not mixed."""
    if detect_encoding(content) != "cp1252" or not _UTF8_MULTIBYTE.search(content):
        return None
    out = []
    for line in content.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
    return "".join(out)


# How large a text file may be in each direction. A 7.9 MB header of 1,000,000 columns held
# a worker for 14 minutes and 12 GB before these limits; real exports stay far below them.
MAX_COLUMNS = 5_000
MAX_LINE_BYTES = 1 << 20
MAX_CELLS = 40_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


def _refuse(row: int | None, code: str, **params) -> RejectedFile:
    return RejectedFile([Problem.of(code, row, **params)])


def check_lines(content: bytes) -> int:
    """Refuse a file with a line longer than MAX_LINE_BYTES (before decoding or parsing
    it); return how many lines it has."""
    data = np.frombuffer(content, dtype=np.uint8)
    breaks = np.flatnonzero(data == (10 if b"\n" in content else 13))
    lengths = np.diff(breaks, prepend=-1, append=len(data)) - 1
    longest = int(lengths.argmax()) if len(lengths) else 0
    if len(lengths) and lengths[longest] > MAX_LINE_BYTES:
        raise _refuse(longest + 1, "file.line_too_long",
                      size=f"{lengths[longest] / 1024 / 1024:.1f}",
                      limit=MAX_LINE_BYTES // 1024 // 1024)
    return len(breaks) + 1


def check_width(header: str, delimiter: str, lines: int, header_row: int) -> None:
    """Refuse a header wider than MAX_COLUMNS, or more cells than MAX_CELLS in all."""
    width = header.count(delimiter) + 1
    if width > MAX_COLUMNS:  # the quick count may include quoted delimiters: count exactly
        width = len(next(csv.reader([header], delimiter=delimiter), []))
    if width > MAX_COLUMNS:
        raise _refuse(header_row, "file.too_many_columns", width=width, limit=MAX_COLUMNS)
    if width * lines > MAX_CELLS:
        raise _refuse(None, "file.too_many_cells", cells=width * lines, lines=lines,
                      width=width, limit=MAX_CELLS)


def check_quotes(body: str, delimiter: str, skip: int) -> None:
    """Refuse a file with a quoted field that is never closed, naming the row it starts
    in: read on, it would swallow every row after it into one cell."""
    if body.count('"') % 2 == 0:  # every quoted field closed (stray quotes come in pairs)
        return
    reader = csv.reader(io.StringIO(body), delimiter=delimiter, strict=True)
    record = 0
    while True:
        record += 1
        try:
            next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # others (text after a closing quote) the parsers accept
            # The end of the file inside quotes, or a quoted cell beyond csv's field limit
            # (131,072 characters, far above any real cell): the quote runs on.
            if "end of data" in str(exc) or "field limit" in str(exc):
                raise _refuse(skip + record, "file.unclosed_quote") from None


def check_cells(frame: pd.DataFrame) -> None:
    """Refuse a cell longer than MAX_CELL_CHARS with its row and column."""
    for i, column in enumerate(frame.columns):  # by position: headers may repeat
        lengths = frame.iloc[:, i].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = lengths.idxmax()
            raise RejectedFile([Problem.of("cell.too_long", int(row), str(column),
                                           chars=int(lengths.max()), limit=MAX_CELL_CHARS)])


def looks_binary(content: bytes) -> bool:
    """True for files that are no text (NUL bytes outside UTF-16, or mostly control bytes)."""
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.startswith(XLSX_MAGIC):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header line into the most fields."""
    header = next((line for line in _lines(text) if line.strip() and not _is_comment(line)), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str, start: int = 0):
    """Yield the lines of text from a position on, with their line ends, one at a time
    (splitting a whole 50 MB export to look at its first lines costs a second)."""
    pos = start
    while pos < len(text):
        line = _LINE.match(text, pos).group()
        if not line:
            return
        yield line
        pos += len(line)


def _is_comment(line: str) -> bool:
    """A preamble line ("# Account: …", "# ----"), not a header whose first cell is "#"."""
    stripped = line.strip()
    return stripped.startswith("#") and not re_header_hash.match(stripped)


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


# Cells of a file being imported are Arrow-backed strings (pandas 3's default "str"):
# an import's vectorised string rules run on them 30-40 % faster than on Python objects.
# Views keep plain objects (data/__init__.py); their frames are small.
CELL = pd.StringDtype("pyarrow", na_value=np.nan)


@dataclass
class TextTable:
    """A parsed delimited file: string cells indexed by file row, and how it was read."""

    frame: pd.DataFrame
    encoding: str
    delimiter: str
    preamble_lines: int = 0
    header_rows: list[list[str]] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # the "#" lines above the header
    more_tables: tuple[int, int] = (0, 0)  # further tables after the first: (count, line)

    def with_header_rows(self, count: int) -> TextTable | None:
        """The same table read with `count` header rows, without parsing the file again;
        None when the rows below the header are not the file's next rows (blank rows
        between them were dropped), so the file must be read again."""
        extra = count - len(self.header_rows)
        first = self.preamble_lines + len(self.header_rows) + 1
        if extra < 0 or list(self.frame.index[:extra]) != list(range(first, first + extra)):
            return None
        heads = self.header_rows + [list(self.frame.iloc[i]) for i in range(extra)]
        return TextTable(self.frame.iloc[extra:], self.encoding, self.delimiter,
                         self.preamble_lines, heads, self.preamble, self.more_tables)


def read_text(content: bytes, header_rows: int = 1) -> TextTable:
    """Parse a delimited text file: skip a "#" preamble and blank lines before the header,
    combine several header rows, index data rows by their row number in the file.
    Ragged rows are reported with their numbers."""
    if not content.strip():
        raise RejectedFile([Problem.of("file.empty")])
    if looks_binary(content):
        raise RejectedFile([Problem.of("file.not_text")])
    lines = check_lines(content)
    encoding = detect_encoding(content)
    text = decode_mixed(content)
    if text is None:
        text = decode(content)
    else:
        encoding = MIXED_ENCODING
    skip, offset = 0, 0
    for line in _lines(text):
        if line.strip() and not _is_comment(line):
            break
        skip += 1
        offset += len(line)
    body = text[offset:]
    if not body.strip():
        raise RejectedFile([Problem.of("file.no_header")])
    header = next(_lines(body), "")
    check_width(header, max(DELIMITERS, key=header.count), lines, skip + 1)
    delimiter = sniff_delimiter(body)
    check_quotes(body, delimiter, skip)
    body, more_tables = _first_table(body, delimiter, skip)
    grid = _fast_grid(body, delimiter)
    if grid is None:
        try:
            grid = pd.read_csv(io.StringIO(body), sep=delimiter, dtype=str, header=None,
                               keep_default_na=False, skip_blank_lines=False, engine="c")
        except pd.errors.ParserError:
            raise RejectedFile(_ragged_rows(body, delimiter, skip)) from None
    table = _split(grid, skip, header_rows, encoding, delimiter)
    check_cells(table.frame)
    table.preamble = [line.strip().lstrip("#").strip() for line in _lines(text[:offset])]
    table.more_tables = more_tables
    return table


_GAP = re.compile(r"\n(?:[ \t]*\r?\n|[ \t]*#[^\n]*\n)+")


def _first_table(body: str, delimiter: str, skip: int) -> tuple[str, tuple[int, int]]:
    """Cut a download holding several tables (GA4, Matomo, UA) after its first one: a run
    of blank or "#" lines followed by a comment or a row of another width starts the next
    table. Return the first table and (how many more tables, the line the next starts)."""
    header = next(_lines(body), "")
    width = _count_outside_quotes(header, delimiter)
    quotes, counted = 0, 0
    for gap in _GAP.finditer(body):
        quotes += body.count('"', counted, gap.start())
        counted = gap.start()
        if quotes % 2:
            continue  # a blank line inside a quoted answer, not between tables
        rest = body[gap.end():]
        if not rest.strip():
            break
        gap_text = gap.group()
        following = next(_lines(rest), "")
        if "#" not in gap_text and _count_outside_quotes(following, delimiter) == width:
            continue  # a spacer line inside the table
        line = skip + body.count("\n", 0, gap.end()) + 1
        count = 1 + sum(1 for g in _GAP.finditer(rest) if rest[g.end():].strip())
        return body[:gap.start() + 1], (count, line)
    return body, (0, 0)


@dataclass
class _Trimmed:
    """A grid whose cells are already trimmed, with each row's "all cells empty" flag."""

    grid: pd.DataFrame
    blank: np.ndarray


def _fast_grid(body: str, delimiter: str) -> _Trimmed | None:
    """Parse a regular file (every row as wide as the header, no blank lines) with
    Arrow's CSV reader, several times faster than pandas' own, into trimmed cells; None
    for anything else,
    which the pandas parser then reads (it pads short rows and keeps blank lines, so that
    row numbers stay those of the file)."""
    header = next(_lines(body), "")
    width = len(next(csv.reader([header], delimiter=delimiter), []))
    if not width:
        return None
    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                              ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    # Cells trimmed and empty rows found in Arrow: pandas' per-cell string methods took
    # most of a large import's reading time.
    cells = [pc.utf8_trim_whitespace(table.column(i)) for i in range(width)]
    blank = pc.equal(cells[0], "")
    for column in cells[1:]:
        blank = pc.and_(blank, pc.equal(column, ""))
    grid = pa.table(cells, names=names).to_pandas(types_mapper={pa.string(): CELL}.get)
    grid.columns = range(width)
    return _Trimmed(grid, blank.to_numpy(zero_copy_only=False))


def _split(grid: pd.DataFrame | _Trimmed, skip: int, header_rows: int, encoding: str,
           delimiter: str) -> TextTable:
    """Cut a grid of cells into header rows and data rows numbered as in the file."""
    if isinstance(grid, _Trimmed):
        blank, grid = grid.blank[header_rows:], grid.grid
    else:
        grid, blank = grid.fillna("").astype(str).astype(CELL), None
    heads = [[str(c).strip() for c in grid.iloc[i]] for i in range(min(header_rows, len(grid)))]
    frame = grid.iloc[header_rows:].copy()
    frame.columns = heads[0] if heads else []
    frame.index = range(skip + header_rows + 1, skip + header_rows + 1 + len(frame))
    if blank is None and len(frame.columns):
        frame = frame.apply(lambda col: col.str.strip())
    # Rows that are entirely empty (trailing newlines, spacer lines) are not data.
    if len(frame):
        frame = frame.loc[~(blank if blank is not None else (frame == "").all(axis=1))]
    return TextTable(frame, encoding, delimiter, skip, heads)


MAX_XLSX_UNPACKED = 500 * 1024 * 1024
MAX_XLSX_RATIO = 200


def check_xlsx(content: bytes) -> None:
    """Refuse zip bombs and broken archives before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise RejectedFile([Problem.of("xlsx.damaged")]) from None
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_XLSX_RATIO:
        raise RejectedFile([Problem.of(
            "xlsx.bomb", size=unpacked // (1024 * 1024), ratio=f"{unpacked / packed:.0f}")])


def read_xlsx(content: bytes, header_rows: int = 1, sheet: str | int = 0) -> TextTable:
    """Read one sheet of an .xlsx workbook like a text file (preamble, header rows)."""
    check_xlsx(content)
    try:
        grid = pd.read_excel(io.BytesIO(content), sheet_name=sheet, header=None, dtype=str,
                             engine="openpyxl")
    except ValueError as exc:
        if isinstance(sheet, str) and "not found" in str(exc).lower():
            raise RejectedFile([Problem.of("xlsx.no_sheet", name=repr(sheet))]
                               ) from None
        raise RejectedFile([Problem.of("xlsx.unreadable", error=str(exc))]) from None
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise RejectedFile([Problem.of("xlsx.unreadable", error=str(exc))]) from None
    grid = grid.fillna("").astype(str)
    skip = 0
    while skip < len(grid) and ((grid.iloc[skip] == "").all()
                                or _is_comment(str(grid.iloc[skip, 0]))
                                and (grid.iloc[skip, 1:] == "").all()):
        skip += 1
    return _split(grid.iloc[skip:], skip, header_rows, "xlsx", "")


def read_csv(content: bytes) -> pd.DataFrame:
    """Parse a canonical delimited file (one header row); index = file row numbers."""
    return read_text(content).frame


def _ragged_rows(text: str, delimiter: str, offset: int = 0) -> list[Problem]:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(rows)
    problems = []
    for number, row in enumerate(rows, start=2 + offset):
        if row and len(row) > len(header):
            problems.append(
                Problem.of("file.ragged", number, fields=len(row), header=len(header))
            )
    return problems or [Problem.of("file.unparsable")]


def read_workbook(content: bytes) -> dict[str, pd.DataFrame]:
    """Read every sheet of an .xlsx workbook as string frames, keyed by lower-case name,
    indexed by spreadsheet row number."""
    if not content.startswith(XLSX_MAGIC):
        raise RejectedFile([Problem.of("xlsx.not_workbook")])
    check_xlsx(content)
    try:
        sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise RejectedFile([Problem.of("xlsx.unreadable", error=str(exc))]) from None
    out = {}
    for name, frame in sheets.items():
        frame = _clean(frame)
        frame.index = frame.index + 2
        out[name.strip().lower()] = frame
    return out


def is_xlsx(content: bytes, file_name: str = "") -> bool:
    return content.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx")


def read_any(content: bytes, file_name: str = "", header_rows: int = 1,
             sheet: str | None = None) -> TextTable:
    """Read a delimited text file, or one sheet (the first unless named) of a workbook."""
    if is_xlsx(content, file_name):
        return read_xlsx(content, header_rows, sheet if sheet else 0)
    return read_text(content, header_rows)


def read_table(content: bytes, file_name: str = "") -> pd.DataFrame:
    """Read a canonical CSV file, or the first sheet of an .xlsx workbook."""
    return read_any(content, file_name).frame
