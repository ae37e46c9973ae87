"""Official releases as transcribed: data/sources/<id>/source.yaml (provenance) and one CSV per
release table, with values and units as printed. Code reads these files and never writes them."""

import re
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import yaml

from tradeclaims.errors import InputError, InputErrors
from tradeclaims.units import PRINTED_UNITS, parse_number, precision, to_dataset_unit

RAW_COLUMNS = ["reporter", "partner", "flow", "product", "period", "measure", "basis", "value",
               "unit", "note"]
EVIDENCE = ["official publication", "press report of an official release"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


def read_meta(folder: Path) -> Source:
    path = folder / "source.yaml"
    if not path.exists():
        raise InputError(folder, "missing source.yaml (the release's provenance)")
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise InputError(path, "expected a mapping of provenance fields")
    errors = []
    for field in FIELDS:
        if meta.get(field) in (None, ""):
            errors.append(InputError(path, "required provenance field is missing or empty",
                                     field=field))
    for field in sorted(set(meta) - set(FIELDS)):
        errors.append(InputError(path, f"unknown field (expected: {', '.join(FIELDS)})",
                                 field=field))
    if errors:
        raise InputErrors(errors)
    meta = {key: str(value).strip() for key, value in meta.items()}
    checks = {
        "date_published": meta["date_published"] == "unknown"
        or _DATE.match(meta["date_published"]),
        "date_accessed": re.match(r"^\d{4}-\d{2}-\d{2}$", meta["date_accessed"]),
        "url": meta["url"].startswith(("https://", "http://")),
        "evidence": meta["evidence"] in EVIDENCE,
    }
    expected = {"date_published": "YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'",
                "date_accessed": "YYYY-MM-DD", "url": "an http(s) address",
                "evidence": " or ".join(EVIDENCE)}
    bad = [InputError(path, f"{meta[f]!r} is not {expected[f]}", field=f)
           for f, ok in checks.items() if not ok]
    if bad:
        raise InputErrors(bad)
    return Source(id=folder.name, **meta)


def read_table(path: Path, source_id: str) -> pd.DataFrame:
    """One release table as tidy rows (dataset units, unscaled), indexed by line number."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in RAW_COLUMNS if c not in raw.columns]
    extra = [c for c in raw.columns if c not in RAW_COLUMNS]
    if missing or extra:
        problems = [InputError(path, "missing column", row=1, field=c) for c in missing]
        problems += [InputError(path, "unexpected column", row=1, field=c) for c in extra]
        raise InputErrors(problems)
    raw.index = raw.index + 2  # line numbers: the header is line 1
    raw = raw.apply(lambda column: column.str.strip())
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
        if number is None or row["unit"] not in PRINTED_UNITS:
            continue
        value, unit = to_dataset_unit(number, row["unit"])
        values.append(value)
        units.append(unit)
        precisions.append(precision(number, row["unit"]))
    if errors:
        raise InputErrors(errors)
    tidy = raw.assign(source_id=source_id, value=values, unit=units, precision=precisions)
    return tidy[["source_id", *RAW_COLUMNS[:6], "unit", "basis", "value", "precision", "note"]]


def source_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_source(folder: Path) -> tuple[Source, list[tuple[Path, pd.DataFrame]]]:
    """A release's provenance and its tables; an error if it has no table."""
    source = read_meta(folder)
    tables = sorted(folder.glob("*.csv"))
    if not tables:
        raise InputError(folder, "no CSV table beside source.yaml")
    return source, [(path, read_table(path, source.id)) for path in tables]


def load_provenance(root: Path) -> dict[str, Source]:
    """Every release's provenance, by source id."""
    return {folder.name: read_meta(folder) for folder in source_folders(root)}
