"""The ledger of every claim: evaluate the registry and write reports/verdicts.csv."""

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from tradeclaims import history, paths
from tradeclaims.bulk.dataset import WithBulk, attach
from tradeclaims.claims.engine import VERDICTS, Engine
from tradeclaims.claims.registry import REASONS, load_claims
from tradeclaims.csvfile import parse_rows, read_rows
from tradeclaims.csvfile import to_csv_text as to_csv_text_of
from tradeclaims.data.query import Dataset
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.files import write_atomic

COLUMNS = ["claim_id", "article_id", "quote", "claimed", "recomputed", "unit", "verdict",
           "tolerance", "sources", "note", "kind", "qualifier", "reason", "origin"]


def evaluate(claims_path: Path = paths.CLAIMS_CSV, data: Dataset | None = None,
             articles_path: Path = paths.ARTICLES_CSV, article_id: str | None = None
             ) -> pd.DataFrame:
    """One row per claim with its verdict, or per claim of one article (a page evaluates its
    own claims, not the registry's); raises InputError on a malformed registry."""
    data = data or attach(Dataset.load())
    claims = load_claims(claims_path, articles_path, set(data.sources), article_id)
    if isinstance(data, WithBulk):
        data.bulk.prefetch_claims(claims)  # one grouped query for every code the claims name
    verdicts = Engine(data).evaluate_all(claims)
    return pd.DataFrame([v.as_row() for v in verdicts], columns=COLUMNS)


def counts(ledger: pd.DataFrame) -> pd.Series:
    """Claims per verdict, in the fixed order of the vocabulary."""
    return ledger.verdict.value_counts().reindex(VERDICTS, fill_value=0)


OWN_TABLE = "official table"  # in `via`: the table read on the publisher's own statistics
# site (as `tradeclaims source` records it), not a statement, transcript or press copy


def grounding(ledger: pd.DataFrame, sources: dict) -> dict[str, int]:
    """Of the settled claims (every verdict but not_checkable), how many rest on at least one
    official publication, and how many on a publisher's own table."""
    settled = [ids.split() for ids in ledger[ledger.verdict != "not_checkable"].sources]

    def resting(test) -> int:
        return sum(any(i in sources and test(sources[i]) for i in ids) for ids in settled)

    return {"settled": len(settled),
            "official": resting(lambda s: s.evidence == "official publication"),
            "own_table": resting(lambda s: s.evidence == "official publication"
                                 and OWN_TABLE in s.via)}


def write(ledger: pd.DataFrame, path: Path = paths.VERDICTS_CSV):
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, to_csv_text(ledger))


def to_csv_text(ledger: pd.DataFrame) -> str:
    """Every number with all the digits the engine gave it (the shortest text that reads back
    the same float: 299877987, 6.35), none rounded for display, never in exponent notation."""
    return to_csv_text_of(list(ledger.columns), ledger.to_dict("records"), number=_exact)


def _exact(x: float) -> str:
    return np.format_float_positional(float(x), trim="-")


def read(path: Path = paths.VERDICTS_CSV) -> pd.DataFrame:
    """The ledger as write() left it: text columns as text, missing numbers as NaN. A ledger
    edited into another shape is refused, naming the row and field."""
    rows = read_rows(path, COLUMNS, allow_empty=True)
    errors = []
    for line, row in rows:
        if row["verdict"] not in VERDICTS:
            errors.append(InputError(path, f"unknown verdict {row['verdict']!r} (known: "
                                     f"{', '.join(VERDICTS)}): rebuild it with `make reports`",
                                     row=line, field="verdict"))
        for column in ("claimed", "recomputed"):
            try:
                float(row[column] or "nan")
            except ValueError:
                errors.append(InputError(path, f"{row[column]!r} is not a number", row=line,
                                         field=column))
    if errors:
        raise InputErrors(errors)
    table = pd.DataFrame([row for _, row in rows], columns=COLUMNS, dtype=str)
    for column in ("claimed", "recomputed"):
        table[column] = table[column].replace("", "nan").astype(float)
    return table


def reasons(ledger: pd.DataFrame) -> pd.Series:
    """Not-checkable claims per reason, in the vocabulary's order ("" for none given)."""
    given = ledger[ledger.verdict == "not_checkable"].reason
    return given.value_counts().reindex([*REASONS, ""], fill_value=0).loc[lambda n: n > 0]


def to_text(ledger: pd.DataFrame) -> str:
    """A readable table for the terminal."""
    table = ledger[["claim_id", "verdict", "claimed", "recomputed", "unit", "quote"]].copy()
    table["quote"] = table.quote.str.slice(0, 48)
    for column in ("claimed", "recomputed"):
        table[column] = table[column].map(lambda x: "" if pd.isna(x) else f"{x:.6g}")
    lines = [table.to_string(index=False), "",
             "  ".join(f"{verdict}: {n}" for verdict, n in counts(ledger).items())]
    return "\n".join(lines)


def changes(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Published verdicts that moved, were added or went: 'gt-02: not_checkable -> consistent'."""
    old = dict(zip(before.claim_id, before.verdict, strict=True))
    new = dict(zip(after.claim_id, after.verdict, strict=True))
    return ([f"{cid}: {old[cid]} -> {new[cid]}" for cid in new if cid in old
             and old[cid] != new[cid]]
            + [f"{cid}: new, {new[cid]}" for cid in new if cid not in old]
            + [f"{cid}: removed (was {old[cid]})" for cid in old if cid not in new])


def committed(path: Path = paths.VERDICTS_CSV) -> pd.DataFrame | None:
    """The ledger as git's HEAD has it, or None outside a repository or before its first
    ledger (what a correction is measured against; never the clock)."""
    text = history.committed_text(path)
    if text is None:
        return None
    rows = parse_rows(text, path, None, allow_empty=True)
    header = next(csv.reader(io.StringIO(text)))
    return pd.DataFrame([row for _, row in rows], columns=header, dtype=str)
