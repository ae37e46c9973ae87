"""The claims engine and the registry's rules, on registries of the tests' own
(tests/registry.py), built from copies of real releases or rows made up for the test."""

import pytest

from registry import META, Registry, claim
from tradeclaims.claims.registry import load_claims
from tradeclaims.errors import InputError

# -- what the data shows, on registries of the tests' own ---------------------------------------

VN = "reporter=VNM flow=export product=VNCG:phones_parts period=2026-01"
ELECTRONICS = ("reporter=CHN partner=WLD flow=export product=CCCME:electronic_information "
               "period=2025 unit=USD")
CASES = [
    # claim, verdict, recomputed (in the claim's scale), sources
    (claim("t-phones", "level", "1.04", "USD", f"{VN} partner=CHN", scale="billion"),
     "contradicted", 1.31, ["vn-customs-2026-01-phones-electronics"]),  # the US figure
    (claim("t-phones-growth", "growth", "117", "percent", f"{VN} partner=CHN unit=USD"),
     "reproduced", 117, None),
    (claim("t-us-growth", "growth", "-7.2", "percent", f"{VN} partner=USA unit=USD"),
     "reproduced", -7.2, None),
    (claim("t-electronics", "level", "758.3", "USD", ELECTRONICS, scale="billion"),
     "reproduced", 758.32, ["cccme-2025-electronics"]),
    (claim("t-fifth-of-trade", "share", "20", "percent", ELECTRONICS,
           base="product=TOTAL flow=export+import"), "contradicted", 11.94, None),
    (claim("t-fifth-of-exports", "share", "20", "percent", ELECTRONICS, base="product=TOTAL"),
     "reproduced", 20, ["cccme-2025-electronics", "gac-2025-annual-usd-ap"]),
    (claim("t-dollars", "conversion", "6.48", "USD",
           "reporter=CHN partner=WLD flow=total period=2025", scale="trillion",
           qualifier="about", base="flow=total"), "contradicted", 6.35, None),
    (claim("t-growth", "growth", "3.8", "percent",
           "reporter=CHN partner=WLD flow=total period=2025 unit=CNY"), "reproduced", 3.8,
     ["gac-2025-annual-scio", "gac-2024-annual-yicai"]),
    (claim("t-bri", "share", "50", "percent",
           "reporter=CHN partner=BRI flow=total period=2025 unit=CNY", qualifier="over",
           base="partner=WLD"), "reproduced", 51.9, None),
    (claim("t-surplus", "balance", "1", "USD",
           "reporter=CHN partner=WLD flow=balance period=2025-01/2025-11", scale="trillion",
           qualifier="over"), "reproduced", 1.076, ["gac-2025m11-usd-dpa"]),
    (claim("t-asean-share", "share", "16.6", "percent",
           "reporter=CHN partner=ASEAN flow=total period=2025-01/2025-11 unit=CNY",
           base="partner=WLD"), "reproduced", 16.6, None),
    (claim("t-asean-dollars", "conversion", "1", "USD",
           "reporter=CHN partner=ASEAN flow=total period=2025", scale="trillion",
           qualifier="over", base="partner=WLD"), "reproduced", 1.054, None),
    (claim("t-revision", "compare", "", "USD",
           "reporter=CHN partner=WLD flow=balance period=2024 source_id=gac-2024-annual-yicai",
           scale="billion", base="source_id=gac-2025-surplus-sharecast", band="0.5%"),
     "approximate", 993, ["gac-2024-annual-yicai", "gac-2025-surplus-sharecast"]),
]
RELEASES = ["vn-customs-2026-01-phones-electronics", "cccme-2025-electronics",
            "gac-2025-annual-usd-ap", "gac-2025-annual-scio", "gac-2024-annual-yicai",
            "mofcom-2025-bri-scio", "gac-2025m11-usd-dpa", "gac-2025m11-globaltimes",
            "gac-2025-asean-yicai", "gac-2025-surplus-sharecast"]


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    registry = Registry(tmp_path_factory.mktemp("registry")).copy_source(*RELEASES)
    return registry.add_claims([case[0] for case in CASES]).evaluate()


