"""The ledger command's verdicts, kept by article in build/verdicts/<article_id>.json under the
digest of what they were computed from: the article's part of the registry (its row, its claims,
its corrections), the data and the code (report/provenance.py's digests, the ones its page
names). An edit re-evaluates the articles whose key moved; the registry is still read and
checked whole first. Nothing here is published: a missing or unreadable entry is evaluated again,
and test_registry.py::test_committed_ledger_is_up_to_date compares
verdicts.csv with a full evaluation (ledger.evaluate, no cache)."""

import hashlib
import json
from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.bulk.dataset import WithBulk, attach
from tradeclaims.claims.engine import Engine
from tradeclaims.claims.ledger import COLUMNS
from tradeclaims.claims.registry import load_claims
from tradeclaims.data.query import Dataset
from tradeclaims.files import write_atomic

CACHE = paths.BUILD / "verdicts"


def evaluate(parts: dict[str, str], shared: str, claims_path: Path = paths.CLAIMS_CSV,
             data: Dataset | None = None, articles_path: Path = paths.ARTICLES_CSV,
             cache: Path = CACHE) -> pd.DataFrame:
    """ledger.evaluate() of the whole registry, each article's rows taken from the cache when
    its key is the one they were stored under. The key of an article: its part of the registry
    (`parts`, as claims/parts.claim_parts cuts it) and `shared`, the digest of the data and
    the code (report/provenance.py; this layer reads no report)."""
    data = data or attach(Dataset.load())
    claims = load_claims(claims_path, articles_path, set(data.sources))  # every row checked
    by_article: dict[str, list] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    keys = {a: hashlib.sha256((shared + parts.get(a, "")).encode()).hexdigest()
            for a in by_article}
    rows = {a: _stored(cache / f"{a}.json", keys[a]) for a in by_article}
    missed = [c for a, group in by_article.items() if rows[a] is None for c in group]
    if missed:
        if isinstance(data, WithBulk):
            data.bulk.prefetch_claims(missed)
        fresh: dict[str, list] = {}
        for verdict in Engine(data).evaluate_all(missed):
            fresh.setdefault(verdict.claim.article_id, []).append(verdict.as_row())
        cache.mkdir(parents=True, exist_ok=True)
        for article_id, article_rows in fresh.items():
            rows[article_id] = article_rows
            write_atomic(cache / f"{article_id}.json",
                         json.dumps({"key": keys[article_id], "rows": article_rows}))
    # in the registry's order, as ledger.evaluate() lists them
    position = {a: iter(r) for a, r in rows.items()}
    return pd.DataFrame([next(position[c.article_id]) for c in claims], columns=COLUMNS)


def _stored(path: Path, key: str) -> list | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry["rows"] if isinstance(entry, dict) and entry.get("key") == key else None
