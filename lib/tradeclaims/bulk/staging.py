"""One file of a bulk source, from its bytes to tidy Parquet: decoded to UTF-8, its header
matched to the format's config, read by DuckDB where it lies with every column as text, checked
in one grouped scan (the first bad rows of each kind then named by file, line and column) and
written partitioned by reporter and year in a second scan: no copy of it is staged.
lib/tradeclaims/bulk/ingest.py runs it for every file and publishes the store."""

import codecs
import csv
import hashlib
import os
import re
from contextlib import suppress
from pathlib import Path

import duckdb
import pyarrow as pa

from tradeclaims import paths
from tradeclaims.bulk import formats
from tradeclaims.bulk.sources import BulkSource
from tradeclaims.errors import InputError, InputErrors

SCHEMA = ["source_id", "reporter", "partner", "flow", "product", "digits", "period", "year",
          "unit", "value", "quantity", "quantity_unit"]
PARTITIONS = ["reporter", "year"]
ROW_GROUP = 122_880  # DuckDB's rows per Parquet row group

# -- reading one file --------------------------------------------------------------------------

def _decoded(path: Path, fmt: formats.Format, tmp: Path) -> tuple[Path, str]:
    """The UTF-8 file DuckDB reads (the file itself, or a transcoded copy in `tmp`) and the
    first of the format's encodings it reads in, tried in their order: `utf-8` (no byte-order
    mark), `utf-8-sig` (with or without one), then any other, into a UTF-8 copy."""
    failures = []
    for encoding in fmt.encodings:
        name = codecs.lookup(encoding).name
        utf8 = name in ("utf-8", "utf-8-sig")
        out = tmp / f"{hashlib.sha1(str(path).encode()).hexdigest()[:12]}.csv"
        decoder = codecs.getincrementaldecoder(name)()
        offset = 0
        try:
            with open(path, "rb") as f, (open(os.devnull, "w") if utf8 else
                                         open(out, "w", encoding="utf-8", newline="")) as w:
                if name == "utf-8" and f.read(3) == codecs.BOM_UTF8:
                    failures.append((encoding, 0, "a byte-order mark"))
                    continue
                f.seek(0)
                while chunk := f.read(1 << 22):
                    offset += len(chunk)
                    if utf8 and chunk.isascii() and not decoder.getstate()[0]:
                        continue  # valid as it is, and 6x faster to tell than to decode
                    text = decoder.decode(chunk)
                    if not utf8:
                        w.write(text)
                w.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as exc:  # its bytes: what the decoder held, then the chunk
            at = offset - len(exc.object) + exc.start
            failures.append((encoding, at, f"byte {exc.object[exc.start]:#04x}"))
            continue
        return (path if utf8 else out), encoding
    raise _undecodable(path, fmt, failures)


def _undecodable(path: Path, fmt: formats.Format, failures: list) -> InputError:
    """Where the last encoding tried (the format's own) fails: the line, and the column as far
    as the line can be read."""
    encoding, at, _ = failures[-1]
    lines, line, read = 0, b"", 0
    with open(path, "rb") as f:
        header = f.readline().decode(encoding, "replace")
        f.seek(0)
        while read < at:  # in chunks: the file may be large
            chunk = f.read(min(1 << 22, at - read))
            read += len(chunk)
            lines += chunk.count(b"\n")
            line = (line + chunk).rsplit(b"\n", 1)[-1]
    try:
        names = next(csv.reader([header], delimiter=fmt.delimiter), [])
        cells = next(csv.reader([line.decode(encoding, "replace")],
                                delimiter=fmt.delimiter), [""])
    except csv.Error:
        names, cells = [], []
    field = names[len(cells) - 1].strip() if 0 < len(cells) <= len(names) else None
    tried = ", ".join(f"{e} ({w} at offset {o})" for e, o, w in failures)
    return InputError(path, f"not text in any encoding of {paths.relative(fmt.path)}: {tried}",
                      row=lines + 1, field=field)