@pytest.mark.parametrize("row, verdict, recomputed, sources", CASES,
                         ids=[case[0]["claim_id"] for case in CASES])
def test_what_the_data_shows(checked, row, verdict, recomputed, sources):
    result = checked.loc[row["claim_id"]]
    assert result.verdict == verdict
    assert result.recomputed == pytest.approx(recomputed, abs=0.01)
    if sources:
        assert result.sources.split() == sources


def test_growth_says_which_figure_it_rests_on_and_shows_the_other(checked):
    note = checked.loc["t-growth", "note"]
    assert "Rests on the published growth rate (CNY)" in note
    assert "levels 2025 on 2024 (CNY): 3.69%" in note


def test_a_compare_row_takes_its_claim_from_the_first_release(checked):
    assert checked.loc["t-revision", ["claimed", "recomputed"]].tolist() == [992.1, 993]


def test_adding_claims_of_every_kind_needs_no_code(tmp_path):
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio", "gac-2025-annual-usd-ap",
                                              "gac-2024-annual-yicai", "gac-2025m11-globaltimes")
    months = "period=2025-01/2025-11 unit=CNY"
    registry.add_claims([
        claim("n-level", "level", "26.99", "CNY",
              "reporter=CHN partner=WLD flow=export period=2025", scale="trillion"),
        claim("n-growth-levels", "growth", "6.1", "percent",
              "reporter=CHN partner=WLD flow=export period=2025 unit=USD", rests_on="levels"),
        claim("n-balance", "balance", "8.51", "CNY",
              "reporter=CHN partner=WLD flow=balance period=2025", scale="trillion"),
        claim("n-conversion", "conversion", "3.83", "USD",
              "reporter=CHN partner=WLD flow=export period=2025", scale="trillion",
              base="flow=import"),
        claim("n-rank", "rank", "2", "rank", f"reporter=CHN partner=USA flow=total {months}",
              base="partner=ASEAN,EU27"),
        claim("n-over", "level", "40", "CNY", "reporter=CHN partner=WLD flow=total period=2025",
              scale="trillion", qualifier="over"),
    ])
    result = registry.evaluate()
    assert result.verdict.to_dict() == {
        "n-level": "reproduced",
        "n-growth-levels": "contradicted",  # first-published levels, 3.77/3.58: +5.3%
        "n-balance": "reproduced",  # 26.99 - 18.48
        "n-conversion": "approximate",  # 26.99 / (18.48/2.58) = 3.768, 1.6% off
        "n-rank": "contradicted", "n-over": "reproduced"}
    assert result.loc["n-growth-levels", "recomputed"] == pytest.approx(5.307, abs=0.001)


def test_a_growth_can_rest_on_the_earlier_level_of_another_release(tmp_path):
    """“Up about 20% from 2024”: on the 2024 surplus first published (992.1), not the revised
    figure the 2025 release printed beside its own (993)."""
    registry = Registry(tmp_path).copy_source("gac-2025-surplus-sharecast",
                                              "gac-2024-annual-yicai")
    surplus = ("reporter=CHN partner=WLD flow=balance period=2025 unit=USD "
               "source_id=gac-2025-surplus-sharecast")
    registry.add_claims([
        claim("g-first", "growth", "20", "percent", surplus, qualifier="about",
              base="period=2024 source_id=gac-2024-annual-yicai"),
        claim("g-revised", "growth", "19.8", "percent", surplus,
              base="source_id=gac-2025-surplus-sharecast"),  # the period defaults to 2024
    ])
    result = registry.evaluate()
    first = result.loc["g-first"]
    assert first.recomputed == pytest.approx(19.85, abs=0.01) and first.verdict == "reproduced"
    assert "2024 from gac-2024-annual-yicai" in first.note
    assert first.sources.split() == ["gac-2025-surplus-sharecast", "gac-2024-annual-yicai"]
    revised = result.loc["g-revised"]
    assert revised.recomputed == pytest.approx(19.74, abs=0.01)
    # 19.8 stands for 19.75 to 19.85; 1.189 and 993 as printed allow 19.63 to 19.85
    assert revised.verdict == "consistent" and "19.63% to 19.85%" in revised.tolerance


