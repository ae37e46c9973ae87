"""The claims registry and the ledger built from it."""

import csv
import shutil

import pytest

from tradeclaims import ledger, paths
from tradeclaims.__main__ import main
from tradeclaims.claims import COLUMNS, KINDS, load_claims, read_articles
from tradeclaims.engine import VERDICTS
from tradeclaims.errors import InputError

ARTICLES_DIR = paths.ROOT.parent / "shared" / "articles"


@pytest.fixture(scope="module")
def verdicts():
    return ledger.evaluate().set_index("claim_id")


def _normal(text):
    return " ".join(text.replace("’", "'").replace("–", "-").split())


def test_every_article_has_claims_and_every_claim_an_article(verdicts):
    articles = read_articles()
    assert set(verdicts.article_id) == set(articles.index)
    assert len(verdicts) >= 55


@pytest.mark.skipif(not ARTICLES_DIR.exists(), reason="the article texts live in ../shared")
def test_every_quote_is_in_its_article():
    articles = read_articles()
    for claim in load_claims():
        file = articles.loc[claim.article_id, "file"]
        if not file:
            continue
        text = _normal((ARTICLES_DIR / file).read_text(encoding="utf-8"))
        assert _normal(claim.quote) in text, f"{claim.claim_id}: quote not in {file}"


def test_every_claim_gets_a_verdict_from_the_vocabulary(verdicts):
    assert set(verdicts.verdict) <= set(VERDICTS)
    checked = verdicts[verdicts.verdict != "not_checkable"]
    assert checked.recomputed.notna().all() and (checked.tolerance != "").all()
    assert (checked.sources != "").all()
    assert (verdicts[verdicts.verdict == "not_checkable"].note != "").all()


@pytest.mark.parametrize("claim_id, verdict, recomputed", [
    ("gt-04", "contradicted", 1.31),  # the US figure attached to China
    ("gt-05", "reproduced", 117),
    ("gt-06", "reproduced", -7.2),
    ("cx-02", "reproduced", 758.32),
    ("cx-03", "contradicted", 11.94),  # one-fifth of total trade: no
    ("cx-03-exports", "reproduced", 20),  # one-fifth of exports: yes
    ("re-02", "contradicted", 6.35),  # about $6.48 trillion against GAC's own dollars
    ("re-03", "reproduced", 3.8),
    ("re-06", "reproduced", 51.9),  # over 50 percent for Belt and Road
    ("cg-01", "reproduced", 1.076),
    ("cg-10", "reproduced", 16.6),
    ("as-01", "reproduced", 1.054),
])
def test_what_the_data_shows(verdicts, claim_id, verdict, recomputed):
    row = verdicts.loc[claim_id]
    assert row.verdict == verdict
    assert row.recomputed == pytest.approx(recomputed, abs=0.01)


def test_growth_says_which_figure_it_rests_on_and_shows_the_other(verdicts):
    note = verdicts.loc["re-03", "note"]
    assert "Rests on the published growth rate (CNY)" in note
    assert "levels 2025 on 2024 (CNY): 3.69%" in note


def test_the_phone_claim_cites_the_customs_release(verdicts):
    assert verdicts.loc["gt-04", "sources"] == "vn-customs-2026-01-phones-electronics"
    assert "United States" in verdicts.loc["gt-04", "note"]


def test_cross_source_pairs_show_both_sources(verdicts):
    row = verdicts.loc["xs-01"]
    assert row.verdict == "approximate" and (row.claimed, row.recomputed) == (992.1, 993)
    assert row.sources.split() == ["gac-2024-annual-yicai", "gac-2025-surplus-sharecast"]


def test_committed_ledger_is_up_to_date(verdicts):
    committed = paths.VERDICTS_CSV.read_text(encoding="utf-8")
    current = verdicts.reset_index()[ledger.COLUMNS]
    assert committed == current.to_csv(index=False, lineterminator="\n", float_format="%.6g"), (
        "reports/verdicts.csv is stale: run `make reports`")


# -- adding a claim is adding a row ------------------------------------------------------------

