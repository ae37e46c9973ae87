"""The notebook helpers: figures recomputed outside the registry carry their sources, and every
link they draw points at a footnote that sources() writes."""

import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import same_color

from registry import Registry, claim
from tradeclaims import paths
from tradeclaims.claims.engine import MissingSeries
from tradeclaims.data import vocabulary
from tradeclaims.report import lookups
from tradeclaims.report import present as tc
from tradeclaims.report.style import with_wording

ELECTRONICS = ("reporter=CHN partner=WLD flow=export product=CCCME:electronic_information "
               "period=2025 unit=USD")
BASES = {"exports": "product=TOTAL", "trade": "product=TOTAL flow=export+import"}


@pytest.fixture(autouse=True)
def data(tmp_path_factory, monkeypatch):
    """The helpers read a dataset of the tests' own, from copies of real releases."""
    registry = Registry(tmp_path_factory.mktemp("present")).copy_source(
        "cccme-2025-electronics", "gac-2025-annual-usd-ap", "gac-2025-annual-scio",
        "gac-2025-asean-yicai")
    data = registry.build()
    monkeypatch.setattr(lookups, "dataset", lambda: data)
    return data


def _level(**spec):
    return tc.dataset().get(partner="WLD", period="2025", unit="USD", measure="value",
                            **spec).value


def _targets(markup):
    return re.findall(r"href=[\"']#src-([^\"']+)", markup)


def test_shares_rest_on_the_printed_share_where_there_is_one_else_on_levels():
    frame = tc.shares(ELECTRONICS, BASES).set_index("denominator")
    part = _level(reporter="CHN", flow="export", product="CCCME:electronic_information")
    exports = _level(reporter="CHN", flow="export", product="TOTAL")
    imports = _level(reporter="CHN", flow="import", product="TOTAL")

    assert frame.loc["exports", "rests_on"] == "the published share"
    assert frame.loc["exports", "share"] == 20.0  # as CCCME printed it
    assert frame.loc["trade", "share"] == pytest.approx(100 * part / (exports + imports))
    assert frame.loc["trade", "share"] != pytest.approx(100 * part / exports)
    trade_sources = frame.loc["trade", "sources"].split()
    assert "cccme-2025-electronics" in trade_sources and len(trade_sources) >= 2


def test_every_link_of_a_share_table_or_finding_has_its_footnote():
    frame = tc.shares(ELECTRONICS, BASES)
    figure = tc.recompute("conversion", "reporter=CHN partner=ASEAN flow=total period=2025",
                          "partner=WLD", unit="USD")
    links = _targets(tc.share_table(frame).markup) + _targets(tc.finding("x", figure).markup)
    footnotes = tc.sources(tc.cited(frame) + figure.sources).markup
    assert links and set(links) == set(re.findall(r"id=[\"']src-([^\"']+)", footnotes))


def test_a_finding_says_what_it_rests_on_in_both_forms():
    figure = tc.recompute("conversion", "reporter=CHN partner=ASEAN flow=total period=2025",
                          "partner=WLD", unit="USD")
    finding = tc.finding("ASEAN trade in dollars", figure)
    assert "CNY per USD" in figure.rests_on
    for form in (finding.markup, repr(finding)):
        assert "Rests on the rate implied" in form
    assert all(s in repr(finding) for s in figure.sources)


def test_a_recompute_the_data_cannot_serve_names_the_request():
    with pytest.raises(MissingSeries, match="partner=FRA"):
        tc.recompute("share", ELECTRONICS.replace("partner=WLD", "partner=FRA"), "product=TOTAL")


@pytest.mark.parametrize("qualifier, shown", [("over", "over 1"), ("about", "about 1"),
                                              ("", "1"), ("nearly", "nearly 1")])
def test_a_claimed_figure_is_shown_with_the_wording_that_sets_its_rule(qualifier, shown):
    assert with_wording(1.0, qualifier, "trillion USD") == shown
    assert with_wording(float("nan"), qualifier, "trillion USD") == ""