def test_a_difference_of_rates_is_judged_in_percentage_points(tmp_path):
    """“Exports to ASEAN grew 7.9 points faster than exports as a whole”: 13.4% - 5.5%, each
    printed to one decimal, so the difference stands for 7.8 to 8.0 points."""
    registry = Registry(tmp_path)
    registry.add_source("zz-rates", ["CHN,WLD,export,TOTAL,2025,growth_published,USD,5.5,%,",
                                     "CHN,ASEAN,export,TOTAL,2025,growth_published,USD,13.4,%,"])
    faster = "reporter=CHN partner=ASEAN flow=export period=2025 measure=growth_published"
    registry.add_claims([
        claim("d-exact", "difference", "7.9", "pp", faster, base="partner=WLD"),
        claim("d-allowed", "difference", "8.0", "pp", faster, base="partner=WLD"),
        claim("d-wrong", "difference", "8.1", "pp", faster, base="partner=WLD"),
    ])
    result = registry.evaluate()
    assert result.verdict.to_dict() == {"d-exact": "reproduced", "d-allowed": "consistent",
                                        "d-wrong": "contradicted"}
    assert result.loc["d-exact", "recomputed"] == pytest.approx(7.9)
    assert "7.80 pp to 8.00 pp" in result.loc["d-allowed", "tolerance"]
    assert "Gap: claimed minus recomputed = +0.200 pp" in result.loc["d-wrong", "note"]
    assert ("Rests on the printed y/y growth of CHN-ASEAN exports, 2025 (13.4%) minus that of "
            "CHN-WLD exports, 2025 (5.5%).") in result.loc["d-exact", "note"]


def test_derived_levels_carry_their_rounding_through(tmp_path):
    """A month as one cumulative release less another; a total less its parts; a whole implied
    by a part and its printed share. Rows made up for the test."""
    registry = Registry(tmp_path)
    registry.add_source("zz-cumulative", [
        "CHN,WLD,export,TOTAL,2025-01/2025-11,value,,24.46,trillion yuan,",
        "CHN,WLD,export,TOTAL,2025-01/2025-10,value,,22.12,trillion yuan,",
        "CHN,WLD,export,HS:85,2025-01/2025-11,value,,5.2,trillion yuan,",
        "CHN,WLD,export,HS:84,2025-01/2025-11,value,,4.1,trillion yuan,",
        "VNM,CHN,export,VNCG:computers,2025-01/2025-02,value,,2.9,tỷ USD,",
        "VNM,CHN,export,VNCG:computers,2025-01/2025-02,share_partner_published,USD,26.5,%,"])
    cumulative = "reporter=CHN partner=WLD flow=export period=2025-01/2025-11 unit=CNY"
    part = ("reporter=VNM partner=CHN flow=export product=VNCG:computers period=2025-01/2025-02 "
            "unit=USD")
    registry.add_claims([
        claim("v-november", "difference", "2.34", "CNY", cumulative, scale="trillion",
              base="period=2025-01/2025-10"),
        claim("v-rest", "difference", "15.16", "CNY", cumulative, scale="trillion",
              base="product=HS:85,HS:84"),
        claim("v-implied", "implied", "11.0", "USD", part, scale="billion",
              base="measure=share_partner_published"),
        claim("v-pinned", "implied", "10.94", "USD", part, scale="billion",
              base="measure=share_partner_published"),
    ])
    result = registry.evaluate()
    november = result.loc["v-november"]
    assert november.recomputed == pytest.approx(2.34) and november.verdict == "reproduced"
    # 24.46 less 22.12, each ±0.005: 2.33 to 2.35, as wide as the claim's 2.335 to 2.345
    assert "= 2.34 (2.33 to 2.35)" in november.note
    assert result.loc["v-rest", "recomputed"] == pytest.approx(15.16)
    assert "less CHN-WLD exports of HS:84" in result.loc["v-rest", "note"]
    implied = result.loc["v-implied"]
    assert implied.recomputed == pytest.approx(10.943, abs=0.001)
    # 10.94 is not 11.0, but 2.85 / 0.2655 = 10.73 to 2.95 / 0.2645 = 11.15 reaches 10.95 to
    # 11.05 and is wider: allowed, not pinned
    assert implied.verdict == "consistent" and "at its printed share of 26.5%" in implied.note
    assert "10.73 billion USD to 11.15 billion USD" in implied.tolerance
    assert result.loc["v-pinned", "verdict"] == "reproduced"  # the point rounds to 10.94


