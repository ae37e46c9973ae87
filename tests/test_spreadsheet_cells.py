"""The CSV files people open in spreadsheets hold no cell a spreadsheet would run as a formula
(OWASP's CSV injection), and every reader of them gets the text back as it was written."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry import Registry, claim
from tradeclaims import csvfile, paths
from tradeclaims.claims import extract, ledger
from tradeclaims.claims.registry import COLUMNS, load_claims
from tradeclaims.data.sources import load_provenance
from tradeclaims.report import claimreview, index
from tradeclaims.report.config import load_config

LINK = '=HYPERLINK("http://example.org","click")'
SOURCE = "CHN,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,"


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("text, written", [
    (LINK, "'" + LINK), ("+1 555", "'+1 555"), ("-7% on a year", "'-7% on a year"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-7.2", "-7.2"), ("+3", "+3"), ("1e5", "1e5"), ("-.5", "-.5"),  # numbers stay numbers
    ("-2+3", "'-2+3"), ("'=x", "''=x"), ("'x", "'x"), ("it's", "it's"), ("", ""),
])
def test_a_text_cell_a_spreadsheet_would_run_is_marked(text, written):
    assert csvfile.marked(text) == written
    assert csvfile.unmarked(written) == text


@given(st.text())
def test_marking_is_undone_by_reading_and_leaves_no_formula(text):
    written = csvfile.marked(text)
    assert csvfile.unmarked(written) == text
    assert not written.startswith(csvfile.FORMULA_START) or csvfile._NUMBER.fullmatch(written)
    cells = _cells(csvfile.to_csv_text(["a", "b"], [{"a": text, "b": -7.2}]))
    assert cells[2:] == [written, "-7.2"]


@pytest.fixture
def registry(tmp_path):
    registry = Registry(tmp_path)
    registry.add_source("s", [SOURCE.replace(",,26.99", ",,26.99").removesuffix(",")
                              + ",=1+1 (a note)"])
    quotes = {"f-1": LINK, "f-2": "-7.2% fell exports", "f-3": "+5% on a year"}
    registry.add_claims([claim(cid, "level", "26.99", "CNY", "reporter=CHN partner=WLD "
                               "flow=export period=2025", scale="trillion", quote=quote)
                         for cid, quote in quotes.items()])
    return registry


def test_the_ledger_marks_formulas_and_its_readers_show_them_as_written(registry, tmp_path):
    """A quote starting with - or + is valid input; in verdicts.csv it is marked; read back
    (as the index and ClaimReview read it) it is what the registry says, with no mark."""
    claims = {c.claim_id: c.quote for c in load_claims(registry.claims, registry.articles,
                                                       {"s"})}
    assert claims["f-2"] == "-7.2% fell exports" and claims["f-3"] == "+5% on a year"
    table = ledger.evaluate(registry.claims, registry.build(), registry.articles)
    out = tmp_path / "verdicts.csv"
    ledger.write(table, out)
    cells = _cells(out.read_text(encoding="utf-8"))
    assert "'" + LINK in cells and "'-7.2% fell exports" in cells and "'+5% on a year" in cells
    assert not [c for c in cells if c.startswith(("=", "@"))]
    assert "26.99" in cells  # numbers are not marked
    read = ledger.read(out).set_index("claim_id")
    assert read.loc["f-1", "quote"] == LINK and read.loc["f-2", "quote"] == "-7.2% fell exports"
    assert read.loc["f-1", "claimed"] == 26.99
    real_source = sorted(p.name for p in paths.SOURCES.iterdir())[0]
    shown = read.reset_index().assign(article_id="gt-vietnam", sources=real_source)
    page = index.render(load_config(), shown)
    assert "=HYPERLINK(" in page
    assert not [mark for mark in ("'", "&#39;", "&#x27;") if mark + "=HYPERLINK" in page]
    reviews = claimreview.published(shown, load_config(), load_provenance(paths.SOURCES))
    assert [r["claimReviewed"] for r in reviews] == [LINK, "-7.2% fell exports",
                                                     "+5% on a year"]


def test_the_dataset_marks_formulas_and_reads_them_back(registry):
    data = registry.build()
    assert "'=1+1 (a note)" in _cells(registry.trade.read_text(encoding="utf-8"))
    assert list(data.frame.note) == ["=1+1 (a note)"]


def test_drafts_mark_formulas_and_read_back_as_the_registry_reads_them(tmp_path):
    text = "-7.2% was the fall in exports; @trade rose 5%; imports fell 3.1%."
    drafts = tmp_path / "drafts.csv"
    drafts.write_text(extract.to_csv(extract.rows(text, "zz")), encoding="utf-8")
    cells = _cells(drafts.read_text(encoding="utf-8"))
    assert "'-7.2% was the fall in exports" in cells and "'@trade rose 5%" in cells
    rows = csvfile.read_rows(drafts, COLUMNS, allow_empty=True)
    assert [row["quote"] for _, row in rows] == ["-7.2% was the fall in exports",
                                                 "@trade rose 5%", "imports fell 3.1%"]
    assert "-3.1" in cells  # a number stays a number
    assert [row["claimed"] for _, row in rows] == ["7.2", "5", "-3.1"]
