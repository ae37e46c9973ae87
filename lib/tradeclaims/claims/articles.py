"""data/articles.csv: one row per article, read and checked without pandas (the report runner
reads it too, and never imports pandas)."""

import re
from pathlib import Path

from tradeclaims import paths
from tradeclaims.csvfile import read_rows
from tradeclaims.data.fields import ID_PATTERN, is_web_address
from tradeclaims.errors import InputError, InputErrors

ARTICLE_COLUMNS = ["article_id", "outlet", "title", "date", "covers", "file", "url"]
ARTICLE_OPTIONAL = ("url",)  # files written before it existed stay valid
_ID = re.compile(ID_PATTERN)


def article_rows(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Every article by its id, checked: each id of the claim-id form and given once."""
    path = path or paths.ARTICLES_CSV
    rows = read_rows(path, ARTICLE_COLUMNS, optional=ARTICLE_OPTIONAL)
    errors, seen = [], {}
    for line, row in rows:
        row.setdefault("url", "")
        if row["url"] and not is_web_address(row["url"]):
            errors.append(InputError(path, f"{row['url']!r} is not an absolute http(s) address "
                                     "with a host", row=line, field="url"))
        article_id = row["article_id"]
        if not _ID.match(article_id):
            errors.append(InputError(path, f"{article_id!r} is not an id of lower-case letters, "
                                     "digits and hyphens", row=line, field="article_id"))
        elif article_id.casefold() in seen:
            errors.append(InputError(path, f"{article_id!r} repeats row "
                                     f"{seen[article_id.casefold()]}", row=line,
                                     field="article_id"))
        seen.setdefault(article_id.casefold(), line)
    if errors:
        raise InputErrors(errors)
    return {row["article_id"]: row for _, row in rows}


def text_path(file: str, kept: Path | None = None, shared: Path | None = None) -> Path | None:
    """Where an article's text is: in data/articles/ (the texts users register, committed), or
    for the seed articles in ../shared/articles/ beside the clone; None when in neither."""
    for folder in (kept or paths.ARTICLE_TEXTS, shared or paths.SHARED_ARTICLES):
        if file and (folder / file).is_file():
            return folder / file
    return None
