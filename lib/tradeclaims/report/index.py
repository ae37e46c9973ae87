"""reports/index.html: every report and every claim's verdict at a glance."""

import json

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims import corrections, ledger
from tradeclaims.claims.registry import read_articles
from tradeclaims.data.sources import load_provenance
from tradeclaims.files import write_together
from tradeclaims.report import claimreview, pages, provenance
from tradeclaims.report.config import Report, claim_link, load_config
from tradeclaims.report.style import REASONS, claim_shown


def render(reports: dict[str, Report], table: pd.DataFrame, reviews: list | None = None) -> str:
    """`reviews`: claimreview.published() of the table, when the caller has it already."""
    articles = read_articles()
    sources = load_provenance(paths.SOURCES)
    report_rows = []
    for r in reports.values():
        claims = table if not r.article_id else table[table.article_id == r.article_id]
        article = articles.loc[r.article_id] if r.article_id else None
        report_rows.append({
            "name": r.name, "title": r.title,
            "outlet": "" if article is None else article.outlet,
            "article_title": "" if article is None else article.title,
            "parameters": ", ".join(f"{k}={v}" for k, v in r.parameters.items()
                                    if k != "article_id"),
            "counts": list(ledger.counts(claims).items())})
    was = corrections.history(corrections.read())
    claim_rows = [claim_shown(c, was.get(c.claim_id, ())) | {"article_id": c.article_id,
        "link": claim_link(c.article_id, c.claim_id, reports),
        "sources": [{"id": s, "url": sources[s].url, "citation": sources[s].citation()}
                    for s in c.sources.split()]} for c in table.itertuples()]
    in_articles = table.article_id.isin(articles.index[articles.file != ""])
    scope = (f"{in_articles.sum()} numeric claims from {table.article_id[in_articles].nunique()} "
             f"articles and {(~in_articles).sum()} cross-source checks")
    reasons = [(reason.replace("_", " ") or "no reason given", n, REASONS.get(reason, ""))
               for reason, n in ledger.reasons(table).items()]
    articles_listed = list(dict.fromkeys(table.article_id))
    cited = dict.fromkeys(s for ids in table.sources for s in ids.split())
    return pages.render("index.html.j2", scope=scope,
                        inputs=provenance.shown(provenance.index_inputs()),
                        rests_on=provenance.latest_release(sources[s] for s in cited),
                        counts=list(ledger.counts(table).items()),
                        reasons=reasons, reports=report_rows, claims=claim_rows,
                        articles=articles_listed,
                        reviews=reviews if reviews is not None
                        else claimreview.published(table, reports, sources))


def write():
    """reports/index.html and reports/claimreview.json."""
    reports, table = load_config(), ledger.read()
    reviews = claimreview.published(table, reports, load_provenance(paths.SOURCES))
    page = render(reports, table, reviews)  # the ClaimReview of the page and of the file, once
    # the page last: make dates the pair by it, the target `make reports` asks for (files.py)
    write_together((claimreview.CLAIMREVIEW_JSON,
                    json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"),
                   (paths.INDEX_HTML, page))
