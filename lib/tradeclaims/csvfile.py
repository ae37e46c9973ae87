"""Reading the CSV files people write (source tables, the claims registry, the articles): every
problem becomes an InputError naming the file, the line and the field, never a traceback. And
writing the CSV files people open in spreadsheets (data/trade.csv, reports/verdicts.csv, the
drafts of extract), with no cell a spreadsheet would run as a formula; reading them back gives
the text as it was."""

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from tradeclaims import fieldtext
from tradeclaims.errors import InputError, InputErrors


def read_text(path: Path) -> str:
    """A file's text as UTF-8 (a byte-order mark is allowed); names the line of a bad byte."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text: byte {data[exc.start]:#04x} at offset "
                         f"{exc.start}; save the file as UTF-8", row=line) from None


def read_rows(path: Path, columns: list[str], optional: tuple[str, ...] = (),
              allow_empty: bool = False) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every row of a CSV file whose header is exactly `columns` (in any order;
    `optional` ones may be left out). Values are stripped strings as they were written (a
    cell to_csv_text marked reads without its mark); `line` is where the row starts (the
    header is line 1)."""
    return parse_rows(read_text(path), path, columns, optional, allow_empty)


def parse_rows(text: str, path: Path, columns: list[str] | None,
               optional: tuple[str, ...] = (), allow_empty: bool = False):
    """read_rows on a file's text; `columns` None takes any header (an old committed file).
    Each row is a new dict, the caller's to change."""
    key = (text, None if columns is None else tuple(columns), tuple(optional))
    if (rows := _PARSED.get(key)) is None:
        rows = _PARSED[key] = _parsed(text, path, *key[1:])
        while len(_PARSED) > 8:
            del _PARSED[next(iter(_PARSED))]
    if not rows and not allow_empty:
        raise InputError(path, "a header and no rows", row=2)
    return [(line, dict(row)) for line, row in rows]


# Parsed and checked once per text (and header expected): the same text gives the same rows,
# whatever path it was read from (only an error names it, and none is kept). A build's fork
# server parses the registry once (report/runner.py), and each of its kernels, and the page
# guard's one shell, find it here: at 500 articles the check of 6,072 rows took 0.24 s a page.
_PARSED: dict[tuple, tuple] = {}


def _parsed(text: str, path: Path, columns: tuple[str, ...] | None,
            optional: tuple[str, ...]) -> tuple:
    if not text.strip():
        raise InputError(path, f"empty file: expected a header row ({', '.join(columns or [])}) "
                         "and at least one row", row=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = [name.strip() for name in next(reader)]
        _check_text(path, 1, {f"(column {i})": name for i, name in enumerate(header, 1)})
        _check_header(path, header, header if columns is None else columns, optional)
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue  # a blank line
            if len(values) != len(header):
                raise InputError(path, f"{len(values)} fields where the header has "
                                 f"{len(header)} (a comma inside a value needs quotes)",
                                 row=line, field=_field_at(header, len(values)))
            row = {name: unmarked(value.strip())
                   for name, value in zip(header, values, strict=True)}
            _check_text(path, line, row)
            rows.append((line, row))
    except csv.Error as exc:
        raise InputError(path, f"not valid CSV: {exc}", row=reader.line_num) from None
    return tuple(rows)


def _check_text(path, line: int, row: dict[str, str]):
    problems = [InputError(path, message, row=line, field=name) for name, value in row.items()
                if (message := fieldtext.problem(value, name in fieldtext.SEVERAL_LINES))]
    if problems:
        raise InputErrors(problems)


def _check_header(path, header, columns, optional):
    problems = [InputError(path, "missing column", row=1, field=name)
                for name in columns if name not in header and name not in optional]
    problems += [InputError(path, f"unexpected column (expected: {', '.join(columns)})", row=1,
                            field=name or "(empty)") for name in header if name not in columns]
    seen = set()
    for name in header:
        if name in seen:
            problems.append(InputError(path, "column named twice", row=1, field=name))
        seen.add(name)
    if problems:
        raise InputErrors(problems)


def _field_at(header: list[str], count: int) -> str:
    """The first field that is missing, or the first one too many."""
    return header[count] if count < len(header) else f"(field {len(header) + 1}, unnamed)"


# What a spreadsheet reads as a formula (OWASP, "CSV Injection"): a cell that starts with one of
# these. Such a text cell is written with a leading apostrophe, which spreadsheets show as text
# and readers here remove; a number (-7.2) is left as it is, to stay a number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _needs_mark(text: str) -> bool:
    # apostrophes already there count too, so that marking and unmarking undo each other
    return text.lstrip("'").startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def marked(text: str) -> str:
    """A text cell as to_csv_text writes it: '=HYPERLINK(...) for =HYPERLINK(...)."""
    return "'" + text if _needs_mark(text) else text


def unmarked(text: str) -> str:
    """The text a marked cell stands for (what was written before marked())."""
    return text[1:] if text.startswith("'") and _needs_mark(text[1:]) else text


def to_csv_text(columns: list[str], rows: Iterable[Mapping],
                number: Callable[[float], str] = repr) -> str:
    """A CSV file's text: the header, then each row's cells in the order of `columns`; text
    cells marked where a spreadsheet would read a formula, numbers written by `number`,
    missing ones (None, NaN) empty."""
    def cell(value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return marked(str(value))
        return number(value) if isinstance(value, float) else str(value)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # the csv module quotes only what holds the line terminator: a lone CR would end the row
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        cells = [cell(row[name]) for name in columns]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()
