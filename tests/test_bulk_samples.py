"""Real downloads (issue 21): the files in ../shared/bulk-samples (beside the clone; provenance
in its README), read in place, never copied into the project, ingest with no edit, and the
figures the README lists come out of claims in this test's own registry. Skipped where the
samples are absent, a failure under CI=true.

Figures from the samples' README: China's 2022 exports to the World 3,593,601,435,602 USD,
imports 2,715,997,517,261; with Viet Nam exports 146,959,899,841 (a share of 4.0895% of the
World), imports 87,960,625,997. Soybean imports from Brazil in 2024: 74.65 million tonnes and
259.24 billion yuan; from the United States 22.13 and Argentina 4.10 million tonnes; from
Brazil in January-October, -4.84% from 2024 to 2025 in yuan."""

import csv
import io
import os

import country_converter as coco
import duckdb
import pytest

from registry import Registry, claim
from tradeclaims import paths
from tradeclaims.bulk import formats
from tradeclaims.bulk.dataset import attach
from tradeclaims.bulk.ingest import ingest
from tradeclaims.claims import ledger
from tradeclaims.data import codes

SAMPLES = paths.ROOT.parent / "shared" / "bulk-samples"
COMTRADE = "comtrade-2022-totals"
IMPORTS, EXPORTS = "gac-soybeans-imports", "gac-soybeans-exports"
SOYBEANS = SAMPLES / "china-customs-soybeans-2024-2025"
FILES = {COMTRADE: [SAMPLES / "comtrade-2022-chn-usa-deu-totals" / "TradeData.csv"],
         IMPORTS: [SOYBEANS / "2024in.csv", SOYBEANS / "2025in.csv"],
         EXPORTS: [SOYBEANS / "2024out.csv", SOYBEANS / "2025out.csv"]}
PROVENANCE = """\
publisher: {publisher}
via: ../shared/bulk-samples (kept at {kept})
title: {title}
date_published: unknown
url: {url}
table: {table}
excerpt: "none: machine-readable download"
date_accessed: 2026-12-01
licence: {licence}; read in place, never copied into the project
evidence: official publication
notes: the samples' README gives the provenance and the figures to expect
format: {format}
{extra}query: {{{query}}}
"""
META = {
    COMTRADE: dict(publisher="United Nations Statistics Division (UN Comtrade)",
                   kept="github.com/nikolinanikolovska/Economic-Analysis-Trade-ML",
                   title="UN Comtrade Plus web download, goods, HS, annual 2022, TOTAL",
                   url="https://comtradeplus.un.org/", table="goods, HS, annual",
                   licence="UN Comtrade's terms of use", format="comtrade", extra="",
                   query="typeCode: C, freqCode: A, period: '2022', reporterCode: '156,842,276'"),
    **{sid: dict(publisher="General Administration of Customs of China (GAC)",
                 kept="github.com/harukaworks/temp", title=f"Soybean {flow}s by partner",
                 url="http://stats.customs.gov.cn/", table="HS8 by partner and month, yuan",
                 licence="GPL-3.0 (the repository); the figures are GAC's",
                 format="china-customs", extra=f"reporter: CHN\nflow: {flow}\n",
                 query=f"iEType: {int(flow == 'import')}, currencyType: rmb")
       for sid, flow in ((IMPORTS, "import"), (EXPORTS, "export"))},
}


