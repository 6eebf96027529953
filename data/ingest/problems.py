"""What goes wrong in an import: one problem per row and column, and the rejection."""

from __future__ import annotations

from dataclasses import asdict, dataclass

MAX_LISTED = 1000


@dataclass(frozen=True)
class Problem:
    """One reason a file is rejected: row (header = 1, None for the file), column, message."""

    row: int | None
    column: str | None
    message: str
    sheet: str | None = None

    def as_dict(self) -> dict:
        out = asdict(self)
        if out["sheet"] is None:
            del out["sheet"]
        return out

    def __str__(self) -> str:
        return self.text()

    def text(self, message: str | None = None,
             words: tuple[str, str, str] = ("sheet", "row", "column")) -> str:
        """Say where (in the given words for sheet, row, column) and what: the message,
        or a translation of it."""
        where = []
        if self.sheet:
            where.append(f"{words[0]} {self.sheet}")
        if self.row is not None:
            where.append(f"{words[1]} {self.row}")
        if self.column:
            where.append(f"{words[2]} {self.column}")
        return (", ".join(where) + ": " if where else "") + (message or self.message)


class RejectedFile(Exception):
    """The file cannot be imported; nothing of it was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


class Problems:
    """Collect problems, listing at most MAX_LISTED but counting all."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.total = 0
        self.rows: set[int] = set()  # every row with a problem, for --skip-invalid
        self.file_level = False  # a problem no row can be blamed for (missing column, …)
        # dimension -> label -> rows, for labels the catalog does not know
        self.unknown: dict[str, dict[str, list[int]]] = {}

    def add(self, row, column, message, sheet=None) -> None:
        self.total += 1
        if row is None or row == 1:
            self.file_level = True
        else:
            self.rows.add(int(row))
        if len(self.items) < MAX_LISTED:
            self.items.append(Problem(row, column, message, sheet))

    def add_rows(self, rows, column, message_for, sheet=None) -> None:
        """Add one problem per row number; message_for(i) builds the i-th message."""
        for i, row in enumerate(rows):
            self.total += 1
            self.rows.add(int(row))
            if len(self.items) < MAX_LISTED:
                self.items.append(Problem(int(row), column, message_for(i), sheet))

    def __bool__(self) -> bool:
        return self.total > 0

    def listing(self) -> list[Problem]:
        """Return the problems in file order (sheet, row, column), then a count of the rest."""
        items = sorted(self.items, key=lambda p: (p.sheet or "", p.row or 0, p.column or ""))
        if self.total > len(items):
            more = self.total - len(items)
            return [*items, Problem(None, None, f"… and {more} more problems")]
        return items

    def raise_if_any(self) -> None:
        if self:
            raise RejectedFile(self.listing())
