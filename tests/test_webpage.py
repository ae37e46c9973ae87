"""Saved article pages: the main text without the site around it, the article's row drafted, the
text kept where the tests read it; on pages made for the tests (tests/fixtures/pages/)."""

import pytest

from tradeclaims import __main__ as cli
from tradeclaims import paths
from tradeclaims.claims import articles, extract, webpage
from tradeclaims.errors import InputError

PAGES = paths.ROOT / "tests" / "fixtures" / "pages"
PAGE = PAGES / "caixin-electronics.html"


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """data/articles/ for the test: a folder of its own."""
    folder = tmp_path / "articles"
    monkeypatch.setattr(paths, "ARTICLE_TEXTS", folder)
    return folder


def test_a_page_gives_its_article_text_without_menus_ads_or_related_stories():
    page = webpage.read(PAGE)
    assert page.text == (PAGES / "caixin-electronics.txt").read_text(encoding="utf-8")
    # every figure of the page's text is the article's: none from the ads, menus or links
    assert [f.printed for f in extract.find(page.text)] == ["7.2", "758.3", "20"]


def test_a_page_drafts_its_row_of_articles_csv():
    row = webpage.article_row(webpage.read(PAGE), "caixin-test")
    assert row == {"article_id": "caixin-test", "outlet": "Caixin",
                   "title": "Chips Drive China’s Electronics Exports", "date": "2026-01-30",
                   "covers": "", "file": "caixin-test.txt",
                   "url": "https://news.example.com/2026-01-30/chips-drive-chinas-electronics-"
                          "exports.html"}
    assert list(row) == articles.ARTICLE_COLUMNS
    assert webpage.row_csv(row).splitlines()[0] == ",".join(articles.ARTICLE_COLUMNS)


def test_a_page_that_states_no_date_or_address_leaves_them_blank(tmp_path):
    """A date found only in the text or the footer is not the article's: no guess is drafted."""
    page = tmp_path / "bare.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><article><p>On 12 March 2025 "
                    "exports rose 4.1 percent to 2.1 trillion yuan, the customs office said in "
                    "its monthly release on trade.</p></article><footer>Copyright 2024</footer>"
                    "</body></html>", encoding="utf-8")
    read = webpage.read(page)
    assert (read.date, read.url, read.outlet) == ("", "", "")
    assert "exports rose 4.1 percent" in read.text and "Copyright" not in read.text


def test_a_page_in_its_own_charset_is_read(tmp_path):
    page = tmp_path / "gbk.html"
    page.write_bytes("<html><head><meta charset='gbk'><title>外贸</title></head><body><article>"
                     "<p>前2个月，出口增长19.2%，进口增长17.1%，这是为测试写的一段话，不是新闻。</p>"
                     "</article></body></html>".encode("gbk"))
    text = webpage.read(page).text
    assert "出口增长19.2%" in text
    assert [f.printed for f in extract.find(text)] == ["19.2", "17.1"]


def test_extract_keeps_the_text_and_prints_the_row(kept, capsys):
    assert cli.main(["extract", str(PAGE), "--article", "caixin-test"]) == 0
    out, err = capsys.readouterr()
    assert (kept / "caixin-test.txt").read_text(encoding="utf-8") == webpage.read(PAGE).text
    assert out.splitlines()[1].startswith("caixin-test-1,caixin-test,Shipments of electronic "
                                          "information products climbed 7.2% year-on-year")
    assert "wrote " in err and "caixin-test,Caixin,Chips Drive" in err
    assert cli.main(["extract", str(PAGE), "--article", "caixin-test"]) == 0  # the same again


def test_without_an_id_nothing_is_kept(kept, capsys):
    assert cli.main(["extract", str(PAGE)]) == 0
    out, err = capsys.readouterr()
    assert not kept.exists() and "give --article ID" in err and out.count("\n") == 4


def test_plain_text_stays_as_it_is(kept, tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("<p>Exports fell 7.2 percent.</p>", encoding="utf-8")
    assert cli.main(["extract", str(article), "--article", "zz"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and not kept.exists()
    assert out.splitlines()[1].startswith("zz-1,zz,<p>Exports fell 7.2 percent,-7.2,percent")


def test_a_kept_text_is_never_replaced_by_another(kept, capsys):
    kept.mkdir()
    (kept / "caixin-test.txt").write_text("the registered text\n", encoding="utf-8")
    assert cli.main(["extract", str(PAGE), "--article", "caixin-test"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert "caixin-test.txt: already holds another text" in err
    assert (kept / "caixin-test.txt").read_text(encoding="utf-8") == "the registered text\n"
    (kept / "caixin-test.txt").write_bytes("latin-1 café".encode("latin-1"))
    assert cli.main(["extract", str(PAGE), "--article", "caixin-test"]) == 2
    assert "caixin-test.txt, row 1: not UTF-8 text" in capsys.readouterr().err


@pytest.mark.parametrize("name, content, message", [
    ("missing.html", None, "missing.html: file not found"),
    ("empty.html", b" \n", "empty.html: empty file: expected an article's page saved as HTML"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "menu.html: no article text found in the page"),
    ("binary.html", bytes(range(256)) * 4, "binary.html: no article text found in the page"),
])
def test_a_page_with_no_article_is_named_and_nothing_is_written(kept, tmp_path, capsys, name,
                                                                 content, message):
    page = tmp_path / name
    if content is not None:
        page.write_bytes(content)
    assert cli.main(["extract", str(page), "--article", "x"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and "Traceback" not in err
    assert not kept.exists()
    with pytest.raises(InputError, match=message):
        webpage.read(page)


def test_an_id_that_cannot_name_a_file_is_refused(kept, capsys):
    assert cli.main(["extract", str(PAGE), "--article", "../Other"]) == 2
    assert "articles: --article '../Other' is not an id" in capsys.readouterr().err
    assert not kept.exists()