def test_a_chain_of_steps_in_one_row(tmp_path):
    """January as the January-February total a part implies with its printed share, less
    February: 2.9 / 26.5% - 4.7 = 6.24, and 5.98 to 6.50 from the rounding of the inputs.
    Rows made up for the test."""
    registry = Registry(tmp_path)
    registry.add_source("zz-months", [
        "VNM,CHN,export,VNCG:computers,2025-01/2025-02,value,,2.9,tỷ USD,",
        "VNM,CHN,export,VNCG:computers,2025-01/2025-02,share_partner_published,USD,26.5,%,",
        "VNM,CHN,export,TOTAL,2025-02,value,,4.7,tỷ USD,"])
    part = "reporter=VNM partner=CHN flow=export product=VNCG:computers period=2025-01/2025-02"
    chain = (f"[{part}] / [{part} measure=share_partner_published] * 100 "
             "- [reporter=VNM partner=CHN flow=export period=2025-02]")
    registry.add_claims([
        claim("c-allowed", "derived", "6.32", "USD", chain, scale="billion"),
        claim("c-pinned", "derived", "6.2", "USD", chain, scale="billion"),
        claim("c-far", "derived", "6.6", "USD", chain, scale="billion"),
    ])
    result = registry.evaluate()
    assert result.verdict.to_dict() == {"c-allowed": "consistent", "c-pinned": "reproduced",
                                        "c-far": "contradicted"}
    allowed = result.loc["c-allowed"]
    assert allowed.recomputed == pytest.approx(6.2434, abs=1e-4)
    assert "5.984 billion USD to 6.503 billion USD" in allowed.tolerance
    assert ("[2] VNM-CHN exports of VNCG:computers, January-February 2025, printed share of the "
            "trade with the partner: 26.5%") in allowed.note
    assert "[1] / [2] * 100 - [3] = 6.243 (5.984 to 6.503)" in allowed.note


def test_a_rank_among_products_with_its_rounding(tmp_path):
    """“Among the four largest export groups”: a rank over products, at most 4. Where two
    rounded values could be in either order, the recomputed position is a range."""
    registry = Registry(tmp_path)
    registry.add_source("zz-groups", [
        "VNM,WLD,export,VNCG:a,2025-01,value,,9.6,tỷ USD,",
        "VNM,WLD,export,VNCG:b,2025-01,value,,5.7,tỷ USD,",
        "VNM,WLD,export,VNCG:c,2025-01,value,,5.4,tỷ USD,",
        "VNM,WLD,export,VNCG:d,2025-01,value,,3.2,tỷ USD,",
        "VNM,WLD,export,VNCG:e,2025-01,value,,3.2,tỷ USD,"])
    series = "reporter=VNM partner=WLD flow=export period=2025-01 product=VNCG:"
    rivals = "product=VNCG:a,VNCG:b,VNCG:c,VNCG:d,VNCG:e"
    registry.add_claims([
        claim("r-top-four", "rank", "4", "rank", series + "b", qualifier="at_most", base=rivals),
        claim("r-top-one", "rank", "1", "rank", series + "b", qualifier="at_most", base=rivals),
        claim("r-second", "rank", "2", "rank", series + "b", base=rivals),
        claim("r-tie", "rank", "5", "rank", series + "e", base=rivals),
    ])
    result = registry.evaluate()
    assert result.verdict.to_dict() == {"r-top-four": "reproduced", "r-top-one": "contradicted",
                                        "r-second": "reproduced", "r-tie": "consistent"}
    assert "Ranked among the products with data for this period: VNCG:a, VNCG:b" in result.loc[
        "r-second", "note"]
    assert "Gap: the recomputed 2 is 1 over the bound" in result.loc["r-top-one", "note"]
    # d and e both print 3.2: e is 4th or 5th, so 5 is allowed, not pinned
    assert "the official figures allow 4 to 5" in result.loc["r-tie", "tolerance"]


