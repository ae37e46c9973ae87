"""What notebooks look up: the dataset (read once per kernel), an article's verdicts (only its
own claims evaluated) or every claim's, the ledger as make wrote it, series reshaped for
tables, and figures the engine recomputes outside the registry."""

import difflib
from dataclasses import dataclass
from functools import cache

import pandas as pd

from tradeclaims import paths
from tradeclaims.bulk.dataset import attach
from tradeclaims.claims import corrections as log
from tradeclaims.claims import ledger
from tradeclaims.claims.engine import VERDICTS, Engine
from tradeclaims.claims.registry import load_claims, parse_spec, read_articles
from tradeclaims.data.query import Dataset
from tradeclaims.errors import InputError


@cache
def dataset() -> Dataset:
    return attach(Dataset.load())


@cache
def _ledger(article_id: str | None) -> pd.DataFrame:
    return ledger.evaluate(data=dataset(), article_id=article_id)


@cache
def corrections() -> dict[str, list[tuple[str, str]]]:
    """The verdicts each corrected claim had before, from reports/corrections.csv."""
    return log.history(log.read())


def verdicts(article_id: str | None = None) -> pd.DataFrame:
    """The evaluated claims, of one article or all."""
    _known(article_id)
    return _ledger(article_id).copy()


def _known(article_id: str | None):
    if article_id is not None and article_id not in set(read_articles().index):
        near = difflib.get_close_matches(article_id, read_articles().index, n=3, cutoff=0.5)
        raise KeyError(f"unknown article_id {article_id!r} in data/articles.csv"
                       + (f"; nearest: {', '.join(near)}" if near else ""))


def ledger_verdicts(article_id: str | None = None) -> pd.DataFrame:
    """The verdicts make wrote to reports/verdicts.csv, of one article or all, so the ledger
    page does not evaluate the registry again. The registry is still read and checked whole,
    and a verdicts.csv that lists other claims than it is refused."""
    claims = load_claims(paths.CLAIMS_CSV, paths.ARTICLES_CSV, set(dataset().sources))
    table = ledger.read(paths.VERDICTS_CSV)
    written = list(zip(table.claim_id, table.article_id, table.quote, strict=True))
    if [(c.claim_id, c.article_id, c.quote) for c in claims] != written:
        listed = set(written)
        first = next((c for c in claims if (c.claim_id, c.article_id, c.quote) not in listed),
                     None)
        raise InputError(paths.VERDICTS_CSV, "does not list the claims of data/claims.csv as "
                         "they are" + (f" (claim {first.claim_id}, row {first.row} there)"
                                       if first else "") + ": rebuild it with `make reports`")
    _known(article_id)
    if article_id is not None:
        table = table[table.article_id == article_id].reset_index(drop=True)
    return table


def cited(table: pd.DataFrame) -> list[str]:
    """Every source id a verdict table cites, in order of first appearance."""
    return list(dict.fromkeys(s for ids in table.sources for s in ids.split()))


def wide(**spec) -> pd.DataFrame:
    """Levels matching spec, each with the growth and share its own release printed for it,
    one row per release, partner, product and period; raises SeriesNotFound when nothing
    matches. `unit` selects the levels' unit and the rates computed on it."""
    unit = spec.pop("unit", None)
    rows = dataset().require(**spec, measure=["value", "quantity", "growth_published",
                                              "share_published"])
    keys = ["source_id", "reporter", "partner", "flow", "product", "period", "unit"]
    levels = rows[rows.measure.isin(["value", "quantity"])]
    rates = rows[rows.measure.isin(["growth_published", "share_published"])]
    rates = rates.drop(columns="unit").rename(columns={"basis": "unit"})
    if unit is not None:
        levels, rates = levels[levels.unit == unit], rates[rates.unit == unit]
        if levels.empty:
            dataset().require(**spec, unit=unit)  # raises, saying what exists
    rates = rates.pivot_table(index=keys, columns="measure", values="value", aggfunc="first")
    out = levels.merge(rates, left_on=keys, right_index=True, how="left")
    for column in ("growth_published", "share_published"):
        if column not in out:
            out[column] = float("nan")
    return out.sort_values(keys[1:] + ["source_id"]).reset_index(drop=True)


def by_article(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per article (rows) and verdict (columns, in the vocabulary's order)."""
    return (table.groupby(["article_id", "verdict"]).size().unstack(fill_value=0)
            .reindex(columns=VERDICTS, fill_value=0))


@dataclass
class Recomputed:
    """A figure the engine recomputed outside the registry, with what it rests on."""

    value: float
    sources: list[str]
    rests_on: str


def recompute(kind: str, series: str, base: str = "", unit: str = "percent") -> Recomputed:
    """What the engine recomputes for a recipe, outside the registry: e.g.
    recompute("share", "reporter=CHN partner=WLD flow=export product=X period=2025 unit=USD",
    "product=TOTAL")."""
    ev = Engine(dataset()).recompute(kind, parse_spec(series), parse_spec(base), unit)
    return Recomputed(ev.value.point, ev.sources, ev.rests_on)


def shares(series: str, bases: dict[str, str]) -> pd.DataFrame:
    """`series` as a % of each base (a label, and changes to `series` as in the registry), one
    row each, with the sources behind it."""
    rows = []
    for label_, base in bases.items():
        figure = recompute("share", series, base)
        rows.append({"denominator": label_, "share": figure.value,
                     "sources": " ".join(figure.sources), "rests_on": figure.rests_on})
    return pd.DataFrame(rows)