NEW_ROWS = [
    ["n-level", "resilience", "q", "26.99", "CNY", "trillion", "", "level",
     "reporter=CHN partner=WLD flow=export period=2025", "", "", "", ""],
    ["n-growth", "resilience", "q", "5.9", "percent", "", "", "growth",
     "reporter=CHN partner=WLD flow=export period=2024 unit=USD", "", "", "", ""],
    ["n-growth-levels", "resilience", "q", "6.1", "percent", "", "", "growth",
     "reporter=CHN partner=WLD flow=export period=2025 unit=USD", "", "", "levels", ""],
    ["n-share", "cgtn-surplus", "q", "8.9", "percent", "", "", "share",
     "reporter=CHN partner=USA flow=total period=2025-01/2025-11 unit=CNY", "partner=WLD", "",
     "levels", ""],
    ["n-balance", "resilience", "q", "8.51", "CNY", "trillion", "", "balance",
     "reporter=CHN partner=WLD flow=balance period=2025", "", "", "", ""],
    ["n-conversion", "resilience", "q", "3.83", "USD", "trillion", "", "conversion",
     "reporter=CHN partner=WLD flow=export period=2025", "flow=import", "", "", ""],
    ["n-rank", "cgtn-surplus", "q", "2", "rank", "", "", "rank",
     "reporter=CHN partner=USA flow=total period=2025-01/2025-11 unit=CNY",
     "partner=ASEAN,EU27", "", "", ""],
    ["n-over", "asean-trillion", "q", "7.5", "CNY", "trillion", "over", "level",
     "reporter=CHN partner=ASEAN flow=total period=2025", "", "", "", ""],
]


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "claims.csv"
    shutil.copy(paths.CLAIMS_CSV, path)
    return path


def _append(path, rows):
    with path.open("a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_adding_claims_of_every_kind_needs_no_code(registry):
    _append(registry, NEW_ROWS)
    result = ledger.evaluate(registry).set_index("claim_id")
    expected = {"n-level": "reproduced", "n-growth": "reproduced",
                # rests on first-published levels, 3.77/3.58: +5.3%, at most 5.6% with rounding
                "n-growth-levels": "contradicted",
                "n-share": "reproduced",  # 3.69/41.21 = 8.95%, rounding of inputs reaches 8.9
                "n-balance": "reproduced",  # 26.99 - 18.48
                "n-conversion": "approximate",  # 26.99 / (18.48/2.58) = 3.768, 1.6% off
                "n-rank": "contradicted", "n-over": "reproduced"}
    assert result.loc[list(expected), "verdict"].to_dict() == expected
    assert result.loc["n-growth-levels", "recomputed"] == pytest.approx(5.307, abs=0.001)


@pytest.mark.parametrize("row, field, message", [
    (["x-1", "resilience", "q", "1", "USD", "", "", "magic", "reporter=CHN", "", "", "", ""],
     "kind", "unknown recipe kind 'magic'"),
    (["x-1", "resilience", "q", "1", "USD", "", "", "level",
      "reporter=CHN partner=WLD flow=export period=2031", "", "", "", ""],
     "series", "no observation"),
    (["x-1", "resilience", "q", "1", "USD", "trillion", "", "level",
      "reporter=CHN partner=WLD flow=total period=2025 unit=CNY", "", "", "", ""],
     "unit", "unit mismatch"),
    (["x-1", "resilience", "q", "3", "USD", "", "", "growth",
      "reporter=CHN partner=WLD flow=total period=2025", "", "", "", ""],
     "unit", "unit mismatch"),
    (["x-1", "resilience", "q", "1", "USD", "", "", "level", "country=CHN", "", "", "", ""],
     "series", "unknown key 'country'"),
    (["x-1", "resilience", "q", "1", "euro", "", "", "level", "reporter=CHN", "", "", "", ""],
     "unit", "unknown unit 'euro'"),
    (["x-1", "nowhere", "q", "1", "USD", "", "", "level", "reporter=CHN", "", "", "", ""],
     "article_id", "unknown article"),
    (["x-1", "resilience", "q", "1", "USD", "", "", "not_checkable", "", "", "", "", ""],
     "note", "must say why"),
    (["x-1", "resilience", "q", "about 1", "USD", "", "", "level", "reporter=CHN", "", "", "",
      ""], "claimed", "not a number"),
    (["gt-01", "resilience", "q", "1", "USD", "", "", "not_checkable", "", "", "", "", "why"],
     "claim_id", "duplicate of row 2"),
])
def test_malformed_claims_name_the_claim_row_and_field(registry, row, field, message):
    _append(registry, [row])
    with pytest.raises(InputError) as caught:
        ledger.evaluate(registry)
    text = str(caught.value)
    assert f"claim {row[0]}" in text and f"field '{field}'" in text and message in text
    assert "claims.csv, row 74" in text


def test_registry_columns_and_kinds_are_documented():
    assert COLUMNS[:4] == ["claim_id", "article_id", "quote", "claimed"]
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"`{kind}`" in readme


def test_command_line_writes_the_ledger_and_fails_clearly(registry, tmp_path, capsys):
    out = tmp_path / "verdicts.csv"
    assert main(["claims", "--claims", str(registry), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(",".join(ledger.COLUMNS[:10]))
    assert "reproduced:" in capsys.readouterr().out
    _append(registry, [NEW_ROWS[0][:7] + ["magic"] + NEW_ROWS[0][8:]])
    assert main(["claims", "--claims", str(registry), "--out", str(out)]) == 2
    assert "unknown recipe kind 'magic'" in capsys.readouterr().err