def _samples():
    if not SAMPLES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the real downloads are not in {SAMPLES}")
        pytest.skip(f"the real downloads live in {SAMPLES}, beside the clone")
    return SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The samples as three bulk sources: the files linked, not copied."""
    _samples()
    root = tmp_path_factory.mktemp("samples")
    for source_id, files in FILES.items():
        folder = root / "bulk" / source_id
        folder.mkdir(parents=True)
        (folder / "source.yaml").write_text(PROVENANCE.format(**META[source_id]), "utf-8")
        for path in files:
            (folder / path.name).symlink_to(path)
    store = root / "store"
    result = ingest(root / "bulk", store, quiet=True)
    assert (result.status, result.files, result.skipped) == ("ingested", 5, 0)
    return store


def _sum(store, where: str, what: str = "value") -> float:
    return duckdb.sql(f"SELECT sum({what}) FROM read_parquet('{store}/*/*/*.parquet', "
                      f"hive_partitioning = true) WHERE {where}").fetchall()[0][0]


def test_each_file_is_read_in_its_own_encoding(store):
    recorded = (store / "sources.json").read_text("utf-8")
    assert '"encoding": "windows-1252"' in recorded and '"encoding": "gb18030"' in recorded
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{store}/*/*/*.parquet', "
                      f"hive_partitioning = true) WHERE source_id = '{COMTRADE}'"
                      ).fetchall() == [(1352,)]  # every row
    assert _sum(store, "partner = 'CIV' AND reporter = 'CHN' AND flow = 'export'") > 0


@pytest.mark.parametrize("reporter", ["CHN", "USA", "DEU"])
@pytest.mark.parametrize("flow", ["export", "import"])
def test_the_partners_sum_to_the_world_with_areas_and_re_imports(store, reporter, flow):
    mine = f"source_id = '{COMTRADE}' AND reporter = '{reporter}' AND flow = '{flow}'"
    world = _sum(store, f"{mine} AND partner = 'WLD'")  # Germany's have cents
    assert _sum(store, f"{mine} AND partner <> 'WLD'") == pytest.approx(world, abs=0.01)


def test_areas_keep_their_own_codes_and_re_imports_are_kept(store):
    """China's imports from China (re-imports) are a partner like any other."""
    chn = f"source_id = '{COMTRADE}' AND reporter = 'CHN'"
    assert _sum(store, f"{chn} AND flow = 'import' AND partner = 'CHN'") == 122_883_424_107
    found = {row[0] for row in duckdb.sql(
        f"SELECT DISTINCT partner FROM read_parquet('{store}/*/*/*.parquet', "
        "hive_partitioning = true)").fetchall()}
    areas = {p for p in found if p not in codes.iso3_codes() and p != "WLD"}
    assert areas == {"_X", "X1", "S19", "E19", "F19", "A79", "A59"}
    assert all(codes.AREAS[a]["format"] == "comtrade" for a in areas)


def test_china_customs_quantities_are_the_tonnages_gac_published(store):
    """scale: 1 in china-customs.yaml: kg, summed, are GAC's published 2024 tonnages."""
    tonnes = {p: round(_sum(store, f"source_id = '{IMPORTS}' AND partner = '{p}' AND year = "
                                   "2024 AND quantity_unit = '千克'", "quantity") / 1e9, 2)
              for p in ("BRA", "USA", "ARG")}
    assert tonnes == {"BRA": 74.65, "USA": 22.13, "ARG": 4.10}  # million tonnes


LEVEL = "flow=export product=TOTAL period=2022 source_id=" + COMTRADE
BRAZIL = f"reporter=CHN partner=BRA flow=import product=HS:1201 source_id={IMPORTS}"
# Each "-off" figure lies a step above the official one: a step below would read as the
# official figure cut after its last digit (approximate, not contradicted).
CLAIMS = [
    claim("r-vnm", "level", "146.96", "USD", f"reporter=CHN partner=VNM {LEVEL}",
          scale="billion"),
    claim("r-vnm-off", "level", "146.97", "USD", f"reporter=CHN partner=VNM {LEVEL}",
          scale="billion"),
    claim("r-share", "share", "4.09", "percent", f"reporter=CHN partner=VNM {LEVEL} unit=USD",
          base="partner=WLD"),
    claim("r-share-off", "share", "4.10", "percent", f"reporter=CHN partner=VNM {LEVEL} "
          "unit=USD", base="partner=WLD"),
    claim("r-soy", "level", "259.24", "CNY", f"{BRAZIL} period=2024", scale="billion"),
    claim("r-soy-off", "level", "259.25", "CNY", f"{BRAZIL} period=2024", scale="billion"),
    claim("r-tonnes", "level", "74.65", "tonnes", f"{BRAZIL} period=2024 measure=quantity",
          scale="million"),
    claim("r-tonnes-off", "level", "74.66", "tonnes", f"{BRAZIL} period=2024 "
          "measure=quantity", scale="million"),
    claim("r-growth", "growth", "-4.84", "percent", f"{BRAZIL} period=2025-01/2025-10 "
          "unit=CNY"),
    claim("r-growth-off", "growth", "-4.83", "percent", f"{BRAZIL} period=2025-01/2025-10 "
          "unit=CNY"),
]


