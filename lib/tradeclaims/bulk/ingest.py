"""Ingest data/bulk/<source_id>/ (source.yaml and CSV files of one format) into the tidy bulk
store: Parquet partitioned by reporter and year, plus sources.json (provenance, file hashes, row
counts). DuckDB reads every column as text and validates it in SQL; the first bad row of each
kind is reported with its file, line and column. The store is built in a new directory and
published by repointing the symlink build/bulk/store, so a failed ingest keeps the last good one."""

import codecs
import csv
import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from tradeclaims import paths
from tradeclaims.bulk import formats
from tradeclaims.data import sources as releases
from tradeclaims.errors import InputError, InputErrors

SCHEMA = ["source_id", "reporter", "partner", "flow", "product", "digits", "period", "year",
          "unit", "value", "quantity", "quantity_unit"]
PARTITIONS = ["reporter", "year"]
# A bulk source.yaml has a release's provenance fields plus these (and the format's from_source).
EXTRA = ["format", "query"]
FIXTURE_EVIDENCE = "synthetic test fixture"  # allowed besides the vocabulary's evidence kinds
MEMORY_LIMIT = "1GB"  # DuckDB's own; it spills to disk beyond it


@dataclass(frozen=True)
class BulkSource:
    id: str
    folder: Path
    meta: dict  # source.yaml as read
    format: formats.Format
    files: list[Path]


@dataclass(frozen=True)
class Result:
    status: str  # "empty" (no bulk sources), "unchanged" or "ingested"
    sources: int = 0
    files: int = 0
    rows: int = 0
    skipped: int = 0
    store: Path | None = None


# -- discovery ---------------------------------------------------------------------------------

def discover(bulk: Path, formats_root: Path = paths.BULK_FORMATS) -> list[BulkSource]:
    """Every <bulk>/<source_id>/ folder (not hidden, not the formats folder), checked."""
    if not bulk.is_dir():
        return []
    folders = sorted(p for p in bulk.iterdir() if p.is_dir() and not p.name.startswith(".")
                     and p.name != "formats" and p.resolve() != formats_root.resolve())
    found, errors = [], []
    for folder in folders:
        try:
            found.append(read_source(folder, formats_root))
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    return found


def read_source(folder: Path, formats_root: Path = paths.BULK_FORMATS) -> BulkSource:
    """A bulk source: its source.yaml, checked with the rules of releases plus `format`, `query`
    (and `reporter`, `flow` where the format has no such column), and its CSV files."""
    path, meta, lines = releases.provenance_file(folder, "the bulk table's provenance and "
                                                 "format")
    errors = []

    def problem(field, message):
        errors.append(InputError(path, message, row=lines.get((field,)), field=str(field)))

    known = formats.available(formats_root)
    fmt = None
    if meta.get("format") not in known:
        problem("format", f"{meta.get('format')!r} is not a bulk format ({', '.join(known)}, "
                f"in {paths.relative(formats_root)})")
    else:
        fmt = formats.load(meta["format"], formats_root)
    own = fmt.from_source if fmt else formats.FROM_SOURCE
    expected = [*releases.FIELDS, *EXTRA, *own]
    for field, message in releases.text_problems(meta, [*releases.FIELDS, *own]):
        problem(field, message)
    if not isinstance(meta.get("query"), dict) or not meta["query"]:
        problem("query", "required: the query parameters used to download the files "
                "(parameter: value)")
    for field in sorted(set(meta) - set(expected), key=str):
        problem(field, f"unknown field (expected: {', '.join(expected)})")
    if errors:
        raise InputErrors(errors)
    text = {field: str(meta[field]).strip() for field in releases.FIELDS}
    for field, message in releases.meta_problems(text):
        if not (field == "evidence" and text[field] == FIXTURE_EVIDENCE):
            problem(field, message)
    if "reporter" in own and not re.fullmatch(r"[A-Z]{3}", str(meta["reporter"])):
        problem("reporter", f"{meta['reporter']!r} is not an ISO3 code such as CHN")
    if "flow" in own and meta["flow"] not in formats.FLOWS:
        problem("flow", f"{meta['flow']!r} is not {' or '.join(formats.FLOWS)}")
    if errors:
        raise InputErrors(errors)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise InputError(folder, f"no CSV file beside source.yaml (a {fmt.name} export)")
    return BulkSource(folder.name, folder, meta, fmt, files)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def manifest(found: list[BulkSource]) -> dict:
    """What the store is built from: for each source, its source.yaml, its format config's hash,
    the ingest code's hash and its files' hashes. The same manifest means the same store."""
    code = hashlib.sha256(b"".join(Path(m.__file__).read_bytes()
                                   for m in (formats, sys.modules[__name__])))
    return {s.id: {"source": s.meta, "format_sha256": s.format.sha256,
                   "code_sha256": "sha256:" + code.hexdigest(),
                   "files": [{"name": p.name, "sha256": sha256_file(p)} for p in s.files]}
            for s in found}


