"""A table as read from a publisher's page: its title, unit and columns, and each row's label
and cells as printed, with the lines they were read from, so that every message can name the
page, the row and the column."""

from dataclasses import dataclass, field

NONE = "-"  # what GAC prints where there is no figure


@dataclass(frozen=True)
class Column:
    name: str  # as the header prints it: 'Exports 1to2', 'SOE'
    flow: str  # export, import, total
    period: str  # the dataset's period: 2026-02, 2026-01/2026-02, 2025
    product: str  # TOTAL, or the breakdown the column is (OWNERSHIP:fdi)


@dataclass(frozen=True)
class Row:
    line: int  # the line of the page its values are on
    label: str  # as printed
    product: str  # TOTAL, or the breakdown the row is (REGIME:ordinary_trade)
    values: tuple[str, ...]  # as printed, one per column ('299,877,987', '-')
    growth: tuple[str, ...]  # the y/y rates printed under (or beside) them, or ()
    growth_line: int = 0
    text: str = ""  # the row's line as printed, and the growth line's, for the excerpt
    growth_text: str = ""


@dataclass
class Table:
    publisher: str
    via: str
    title: str  # as printed
    unit: str  # a printed unit of the vocabulary: 'thousand USD'
    columns: list[Column]
    rows: list[Row]
    reporter: str = "CHN"
    partner: str = "WLD"
    basis: str = "USD"  # what its growth rates are computed on
    date_published: str = "unknown"  # as the page states it, YYYY-MM-DD
    partitions: list[str] = field(default_factory=list)  # 'rows', 'columns': what adds up
    notes: list[str] = field(default_factory=list)  # what the reader did, for source.yaml
    cut_off: bool = False  # the copy ends inside the table (accepted only with --partial)

    def total_row(self) -> Row:
        return next(row for row in self.rows if row.product == "TOTAL")
