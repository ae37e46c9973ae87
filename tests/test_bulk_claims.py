"""Claims on commodity codes: the recipes work unchanged on bulk tables (a chapter summed over
its codes, a list of codes, a share, a rank, a span of months), a release wins over a bulk
table unless the claim names the bulk source, and the engines give the same answers.

The tables are the synthetic fixtures of tests/fixtures/bulk (sums written beside each test);
the registry is this test's own."""

import sys

import pandas as pd
import pytest

from registry import Registry, claim
from tradeclaims import paths
from tradeclaims.bulk import ingest
from tradeclaims.bulk.dataset import WithBulk, attach
from tradeclaims.bulk.query import BulkData
from tradeclaims.claims import ledger

FIXTURES = paths.ROOT / "tests" / "fixtures" / "bulk"

# Comtrade fixture, USD: CHN exports of HS 85 to the USA, January-March 2025 = 7,500,000.5;
# VNM exports in January 2026 of HS 85 to CHN = 3,000,000 (851713) + 4,500,000 (854231), to
# the USA 7,000,000 (851713), to the world 15,000,000 (851713, the only code of W00's rows).
CLAIMS = [
    claim("b-level", "level", "7.5", "USD", "reporter=CHN partner=USA flow=export product=HS:85 "
          "period=2025-01/2025-03", scale="million"),
    claim("b-level-off", "level", "7.6", "USD", "reporter=CHN partner=USA flow=export "
          "product=HS:85 period=2025-01/2025-03", scale="million"),
    claim("b-chapter", "level", "7.5", "USD", "reporter=VNM partner=CHN flow=export "
          "product=HS:85 period=2026-01", scale="million"),
    claim("b-list", "level", "7", "USD", "reporter=VNM partner=USA flow=export "
          "product=HSLIST:mobile_phones period=2026-01", scale="million"),
    claim("b-share", "share", "50", "percent", "reporter=VNM partner=CHN flow=export "
          "product=HS:85 period=2026-01 unit=USD", base="partner=WLD"),
    claim("b-share-off", "share", "49", "percent", "reporter=VNM partner=CHN flow=export "
          "product=HS:85 period=2026-01 unit=USD", base="partner=WLD"),
    claim("b-rank", "rank", "2", "rank", "reporter=VNM partner=USA flow=export product=HS:85 "
          "period=2026-01 unit=USD", base="partner=CHN,USA"),
    claim("b-rank-off", "rank", "1", "rank", "reporter=VNM partner=USA flow=export "
          "product=HS:85 period=2026-01 unit=USD", base="partner=CHN,USA"),
    claim("b-release", "level", "3.1", "USD", "reporter=VNM partner=CHN flow=export "
          "product=HS:8517 period=2026-01", scale="million"),
    claim("b-named", "level", "3.1", "USD", "reporter=VNM partner=CHN flow=export "
          "product=HS:8517 period=2026-01 source_id=comtrade-fixture", scale="million"),
]
RELEASE = ["VNM,CHN,export,HS:8517,2026-01,value,,3.1,million USD,"]  # made up, as a release


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = tmp_path_factory.mktemp("bulk") / "store"
    ingest.ingest(FIXTURES, store, quiet=True)
    return store


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    registry = Registry(tmp_path_factory.mktemp("registry"))
    registry.add_source("test-release", RELEASE)
    registry.add_claims(CLAIMS)
    return registry


def _evaluate(registry, store, **options) -> pd.DataFrame:
    data = attach(registry.build(), store, **options)
    assert isinstance(data, WithBulk)
    return ledger.evaluate(registry.claims, data, registry.articles).set_index("claim_id")


@pytest.fixture(scope="module")
def verdicts(registry, store):
    return _evaluate(registry, store)


@pytest.mark.parametrize("claim_id, verdict, recomputed", [  # in the claim's unit and scale
    ("b-level", "reproduced", 7.5000005), ("b-level-off", "contradicted", 7.5000005),
    ("b-chapter", "reproduced", 7.5), ("b-list", "reproduced", 7),
    ("b-share", "reproduced", 50), ("b-share-off", "contradicted", 50),
    ("b-rank", "reproduced", 2), ("b-rank-off", "contradicted", 2),
])
def test_the_recipes_work_unchanged_on_commodity_codes(verdicts, claim_id, verdict, recomputed):
    row = verdicts.loc[claim_id]
    assert (row.verdict, row.recomputed) == (verdict, pytest.approx(recomputed)), row.note
    assert "comtrade-fixture" in row.sources.split()


def test_a_release_wins_unless_the_claim_names_the_bulk_source(verdicts):
    assert verdicts.loc["b-release", ["verdict", "sources"]].tolist() == [
        "reproduced", "test-release"]
    named = verdicts.loc["b-named"]
    assert (named.verdict, named.sources, named.recomputed) == (
        "contradicted", "comtrade-fixture", pytest.approx(3.0))


