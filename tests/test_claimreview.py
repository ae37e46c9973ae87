"""schema.org ClaimReview: every checked claim, every required field, JSON that parses and that
no quote can break out of."""

import json
import re

import pandas as pd
import pytest

from tradeclaims import paths
from tradeclaims.claims import ledger
from tradeclaims.errors import InputError
from tradeclaims.report import claimreview, pages

REQUIRED = ["@context", "@type", "url", "claimReviewed", "itemReviewed", "reviewRating",
            "author"]


def _jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [item for block in blocks for item in json.loads(block)]


def test_the_index_and_claimreview_json_review_every_checked_claim():
    table = ledger.read()
    checked = table[table.verdict != "not_checkable"]
    items = _jsonld((paths.REPORTS / "index.html").read_text(encoding="utf-8"))
    assert items == json.loads(claimreview.CLAIMREVIEW_JSON.read_text(encoding="utf-8"))
    assert [i["claimReviewed"] for i in items] == list(checked.quote)
    site = claimreview.settings()
    for item in items:
        assert all(key in item for key in REQUIRED) and item["@type"] == "ClaimReview"
        assert item["url"].startswith(site["site_url"]) and "#claim-" in item["url"]
        rating = item["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"] in {v.replace("_", " ") for v in claimreview.RATINGS}
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["itemReviewed"]["appearance"]["author"]["name"]


def test_each_report_page_carries_the_reviews_of_its_checked_claims():
    reviewed = set()
    for page in paths.REPORTS.glob("*.html"):
        if page.name == "index.html":
            continue
        for item in _jsonld(page.read_text(encoding="utf-8")):
            assert all(key in item for key in REQUIRED)
            reviewed.add(item["url"])
    index = _jsonld((paths.REPORTS / "index.html").read_text(encoding="utf-8"))
    assert reviewed == {item["url"] for item in index}


def test_a_review_names_the_articles_address_and_is_dated_from_the_data(tmp_path, monkeypatch):
    articles = tmp_path / "articles.csv"
    articles.write_text("article_id,outlet,title,date,covers,file,url\n"
                        "a,O,T,2026-02-03,x,,https://example.org/a\nb,O,T,unknown,x,,\n",
                        encoding="utf-8")
    monkeypatch.setattr(paths, "ARTICLES_CSV", articles)
    undated = type("S", (), {"date_published": "unknown"})()
    table = pd.DataFrame([{"claim_id": f"{a}-1", "article_id": a, "verdict": "reproduced",
                           "quote": "q", "sources": "s"} for a in "ab"])
    first, second = claimreview.reviews(table, {"a-1": "x#a", "b-1": "x#b"}, {"s": undated},
                                        {"site_url": "https://example.org/", "author": "t"})
    assert first["itemReviewed"]["appearance"]["url"] == "https://example.org/a"
    assert first["datePublished"] == "2026-02-03"  # no source date: the article's
    assert "url" not in second["itemReviewed"]["appearance"]
    assert "datePublished" not in second and "datePublished" not in second["itemReviewed"]


def test_an_article_address_that_is_not_absolute_is_named(tmp_path):
    from tradeclaims.claims.articles import article_rows

    articles = tmp_path / "articles.csv"
    articles.write_text("article_id,outlet,title,date,covers,file,url\na,O,T,,x,,example.org\n",
                        encoding="utf-8")
    with pytest.raises(InputError, match=r"articles.csv, row 2, field 'url': 'example.org'"):
        article_rows(articles)


def test_no_quote_can_close_the_script():
    table = pd.DataFrame([{"claim_id": "x-1", "article_id": "nowhere", "verdict": "reproduced",
                           "quote": "</script><script>alert(1)</script>", "sources": ""}])
    items = claimreview.reviews(table, {"x-1": "ledger.html#claim-x-1"}, {},
                                {"site_url": "https://example.org/", "author": "t"})
    html = str(pages.macro("jsonld")(items))
    assert html.count("</script>") == 1 and html.endswith("</script>")
    assert _jsonld(html)[0]["claimReviewed"] == "</script><script>alert(1)</script>"
    assert "datePublished" not in _jsonld(html)[0]  # no date in the data: none invented


@pytest.mark.parametrize("text, message", [
    ("author: me\n", "needs site_url"),
    ("site_url: reports/\nauthor: me\n", "site_url is an absolute address")])
def test_publishing_settings_are_checked(tmp_path, text, message):
    path = tmp_path / "publish.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        claimreview.settings(path)
