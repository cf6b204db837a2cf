"""What an import tells its caller: counts and every problem found, row by row."""

from dataclasses import dataclass, field

from config.text import excerpt

# A report lists at most this many problems (a million bad rows must not make a million-line page); the
# rest are counted in `omitted`.
MAX_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    """A problem in the file. `line` is the spreadsheet row (the header is line 1; 0 = the whole file);
    `column` is the column heading ("" when the problem is not about one column)."""

    line: int
    column: str
    message: str

    def __str__(self):
        where = f"line {self.line}" if self.line else "file"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    omitted: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        """True when the import changed the database (never for a dry run or a file with errors)."""
        return self.ok and not self.dry_run and bool(self.created or self.updated)

    def add_error(self, line: int, column: str, message: str) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.omitted += 1
            return
        self.errors.append(RowError(line, excerpt(column), excerpt(message, 500)))

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
