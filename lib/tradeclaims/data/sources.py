"""Official releases as transcribed: data/sources/<id>/source.yaml (provenance) and one CSV per
release table, with values and units as printed. Code reads these files and never writes them."""

import re
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from tradeclaims.csvfile import read_rows
from tradeclaims.data import dates, periods
from tradeclaims.data.fields import is_web_address
from tradeclaims.data.units import PRINTED_UNITS, parse_number, precision, to_dataset_unit
from tradeclaims.data.vocabulary import section
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.yamlfile import read_yaml

RAW_COLUMNS = ["reporter", "partner", "flow", "product", "period", "measure", "basis", "value",
               "unit", "note"]
EVIDENCE = list(section("evidence"))
# What a note says of a row whose reporter is its own partner (bulk tables keep such rows).
_REIMPORTS = re.compile(r"\bre-?import|复进口|復進口|tái nhập", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """Provenance of one release, as recorded in its source.yaml."""

    id: str
    publisher: str  # the statistical authority
    via: str  # the outlet or page whose copy was read
    title: str
    date_published: str  # YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'
    url: str
    table: str  # table or section of the release
    excerpt: str
    date_accessed: str
    licence: str
    evidence: str  # 'official publication' or 'press report of an official release'
    notes: str

    def citation(self) -> str:
        date = "" if self.date_published == "unknown" else f", {self.date_published}"
        return f"{self.publisher}, “{self.title}”{date}, via {self.via}"


FIELDS = [f.name for f in fields(Source) if f.name != "id"]


def provenance_file(folder: Path, what: str) -> tuple[Path, dict, dict]:
    """A folder's source.yaml as a mapping, with the line of each key (also for bulk tables)."""
    path = folder / "source.yaml"
    if not path.exists():
        raise InputError(folder, f"missing source.yaml ({what})")
    meta, lines = read_yaml(path)
    if not isinstance(meta, dict):
        raise InputError(path, "expected a mapping of provenance fields (field: value)", row=1)
    return path, meta, lines


def text_problems(meta: dict, required):
    """(field, message) for each required field that is missing, empty or not text."""
    for field in required:
        if meta.get(field) in (None, ""):
            yield field, "required provenance field is missing or empty"
        elif isinstance(meta[field], (list, dict)):
            yield field, f"must be text, not a {type(meta[field]).__name__}"


def read_meta(folder: Path) -> Source:
    path, meta, lines = provenance_file(folder, "the release's provenance")
    errors = []

    def problem(field, message):
        errors.append(InputError(path, message, row=lines.get((field,)), field=str(field)))

    for field, message in text_problems(meta, FIELDS):
        problem(field, message)
    for field in sorted(set(meta) - set(FIELDS), key=str):
        problem(field, f"unknown field (expected: {', '.join(FIELDS)})")
    if errors:
        raise InputErrors(errors)
    meta = {key: str(value).strip() for key, value in meta.items()}
    for field, message in meta_problems(meta):
        problem(field, message)
    if errors:
        raise InputErrors(errors)
    return Source(id=folder.name, **meta)


def meta_problems(meta: dict):
    """(field, message) for each provenance value that is not of its form."""
    published = None
    if meta["date_published"] != "unknown":
        try:
            published = dates.parse(meta["date_published"])
        except ValueError as exc:
            yield "date_published", f"{exc} (or 'unknown')"
    try:
        accessed = dates.parse(meta["date_accessed"], full=True)
    except ValueError as exc:
        yield "date_accessed", str(exc)
    else:
        if accessed.first > dates.today():
            yield "date_accessed", f"{meta['date_accessed']} is in the future"
        if published and published.first > accessed.first:
            yield "date_accessed", (f"{meta['date_accessed']} is before the release was "
                                    f"published ({meta['date_published']})")
    if not is_web_address(meta["url"]):
        yield "url", f"{meta['url']!r} is not an absolute http(s) address with a host"
    if meta["evidence"] not in EVIDENCE:
        yield "evidence", f"{meta['evidence']!r} is not {' or '.join(map(repr, EVIDENCE))}"


def read_table(path: Path, source: Source) -> pd.DataFrame:
    """One release table as tidy rows (dataset units, unscaled), indexed by line number."""
    rows = read_rows(path, RAW_COLUMNS)
    raw = pd.DataFrame([row for _, row in rows], columns=RAW_COLUMNS,
                       index=[line for line, _ in rows], dtype=str)
    values, units, precisions, errors = [], [], [], []
    for line, row in raw.iterrows():
        try:
            number = parse_number(row["value"])
        except ValueError as exc:
            errors.append(InputError(path, str(exc), row=line, field="value"))
            number = None
        if row["unit"] not in PRINTED_UNITS:
            errors.append(InputError(
                path, f"unknown unit {row['unit']!r} (known: {', '.join(PRINTED_UNITS)})",
                row=line, field="unit"))
        if message := _period_problem(row, source):
            errors.append(InputError(path, message, row=line, field="period"))
        if row["reporter"] == row["partner"] and not _REIMPORTS.search(row["note"]):
            errors.append(InputError(
                path, f"{row['partner']!r} is also the reporter: a release prints its own "
                "country as a partner only for re-imports (goods it exported and imported "
                "back); if that is what the row is, say so in its note, else correct the "
                "partner", row=line, field="partner"))
        if number is None or row["unit"] not in PRINTED_UNITS:
            continue
        value, unit = to_dataset_unit(number, row["unit"])
        values.append(value)
        units.append(unit)
        precisions.append(precision(number, row["unit"]))
    if errors:
        raise InputErrors(errors)
    tidy = raw.assign(source_id=source.id, value=values, unit=units, precision=precisions)
    return tidy[["source_id", *RAW_COLUMNS[:6], "unit", "basis", "value", "precision", "note"]]


def _period_problem(row, source: Source) -> str:
    """What is wrong with a row's period given its release, or ''. The period's own form is
    checked with the schema."""
    try:
        period = periods.parse(row["period"])
    except ValueError:
        return ""
    if row["measure"] == "growth_mom_published" and (period.is_span or period.start[1] == 0):
        return (f"{row['period']!r}: a month-on-month rate is for a single month, such as "
                "2026-01")
    if source.date_published != "unknown":
        published = dates.parse(source.date_published)
        if period.last_month() > published.last_month():
            return (f"{row['period']!r} ends after the release was published "
                    f"({source.date_published})")
    return ""


def source_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_source(folder: Path) -> tuple[Source, list[tuple[Path, pd.DataFrame]]]:
    """A release's provenance and its tables; an error if it has no table."""
    source = read_meta(folder)
    tables = sorted(folder.glob("*.csv"))
    if not tables:
        raise InputError(folder, "no CSV table beside source.yaml")
    return source, [(path, read_table(path, source)) for path in tables]


def load_provenance(root: Path) -> dict[str, Source]:
    """Every release's provenance, by source id."""
    return {folder.name: read_meta(folder) for folder in source_folders(root)}
