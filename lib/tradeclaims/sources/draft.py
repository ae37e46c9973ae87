"""A table as a new release folder: source.yaml with every provenance field the codebook
requires, and data.csv with the table as printed. The folder is written whole under a
temporary name, read back by the dataset's own reader, then renamed into place: it exists
complete, or not at all, and an existing folder is never touched."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from tradeclaims.csvfile import to_csv_text
from tradeclaims.data import sources
from tradeclaims.data.sources import RAW_COLUMNS
from tradeclaims.errors import InputError
from tradeclaims.files import signals_held
from tradeclaims.sources.table import NONE, Table

LICENCE = ("Official statistics (facts) transcribed for verification; only a short excerpt of "
           "the source text is quoted, which remains its publisher's copyright.")


@dataclass(frozen=True)
class Provenance:
    url: str
    date_accessed: str  # YYYY-MM-DD
    date_published: str = ""  # given with --published; else the page's, else unknown
    note: str = ""  # added to the notes (--note)
    page_name: str = ""


def observations(table: Table, where) -> list[dict]:
    """The rows of data.csv: each printed figure once. A cell that is a breakdown both ways (a
    customs regime of one type of enterprise) has no product code and is left out; January's
    "1" and "1to1" columns are one observation, and must agree."""
    rows: dict[tuple, dict] = {}
    for row in table.rows:
        for j, column in enumerate(table.columns):
            if row.product != "TOTAL" and column.product != "TOTAL":
                continue
            product = column.product if row.product == "TOTAL" else row.product
            label = column.name if row.product == "TOTAL" else row.label
            note = "" if product == "TOTAL" else label
            cells = [("value", row.values[j], table.unit, "", row.line)]
            if row.growth:
                cells.append(("growth_published", row.growth[j], "%", table.basis,
                              row.growth_line))
            for measure, printed, unit, basis, line in cells:
                if printed == NONE:
                    continue
                key = (column.flow, product, column.period, measure)
                obs = dict(reporter=table.reporter, partner=table.partner, flow=column.flow,
                           product=product, period=column.period, measure=measure,
                           basis=basis, value=printed, unit=unit, note=note)
                if key in rows and rows[key]["value"] != printed:
                    raise InputError(where, f"row {row.label!r}: {printed} in column "
                                     f"{column.name!r}, but {rows[key]['value']} in another "
                                     f"column for the same period ({column.period})",
                                     row=line, field=column.name)
                rows.setdefault(key, obs)
    return list(rows.values())


def provenance(table: Table, given: Provenance, observations: int) -> dict:
    total = table.total_row()
    excerpt = total.text + (f"\n{total.growth_text}" if total.growth_text else "")
    published = given.date_published or table.date_published
    periods = sorted({c.period for c in table.columns}, key=len)
    notes = [f"Values as printed, in {table.unit}; growth rates are the publisher's y/y "
             f"percentages, in {table.basis} terms; '-' (no figure) is not transcribed. "
             "Columns: " + "; ".join(f"{c.name!r} is {c.flow} {c.period}" for c in
                                     table.columns) + ".",
             f"Drafted by `python -m tradeclaims source` from the page saved as "
             f"{given.page_name} ({len(table.rows)} rows, {observations} observations)."]
    if table.cut_off:
        notes.append(f"The copy read ends after row {table.rows[-1].label!r}: the rows below "
                     "it are not transcribed, and the rows were not checked against the "
                     "total (--partial).")
    notes += table.notes
    if given.date_published:
        notes.append(f"Date published {given.date_published}, given by the person who "
                     "drafted the folder (--published).")
    elif published == "unknown":
        notes.append("Date unknown: the page prints no posting date; give --published from "
                     "the publisher's release calendar when it is known.")
    if given.note:
        notes.append(given.note)
    return {
        "publisher": table.publisher,
        "via": table.via,
        "title": table.title,
        "date_published": published,
        "url": given.url,
        "table": f"{table.title}: " + ("the rows read (the copy is cut off)" if table.cut_off
                                       else "every row") + f" ({', '.join(periods)})",
        "excerpt": excerpt,
        "date_accessed": given.date_accessed,
        "licence": LICENCE,
        "evidence": "official publication",
        "notes": "\n".join(notes),
    }


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a literal block (`|-`), as people write excerpts and notes."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def yaml_text(meta: dict) -> str:
    text = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
    return text if text.endswith("\n") else text + "\n"


def write(folder: Path, meta: dict, rows: list[dict]) -> None:
    """Write the folder whole or not at all; refuse one that exists."""
    if folder.exists():
        raise InputError(folder, "already exists: a draft never replaces a release folder "
                         "(remove it first, or choose another --id)")
    temporary = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    with signals_held():
        try:
            temporary.mkdir(parents=True)
            (temporary / "source.yaml").write_text(yaml_text(meta), encoding="utf-8")
            (temporary / "data.csv").write_text(to_csv_text(RAW_COLUMNS, rows),
                                                encoding="utf-8")
            try:
                sources.load_source(temporary)  # the dataset's own reader accepts it
            except InputError as exc:
                raise InputError(folder, f"the draft would not pass make data: {exc}") from None
            os.rename(temporary, folder)  # fails if another writer made the folder meanwhile
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