def _unchanged(store: Path, wanted: dict) -> tuple[int, int, int] | None:
    """(files, rows, rows skipped) of the store when its sources.json records the manifest
    `wanted`; None when it does not, or there is none, or it cannot be read."""
    try:
        recorded = json.loads((store / "sources.json").read_text("utf-8"))
        files = [f for entry in recorded.values() for f in entry["files"]]
        same = {sid: {**entry, "files": [{"name": f["name"], "sha256": f["sha256"]}
                                         for f in entry["files"]]}
                for sid, entry in recorded.items()}
        if same == json.loads(json.dumps(wanted, default=str)):
            return len(files), sum(f["rows"] for f in files), sum(f["skipped"] for f in files)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    return None


# -- reading one file --------------------------------------------------------------------------

def _decoded(path: Path, fmt: formats.Format, tmp: Path) -> tuple[Path, str]:
    """The UTF-8 file DuckDB reads (the file itself, or a transcoded copy in `tmp`) and the
    encoding it was in. A UTF-8-only format is left to DuckDB, which checks every byte."""
    if fmt.encodings == ["utf-8"]:
        return path, "utf-8"
    failure = None
    for encoding in fmt.encodings:
        codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
        out = tmp / f"{hashlib.sha1(str(path).encode()).hexdigest()[:12]}.csv"
        decoder = codecs.getincrementaldecoder(codec)()
        offset = 0
        try:
            with open(path, "rb") as f, open(out, "w", encoding="utf-8", newline="") as w:
                while chunk := f.read(1 << 20):
                    w.write(decoder.decode(chunk))
                    offset += len(chunk)
                w.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as exc:
            failure = failure or (encoding, offset + exc.start)
            continue
        if codec == "utf-8-sig":
            out.unlink()
            return path, "utf-8"
        return out, encoding
    _, at = failure
    data = path.read_bytes()[:at + 1]
    raise InputError(path, f"not {' or '.join(fmt.encodings)} text: byte {data[at]:#04x} at "
                     f"offset {at}", row=data.count(b"\n") + 1)


def _header(path: Path, original: Path, fmt: formats.Format) -> list[str]:
    with open(path, "rb") as f:
        first = f.readline()
    try:
        header = next(csv.reader([first.decode("utf-8-sig")], delimiter=fmt.delimiter), None)
    except UnicodeDecodeError:
        raise InputError(original, "not UTF-8 text in the header; save the file as UTF-8",
                         row=1) from None
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
    needed = [*wanted, *optional, *values, *fmt.require]
    errors += [InputError(original, "column named twice", row=1, field=c)
               for c in dict.fromkeys(needed) if header.count(c) > 1]
    if errors:
        raise InputErrors(errors)
    positions = {c: header.index(c) for c in needed if c in header}
    return positions, fmt.values[values[0]]


# -- one file --------------------------------------------------------------------------------

def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _grouped(fmt: formats.Format) -> str:
    """A number with the format's thousands separator, only between groups of three digits."""
    sep = re.escape(fmt.thousands)
    return rf"[+-]?([0-9]{{1,3}}({sep}[0-9]{{3}})+|[0-9]+)(\.[0-9]+)?"


def _number(raw: str, fmt: formats.Format) -> str:
    """SQL: a text column as a DOUBLE, NULL when it is not a number of the format's form."""
    if not fmt.thousands:
        return f"TRY_CAST({raw} AS DOUBLE)"
    return (f"CASE WHEN regexp_full_match({raw}, {_lit(_grouped(fmt))}) "
            f"THEN TRY_CAST(replace({raw}, {_lit(fmt.thousands)}, '') AS DOUBLE) END")


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


