"""Where the repository keeps things; every path is absolute, so notebooks run from anywhere."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SOURCES = DATA / "sources"
TRADE_CSV = DATA / "trade.csv"
DATAPACKAGE = DATA / "datapackage.json"
CLAIMS_CSV = DATA / "claims.csv"
ARTICLES_CSV = DATA / "articles.csv"
ARTICLE_TEXTS = DATA / "articles"  # the texts of the articles users register (<article_id>.txt)
SHARED_ARTICLES = ROOT.parent / "shared" / "articles"  # the five seed texts, beside the clone
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
BUILD = ROOT / "build"
VERDICTS_CSV = REPORTS / "verdicts.csv"
CORRECTIONS_CSV = REPORTS / "corrections.csv"
INDEX_HTML = REPORTS / "index.html"


def relative(path: Path) -> str:
    """A path as shown in messages: relative to the repository when it lies inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# Bulk customs tables (issue 14)
BULK = DATA / "bulk"  # bulk customs tables: <source_id>/source.yaml and its CSV files
BULK_FORMATS = BULK / "formats"  # one column mapping per bulk format
BULK_STORE = BUILD / "bulk" / "store"  # the tidy Parquet store (a symlink to the last good build)
