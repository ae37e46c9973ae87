"""schema.org ClaimReview for every checked claim: in reports/claimreview.json and as JSON-LD
in each page. Ratings come from the vocabulary (verdicts' `rating`, 1 worst to 4 best); dates
from the data, never the clock, so a build stays byte for byte the same."""

from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims.articles import article_rows
from tradeclaims.data.fields import is_web_address
from tradeclaims.data.sources import Source
from tradeclaims.data.vocabulary import section
from tradeclaims.errors import InputError
from tradeclaims.report.config import Report, claim_link
from tradeclaims.yamlfile import read_yaml

SETTINGS = paths.NOTEBOOKS / "publish.yaml"
RATINGS = {verdict: entry["rating"] for verdict, entry in section("verdicts").items()
           if "rating" in entry}
CLAIMREVIEW_JSON = paths.REPORTS / "claimreview.json"


def settings(path: Path = SETTINGS) -> dict:
    """site_url (ending in /) and author, from notebooks/publish.yaml."""
    values, lines = read_yaml(path)
    for key in ("site_url", "author"):
        if not isinstance(values, dict) or not isinstance(values.get(key), str):
            raise InputError(path, f"needs {key}, as text", field=key)
    if not is_web_address(values["site_url"]):
        raise InputError(path, "site_url is an absolute address (https://...)",
                         row=lines.get(("site_url",)), field="site_url")
    return {**values, "site_url": values["site_url"].rstrip("/") + "/"}


def reviews(table: pd.DataFrame, links: dict[str, str], sources: dict[str, Source],
            site: dict) -> list[dict]:
    """One ClaimReview per checked claim of the ledger table; `links`: claim id -> the page
    and anchor that shows it (config.claim_link)."""
    articles = article_rows()
    best, worst = max(RATINGS.values()), min(RATINGS.values())
    out = []
    for c in table.itertuples():
        if c.verdict not in RATINGS:
            continue
        article = articles.get(c.article_id, {})
        published = article.get("date", "") if article.get("date") != "unknown" else ""
        # reviewed when its latest source was out, and not before the article appeared
        dates = [sources[s].date_published for s in c.sources.split()
                 if sources[s].date_published != "unknown"] + ([published] if published else [])
        appearance = {"@type": "CreativeWork", "headline": article.get("title", ""),
                      "author": {"@type": "Organization", "name": article.get("outlet", "")}}
        if published:
            appearance["datePublished"] = published
        if article.get("url"):
            appearance["url"] = article["url"]
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": site["site_url"] + links[c.claim_id],
            "claimReviewed": c.quote,
            "itemReviewed": {"@type": "Claim", "appearance": appearance,
                             "author": appearance["author"],
                             **({"datePublished": published} if published else {})},
            "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[c.verdict],
                             "bestRating": best, "worstRating": worst,
                             "alternateName": c.verdict.replace("_", " ")},
            "author": {"@type": "Organization", "name": site["author"]},
            **({"datePublished": max(dates)} if dates else {}),
        })
    return out


def published(table: pd.DataFrame, reports: dict[str, Report],
              sources: dict[str, Source]) -> list[dict]:
    """The reviews of a ledger table as published: each linked to the report that shows its
    claim, with the settings of notebooks/publish.yaml."""
    links = {c.claim_id: claim_link(c.article_id, c.claim_id, reports)
             for c in table.itertuples()}
    return reviews(table, links, sources, settings())
