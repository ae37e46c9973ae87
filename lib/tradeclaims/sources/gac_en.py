"""GAC's English monthly tables (english.customs.gov.cn/Statics/...), in every layout the
stored copies show: table rows or plain-text rows, the growth rates on a line under each row of
values, "-" where there is no figure, a unit line that some copies lack.

Known tables: "(5) Imports and Exports by Customs Regime" (a month and the months to it, for
exports and imports) and "(7) Imports (Exports) by Type Enterprise and by Customs Regime" (one
period, by type of enterprise)."""

import re

from tradeclaims.errors import InputError
from tradeclaims.sources import labels
from tradeclaims.sources.page import Line, Page
from tradeclaims.sources.table import NONE, Column, Row, Table

PUBLISHER = "General Administration of Customs of the People's Republic of China (GAC)"
VIA = "GAC English statistics site (official table)"
# "(5)Imports and Exports by Customs Regime,2.2026", "(7)... ,1-5.2026", "(5) ..., 2. 2019"
TITLE = re.compile(r"^\((\d{1,2})\)\s*(.+?)\s*,\s*(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*\.\s*(\d{4})$")
DATE = re.compile(r"^(\d{4})/(\d{2})/(\d{2})$")
UNIT = re.compile(r"^Unit\s*[:：]\s*(.+)$", re.IGNORECASE)
# The unit lines GAC prints, as the vocabulary's printed units.
UNITS = {"us$1,000": "thousand USD", "usd1,000": "thousand USD", "usd1million": "million USD",
         "us$1million": "million USD"}
# What follows a table: its notes, or the site's footer.
END = re.compile(r"^(Notes?\b|\d\s*[、.]\s*\D|Figures in shaded|General Administration|Address)",
                 re.IGNORECASE)
VALUE = re.compile(r"^(-?\d{1,3}(,\d{3})+|-?\d+)(\.\d+)?$|^-$")
_SPAN = re.compile(r"(\d{1,2})\s*to\s*(\d{1,2})")
KINDS = {  # normalized title (labels.key) -> the kind of table, its flows
    "importsandexportsbycustomsregime": ("regime", None),
    "importsbytypeenterpriseandbycustomsregime": ("enterprise", "import"),
    "exportsbytypeenterpriseandbycustomsregime": ("enterprise", "export"),
}
FLOWS = {"exports": "export", "imports": "import"}


def looks_like(page: Page) -> bool:
    return any(TITLE.match(line.text) for line in page.lines[:40])


def read(page: Page, unit: str | None = None) -> Table:
    where = page.path
    lines = page.lines
    at = next((i for i, line in enumerate(lines) if TITLE.match(line.text)), None)
    if at is None:
        raise InputError(where, "not a table of GAC's English monthly series: no title such as "
                         "'(5)Imports and Exports by Customs Regime,2.2026' (a page of another "
                         "kind, or a copy cut off before its title)")
    title = lines[at]
    number, name, first, last, year = TITLE.match(title.text).groups()
    if labels.key(name) not in KINDS:
        raise InputError(where, f"table ({number}) {name!r} is not one this reader knows "
                         f"(known: {', '.join(sorted(_titles()))})", row=title.number,
                         field="title")
    kind, flow = KINDS[labels.key(name)]
    month = int(last or first)
    if not 1 <= month <= 12 or (last and int(first) != 1):
        raise InputError(where, f"{title.text!r}: months {first}-{last} are not a month or "
                         "the months of a year to one", row=title.number, field="title")
    table = Table(PUBLISHER, VIA, title.text, "", [], [])
    rest = lines[at + 1:]
    for line in rest[:3]:
        if match := DATE.match(line.text):
            table.date_published = "-".join(match.groups())
    table.unit = _unit(where, rest, title, unit, table)
    year = int(year)
    if kind == "regime":
        start = _regime_columns(where, rest, year, month, table)
        table.partitions = ["rows"]
        classification = "REGIME"
    else:
        period = _cumulative(year, month) if last else f"{year}-{month:02d}"
        start = _enterprise_columns(where, rest, flow, period, table)
        table.partitions = ["rows", "columns"]
        classification = "REGIME"
        table.notes.append("The cells by both type of enterprise and customs regime are not "
                           "transcribed: the TOTAL row by type of enterprise and the Total "
                           "column by customs regime are.")
    _rows(where, rest[start:], classification, table)
    return table


def _titles() -> list[str]:
    return ["Imports and Exports by Customs Regime",
            "Imports (Exports) by Type Enterprise and by Customs Regime"]


def _unit(where, rest: list[Line], title: Line, given: str | None, table: Table) -> str:
    for line in rest[:6]:
        if match := UNIT.match(line.text):
            printed = match[1]
            unit = UNITS.get(re.sub(r"\s+", "", printed).casefold())
            if unit is None:
                raise InputError(where, f"unit {printed!r} is not one this reader knows "
                                 f"(known: US$1,000, USD1 Million)", row=line.number,
                                 field="unit")
            if given and given != unit:
                raise InputError(where, f"the page's unit line says {printed!r} "
                                 f"({unit}), not --unit {given!r}", row=line.number,
                                 field="unit")
            return unit
    if given is None:
        raise InputError(where, "no unit line (such as 'Unit:US$1,000') under the title: this "
                         "copy lacks it; give --unit 'thousand USD' if the publisher's other "
                         "copies of the table print it", row=title.number, field="unit")
    table.notes.append(f"This copy prints no unit line; the unit, {given}, was given by the "
                       "person who drafted the folder (--unit), from GAC's other copies of "
                       "the table.")
    return given