def _read_csv(path: Path, header: list[str], fmt: formats.Format) -> str:
    """SQL: the file with every column as text, named c0, c1, ... by position."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    return (f"read_csv({_lit(path)}, header=true, auto_detect=false, columns={columns}, "
            f"delim={_lit(fmt.delimiter)}, quote='\"', escape='\"', encoding='utf-8', "
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
    """One CSV file of a bulk source, staged as Parquet (the columns the format reads, as text,
    in file order), checked, then appended to the store."""

    def __init__(self, con, path: Path, source: BulkSource, tmp: Path, tag: str):
        self.con, self.path, self.source, self.fmt = con, path, source, source.format
        self.readable, self.encoding = _decoded(path, self.fmt, tmp)
        header = _header(self.readable, path, self.fmt)
        positions, self.unit = _columns(header, path, self.fmt)
        self.cols = {c: f"s{i}" for i, c in enumerate(positions)}  # source column -> staged
        self.stage = tmp / f"{tag}.parquet"
        staged = ", ".join(f"c{positions[c]} AS {s}" for c, s in self.cols.items())
        try:
            con.execute(f"COPY (SELECT {staged} FROM {_read_csv(self.readable, header, self.fmt)})"
                        f" TO {_lit(self.stage)} (FORMAT parquet)").fetchall()
        except duckdb.InvalidInputException as exc:  # the CSV itself is broken
            raise _duckdb_error(exc, path, self.readable, self.fmt.delimiter) from None
        self.rows = con.execute(f"SELECT count(*) FROM {_lit(self.stage)}").fetchall()[0][0]
        if self.rows == 0:
            raise InputError(path, "a header and no rows", row=2)

    def sql(self, column: str) -> str:
        return self.cols[column]

    def check(self) -> tuple[dict, int]:
        """The lookup table of every coded column ({column: {raw: tidy values}}) and the number
        of rows skipped by rule; InputErrors name the first rows of each problem."""
        fmt, problems, tables, skipped = self.fmt, [], {}, 0
        for field, (_, lookup) in LOOKUPS.items():
            column = fmt.column(field)
            if column is None:
                continue
            table = {}
            for raw, count in self._distinct(column):
                try:
                    table[raw] = lookup(fmt, raw)
                except ValueError as exc:
                    problems.append((column, raw, str(exc)))
                if field == "flow" and table.get(raw) == (None,):
                    skipped += count
            tables[column] = table
        for column in fmt.require:
            for raw, _ in self._distinct(column) if column in self.cols else ():
                try:
                    fmt.check_required(column, raw)
                except ValueError as exc:
                    problems.append((column, raw, str(exc)))
        errors = self._value_errors(problems)
        errors += self._number_errors()
        if errors:
            raise InputErrors(sorted(errors, key=lambda e: e.row or 0))
        return tables, skipped

    def _distinct(self, column: str) -> list[tuple]:
        s = self.sql(column)
        return self.con.execute(f"SELECT {s}, count(*) FROM {_lit(self.stage)} GROUP BY {s}"
                                ).fetchall()

    def _value_errors(self, problems: list[tuple]) -> list[InputError]:
        """The first rows holding each bad value, at most three values per column."""
        errors, shown = [], {}
        for column, raw, message in problems:
            if shown.setdefault(column, 0) == 3:
                continue
            shown[column] += 1
            s = self.sql(column)
            match = f"{s} IS NULL" if raw is None else f"{s} = {_lit(raw)}"
            first, count = self.con.execute(
                f"SELECT min(file_row_number), count(*) FROM read_parquet({_lit(self.stage)}, "
                f"file_row_number=true) WHERE {match}").fetchall()[0]
            errors.append(self._error(first, count, column, message))
        return errors

    def _number_errors(self) -> list[InputError]:
        fmt, checks = self.fmt, []
        value = next(c for c in fmt.values if c in self.cols)
        checks.append((value, "n IS NULL OR NOT isfinite(n) OR n < 0"))
        quantity = fmt.column("quantity")
        if quantity in self.cols:
            checks.append((quantity, f"{self._has_unit()} AND {self.sql(quantity)} IS NOT NULL "
                                     "AND (n IS NULL OR NOT isfinite(n))"))
        errors = []
        for column, bad in checks:
            s = self.sql(column)
            count, first, raw = self.con.execute(
                f"SELECT count(*), min(file_row_number), arg_min({s}, file_row_number) FROM "
                f"(SELECT *, {_number(s, fmt)} AS n FROM read_parquet({_lit(self.stage)}, "
                f"file_row_number=true)) WHERE {bad}").fetchall()[0]
            if count:
                errors.append(self._error(first, count, column, _number_message(raw, fmt)))
        return errors

    def _unit(self, alias: str = "") -> str:
        """SQL: the quantity unit, NULL where the format says there is none."""
        unit = self.fmt.column("quantity_unit")
        if unit not in self.cols:
            return "CAST(NULL AS VARCHAR)"
        u, none = f"{alias}{self.sql(unit)}", self.fmt.rule("quantity_unit", "none") or []
        return (f"CASE WHEN {u} IN ({', '.join(map(_lit, none))}) THEN NULL ELSE {u} END"
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
                exprs[field] = _lit(self.source.meta[field])
                continue
            name = f"lookup_{field}"
            rows = [(raw, *values) for raw, values in tables[column].items()]
            con.register(name, pa.table(list(zip(*rows, strict=True)), names=["raw", *names]))
            registered.append(name)
            joins.append(f"JOIN {name} ON s.{self.sql(column)} = {name}.raw")
            exprs.update({n: f"{name}.{n}" for n in names})
        value = next(c for c in fmt.values if c in self.cols)
        exprs["value"] = _number(f"s.{self.sql(value)}", fmt) + (
            f" * {fmt.scale!r}" if fmt.scale != 1 else "")
        exprs["unit"] = _lit(self.unit)
        exprs["quantity_unit"] = self._unit("s.")
        quantity = fmt.column("quantity")
        exprs["quantity"] = (f"CASE WHEN {self._has_unit('s.')} THEN "
                             f"{_number(f's.{self.sql(quantity)}', fmt)} END"
                             if quantity in self.cols else "CAST(NULL AS DOUBLE)")
        exprs["source_id"] = _lit(self.source.id)
        exprs["digits"] = f"CAST({exprs['digits']} AS INTEGER)"
        exprs["year"] = f"CAST({exprs['year']} AS INTEGER)"
        select = ", ".join(f"{exprs[c]} AS {c}" for c in SCHEMA)
        flow = exprs["flow"]
        written = con.execute(
            f"COPY (SELECT {select} FROM {_lit(self.stage)} AS s {' '.join(joins)} "
            f"WHERE {flow} IS NOT NULL) TO {_lit(out)} (FORMAT parquet, PARTITION_BY "
            f"({', '.join(PARTITIONS)}), FILENAME_PATTERN {_lit(tag + '_{i}')}, "
            "OVERWRITE_OR_IGNORE true)").fetchall()[0][0]
        for name in registered:
            con.unregister(name)
        return written


def _ingest_file(con, path: Path, source: BulkSource, out: Path, tag: str, tmp: Path,
                 advance) -> dict:
    """Stage, check and write one file; what sources.json records of it. `advance(fraction)`
    moves the progress bar by that fraction of the file."""
    file = _File(con, path, source, tmp, tag)
    advance(0.5)
    tables, skipped = file.check()
    advance(0.1)
    written = file.write(tables, out, tag)
    advance(0.4)
    file.stage.unlink()
    assert written == file.rows - skipped, (written, file.rows, skipped)
    return {"name": path.name, "encoding": file.encoding, "rows": written, "skipped": skipped}


def _check_duplicates(con, out: Path, tags: dict[str, Path]):
    """Each (source, reporter, partner, flow, product, period) once: two files of one source
    that overlap, or a file holding a row twice, would double the sums. Grouped on a 64-bit hash
    of the key (fast); the keys of the hashes seen twice are then compared in full."""
    if not any(out.rglob("*.parquet")):
        return
    keys = "source_id, reporter, partner, flow, product, period"
    store = (f"read_parquet({_lit(out / '*' / '*' / '*.parquet')}, hive_partitioning=true, "
             "filename=true)")
    twice = [h for (h,) in con.execute(
        f"SELECT h FROM (SELECT hash({keys}) AS h FROM {store}) GROUP BY h "
        "HAVING count(*) > 1 LIMIT 10").fetchall()]
    if not twice:
        return
    rows = con.execute(
        f"SELECT {keys}, count(*) AS n, list(DISTINCT regexp_extract(filename, "
        f"'(s[0-9]+f[0-9]+)_[0-9]+\\.parquet$', 1)) FROM {store} "
        f"WHERE hash({keys}) IN ({', '.join(map(str, twice))}) "
        f"GROUP BY {keys} HAVING n > 1 ORDER BY {keys}").fetchall()
    if rows:
        raise InputErrors([
            InputError(tags[files[0]].parent, f"{n} rows for reporter={r}, partner={p}, "
                       f"flow={f}, product={c}, period={t} (in "
                       f"{', '.join(sorted(tags[x].name for x in files))}): a file holds it "
                       "twice or two files overlap; each must appear once per source")
            for _, r, p, f, c, t, n, files in rows])


def ingest(bulk: Path = paths.BULK, store: Path = paths.BULK_STORE,
           formats_root: Path = paths.BULK_FORMATS, quiet: bool = False) -> Result:
    """Ingest every bulk source into a new store and publish it; skip when nothing changed."""
    found = discover(bulk, formats_root)
    if not found:
        return Result("empty")
    if store.exists() and not store.is_symlink():
        raise InputError(store, "is not the symlink that ingest maintains; move it away")
    wanted = manifest(found)
    if unchanged := _unchanged(store, wanted):
        return Result("unchanged", len(found), *unchanged, store)
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True, default=str).encode())
    out = store.with_name(f"{store.name}-{digest.hexdigest()[:12]}")
    if store.is_symlink() and store.resolve() == out.resolve():  # its sources.json was lost
        out = out.with_name(f"{out.name}-{os.getpid()}")
    tmp = store.with_name(f".{store.name}-tmp-{os.getpid()}")
    published = False
    try:
        for path in (out, tmp):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        entries = _build(found, wanted, out, tmp, quiet)
        (out / "sources.json").write_text(
            json.dumps(entries, indent=1, ensure_ascii=False, default=str) + "\n", "utf-8")
        published = _publish(store, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not published:
            shutil.rmtree(out, ignore_errors=True)
    _remove_old(store, out)
    files = [f for e in entries.values() for f in e["files"]]
    return Result("ingested", len(found), len(files), sum(f["rows"] for f in files),
                  sum(f["skipped"] for f in files), store)


def _build(found: list[BulkSource], wanted: dict, out: Path, tmp: Path, quiet: bool) -> dict:
    from tqdm import tqdm

    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(tmp)})
    con.execute("SET enable_progress_bar = false")
    entries, tags = {}, {}
    total = sum(p.stat().st_size for s in found for p in s.files)
    disable = quiet or not sys.stderr.isatty()
    with con, tqdm(total=total, unit="B", unit_scale=True, desc="ingest", file=sys.stderr,
                   disable=disable, leave=False) as bar:
        for si, source in enumerate(found):
            entries[source.id] = {**wanted[source.id], "files": []}
            for fi, path in enumerate(source.files):
                bar.set_postfix_str(f"{source.id}/{path.name}")
                tag = f"s{si}f{fi}"
                tags[tag] = path
                size = path.stat().st_size
                info = _ingest_file(con, path, source, out, tag, tmp,
                                    lambda fraction, size=size: bar.update(fraction * size))
                entries[source.id]["files"].append({**wanted[source.id]["files"][fi], **info})
        _check_duplicates(con, out, tags)
    return entries


def _publish(store: Path, out: Path) -> bool:
    """Point `store` at `out` in one rename: readers see the old store or the new one."""
    link = store.with_name(f".{store.name}-link-{os.getpid()}")
    link.unlink(missing_ok=True)
    try:
        os.symlink(out.name, link)
        os.replace(link, store)
    finally:
        link.unlink(missing_ok=True)
    return True


def _remove_old(store: Path, current: Path):
    """Remove the stores `store` no longer points at, and what interrupted ingests left."""
    for old in [*store.parent.glob(f"{store.name}-*"), *store.parent.glob(f".{store.name}-*")]:
        if old != current and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
