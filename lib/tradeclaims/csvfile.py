"""Reading the CSV files people write (source tables, the claims registry, the articles): every
problem becomes an InputError naming the file, the line and the field, never a traceback."""

import csv
import io
from pathlib import Path

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
    `optional` ones may be left out). Values are stripped strings; `line` is where the row
    starts (the header is line 1)."""
    text = read_text(path)
    if not text.strip():
        raise InputError(path, f"empty file: expected a header row ({', '.join(columns)}) "
                         "and at least one row", row=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = [name.strip() for name in next(reader)]
        _check_header(path, header, columns, optional)
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue  # a blank line
            if len(values) != len(header):
                raise InputError(path, f"{len(values)} fields where the header has "
                                 f"{len(header)} (a comma inside a value needs quotes)",
                                 row=line, field=_field_at(header, len(values)))
            rows.append((line, {name: value.strip() for name, value in zip(header, values,
                                                                            strict=True)}))
    except csv.Error as exc:
        raise InputError(path, f"not valid CSV: {exc}", row=reader.line_num) from None
    if not rows and not allow_empty:
        raise InputError(path, "a header and no rows", row=2)
    return rows


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