def _cumulative(year: int, month: int) -> str:
    """The months of `year` to `month`: January alone is the month, December the year."""
    if month == 1:
        return f"{year}-01"
    return str(year) if month == 12 else f"{year}-01/{year}-{month:02d}"


def _header(where, rest: list[Line], test, what: str) -> int:
    for i, line in enumerate(rest[:12]):
        if test(line):
            return i
    line = rest[min(len(rest), 12) - 1] if rest else None
    raise InputError(where, f"no header line {what} in the first lines under the title (a "
                     "column this reader does not know, or a page of another kind)",
                     row=line.number if line else None, field="header")


def _regime_columns(where, rest, year, month, table) -> int:
    i = _header(where, rest, lambda line: {"exports", "imports"} <= set(
        t.casefold() for t in line.tokens), "naming Exports and Imports")
    printed = [t for t in rest[i].tokens if t.casefold() in FLOWS]
    flows = [FLOWS[t.casefold()] for t in printed]
    if i + 1 >= len(rest):
        raise InputError(where, "the table is cut off under its header", row=rest[i].number,
                         field="header")
    periods = rest[i + 1]
    tokens = _SPAN.sub(r"\1to\2", periods.text).split()
    if len(tokens) % len(flows):
        raise InputError(where, f"{len(tokens)} period columns ({periods.text!r}) for "
                         f"{len(flows)} flows", row=periods.number, field="header")
    per_flow = len(tokens) // len(flows)
    for j, token in enumerate(tokens):
        name = f"{printed[j // per_flow]} {token}"
        if token == str(month):
            period = f"{year}-{month:02d}"
        elif token == f"1to{month}":
            period = _cumulative(year, month)
        else:
            raise InputError(where, f"column {token!r} is neither the month of the title "
                             f"({month}) nor the months to it (1to{month})",
                             row=periods.number, field=name)
        table.columns.append(Column(name, flows[j // per_flow], period, "TOTAL"))
    return i + 2


def _enterprise_columns(where, rest, flow, period, table) -> int:
    i = _header(where, rest, lambda line: "SOE" in line.tokens, "naming the types of "
                "enterprise (Total SOE FIE POE Other)")
    for token in rest[i].tokens:
        code = labels.product(token, "OWNERSHIP")
        if code is None:
            raise InputError(where, f"column {token!r} is not a type of enterprise this reader "
                             f"knows (known: Total, {', '.join(labels.known('OWNERSHIP'))})",
                             row=rest[i].number, field=token)
        table.columns.append(Column(token, flow, period, code))
    skip = i + 1
    if skip < len(rest) and "value" in rest[skip].text.casefold():
        skip += 1  # "Value/±% Value/±% ..."
    return skip


def _is_values(line: Line) -> bool:
    cells = line.cells or tuple(line.tokens)
    return bool(cells) and all(VALUE.match(c) for c in cells)


def _split(line: Line) -> tuple[str, list[str]]:
    """A row's label and its values: cells after the first, or the trailing run of tokens that
    are figures or '-'."""
    if line.cells:
        return line.cells[0], list(line.cells[1:])
    tokens = line.tokens
    k = len(tokens)
    while k > 1 and VALUE.match(tokens[k - 1]):
        k -= 1
    return " ".join(tokens[:k]), tokens[k:]


def _rows(where, lines: list[Line], classification: str, table: Table):
    n = len(table.columns)
    names = [c.name for c in table.columns]
    i = 0
    while i < len(lines):
        line = lines[i]
        if END.match(line.text):
            break
        if _is_values(line):
            raise InputError(where, "a line of figures with no row label above it where a row "
                             "was expected", row=line.number, field=names[0])
        label, values = _split(line)
        last = i + 1 >= len(lines)
        if len(values) != n:
            if last:  # the page ends inside this row: a copy cut off
                table.cut_off = True
                break
            field = names[len(values)] if len(values) < n else names[-1]
            raise InputError(where, f"row {label!r}: {len(values)} figures for {n} columns "
                             f"({', '.join(names)}): a cell is missing or extra, and which one "
                             "cannot be told", row=line.number, field=field)
        code = labels.product(label, classification)
        if code is None:
            raise InputError(where, f"row {label!r} is not a customs regime this reader knows "
                             "(add its label to table_labels in data/vocabulary.yaml)",
                             row=line.number, field="label")
        growth, growth_line, growth_text = (), 0, ""
        if not last and _is_values(lines[i + 1]):
            below = lines[i + 1]
            growth = tuple(below.cells or below.tokens)
            if len(growth) != n:
                raise InputError(where, f"row {label!r}: {len(growth)} growth rates under "
                                 f"{n} figures", row=below.number,
                                 field=names[min(len(growth), n - 1)])
            growth_line, growth_text = below.number, below.text
            i += 1
        elif not last:
            raise InputError(where, f"row {label!r} has no line of growth rates under it",
                             row=line.number, field="growth")
        else:
            table.cut_off = True
        if any(row.product == code for row in table.rows):
            raise InputError(where, f"row {label!r} ({code}) is printed twice",
                             row=line.number, field="label")
        table.rows.append(Row(line.number, label, code, tuple(values), growth, growth_line,
                              line.text, growth_text))
        i += 1
    else:
        table.cut_off = True
    if not table.rows:
        raise InputError(where, "no rows of figures under the header", field="rows")
    if table.rows[0].product != "TOTAL":
        raise InputError(where, f"the first row is {table.rows[0].label!r}, not the TOTAL",
                         row=table.rows[0].line, field="label")
    for row in table.rows:
        for value, column in zip(row.values, table.columns, strict=True):
            if value != NONE and value.startswith("-"):
                raise InputError(where, f"row {row.label!r}: a level of trade is never "
                                 f"negative ({value})", row=row.line, field=column.name)
