"""A bulk source: the folder data/bulk/<source_id>/ with its source.yaml (a release's provenance
plus the format and the download query) and its CSV files, found and checked before any file
is read. `staging` reads the files of one; `ingest` builds the store from all of them."""

import re
from dataclasses import dataclass
from pathlib import Path

from tradeclaims import paths
from tradeclaims.bulk import formats
from tradeclaims.data import sources as releases
from tradeclaims.errors import InputError, InputErrors

# A bulk source.yaml has a release's provenance fields plus these (and the format's from_source).
EXTRA = ["format", "query"]
FIXTURE_EVIDENCE = "synthetic test fixture"  # allowed besides the vocabulary's evidence kinds


@dataclass(frozen=True)
class BulkSource:
    id: str
    folder: Path
    meta: dict  # source.yaml as read
    format: formats.Format
    files: list[Path]


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