def test_a_percentage_gap_is_printed_in_points(tmp_path):
    registry = Registry(tmp_path)
    registry.add_source("zz-rates", ["CHN,WLD,export,TOTAL,2025,growth_published,USD,5.5,%,"])
    registry.add_claims([claim("p-1", "growth", "7.9", "percent",
                               "reporter=CHN partner=WLD flow=export period=2025 unit=USD")])
    assert "Gap: claimed minus recomputed = +2.400 pp." in registry.evaluate().loc["p-1", "note"]


# -- malformed claims: file, row, field and what is wrong ---------------------------------------

LEVEL = "reporter=CHN partner=WLD flow=total period=2025"
MALFORMED = [
    (claim("x-1", "magic", "1", "USD", LEVEL), "kind", "unknown recipe kind 'magic'"),
    (claim("x-1", "level", "1", "USD", "reporter=CHN partner=WLD flow=total period=2019"),
     "series", "no observation"),
    # the test article is dated 2026-01-30: a period ending later cannot be in it
    (claim("x-1", "level", "1", "USD", "reporter=CHN partner=WLD flow=total period=2031"),
     "series", "period 2031 lies after the article's date (2026-01-30)"),
    (claim("x-1", "level", "1", "USD", "reporter=CHN partner=WLD flow=total period=2026-02"),
     "series", "period 2026-02 lies after the article's date"),
    (claim("x-1", "level", "1", "USD", "reporter=CHN partner=WLD flow=total period=2026-01"),
     "series", "no observation"),  # the article's own month: not after it
    (claim("x-1", "derived", "1", "USD", "[reporter=CHN partner=WLD flow=total period=2025] - "
           "[reporter=CHN partner=WLD flow=total period=2026-01/2026-03]"),
     "series", "period 2026-01/2026-03 lies after"),
    (claim("x-1", "level", "1", "USD", LEVEL + " unit=CNY", scale="trillion"), "unit",
     "unit mismatch"),
    (claim("x-1", "growth", "3", "USD", LEVEL), "unit", "unit mismatch"),
    (claim("x-1", "level", "1", "USD", "country=CHN"), "series", "unknown key 'country'"),
    (claim("x-1", "level", "1", "euro", LEVEL), "unit", "unknown unit 'euro'"),
    (claim("x-1", "level", "1", "USD", LEVEL, article_id="nowhere"), "article_id",
     "unknown article"),
    (claim("x-1", "not_checkable", "1", "USD"), "note", "must say why"),
    (claim("x-1", "level", "about 1", "USD", LEVEL), "claimed", "not a number"),
    (claim("zz-02'><img src=x onerror=alert(3)>", "level", "1", "USD", LEVEL), "claim_id",
     "lower-case letters, digits and hyphens"),
    (claim("X-1", "level", "1", "USD", LEVEL), "claim_id", "lower-case"),
    (claim("x-1", "level", "1", "USD", "reporter=CHN partner=WLD flow=total"), "series",
     "names no period"),
    (claim("x-1", "level", "1", "USD", "reporter=CHN flow=total period=2025"), "series",
     "names no partner"),
    (claim("x-1", "level", "1", "USD", LEVEL + " unit=USDD"), "series",
     "unknown unit 'USDD' (known: CNY, USD, percent, tonnes, units); did you mean USD?"),
    (claim("x-1", "level", "1", "USD", LEVEL.replace("WLD", "EU28")), "series",
     "did you mean EU27"),
    (claim("x-1", "level", "1", "USD", LEVEL + " product=HS:85x"), "series",
     "not a Harmonized System"),
    (claim("x-1", "level", "1", "USD", LEVEL + " source_id=gac-2025"), "series",
     "unknown source_id 'gac-2025'"),
    (claim("x-1", "level", "1", "USD", LEVEL + " partner=USA"), "series",
     "partner is given twice"),
    (claim("x-1", "growth", "1", "percent", "reporter=CHN partner=WLD flow=total period=2025-13"),
     "series", "month 13"),
    (claim("x-1", "growth", "1", "percent", "reporter=CHN partner=WLD flow=total period=1900"),
     "series", "not between 1950"),
    (claim("x-1", "level", "1", "USD", LEVEL, band="abc%"), "band", "not a percentage"),
    (claim("x-1", "level", "1", "USD", LEVEL, band="-1%"), "band", "not a percentage"),
    (claim("x-1", "level", "1", "USD", LEVEL, band="60%"), "band", "at most 50%"),
    (claim("x-1", "level", "1", "USD", LEVEL, band="0%"), "band", "above 0%"),
    (claim("x-1", "level", "1", "USD", LEVEL, qualifier="over", band="2%"), "band",
     "does not apply to a over claim"),
    (claim("x-1", "growth", "1", "percent", LEVEL, scale="billion"), "scale",
     "a claim in percent takes no scale"),
    (claim("x-1", "level", "1", "USD", LEVEL, rests_on="levels"), "rests_on",
     "a level claim has one figure to rest on"),
    (claim("x-1", "level", "1", "USD", LEVEL, base="period=2024"), "base",
     "a level claim does not use a base"),
    (claim("x-1", "share", "1", "percent", LEVEL), "base", "a share claim needs a base"),
    (claim("x-1", "difference", "1", "pp", LEVEL, base="partner=USA"), "series",
     "name measure=growth_published or measure=share_published"),
    (claim("x-1", "difference", "1", "percent", LEVEL + " measure=growth_published",
           base="partner=USA"), "unit", "unit mismatch"),
    (claim("x-1", "derived", "1", "USD", f"[{LEVEL}] - 3 * x", scale="trillion"), "series",
     "only + - * / ( ), numbers and [lookups] may appear: '- 3 * x' outside the brackets"),
    (claim("x-1", "derived", "1", "USD", f"[{LEVEL}] -", scale="trillion"), "series",
     "not arithmetic on [lookups] and numbers"),
    (claim("x-1", "derived", "1", "USD", "2 * 3", scale="trillion"), "series",
     "no lookup in it"),
    (claim("x-1", "derived", "1", "USD", f"[{LEVEL}] - [reporter=CHN partner=WLD flow=totl]",
           scale="trillion"), "series", "lookup [2] names no period"),
    (claim("x-1", "derived", "1", "USD", f"[{LEVEL}] - [{LEVEL} partner=WLDD]",
           scale="trillion"), "series", "lookup [2]: partner is given twice"),
    (claim("x-1", "derived", "1", "CNY", f"[{LEVEL}] / (2 - 2)", scale="trillion"),
     "series", "divides by a figure whose range includes zero: [1] / (2 - 2)"),
    (claim("x-1", "derived", "1", "USD", f"[{LEVEL}] ** [{LEVEL}]", scale="trillion"),
     "series", "only + - * / ( ), numbers and [lookups] may appear"),
    (claim("x-1", "rank", "2", "rank", LEVEL, base="partner=USA product=HS:85"), "base",
     "a rank's base names one dimension and the rivals in it"),
    (claim("x-1", "implied", "1", "CNY", LEVEL + " unit=CNY", scale="trillion",
           base="measure=growth_published"), "base", "the share is one of measure="),
    (claim("x-1", "growth", "1", "percent", LEVEL + " unit=USD", base="period=2024",
           rests_on="published"), "rests_on", "a growth with a base rests on levels"),
    (claim("x-1", "not_checkable", "1", "USD", LEVEL, note="why"), "series",
     "has no recipe"),
    (claim("x-1", "not_checkable", "1", "USD", note="a forecast"), "reason",
     "a not_checkable claim needs a reason: not_located, not_trade_statistic"),
    (claim("x-1", "not_checkable", "1", "USD", note="why", reason="lost"), "reason",
     "unknown reason 'lost'"),
    (claim("x-1", "level", "45.47", "CNY", LEVEL, scale="trillion", reason="not_located"),
     "reason", "only a not_checkable claim has a reason"),
    (claim("x-1", "level", "45.47", "CNY", LEVEL, scale="trillion", origin="rumour"),
     "origin", "unknown origin 'rumour'"),
]


