"""The accounting of an article's figures, on texts and lists of the test's own."""

import pytest

from tradeclaims import paths
from tradeclaims.claims import accounting, articles, extract, webpage
from tradeclaims.errors import InputError

TEXT = ("Exports rose 5.2 percent to $3.1 trillion in 2025. Read more: Widgets sold 40 million "
        "units. Imports fell 1.1 percent.")


def test_a_figure_is_accounted_for_by_a_quote_or_an_ignored_row():
    ignored = [accounting.Ignored("a", "40", "Widgets sold 40 million units", "a link")]
    left = accounting.unaccounted(TEXT, ["Exports rose 5.2 percent to $3.1 trillion"], ignored)
    assert [(f.printed, accounting.sentence(TEXT, f)) for f in left] == [
        ("-1.1", "Imports fell 1.1 percent.")]


def test_an_ignored_row_names_its_figure():
    """Ignoring one figure of a clause leaves the others to account for."""
    ignored = [accounting.Ignored("a", "5.2", "Exports rose 5.2 percent to $3.1 trillion", "x")]
    left = accounting.unaccounted(TEXT, [], ignored)
    assert [f.printed for f in left] == ["3.1", "40", "-1.1"]


def test_quotes_match_whatever_the_spacing_apostrophes_and_dashes():
    text = "China’s  exports\nrose – sharply"
    assert accounting.spans(text, "China's exports rose - sharply") == [(0, len(text))]
    assert accounting.spans("China's exports", "China’s exports") == [(0, 15)]  # either way
    assert accounting.spans(text, "China's exports fell") == []


def test_an_ignored_row_without_a_reason_is_named(tmp_path):
    path = tmp_path / "ignored.csv"
    path.write_text("article_id,figure,quote,reason\na,1,the quote,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ignored.csv, row 2, field 'reason': empty"):
        accounting.read_ignored(path)


def test_a_text_kept_from_a_page_is_read_from_data_articles_first(tmp_path, monkeypatch):
    """extract keeps a page's text in data/articles/; the accounting reads it there before
    ../shared/articles/ (the seed texts), on a page made for the tests."""
    kept, shared = tmp_path / "articles", tmp_path / "shared"
    monkeypatch.setattr(paths, "ARTICLE_TEXTS", kept)
    shared.mkdir()
    (shared / "caixin-test.txt").write_text("an older copy", encoding="utf-8")
    (shared / "seed.txt").write_text("a seed text", encoding="utf-8")
    webpage.keep(webpage.read(paths.ROOT / "tests/fixtures/pages/caixin-electronics.html"),
                 "caixin-test")
    path = articles.text_path("caixin-test.txt", shared=shared)
    assert path == kept / "caixin-test.txt"
    assert articles.text_path("seed.txt", shared=shared) == shared / "seed.txt"
    assert articles.text_path("absent.txt", shared=shared) is None
    assert articles.text_path("", shared=shared) is None
    text = path.read_text(encoding="utf-8")
    quotes = [row["quote"] for row in extract.rows(text, "caixin-test")]
    assert quotes and accounting.unaccounted(text, quotes, []) == []
    assert [f.printed for f in accounting.unaccounted(text, [], [])] == ["7.2", "758.3", "20"]
