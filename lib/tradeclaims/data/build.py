"""Build the shared tidy dataset data/trade.csv and its descriptor data/datapackage.json."""

import json
from pathlib import Path

import pandas as pd

from tradeclaims import csvfile, paths
from tradeclaims.data import fields, schema
from tradeclaims.data.sources import load_source, source_folders
from tradeclaims.data.units import BASES, MEASURE_UNITS, UNITS
from tradeclaims.errors import InputError
from tradeclaims.files import sha256, write_together


def build(root: Path = paths.SOURCES) -> pd.DataFrame:
    """Every source table, parsed, validated and stacked in a stable order."""
    folders = source_folders(root)
    frames = []
    for folder in folders:
        _, tables = load_source(folder)
        frames += [table.assign(origin_file=str(path), origin_line=table.index)
                   for path, table in tables]
    if not frames:
        raise InputError(root, "no sources found")
    data = pd.concat(frames, ignore_index=True)
    schema.validate(data, root, known_sources={folder.name for folder in folders})
    return data[fields.COLUMNS].sort_values(fields.KEY, kind="stable").reset_index(drop=True)


def to_csv_text(data: pd.DataFrame) -> str:
    return csvfile.to_csv_text(list(data.columns), data.to_dict("records"))


def datapackage(data: pd.DataFrame, root: Path = paths.SOURCES) -> dict:
    """A Frictionless Data Package descriptor for trade.csv."""
    enums = {"flow": fields.FLOWS, "measure": sorted(MEASURE_UNITS), "unit": UNITS,
             "basis": ["", *BASES]}
    described = [{"name": name, "type": "number" if name in ("value", "precision") else "string",
                  "description": fields.DESCRIPTIONS[name],
                  **({"constraints": {"enum": enums[name]}} if name in enums else {})}
                 for name in fields.COLUMNS]
    sources = []
    for folder in source_folders(root):
        source, _ = load_source(folder)
        sources.append({"title": f"{source.id}: {source.title}", "path": source.url,
                        "publisher": source.publisher})
    return {
        "name": "tradeclaims-trade",
        "title": "Official trade statistics behind the claims of five news articles",
        "description": "China's and Vietnam's trade, 2023 to February 2026, transcribed from "
        "official releases; one row per observation. Provenance of every release is in "
        "data/sources/<source_id>/source.yaml.",
        "licenses": [{"name": "other-factual", "title": "Official statistics (facts); see "
                      "each source.yaml"}],
        "sources": sources,
        "resources": [{
            "name": "trade",
            "path": "trade.csv",
            "format": "csv",
            "encoding": "utf-8",
            "hash": sha256(to_csv_text(data)),
            "rows": len(data),
            "schema": {"fields": described, "primaryKey": fields.KEY,
                       "missingValues": []},
        }],
    }


def write(data: pd.DataFrame, csv_path: Path = paths.TRADE_CSV,
          package_path: Path = paths.DATAPACKAGE, root: Path = paths.SOURCES):
    """Both files together, the dataset last: make dates the pair by it (files.py). Readers
    refuse a dataset whose hash its descriptor does not record (built.read_built)."""
    package = json.dumps(datapackage(data, root), ensure_ascii=False, indent=2) + "\n"
    write_together((package_path, package), (csv_path, to_csv_text(data)))