def test_the_opening_shows_the_article_only_when_one_is_named(data, tmp_path, monkeypatch):
    articles = tmp_path / "articles.csv"
    articles.write_text("article_id,outlet,title,date,covers,file\n"
                        "t-article,Test Outlet,A title,2026-01-30,a test,\n", encoding="utf-8")
    monkeypatch.setattr(paths, "ARTICLES_CSV", articles)
    with_article = tc.opening(article_id="t-article", partner="USA")
    without = tc.opening(article_id=None, verdict=None)
    assert "Test Outlet: A title" in repr(with_article) and "partner = 'USA'" in repr(with_article)
    assert "article_id" not in repr(with_article) and "Test Outlet" not in repr(without)
    for opening in (with_article, without):
        assert "class='tc-legend'" in opening.markup or 'class="tc-legend"' in opening.markup


def test_only_number_columns_are_set_as_numbers():
    frame = tc.shares(ELECTRONICS, BASES)
    cells = re.findall(r"<td( class=\"n\")?>([^<]*)</td>", tc.share_table(frame).markup)
    numeric = {text for cls, text in cells if cls}
    assert numeric and all(re.fullmatch(r"[\d.,-]+", text) for text in numeric)
    assert "the published share" in {text for cls, text in cells if not cls}


def test_a_gap_chart_of_many_claims_shows_their_spread_at_a_size_it_can_draw(monkeypatch):
    """A bar per claim up to GAP_BARS; beyond, one histogram whose height does not grow (a
    ledger of 500 articles would otherwise be taller than matplotlib can draw)."""
    import pandas as pd

    from tradeclaims.report import charts

    monkeypatch.setattr(lookups, "cited", lambda table: [])
    monkeypatch.setattr(charts, "source_line", lambda ids: "Source: a test")

    def claims(n):
        return pd.DataFrame({"claim_id": [f"c-{i}" for i in range(n)], "claimed": 1.0 + 0.01 * n,
                             "recomputed": 1.0, "unit": "USD", "qualifier": "",
                             "verdict": "contradicted", "sources": ""})

    few = charts.gap_chart(claims(charts.GAP_BARS), "gaps")
    many = charts.gap_chart(claims(charts.GAP_BARS + 1), "gaps")
    huge = charts.gap_chart(claims(5000), "gaps")
    assert few.get_figheight() == pytest.approx(0.32 * charts.GAP_BARS + 1.8)
    assert many.get_figheight() == huge.get_figheight() < few.get_figheight()
    assert huge.axes[0].get_title(loc="left") == "gaps: 5000 claims with exact wording"
    assert huge.axes[0].get_ylabel() == "claims"

HEX_COLOUR = re.compile(r"""color\s*=\s*\\?["']#[0-9a-fA-F]{3,8}""")


def test_no_notebook_or_chart_types_a_colour():
    """Colours come from the vocabulary (verdicts, chart_colours), so no line borrows a
    verdict's colour by typing it."""
    typed = [paths.relative(path) for path in [*paths.NOTEBOOKS.glob("*.ipynb"),
                                               paths.ROOT / "lib/tradeclaims/report/charts.py"]
             if HEX_COLOUR.search(path.read_text(encoding="utf-8"))]
    assert typed == []
    assert HEX_COLOUR.search('fig.axes[0].axvline(1, color=\\"#cf222e\\")')  # the rule bites


@pytest.mark.parametrize("mark, style", [("threshold", "--"), ("recomputed", ":")])
def test_a_reference_line_is_drawn_in_its_named_colour(mark, style):
    fig, ax = plt.subplots()
    line = tc.reference_line(fig, 1.5, mark).axes[0].lines[-1]
    plt.close(fig)
    assert same_color(line.get_color(), vocabulary.section("chart_colours")[mark]["colour"])
    assert line.get_linestyle() == style and list(line.get_xdata()) == [1.5, 1.5]