@pytest.mark.parametrize("row, field, message", MALFORMED,
                         ids=[f"{i}-{m[1]}" for i, m in enumerate(MALFORMED)])
def test_malformed_claims_name_the_claim_row_and_field(tmp_path, row, field, message):
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio")
    registry.add_claims([claim("ok-1", "level", "45.47", "CNY", LEVEL, scale="trillion"), row])
    with pytest.raises(InputError) as caught:
        registry.evaluate()
    text = str(caught.value)
    assert f"claims.csv, row 3, field '{field}'" in text
    assert f"claim {row['claim_id']}" in text and message in text


@pytest.mark.parametrize("row, says", [
    # a total nobody printed, and that exports plus imports cannot give: flow=total, not the
    # export lookup the engine retried, with the partners that do have total trade
    (claim("m-total", "level", "1", "USD", "reporter=CHN partner=USA flow=total period=2025",
           scale="trillion"),
     ["no observation for reporter=CHN, partner=USA, flow=total", "with another partner: WLD"]),
    # a growth with no printed rate and no level a year earlier: what exists nearby
    (claim("m-growth", "growth", "5", "percent",
           "reporter=CHN partner=WLD flow=total period=2025 unit=USD"),
     ["no levels figure for CHN-WLD total trade, 2025",
      "period=2024", "with another period: 2025"]),
])
def test_a_missing_series_says_what_was_asked_and_what_exists(tmp_path, row, says):
    registry = Registry(tmp_path)
    registry.add_source("zz-one-year", ["CHN,WLD,total,TOTAL,2025,value,,6.35,trillion USD,",
                                        "CHN,USA,export,TOTAL,2025,value,,0.42,trillion USD,"])
    registry.add_claims([row])
    with pytest.raises(InputError) as caught:
        registry.evaluate()
    text = str(caught.value)
    assert all(part in text for part in says), text
    assert "flow=export" not in text


