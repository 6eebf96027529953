"""What goes wrong in an import: one problem per row and column, and the rejection."""

from __future__ import annotations

from dataclasses import dataclass, field

from data.ingest.messages import render

MAX_LISTED = 1000
WHERE_WORDS = {"en": ("sheet", "row", "column"), "de": ("Blatt", "Zeile", "Spalte")}


@dataclass(frozen=True)
class Problem:
    """One reason a file is rejected: row (header = 1, None for the file), column, and a
    code with parameters; ``message`` is the English text for the CLI, rendered from them."""

    row: int | None
    column: str | None
    message: str = ""
    sheet: str | None = None
    code: str = "text"
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.code == "text" and "text" not in self.params:
            object.__setattr__(self, "params", {**self.params, "text": self.message})
        if not self.message:
            object.__setattr__(self, "message", render(self.code, self.params))

    @classmethod
    def of(cls, code: str, row: int | None = None, column: str | None = None,
           sheet: str | None = None, **params) -> Problem:
        """Build a problem from its code and parameters."""
        return cls(row, column, "", sheet, code, params)

    def as_dict(self) -> dict:
        out = {"row": self.row, "column": self.column, "message": self.message,
               "code": self.code, "params": self.params}
        if self.sheet is not None:
            out["sheet"] = self.sheet
        return out

    def __str__(self) -> str:
        return self.text()

    def render(self, lang: str = "en", surface: str = "cli") -> str:
        """Say where and what in the language, naming the surface's controls."""
        return self.text(render(self.code, self.params, lang, surface),
                         WHERE_WORDS.get(lang, WHERE_WORDS["en"]))

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


class Note(str):
    """A note of the preview (a choice made, rows skipped): English text, with its code
    and parameters for other languages and surfaces."""

    code: str
    params: dict

    def __new__(cls, code: str, **params):
        note = super().__new__(cls, render(code, params))
        note.code, note.params = code, params
        return note

    def render(self, lang: str = "en", surface: str = "cli") -> str:
        return render(self.code, self.params, lang, surface)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": self.params, "message": str(self)}


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

    def add(self, row, column, message="", sheet=None, code="text", **params) -> None:
        """Add one problem: a code with parameters (or, from older callers, a text)."""
        self.total += 1
        if row is None or row == 1:
            self.file_level = True
        else:
            self.rows.add(int(row))
        if len(self.items) < MAX_LISTED:
            self.items.append(Problem(row, column, message if code == "text" else "", sheet,
                                      code, params))

    def add_rows(self, rows, column, message_for, sheet=None, code="text") -> None:
        """Add one problem per row number; message_for(i) builds the i-th message, or with
        a code the i-th problem's parameters."""
        for i, row in enumerate(rows):
            self.total += 1
            self.rows.add(int(row))
            if len(self.items) < MAX_LISTED:
                made = message_for(i)
                if code == "text":
                    self.items.append(Problem(int(row), column, made, sheet))
                else:
                    self.items.append(Problem(int(row), column, "", sheet, code, made))

    def __bool__(self) -> bool:
        return self.total > 0

    def listing(self) -> list[Problem]:
        """Return the problems in file order (sheet, row, column), then a count of the rest."""
        items = sorted(self.items, key=lambda p: (p.sheet or "", p.row or 0, p.column or ""))
        if self.total > len(items):
            more = self.total - len(items)
            return [*items, Problem.of("more", n=more)]
        return items

    def raise_if_any(self) -> None:
        if self:
            raise RejectedFile(self.listing())