def _header(path: Path, original: Path, fmt: formats.Format) -> list[str]:
    with open(path, "rb") as f:
        first = f.readline()
    try:
        header = next(csv.reader([first.decode("utf-8-sig")], delimiter=fmt.delimiter), None)
    except UnicodeDecodeError:
        raise InputError(original, "not UTF-8 text in the header; save the file as UTF-8",
                         row=1) from None
    except csv.Error as exc:
        raise InputError(original, f"not valid CSV in the header: {exc}", row=1) from None
    if not header or not any(h.strip() for h in header):
        raise InputError(original, f"empty file: expected a header row ({_expected(fmt)})",
                         row=1)
    return [h.strip() for h in header]


def _expected(fmt: formats.Format) -> str:
    values = " or ".join(fmt.values)
    return ", ".join([*fmt.columns, values])


def _columns(header: list[str], original: Path, fmt: formats.Format) -> tuple[dict, str]:
    """{source column: its position} for the columns the format reads, and the value unit.
    A missing column names the expected header and the config to edit."""
    optional = {c for c, field in fmt.columns.items() if field in ("quantity", "quantity_unit")}
    wanted = [c for c in fmt.columns if c not in optional]
    wanted += [fmt.names(f) for f in ("reporter", "partner") if fmt.names(f)]
    hint = (f"expected columns, in any order: {_expected(fmt)}; if the publisher renamed a "
            f"column, edit {paths.relative(fmt.path)}")
    errors = [InputError(original, f"missing column ({hint})", row=1, field=c)
              for c in wanted if c not in header]
    values = [c for c in fmt.values if c in header]
    if not values:
        which = "" if len(fmt.values) == 1 else f", one of {', '.join(fmt.values)}"
        errors.append(InputError(original, f"missing value column{which} ({hint})", row=1,
                                 field=" or ".join(fmt.values)))
    elif len(values) > 1:
        errors.append(InputError(original, "two value columns: one currency per file",
                                 row=1, field=values[1]))
    errors += [InputError(original, f"a breakdown column: rows are split further than by "
                          f"code, partner and period; export the table without it (see "
                          f"{paths.relative(fmt.path)}, breakdowns)", row=1, field=c)
               for c in fmt.breakdowns if c in header]
    numeric = [fmt.numeric(f) for f in ("reporter", "partner") if fmt.numeric(f)]
    needed = [*wanted, *optional, *values, *fmt.require, *fmt.totals, *numeric]
    errors += [InputError(original, "column named twice", row=1, field=c)
               for c in dict.fromkeys(needed) if header.count(c) > 1]
    if errors:
        raise InputErrors(errors)
    positions = {c: header.index(c) for c in needed if c in header}
    return positions, fmt.values[values[0]]


# -- one file --------------------------------------------------------------------------------

def lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _grouped(fmt: formats.Format) -> str:
    """A number with the format's thousands separator, only between groups of three digits."""
    sep = re.escape(fmt.thousands)
    return rf"[+-]?([0-9]{{1,3}}({sep}[0-9]{{3}})+|[0-9]+)(\.[0-9]+)?"


def number_sql(raw: str, fmt: formats.Format) -> str:
    """SQL: a text column as a DOUBLE, NULL when it is not a number of the format's form."""
    if not fmt.thousands:
        return f"TRY_CAST({raw} AS DOUBLE)"
    return (f"CASE WHEN regexp_full_match({raw}, {lit(_grouped(fmt))}) "
            f"THEN TRY_CAST(replace({raw}, {lit(fmt.thousands)}, '') AS DOUBLE) END")


