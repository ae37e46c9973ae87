"""reports/index.html: every report and every claim's verdict at a glance."""

import pandas as pd

from tradeclaims import paths
from tradeclaims.claims import ledger
from tradeclaims.claims.registry import read_articles
from tradeclaims.data.sources import load_provenance
from tradeclaims.files import write_atomic
from tradeclaims.report.config import Report, load_config
from tradeclaims.report.style import badge, claimed, e, fmt, legend_html, tally

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
        outlet = (f"{e(articles.loc[r.article_id, 'outlet'])}: "
                  f"<i>{e(articles.loc[r.article_id, 'title'])}</i>" if r.article_id
                  else "all articles")
        params = ", ".join(f"{k}={v}" for k, v in r.parameters.items() if k != "article_id")
        verdicts = tally(ledger.counts(claims), skip_zero=True)
        report_rows.append(
            f"<tr><td><a href='{e(r.name)}.html'>{e(r.title)}</a></td><td>{outlet}</td>"
            f"<td><code>{e(params)}</code></td><td>{verdicts}</td>"
            f"<td><a href='{e(r.name)}.ipynb'>notebook</a></td></tr>")
    claim_rows = []
    for c in table.itertuples():
        refs = " ".join(f"<a href='{e(sources[s].url)}' title='{e(sources[s].citation())}'>"
                        f"{e(s)}</a>" for s in c.sources.split())
        claim_rows.append(
            f"<tr><td><a href='{e(claim_link(c.article_id, c.claim_id, reports))}'>"
            f"{e(c.claim_id)}</a></td><td>“{e(c.quote)}”</td>"
            f"<td class='n'>{claimed(c.claimed, c.qualifier, c.unit)}</td>"
            f"<td class='n'>{fmt(c.recomputed, 3, c.unit)}</td>"
            f"<td>{e(c.unit)}</td><td>{badge(c.verdict)}</td><td>{refs}</td></tr>")
    in_articles = table.article_id.isin(articles.index[articles.file != ""])
    scope = (f"{in_articles.sum()} numeric claims from {table.article_id[in_articles].nunique()} "
             f"articles and {(~in_articles).sum()} cross-source checks")
    return _PAGE.format(
        summary=tally(ledger.counts(table)), scope=scope, legend=legend_html(),
        reports="".join(report_rows), claims="".join(claim_rows))


def write():
    write_atomic(paths.INDEX_HTML, render(load_config(), ledger.read()))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>tradeclaims: news claims on China's trade, checked</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px;
  padding: 0 1em; color: #1f2328; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0 2em; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left;
  vertical-align: top; }}
th {{ background: #f6f8fa; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
a {{ color: #0969da; }}
</style></head>
<body>
<h1>News claims on China's trade, checked against official statistics</h1>
<p>{scope}, each recomputed from one shared dataset of official releases: {summary}</p>
{legend}
<p>Machine-readable: <a href="verdicts.csv">verdicts.csv</a>. Every claim links to the report
that shows its tolerance, note and sources; every source id links to the page it was read on.</p>
<h2>Reports</h2>
<table><thead><tr><th>Report</th><th>Article</th><th>Parameters</th><th>Verdicts</th>
<th>Executed notebook</th></tr></thead><tbody>{reports}</tbody></table>
<h2>Every claim</h2>
<table><thead><tr><th>Claim</th><th>Quote</th><th>Claimed</th><th>Recomputed</th><th>Unit</th>
<th>Verdict</th><th>Sources</th></tr></thead><tbody>{claims}</tbody></table>
</body></html>
"""