def test_a_product_sums_one_level_of_codes_only(tmp_path):
    """Comtrade repeats values at 2, 4 and 6 digits: a code the table holds is taken as printed,
    else the codes under it at the most detailed level present, never two levels at once."""
    folder = tmp_path / "bulk" / "levels"
    folder.mkdir(parents=True)
    (folder / "source.yaml").write_text(
        (FIXTURES / "comtrade-fixture" / "source.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    lines = ["period,reporterISO,flowCode,partnerISO,cmdCode,qty,qtyUnitAbbr,primaryValue"]
    lines += [f"202501,CHN,X,USA,{code},,N/A,{value}" for code, value in [
        ("85", 100), ("8517", 60), ("851713", 50), ("851714", 10), ("8542", 40),
        ("854231", 25)]]
    (folder / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest.ingest(tmp_path / "bulk", tmp_path / "store", quiet=True)
    bulk = BulkData(tmp_path / "store")
    asked = dict(reporter="CHN", partner="USA", flow="export", period="2025-01")
    got = {p: bulk.series(**asked, product=p)[["value", "note"]].iloc[0].tolist()
           for p in ("HS:85", "HS:8517", "HS:8542", "HS:85171", "HSLIST:mobile_phones")}
    assert got == {
        "HS:85": [100, "bulk table: the code as printed"],
        "HS:8517": [60, "bulk table: the code as printed"],
        "HS:8542": [40, "bulk table: the code as printed"],
        "HS:85171": [60, "bulk table: the sum of 2 codes at 6 digits"],
        "HSLIST:mobile_phones": [
            60, "bulk table: the sum of 2 codes at 6 digits"]}


def test_a_year_is_the_sum_of_its_months_only_when_all_are_there(store):
    bulk = BulkData(store)
    asked = dict(reporter="CHN", partner="USA", flow="export", product="HS:85")
    assert bulk.series(**asked, period="2025").empty  # only January to March in the fixture
    assert bulk.series(**asked, period="2025-01/2025-03").value.tolist() == [7_500_000.5]
    assert bulk.series(**asked, period="2025-01/2025-04").empty


def test_an_unknown_list_is_an_error_naming_the_claim(registry, store, tmp_path):
    bad = Registry(tmp_path / "bad")
    bad.add_source("test-release", RELEASE)
    bad.add_claims([claim("b-x", "level", "7", "USD", "reporter=VNM partner=USA flow=export "
                          "product=HSLIST:no_such period=2026-01", scale="million")])
    with pytest.raises(Exception) as caught:
        _evaluate(bad, store)
    assert "b-x" in str(caught.value) and "no list 'no_such'" in str(caught.value)


def test_without_a_store_the_releases_answer_alone_and_ibis_is_not_imported(tmp_path):
    code = ("import sys; from tradeclaims.bulk.dataset import attach; "
            "from tradeclaims.data.query import Dataset; "
            f"d = attach(Dataset.load(), {str(tmp_path / 'none')!r}); "
            "print(type(d).__name__, 'ibis' in sys.modules)")
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["Dataset", "False"]


@pytest.mark.parametrize("backend", ["pandas", "pandas-batched"])
def test_the_pandas_paths_give_the_same_verdicts(registry, store, verdicts, backend):
    """pandas alone, lookup by lookup and batched, beside DuckDB (tests/engines/: Spark)."""
    assert_same(_evaluate(registry, store, backend=backend), verdicts)


def assert_same(a: pd.DataFrame, b: pd.DataFrame):
    """Identical verdicts, and recomputed values equal within a relative 1e-9 (sums differ in
    the last bits by summation order)."""
    assert a.verdict.to_dict() == b.verdict.to_dict()
    for claim_id in a.index:
        x, y = a.recomputed[claim_id], b.recomputed[claim_id]
        assert (pd.isna(x) and pd.isna(y)) or x == pytest.approx(y, rel=1e-9), claim_id


def test_quantities_are_summed_in_tonnes_only_where_every_row_has_them(store):
    bulk = BulkData(store)
    kg = bulk.series(reporter="VNM", partner="CHN", flow="import", product="HS:854231",
                     period="2026-01", measure="quantity")
    assert kg[["value", "unit", "measure"]].values.tolist() == [[0.03, "tonnes", "quantity"]]
    assert bulk.series(reporter="VNM", partner="CHN", flow="import", product="HS:854231",
                       period="2026-01").value.tolist() == [9_000_000]  # the value unchanged
    pieces = dict(reporter="CHN", partner="USA", flow="export", period="2025-01")
    assert bulk.series(**pieces, product="HS:851713", measure="quantity").empty  # in units
    assert BulkData(store, backend="pandas").series(
        reporter="VNM", partner="CHN", flow="import", product="HS:854231", period="2026-01",
        measure="quantity").empty