def _number_message(value, fmt: formats.Format) -> str:
    if value is None:
        return "empty: a value is required"
    if fmt.thousands and not re.fullmatch(_grouped(fmt), value):
        return (f"{value!r} is not a number (thousands separator {fmt.thousands!r} only "
                "between groups of three digits)")
    try:
        number = float(value.replace(fmt.thousands, "") if fmt.thousands else value)
    except ValueError:
        hint = " (this format has no thousands separator)" if "," in value else ""
        return f"{value!r} is not a number{hint}"
    return f"{value!r} is negative" if number < 0 else f"{value!r} is not a finite number"


def _read_csv(path: Path, width: int, fmt: formats.Format) -> str:
    """SQL: the file with every column as text, named c0, c1, ... by position."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    return (f"read_csv({lit(path)}, header=true, auto_detect=false, columns={columns}, "
            f"delim={lit(fmt.delimiter)}, quote='\"', escape='\"', encoding='utf-8', "
            "strict_mode=true, null_padding=false)")


def _duckdb_error(exc: Exception, original: Path, readable: Path, delimiter: str) -> InputError:
    """A DuckDB CSV error as an InputError naming the file and line. DuckDB numbers rows, not
    lines (a quoted line break does not count): its row is turned into the line it starts on."""
    text = str(exc)
    line = None
    if match := re.search(r"on Line: (\d+)", text):
        record = int(match[1]) - 1
        try:
            line = _lines(readable, delimiter, {record}, blank=True).get(record, record + 1)
        except (csv.Error, UnicodeDecodeError):
            line = record + 1
    reason = [s.strip() for s in text.splitlines()[1:] if s.strip()
              and not s.startswith(("Original Line", "Possible", "*", "  "))][:2]
    if "Invalid unicode" in text:
        reason = ["not UTF-8 text; save the file as UTF-8"]
    if counts := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text):
        reason = [f"{counts[2]} fields where the header has {counts[1]} (a comma inside a value "
                  "needs quotes)"]
    return InputError(original, "not valid CSV: " + ("; ".join(reason) or text.splitlines()[0]),
                      row=line)


def _lines(path: Path, delimiter: str, records: set[int], blank: bool = False) -> dict[int, int]:
    """The line each record starts on: records count from 1 after the header, a quoted field
    may span lines, and blank lines are skipped as DuckDB's rows skip them (counted when
    `blank`, as DuckDB's error messages count them)."""
    found = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        with suppress(csv.Error):  # a bare carriage return, which DuckDB reads: stop there
            next(reader, None)
            record, start = 0, reader.line_num + 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not values and not blank:
                    continue
                record += 1
                if record in records:
                    found[record] = line
                    if len(found) == len(records):
                        break
    return found