def _ledger_rows(n):
    import pandas as pd

    from tradeclaims.claims import ledger

    return pd.DataFrame([dict.fromkeys(ledger.COLUMNS, "") | {
        "claim_id": f"c-{i}", "article_id": "test-article", "quote": f"quote {i}",
        "claimed": 1.5, "recomputed": 1.5, "unit": "USD", "verdict": "reproduced",
        "kind": "level"} for i in range(n)], columns=ledger.COLUMNS)


def test_the_ledger_lists_claims_up_to_its_limit_then_sends_readers_to_the_index(monkeypatch):
    """Past LEDGER_ROWS the page shows where each claim is instead of a table nbconvert takes
    seconds over; its text, which the page guard and nbval compare, still lists every one."""
    from tradeclaims.report import tables

    monkeypatch.setattr(tables, "LEDGER_ROWS", 3)
    monkeypatch.setattr(lookups, "corrections", lambda: {})
    listed, sent = tc.ledger_table(_ledger_rows(3)), tc.ledger_table(_ledger_rows(4))
    assert re.findall(r'id="claim-(c-\d)"', listed.markup) == ["c-0", "c-1", "c-2"]
    assert "claim-" not in sent.markup and "index.html#tc-claims" in sent.markup
    assert "4 claims are more than this page lists (at most 3)" in sent.markup
    assert "verdicts.csv" in sent.markup
    for table, n in ((listed, 3), (sent, 4)):
        assert re.findall(r"^(c-\d): reproduced; claimed 1.5, recomputed 1.5",
                          repr(table), re.M) == [f"c-{i}" for i in range(n)]


def test_the_ledger_page_shows_the_verdicts_make_wrote_for_the_whole_registry(
        tmp_path, monkeypatch):
    """It reads reports/verdicts.csv instead of evaluating every claim again, but still checks
    every row of the registry, and refuses a verdicts.csv that lists other claims."""
    from tradeclaims.claims import ledger
    from tradeclaims.errors import InputError

    registry = Registry(tmp_path)
    registry.add_source("zz-a", ["CHN,WLD,export,TOTAL,2025,value,,3.77,trillion USD,"])
    registry.add_article("other")
    series = "reporter=CHN partner=WLD flow=export period=2025 unit=USD"
    registry.add_claims([claim("t-1", "level", "3.77", "USD", series, scale="trillion"),
                         claim("o-1", "level", "3.9", "USD", series, scale="trillion")
                         | {"article_id": "other"}])
    data, verdicts = registry.build(), tmp_path / "verdicts.csv"
    ledger.write(ledger.evaluate(registry.claims, data, registry.articles), verdicts)
    for name, path in (("CLAIMS_CSV", registry.claims), ("ARTICLES_CSV", registry.articles),
                       ("VERDICTS_CSV", verdicts)):
        monkeypatch.setattr(paths, name, path)
    monkeypatch.setattr(lookups, "dataset", lambda: data)
    whole = tc.ledger_verdicts()
    assert list(zip(whole.claim_id, whole.verdict, strict=True)) == [
        ("t-1", "reproduced"), ("o-1", "contradicted")]
    assert list(whole.claimed) == [3.77, 3.9]  # in the unit and scale as printed
    assert list(tc.ledger_verdicts("other").claim_id) == ["o-1"]
    text = registry.claims.read_text(encoding="utf-8")
    registry.claims.write_text(text.replace("quote of o-1", "quote edited"), encoding="utf-8")
    with pytest.raises(InputError, match=r"verdicts.csv: does not list the claims of "
                                         r"data/claims.csv as they are \(claim o-1, row 3 there\)"):
        tc.ledger_verdicts("test-article")
    registry.claims.write_text(text.replace("3.9,USD", "3.9x,USD"), encoding="utf-8")
    with pytest.raises(InputError, match="claim o-1"):  # another article's row, still checked
        tc.ledger_verdicts("test-article")