def test_a_registry_written_before_reasons_and_origins_still_loads(tmp_path):
    """The columns reason and origin are optional: an older registry has neither, and its
    not_checkable claims go without a reason (the index counts them as such)."""
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio")
    registry.add_claims([claim("ok-1", "level", "45.47", "CNY", LEVEL, scale="trillion"),
                         claim("nc-1", "not_checkable", "3", "USD", note="a forecast")])
    text = registry.claims.read_text(encoding="utf-8").splitlines()
    registry.claims.write_text("\n".join(line.rsplit(",", 2)[0] for line in text) + "\n",
                               encoding="utf-8")
    assert "reason" not in registry.claims.read_text(encoding="utf-8")
    result = registry.evaluate()
    assert result.loc["nc-1", "verdict"] == "not_checkable"
    assert result.loc["nc-1", "reason"] == "" and result.loc["ok-1", "origin"] == ""


def test_reasons_and_origins_reach_the_ledger(tmp_path):
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio")
    registry.add_claims([
        claim("ok-1", "level", "45.47", "CNY", LEVEL, scale="trillion",
              origin="caixin_ai_summary"),
        claim("nc-1", "not_checkable", "3", "USD", note="a forecast",
              reason="forecast_or_opinion")])
    result = registry.evaluate()
    assert result.loc["ok-1", "origin"] == "caixin_ai_summary"
    assert result.loc["ok-1", "verdict"] == "reproduced"  # checked like any other claim
    assert result.loc["nc-1", "reason"] == "forecast_or_opinion"


def test_ids_compare_case_insensitively_and_must_be_unique(tmp_path):
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio")
    ok = claim("ok-1", "level", "45.47", "CNY", LEVEL, scale="trillion")
    registry.add_claims([ok, ok])
    with pytest.raises(InputError, match=r"row 3, field 'claim_id': claim ok-1: duplicate of "
                                         r"row 2"):
        registry.evaluate()


def test_every_problem_of_a_row_is_reported_at_once(tmp_path):
    registry = Registry(tmp_path).copy_source("gac-2025-annual-scio")
    registry.add_claims([claim("x-1", "level", "one", "euro", "", scale="lots")])
    with pytest.raises(InputError) as caught:
        registry.evaluate()
    fields = {"claimed", "unit", "scale", "series"}
    assert {f for f in fields if f"field '{f}'" in str(caught.value)} == fields


