"""Checks on a table as read, before anything is written. A partition (rows by customs regime,
columns by type of enterprise) must add up to its printed total within the rounding of its
figures: a failure names the row and column and stops. A printed growth rate against the two
levels (this period's and, where the dataset has it, the same period a year earlier), and a
month against the cumulative columns, are only warned of: GAC revises the year before, so its
rates and its months are computed on figures the first-published ones are not."""

from decimal import Decimal

import pandas as pd

from tradeclaims.data import periods
from tradeclaims.data.units import half_last_digit, parse_number, to_dataset_unit
from tradeclaims.errors import InputError
from tradeclaims.sources.table import NONE, Table

# How far a printed rate may lie from the one recomputed from levels (percentage points,
# beyond what the rounding of the levels allows) before a warning says so.
GROWTH_TOLERANCE_PP = 0.5
# How far a month may lie from the cumulative to it less the cumulative to the month before
# (as a share of the month's value) before a warning says so.
MONTH_TOLERANCE = 0.005


def _number(text: str) -> Decimal | None:
    return None if text == NONE else parse_number(text)


def partitions(table: Table, where) -> None:
    """Raise an InputError naming the row and column where parts do not add up to the total."""
    if table.cut_off:
        return  # the parts are not all there
    columns = table.columns
    if "rows" in table.partitions:
        total = table.total_row()
        for j, column in enumerate(columns):
            parts = [_number(row.values[j]) for row in table.rows if row is not total]
            _adds_up(where, total.values[j], parts, total.line, column.name,
                     f"the rows under TOTAL, in column {column.name!r},")
    if "columns" in table.partitions:
        at = next(j for j, c in enumerate(columns) if c.product == "TOTAL")
        kinds = ", ".join(c.name for j, c in enumerate(columns) if j != at)
        for row in table.rows:
            parts = [_number(v) for j, v in enumerate(row.values) if j != at]
            _adds_up(where, row.values[at], parts, row.line, columns[at].name,
                     f"row {row.label!r}, by {kinds},")


def _adds_up(where, printed: str, parts: list, line: int, field: str, what: str):
    total = _number(printed)
    present = [p for p in parts if p is not None]
    if total is None:
        if present:
            raise InputError(where, f"{what} print figures where the total is '-'", row=line,
                             field=field)
        return
    # each figure is rounded to its last digit: the sum may miss by half a unit for each
    slack = sum((half_last_digit(p) for p in present), half_last_digit(total))
    gap = sum(present, Decimal(0)) - total
    if abs(gap) > slack:
        raise InputError(where, f"{what} add up to {sum(present, Decimal(0)):,}, not the "
                         f"printed {printed} (off by {gap:,}; rounding allows {slack})",
                         row=line, field=field)


def warnings(table: Table, known: pd.DataFrame | None) -> list[str]:
    """What looks wrong but may be GAC's revisions: rates against levels, months against
    cumulative columns (within the table, and against the dataset's earlier cumulative)."""
    found = []
    for row in table.rows:
        cells = {}
        for j, column in enumerate(table.columns):
            cells.setdefault(column.flow, []).append((column, row.values[j], row.growth[j]
                                                      if row.growth else NONE))
        for flow, columns in cells.items():
            found += _month_against_cumulative(table, row, flow, columns, known)
        for j, column in enumerate(table.columns):
            if row.growth and known is not None:
                found += _growth_against_levels(table, row, column, row.values[j],
                                                row.growth[j], known)
    return found


def _level(table: Table, printed: str) -> tuple[float, float] | None:
    number = _number(printed)
    if number is None:
        return None
    value, _ = to_dataset_unit(number, table.unit)
    scale = value / float(number) if number else 0.0
    return value, float(half_last_digit(number)) * scale


def _month_against_cumulative(table, row, flow, columns, known):
    month = [(c, v) for c, v, _ in columns if not periods.parse(c.period).is_span
             and periods.parse(c.period).start[1] != 0]
    span = [(c, v) for c, v, _ in columns if (c, v) not in month]
    found = []
    for (mc, mv), (sc, sv) in ((m, s) for m in month for s in span):
        m, s = _level(table, mv), _level(table, sv)
        if m is None or s is None:
            continue
        if m[0] > s[0] + m[1] + s[1]:
            found.append(f"row {row.label!r} (line {row.line}): {flow} in {mc.period} "
                         f"({mv}) is more than the months to it ({sv})")
        period = periods.parse(sc.period)
        if known is None or period.end[1] < 2 or not period.is_span and period.start[1]:
            continue
        year, last = period.last_month()
        before = f"{year}-01" if last == 2 else f"{year}-01/{year}-{last - 1:02d}"
        earlier = _known(known, table, flow, _product(row, sc), before)
        if earlier is None:
            continue
        gap = s[0] - earlier - m[0]
        if abs(gap) > MONTH_TOLERANCE * m[0] + m[1] + s[1]:
            found.append(f"row {row.label!r} (line {row.line}): {flow} in {mc.period} is "
                         f"{mv} ({table.unit}), but the months to it ({sv}) less the "
                         f"dataset's {before} give {gap / m[0]:+.2%} more (warned beyond "
                         f"{MONTH_TOLERANCE:.1%}: GAC revises earlier months)")
    return found


def _product(row, column) -> str:
    return column.product if row.product == "TOTAL" else row.product


def _known(known: pd.DataFrame, table: Table, flow: str, product: str, period: str):
    rows = known[(known.reporter == table.reporter) & (known.partner == table.partner)
                 & (known.flow == flow) & (known["product"] == product)
                 & (known.period == period) & (known.measure == "value")
                 & (known.unit == table.basis)]
    return float(rows.value.iloc[0]) if len(rows) else None


def _growth_against_levels(table, row, column, printed, rate, known):
    if rate == NONE or row.product != "TOTAL" and column.product != "TOTAL":
        return []
    level = _level(table, printed)
    product = _product(row, column)
    earlier = _known(known, table, column.flow, product,
                     str(periods.parse(column.period).previous()))
    if level is None or not earlier:
        return []
    recomputed = (level[0] / earlier - 1) * 100
    slack = level[1] / earlier * 100 + float(half_last_digit(parse_number(rate)))
    gap = float(parse_number(rate)) - recomputed
    if abs(gap) <= GROWTH_TOLERANCE_PP + slack:
        return []
    return [f"row {row.label!r} (line {row.growth_line}), column {column.name!r}: printed "
            f"growth {rate}% but the levels give {recomputed:.1f}% against the dataset's "
            f"{periods.parse(column.period).previous()} ({gap:+.1f} pp; warned beyond "
            f"{GROWTH_TOLERANCE_PP} pp: GAC computes rates on revised figures)"]