@pytest.fixture(scope="module")
def verdicts(store, tmp_path_factory):
    registry = Registry(tmp_path_factory.mktemp("registry"))
    registry.add_source("test-release", ["VNM,CHN,export,TOTAL,2026-01,value,,1,million USD,"])
    registry.add_claims(CLAIMS)
    data = attach(registry.build(), store)
    return ledger.evaluate(registry.claims, data, registry.articles).set_index("claim_id")


@pytest.mark.parametrize("claim_id, verdict, recomputed", [
    ("r-vnm", "reproduced", 146.959899841), ("r-vnm-off", "contradicted", 146.959899841),
    ("r-share", "reproduced", 4.0895), ("r-share-off", "contradicted", 4.0895),
    ("r-soy", "reproduced", 259.240199873), ("r-soy-off", "contradicted", 259.240199873),
    ("r-tonnes", "reproduced", 74.647328876), ("r-tonnes-off", "contradicted", 74.647328876),
    ("r-growth", "reproduced", -4.842), ("r-growth-off", "contradicted", -4.842),
])
def test_the_readme_figures_come_out_of_claims(verdicts, claim_id, verdict, recomputed):
    row = verdicts.loc[claim_id]
    assert row.verdict == verdict, row.note
    assert row.recomputed == pytest.approx(recomputed, abs=5e-4)


# -- every partner code of the platform ------------------------------------------------------

def _code_list(name: str) -> dict[str, str]:
    text = (_samples() / "china-customs-partner-codes" / name).read_bytes().decode("gb18030")
    rows = [r for r in csv.reader(io.StringIO(text)) if r][1:]
    return {code: label.strip() for code, label, *_ in rows}


def test_every_china_customs_partner_code_maps_to_one_country_or_area():
    gac, zh = formats.load("china-customs"), _code_list("zh-TradingPartner.csv")
    assert len(zh) == 243
    mapped = {code: gac.code("partner", code, name) for code, name in zh.items()}
    assert sorted(mapped) == sorted(zh)  # none refused
    assert len(set(mapped.values())) == 243  # one code each: no two partners summed as one
    areas = {code for code, got in mapped.items() if got in codes.AREAS}
    assert all(got in codes.iso3_codes() for c, got in mapped.items() if c not in areas)
    assert {mapped[c] for c in ("141", "502", "110", "142", "116", "133", "410", "402")} == {
        "VNM", "USA", "HKG", "CHN", "JPN", "KOR", "BRA", "ARG"}
    assert {"199", "701", "702", "999", "615", "616"} <= areas


def test_the_english_names_agree_with_the_chinese_mapping():
    """An independent check: where country_converter reads the platform's English name, it
    finds the country the Chinese name was mapped to."""
    gac, zh, en = (formats.load("china-customs"), _code_list("zh-TradingPartner.csv"),
                   _code_list("en-TradingPartner.csv"))
    read = coco.CountryConverter()
    disagree = {}
    for code, name in zh.items():
        mapped = gac.code("partner", code, name)
        english = read.convert(en[code], to="ISO3", not_found=None)
        if mapped in codes.AREAS:  # parts of a country the platform counts apart (Bonaire)
            continue
        if isinstance(english, str) and english in codes.iso3_codes() and english != mapped:
            disagree[code] = (mapped, english)
    # only where the English name is ambiguous and the Chinese one is not: 朝鲜 is North
    # Korea, 刚果(金) is Congo (Kinshasa)
    assert disagree == {"109": ("PRK", "KOR"), "252": ("COD", "COG")}


def test_a_name_neither_cldr_nor_the_areas_know_is_refused_by_name():
    with pytest.raises(ValueError, match="partner code '888' named '火星': no territory"):
        formats.load("china-customs").code("partner", "888", "火星")
