"""A registry of its own for a test: sources, articles and claims in a temporary directory,
built into a dataset there. Tests that need a particular claim, article or source make one, so
that adding to the real registry never breaks a test."""

import csv
import shutil
from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims import ledger
from tradeclaims.claims.registry import ARTICLE_COLUMNS, COLUMNS
from tradeclaims.data import build
from tradeclaims.data.query import Dataset

SOURCE_HEADER = "reporter,partner,flow,product,period,measure,basis,value,unit,note\n"
META = """\
publisher: Test Statistics Office (a fixture made for the tests)
via: the test suite
title: "A release made up for a test"
date_published: 2026-01-14
url: https://example.org/release
table: table 1
excerpt: "made up for a test"
date_accessed: 2026-02-01
licence: none (test fixture)
evidence: official publication
notes: made up for a test; never published
"""


class Registry:
    def __init__(self, root: Path):
        self.root = root
        self.sources = root / "sources"
        self.sources.mkdir(parents=True)
        self.claims = root / "claims.csv"
        self.articles = root / "articles.csv"
        self.trade = root / "trade.csv"
        self.package = root / "datapackage.json"
        _write(self.claims, [COLUMNS])
        _write(self.articles, [ARTICLE_COLUMNS])
        self.add_article("test-article")

    def copy_source(self, *source_ids: str) -> "Registry":
        """Releases of the real registry, copied as they are."""
        for source_id in source_ids:
            shutil.copytree(paths.SOURCES / source_id, self.sources / source_id)
        return self

    def add_source(self, name: str, rows: list[str], meta: str = META,
                   table: str = "data.csv") -> Path:
        """A release with one table; `rows` are CSV lines without the header."""
        folder = self.sources / name
        folder.mkdir(exist_ok=True)
        (folder / "source.yaml").write_text(meta, encoding="utf-8")
        (folder / table).write_text(SOURCE_HEADER + "".join(r + "\n" for r in rows),
                                    encoding="utf-8")
        return folder

    def add_article(self, article_id: str, outlet="Test Outlet", title="A test article",
                    date="2026-01-30", covers="a test", file="", url=""):
        _write(self.articles, [[article_id, outlet, title, date, covers, file, url]], mode="a")

    def add_claims(self, rows: list[list[str] | dict]) -> "Registry":
        """Claim rows, as lists in the registry's column order or dicts of some columns."""
        rows = [[row.get(c, "") for c in COLUMNS] if isinstance(row, dict) else row
                for row in rows]
        _write(self.claims, rows, mode="a")
        return self

    def build(self) -> Dataset:
        build.write(build.build(self.sources), self.trade, self.package, self.sources)
        return Dataset.load(self.trade, self.sources)

    def evaluate(self) -> pd.DataFrame:
        return ledger.evaluate(self.claims, self.build(), self.articles).set_index("claim_id")


def claim(claim_id: str, kind: str, claimed: str, unit: str, series: str = "", **fields) -> dict:
    """A registry row of the test article: claim("t-1", "level", "1.04", "USD", "...",
    scale="billion")."""
    return {"claim_id": claim_id, "article_id": "test-article", "quote": f"quote of {claim_id}",
            "claimed": claimed, "unit": unit, "kind": kind, "series": series, **fields}


def _write(path: Path, rows, mode="w"):
    with path.open(mode, newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