def test_corrections_are_listed_against_the_last_commit(tmp_path):
    import pandas as pd

    from tradeclaims.claims import ledger

    before = pd.DataFrame({"claim_id": ["a-1", "a-2", "a-3"],
                           "verdict": ["not_checkable", "reproduced", "approximate"]})
    after = pd.DataFrame({"claim_id": ["a-1", "a-2", "a-4"],
                          "verdict": ["consistent", "reproduced", "contradicted"]})
    assert ledger.changes(before, after) == ["a-1: not_checkable -> consistent",
                                             "a-4: new, contradicted",
                                             "a-3: removed (was approximate)"]
    assert ledger.changes(after, after) == []
    assert ledger.committed(tmp_path / "verdicts.csv") is None  # outside the repository


def test_an_unknown_source_id_names_the_nearest_few(tmp_path):
    known = {f"gac-{year}-{what}" for year in range(2015, 2026)
             for what in ("annual", "asean", "usd")} | {f"vn-customs-{n}" for n in range(8)}
    assert len(known) == 41
    registry = Registry(tmp_path)
    registry.add_claims([claim("x-1", "level", "1", "USD", LEVEL + " source_id=gac-2024-anual")])
    with pytest.raises(InputError) as caught:
        load_claims(registry.claims, registry.articles, known)
    text = str(caught.value)
    assert "unknown source_id 'gac-2024-anual' (not one of the 41 releases in data/sources/)" in (
        text)
    nearest = text.split("the nearest: ")[1].split(", ")
    assert len(nearest) == 5 and nearest[0] == "gac-2024-annual" and "vn-customs-0" not in text


def test_a_truncated_figure_from_a_release_is_approximate_end_to_end(tmp_path):
    """GAC's 656,577,613 thousand USD written as $656.5 billion: cut, not rounded; $656.6
    billion would round it, and $656.4 billion is wrong."""
    registry = Registry(tmp_path)
    registry.add_source("zz-gac-2026m02", ["CHN,WLD,export,TOTAL,2026-01/2026-02,value,,"
                                           "656577613,thousand USD,"],
                        meta=META.replace("2026-01-14", "2026-03-10").replace("2026-02-01",
                                                                              "2026-03-11"))
    registry.add_article("march", date="2026-03-12")
    series = "reporter=CHN partner=WLD flow=export period=2026-01/2026-02"
    registry.add_claims([claim(f"t-{n}", "level", figure, "USD", series, scale="billion",
                               article_id="march")
                         for n, figure in enumerate(["656.5", "656.6", "656.4", "656.58"], 1)])
    result = registry.evaluate()
    assert list(result.verdict) == ["approximate", "reproduced", "contradicted", "reproduced"]
    assert "reads as truncated" in result.loc["t-1", "tolerance"]
    assert result.loc["t-1", "recomputed"] == 656.577613  # as read: every digit, none added


def test_a_page_reads_its_own_article_s_claims_and_the_ledger_checks_them_all(tmp_path):
    """A page's kernel checks and evaluates only its article's rows, so its cost does not grow
    with the registry; a malformed row of another article still stops the ledger (which make
    builds beside every page), and a claim id another article already uses is still refused."""
    registry = Registry(tmp_path)
    registry.add_article("other")
    good = claim("t-1", "not_checkable", "1", "USD", note="a forecast",
                 reason="forecast_or_opinion")
    broken = claim("o-1", "level", "1", "USD", "reporter=CHN") | {"article_id": "other"}
    registry.add_claims([good, broken])
    mine = load_claims(registry.claims, registry.articles, set(), "test-article")
    assert [c.claim_id for c in mine] == ["t-1"]
    with pytest.raises(InputError, match="o-1"):
        load_claims(registry.claims, registry.articles, set())
    registry.add_claims([good | {"article_id": "other"}, good])
    with pytest.raises(InputError, match="duplicate of row 2"):
        load_claims(registry.claims, registry.articles, set(), "test-article")
