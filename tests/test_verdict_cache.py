"""The ledger command's cache of verdicts by article (claims/verdict_cache.py): what it gives is
what a full evaluation gives, and an article whose part of the registry moved is evaluated again."""

import pandas as pd
import pytest

from registry import Registry, claim
from tradeclaims.claims import ledger, verdict_cache
from tradeclaims.claims.parts import claim_parts

SERIES = "reporter=CHN partner=WLD flow=export period=2025"


@pytest.fixture
def registry(tmp_path):
    registry = Registry(tmp_path / "registry")
    registry.add_source("zz-ok", ["CHN,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,"])
    registry.add_article("other-article")
    registry.add_claims([claim("t-1", "level", "26.99", "CNY", SERIES, scale="trillion"),
                         {**claim("o-1", "level", "25", "CNY", SERIES, scale="trillion"),
                          "article_id": "other-article"},
                         claim("t-2", "level", "27", "CNY", SERIES, scale="trillion")])
    return registry


def _cached(registry, cache, shared="data and code") -> pd.DataFrame:
    parts = claim_parts(registry.claims, registry.articles, registry.root / "corrections.csv")
    return verdict_cache.evaluate(parts, shared, registry.claims, registry.build(),
                                  registry.articles, cache)


def test_the_cache_gives_what_a_full_evaluation_gives_cold_and_warm(registry, tmp_path):
    full = ledger.evaluate(registry.claims, registry.build(), registry.articles)
    cache = tmp_path / "cache"
    cold = _cached(registry, cache)
    assert sorted(p.name for p in cache.iterdir()) == ["other-article.json", "test-article.json"]
    warm = _cached(registry, cache)
    assert ledger.to_csv_text(cold) == ledger.to_csv_text(full) == ledger.to_csv_text(warm)
    assert list(warm.claim_id) == ["t-1", "o-1", "t-2"]  # the registry's order


def test_an_edited_claim_is_evaluated_again_and_the_other_article_is_not(registry, tmp_path):
    cache = tmp_path / "cache"
    before = _cached(registry, cache).set_index("claim_id")
    assert before.loc["o-1", "verdict"] == "contradicted"
    other = (cache / "other-article.json").read_bytes()
    registry.claims.write_text(registry.claims.read_text(encoding="utf-8").replace(
        "t-1,test-article,quote of t-1,26.99", "t-1,test-article,quote of t-1,20"),
        encoding="utf-8")
    after = _cached(registry, cache).set_index("claim_id")
    assert before.loc["t-1", "verdict"] == "reproduced" != after.loc["t-1", "verdict"]
    assert after.loc["t-1", "verdict"] == ledger.evaluate(
        registry.claims, registry.build(), registry.articles).set_index("claim_id").loc[
        "t-1", "verdict"]
    assert (cache / "other-article.json").read_bytes() == other


def test_an_unreadable_entry_is_evaluated_again(registry, tmp_path):
    cache = tmp_path / "cache"
    first = ledger.to_csv_text(_cached(registry, cache))
    (cache / "test-article.json").write_text("{not json", encoding="utf-8")
    assert ledger.to_csv_text(_cached(registry, cache)) == first


def test_other_data_or_code_evaluates_every_article_again(registry, tmp_path):
    cache = tmp_path / "cache"
    _cached(registry, cache)
    (cache / "test-article.json").write_text(  # a stored verdict unlike the engine's
        (cache / "test-article.json").read_text(encoding="utf-8").replace(
            '"reproduced"', '"contradicted"'), encoding="utf-8")
    assert _cached(registry, cache).verdict.iloc[0] == "contradicted"  # the same key: kept
    assert _cached(registry, cache, shared="other code").verdict.iloc[0] == "reproduced"
