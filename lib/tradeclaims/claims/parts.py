"""The registry cut by article: each article's row of data/articles.csv, its claims and its
corrections, as written. What make follows per report (report/makefile.py writes them to
build/claims/), what a page's digest covers (report/provenance.py) and what the ledger command
keeps each article's verdicts under (claims/verdict_cache.py)."""

from pathlib import Path

from tradeclaims import paths
from tradeclaims.claims.articles import ARTICLE_COLUMNS, ARTICLE_OPTIONAL
from tradeclaims.claims.columns import COLUMNS, CORRECTION_COLUMNS, OPTIONAL
from tradeclaims.csvfile import read_rows, read_text


def claim_parts(claims: Path = paths.CLAIMS_CSV, articles: Path = paths.ARTICLES_CSV,
                corrections: Path = paths.CORRECTIONS_CSV) -> dict[str, str]:
    """Each article's part of the registry: its row of data/articles.csv, its rows of
    data/claims.csv, then its corrections, as written (what make follows per report, and what
    a page's digest covers: report/provenance.py)."""
    article_header, article_lines = _rows_text(articles, ARTICLE_COLUMNS, ARTICLE_OPTIONAL)
    claim_header, claim_lines = _rows_text(claims, COLUMNS, OPTIONAL)
    fixed_header, fixed_lines = (_rows_text(corrections, CORRECTION_COLUMNS, ())
                                 if corrections.exists() else ("", {}))
    return {article_id: article_header + article + "\n"
            + claim_header + claim_lines.get(article_id, "") + "\n"
            + fixed_header + fixed_lines.get(article_id, "")
            for article_id, article in article_lines.items()}


def _rows_text(path: Path, columns, optional) -> tuple[str, dict[str, str]]:
    """A CSV file's header, and the text of its rows by article_id, as written."""
    lines = read_text(path).splitlines(keepends=True)
    rows = read_rows(path, columns, optional=optional, allow_empty=True)
    by_article: dict[str, str] = {}
    ends = [line for line, _ in rows[1:]] + [len(lines) + 1] if rows else []
    for (line, row), end in zip(rows, ends, strict=True):
        text = "".join(lines[line - 1:end - 1])
        by_article[row["article_id"]] = by_article.get(row["article_id"], "") + text
    return lines[0], by_article