def _width(path: Path, fmt: formats.Format) -> int:
    """The number of fields of the first row after the header (0 when there is none)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=fmt.delimiter)
        try:
            next(reader, None)
            return len(next(reader, []))
        except csv.Error:  # DuckDB names what is wrong, and where
            return 0


# Columns whose distinct values are looked up in Python (Format.code, .flow, ...): the tidy
# columns each gives, and how.
LOOKUPS = {
    "reporter": (["reporter"], lambda fmt, raw: (fmt.code("reporter", raw),)),
    "partner": (["partner"], lambda fmt, raw: (fmt.code("partner", raw),)),
    "flow": (["flow"], lambda fmt, raw: (fmt.flow(raw),)),
    "product": (["product", "digits"], lambda fmt, raw: fmt.product(raw)),
    "period": (["period", "year"], lambda fmt, raw: fmt.period(raw)),
}


class _File:
    """One CSV file of a bulk source, read by DuckDB where it lies (no staged copy): checked in
    one grouped scan, then, when every row passes, written to the store in a second scan.
    Where a check fails, a third scan, in file order, finds the first rows to name."""

    def __init__(self, con, path: Path, source: BulkSource, tmp: Path):
        self.con, self.path, self.source, self.fmt = con, path, source, source.format
        self.readable, self.encoding = _decoded(path, self.fmt, tmp)
        header = _header(self.readable, path, self.fmt)
        positions, self.unit = _columns(header, path, self.fmt)
        self.cols = {c: f"s{i}" for i, c in enumerate(positions)}  # source column -> read
        trimmed = {self.fmt.column(f) for f, rules in self.fmt.fields.items()
                   if (rules or {}).get("trim")}
        self.read = [f"{self._read(c, positions, trimmed)} AS {s}" for c, s in self.cols.items()]
        width = len(header)
        if self.fmt.trailing_delimiter and _width(self.readable, self.fmt) == width + 1:
            self.read.append(f"c{width} AS s_trailing")  # must be empty: checked with the rest
            width += 1
        self.trailing = width > len(header)
        self.reader = _read_csv(self.readable, width, self.fmt)
        self.rows = 0

    def _read(self, column: str, positions: dict, trimmed: set) -> str:
        """SQL: a column as read; a code column with numeric codes beside it (Comtrade's
        partnerCode where partnerISO is empty) falls back on them, marked formats.NUMERIC."""
        text = f"{'trim' if column in trimmed else ''}(c{positions[column]})"
        field = self.fmt.columns.get(column)
        numeric = self.fmt.numeric(field) if field in ("reporter", "partner") else None
        if numeric not in positions:
            return text
        return (f"coalesce(nullif({text}, ''), {lit(formats.NUMERIC)} || "
                f"nullif(trim(c{positions[numeric]}), ''))")

    def sql(self, column: str) -> str:
        return self.cols[column]

    def rows_sql(self, numbered: bool = False) -> str:
        """SQL: the file's rows, the columns the format reads (trimmed where it says so);
        `numbered`: with file_row_number, from 0 in file order (only where read by one
        thread)."""
        if numbered:
            return (f"(SELECT {', '.join(self.read)}, ordinality - 1 AS file_row_number "
                    f"FROM {self.reader} WITH ORDINALITY)")
        return f"(SELECT {', '.join(self.read)} FROM {self.reader})"

    def _query(self, sql: str, **settings) -> list[tuple]:
        """The query's rows, under DuckDB `settings` for this query alone (reset after it on
        every way out)."""
        for name, value in settings.items():
            self.con.execute(f"SET {name} = {value}")
        try:
            return self.con.execute(sql).fetchall()
        except duckdb.InvalidInputException as exc:  # the CSV itself is broken
            raise _duckdb_error(exc, self.path, self.readable, self.fmt.delimiter) from None
        finally:
            for name in settings:
                self.con.execute(f"RESET {name}")

    def check(self) -> tuple[dict, int]:
        """The lookup table of every coded column ({column: {raw: tidy values}}) and the number
        of rows skipped by rule; InputErrors name the first rows of each problem."""
        fmt, problems, tables, skipped = self.fmt, [], {}, 0
        coded = [(field, fmt.column(field), fmt.names(field)) for field in LOOKUPS
                 if fmt.column(field) is not None]
        checks = self._checks()
        distinct, self.rows = self._scan([*((c, n) for _, c, n in coded),
                                          *((c, None) for c in fmt.require if c in self.cols)],
                                         checks)
        if self.rows == 0:
            raise InputError(self.path, "a header and no rows", row=2)
        for field, column, named in coded:
            lookup, table = LOOKUPS[field][1], {}
            for raw, name, count in distinct[column, named]:
                try:
                    found = lookup(fmt, raw) if named is None else (fmt.code(field, raw, name),)
                except ValueError as exc:
                    problems.append((column, raw, str(exc)))
                    continue
                if table.setdefault(raw, found) != found:
                    problems.append((named, name, f"{column} {raw!r} is {table[raw][0]}, but "
                                     f"named {name!r} here it is {found[0]}"))
                if field == "flow" and found == (None,):
                    skipped += count
            tables[column] = table
        for column in fmt.require:
            for raw, _, _ in distinct.get((column, None), ()):
                try:
                    fmt.check_required(column, raw)
                except ValueError as exc:
                    problems.append((column, raw, str(exc)))
        failed = [(column, condition) for column, condition in checks
                  if any(bad for bad, _, _ in distinct[condition, None])]
        if problems or failed:
            raise InputErrors(sorted(self._errors(problems, failed), key=lambda e: e.row or 0))
        self.breakdowns = self._breakdowns()
        return tables, skipped

    def _breakdown(self) -> str | None:
        """SQL: true where a row is a breakdown (a column of the format's `totals` holds
        another value than its total's), or None when the file has none of those columns."""
        parts = [f"coalesce({self.sql(c)} NOT IN ({', '.join(map(lit, totals))}), false)"
                 for c, totals in self.fmt.totals.items() if c in self.cols]
        return "(" + " OR ".join(parts) + ")" if parts else None

    def _breakdowns(self) -> int:
        """The breakdown rows (of flows not skipped) beside their totals, skipped; a breakdown
        whose total row is not in the file is an error, naming its first row."""
        if (brk := self._breakdown()) is None:
            return 0
        flow, skip = self.fmt.column("flow"), self.fmt.rule("flow", "skip") or []
        kept = (f"coalesce({self.sql(flow)} NOT IN ({', '.join(map(lit, skip))}), true)"
                if flow in self.cols and skip else "true")
        keys = ", ".join(self.sql(self.fmt.column(f)) for f in formats.REQUIRED
                         if self.fmt.column(f) in self.cols)
        shown = ", ".join(f"arg_min({self.sql(c)}, file_row_number)" for c in self.fmt.totals
                          if c in self.cols)
        rows = self.rows_sql(numbered=True)
        count, orphans, first, *values = self._query(
            f"WITH r AS (SELECT *, {brk} AS brk FROM {rows}), "
            f"t AS (SELECT DISTINCT {keys} FROM r WHERE NOT brk), "
            f"o AS (SELECT * FROM r WHERE brk AND ({keys}) NOT IN (SELECT ({keys}) FROM t)) "
            f"SELECT (SELECT count(*) FROM r WHERE brk AND {kept}), count(*), "
            f"min(file_row_number), {shown} FROM o", threads=1)[0]
        if orphans:
            present = [c for c in self.fmt.totals if c in self.cols]
            column = next(c for c, v in zip(present, values, strict=True)
                          if v is not None and v not in self.fmt.totals[c])
            raise self._error(first, orphans, column, (
                f"a breakdown row ({column} {values[present.index(column)]!r}) with no total "
                f"row beside it ({column} {' or '.join(self.fmt.totals[column])}, the same "
                "reporter, partner, flow, product and period): download the totals too"))
        return count

    def _checks(self) -> list[tuple[str, str]]:
        """(column, SQL true where a row fails): the value a number, not negative; a quantity
        given a number; nothing after a trailing delimiter."""
        fmt = self.fmt
        value = self.sql(next(c for c in fmt.values if c in self.cols))
        n = number_sql(value, fmt)
        checks = [(value, f"({n}) IS NULL OR NOT isfinite({n}) OR ({n}) < 0")]
        quantity = fmt.column("quantity")
        if quantity in self.cols:
            q = self.sql(quantity)
            n = number_sql(q, fmt)
            checks.append((q, f"{self._has_unit()} AND {q} IS NOT NULL AND (({n}) IS NULL OR "
                              f"NOT isfinite({n}))"))
        if self.trailing:
            checks.append(("s_trailing", "s_trailing IS NOT NULL"))
        return [(column, f"coalesce({bad}, false)") for column, bad in checks]

    def _scan(self, columns: list[tuple], checks: list[tuple]) -> tuple[dict, int]:
        """One scan: for each (column, the column naming its values or None), (value, its name
        or None, rows) for each distinct value; for each check's condition, (true or false,
        None, rows); and the number of rows (grouping sets, () the whole file)."""
        checked = [condition for _, condition in checks]
        sets = list(dict.fromkeys([*columns, *((c, None) for c in checked)]))
        names = {**{c: self.sql(c) for pair in columns for c in pair if c},
                 **{c: f"x{i}" for i, c in enumerate(checked)}}
        used = list(dict.fromkeys(c for pair in sets for c in pair if c))

        def mask(pair) -> int:  # grouping(): a bit per column, set where it is not grouped
            return sum(1 << (len(used) - 1 - i) for i, c in enumerate(used) if c not in pair)

        by_mask = {mask(pair): pair for pair in sets}
        keys = ", ".join("(" + ", ".join(names[c] for c in pair if c) + ")" for pair in sets)
        flags = "".join(f", {c} AS {names[c]}" for c in checked)
        grouped = ", ".join(names[c] for c in used)
        found, rows = {pair: [] for pair in sets}, 0
        result = self._query(
            f"SELECT grouping({grouped}), {grouped}, count(*) FROM (SELECT *{flags} FROM "
            f"{self.rows_sql()}) GROUP BY GROUPING SETS ({keys}, ())",
            preserve_insertion_order="false")  # no order in a sum
        for bits, *values, count in result:
            if bits == (1 << len(used)) - 1:
                rows = count
                continue
            column, named = pair = by_mask[bits]
            found[pair].append((values[used.index(column)],
                                values[used.index(named)] if named else None, count))
        return found, rows

    def _errors(self, problems: list[tuple], failed: list[tuple]) -> list[InputError]:
        """The first row holding each bad value (at most three values per column) and failing
        each check, found in one scan of the file in order (one thread: its rows numbered as
        they come)."""
        shown, wanted = {}, []
        numeric = {c: self.fmt.numeric(f) for c, f in self.fmt.columns.items()
                   if f in ("reporter", "partner") and self.fmt.numeric(f)}
        for column, raw, message in problems:
            if shown.setdefault(column, 0) < 3:
                shown[column] += 1
                s = self.sql(column)
                wanted.append((column, f"{s} IS NULL" if raw is None else f"{s} = {lit(raw)}",
                               message, raw))
        aggregates = [f"min(file_row_number) FILTER (WHERE {match}), count(*) FILTER (WHERE "
                      f"{match})" for _, match, _, _ in wanted]
        aggregates += [f"arg_min({column}, file_row_number) FILTER (WHERE {bad}), "
                       f"min(file_row_number) FILTER (WHERE {bad}), count(*) FILTER (WHERE "
                       f"{bad})" for column, bad in failed]
        found = self._query(f"SELECT {', '.join(aggregates)} FROM "
                            f"{self.rows_sql(numbered=True)}", threads=1)[0]
        errors, found, columns = [], iter(found), {s: c for c, s in self.cols.items()}
        for column, _, message, raw in wanted:
            first, count = next(found), next(found)
            numbered = raw is not None and raw.startswith(formats.NUMERIC)
            named = numeric[column] if numbered else column
            errors.append(self._error(first, count, named, message))
        for column, _ in failed:
            raw, first, count = next(found), next(found), next(found)
            if column == "s_trailing":
                errors.append(self._error(first, count, "(after the last column)", "a value "
                                          "where rows end with an empty field"))
            else:
                errors.append(self._error(first, count, columns[column],
                                          _number_message(raw, self.fmt)))
        return errors

    def _unit(self, alias: str = "") -> str:
        """SQL: the quantity unit, NULL where the format says there is none."""
        unit = self.fmt.column("quantity_unit")
        if unit not in self.cols:
            return "CAST(NULL AS VARCHAR)"
        u, none = f"{alias}{self.sql(unit)}", self.fmt.rule("quantity_unit", "none") or []
        return (f"CASE WHEN {u} IN ({', '.join(map(lit, none))}) THEN NULL ELSE {u} END"
                if none else u)

    def _has_unit(self, alias: str = "") -> str:
        """SQL: a quantity is given (it has a unit, when the file has a unit column)."""
        has_column = self.fmt.column("quantity_unit") in self.cols
        return f"({self._unit(alias)}) IS NOT NULL" if has_column else "true"

    def _error(self, first: int, count: int, column: str, message: str) -> InputError:
        record = first + 1
        line = _lines(self.readable, self.fmt.delimiter, {record}).get(record, record + 1)
        more = f" (and {count - 1} more rows like it)" if count > 1 else ""
        return InputError(self.path, message + more, row=line, field=column)

    def write(self, tables: dict, out: Path, tag: str) -> int:
        """Append the file's tidy rows (not the skipped ones) to the store under construction."""
        fmt, con, joins, exprs, registered = self.fmt, self.con, [], {}, []
        for field, (names, _) in LOOKUPS.items():
            column = fmt.column(field)
            if column is None:  # given by source.yaml
                exprs[field] = lit(self.source.meta[field])
                continue
            raw = f"s.{self.sql(column)}"
            name = f"lookup_{field}"
            rows = [(raw, *values) for raw, values in tables[column].items()]
            con.register(name, pa.table(list(zip(*rows, strict=True)), names=["raw", *names]))
            registered.append(name)
            joins.append(f"JOIN {name} ON {raw} = {name}.raw")
            exprs.update({n: f"{name}.{n}" for n in names})
        value = next(c for c in fmt.values if c in self.cols)
        exprs["value"] = number_sql(f"s.{self.sql(value)}", fmt) + (
            f" * {fmt.scale!r}" if fmt.scale != 1 else "")
        exprs["unit"] = lit(self.unit)
        exprs["quantity_unit"] = self._unit("s.")
        quantity = fmt.column("quantity")
        exprs["quantity"] = (f"CASE WHEN {self._has_unit('s.')} THEN "
                             f"{number_sql(f's.{self.sql(quantity)}', fmt)} END"
                             if quantity in self.cols else "CAST(NULL AS DOUBLE)")
        exprs["source_id"] = lit(self.source.id)
        exprs["digits"] = f"CAST({exprs['digits']} AS INTEGER)"
        exprs["year"] = f"CAST({exprs['year']} AS INTEGER)"
        select = ", ".join(f"{exprs[c]} AS {c}" for c in SCHEMA)
        flow = exprs["flow"]
        breakdown = f" AND NOT {b}" if (b := self._breakdown()) else ""
        written = self._query(
            f"COPY (SELECT {select} FROM {self.rows_sql()} AS s {' '.join(joins)} "
            f"WHERE {flow} IS NOT NULL{breakdown}) TO {lit(out)} (FORMAT parquet, PARTITION_BY "
            f"({', '.join(PARTITIONS)}), FILENAME_PATTERN {lit(tag + '_{i}')}, "
            "OVERWRITE_OR_IGNORE true)",
            preserve_insertion_order="false",  # the store's rows have no order
            # each partition's rows written out by the row group: the default (524,288 rows a
            # partition a thread) spilled the rows of all 60 partitions to disk at 10M rows
            partitioned_write_flush_threshold=ROW_GROUP,
            # the lookups' hash tables built on the lookups: DuckDB cannot tell the size of a
            # CSV it has not read, and swapped sides of one join, building a table of the
            # file's rows
            disabled_optimizers="'build_side_probe_side'")[0][0]
        for name in registered:
            con.unregister(name)
        return written


def ingest_file(con, path: Path, source: BulkSource, out: Path, tag: str, tmp: Path,
                 advance) -> dict:
    """Check and write one file; what sources.json records of it. `advance(fraction)` moves
    the progress bar by that fraction of the file."""
    file = _File(con, path, source, tmp)
    tables, skipped = file.check()
    advance(0.4)
    written = file.write(tables, out, tag)
    advance(0.6)
    assert written == file.rows - skipped - file.breakdowns, (written, file.rows, skipped)
    return {"name": path.name, "encoding": file.encoding, "rows": written, "skipped": skipped,
            "breakdowns": file.breakdowns}
