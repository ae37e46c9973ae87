"""reports/index.html: every report and every claim's verdict at a glance."""

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims import ledger
from tradeclaims.claims.registry import read_articles
from tradeclaims.data.sources import load_provenance
from tradeclaims.files import write_atomic
from tradeclaims.report import pages
from tradeclaims.report.config import Report, load_config
from tradeclaims.report.style import REASONS, claim_shown

LEDGER_REPORT = "ledger"


def claim_link(article_id: str, claim_id: str, reports: dict[str, Report]) -> str:
    """The report that shows a claim: its article's first report, else the ledger."""
    name = next((r.name for r in reports.values() if r.article_id == article_id), LEDGER_REPORT)
    return f"{name}.html#claim-{claim_id}"


def render(reports: dict[str, Report], table: pd.DataFrame) -> str:
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
    claim_rows = [claim_shown(c) | {
        "link": claim_link(c.article_id, c.claim_id, reports),
        "sources": [{"id": s, "url": sources[s].url, "citation": sources[s].citation()}
                    for s in c.sources.split()]} for c in table.itertuples()]
    in_articles = table.article_id.isin(articles.index[articles.file != ""])
    scope = (f"{in_articles.sum()} numeric claims from {table.article_id[in_articles].nunique()} "
             f"articles and {(~in_articles).sum()} cross-source checks")
    reasons = [(reason.replace("_", " ") or "no reason given", n, REASONS.get(reason, ""))
               for reason, n in ledger.reasons(table).items()]
    return pages.render("index.html.j2", scope=scope, counts=list(ledger.counts(table).items()),
                        reasons=reasons, reports=report_rows, claims=claim_rows)


def write():
    write_atomic(paths.INDEX_HTML, render(load_config(), ledger.read()))
