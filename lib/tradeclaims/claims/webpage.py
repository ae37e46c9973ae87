"""A saved article page, read as the registry needs it: the article's main text without the
site's navigation, ads or related-story links, and its outlet, title, date and address drafted
as its row of data/articles.csv. trafilatura does the reading (htmldate, inside it, the date);
nothing is fetched, the page is a file."""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tradeclaims import paths
from tradeclaims.claims.articles import ARTICLE_COLUMNS
from tradeclaims.csvfile import read_text
from tradeclaims.data.fields import ID_PATTERN, is_web_address
from tradeclaims.errors import InputError
from tradeclaims.files import write_atomic

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")  # a saved page; anything else is plain text
# Only the dates a page states about itself (its metadata, its own markup): a date guessed from
# the text ("Copyright 2025", a date quoted in the story) would be a wrong date drafted as fact.
_DATES = {"extensive_search": False, "original_date": True}
_PARAGRAPH = 40  # characters: shorter lines are menus, buttons and captions, not an article


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs separated by blank lines
    outlet: str
    title: str
    date: str  # YYYY-MM-DD, or "" when the page does not say
    url: str  # absolute http(s), or "" when the page does not say


def is_page(path: Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def read(path: Path) -> Page:
    """The article in a saved page; an InputError for a page with no article text in it."""
    import trafilatura  # here, so that plain-text extraction never pays for importing it

    try:
        html = Path(path).read_bytes()  # bytes: trafilatura reads the page's own charset
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    if not html.strip():
        raise InputError(path, "empty file: expected an article's page saved as HTML")
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                        include_tables=False, date_extraction_params=_DATES)
    paragraphs = [line.strip() for line in (found.text or "").splitlines()] if found else []
    text = "\n\n".join(p for p in paragraphs if p)
    if not any(len(p) >= _PARAGRAPH for p in paragraphs):  # trafilatura returns menus as text
        raise InputError(path, f"no article text found in the page (no paragraph of "
                         f"{_PARAGRAPH} characters or more): save the article's own page whole; "
                         "a page that writes its text with JavaScript saves without it")
    url = found.url if found.url and is_web_address(found.url) else ""
    outlet = found.sitename or (urlsplit(url).hostname or "" if url else "")
    return Page(text=text + "\n", outlet=_one_line(outlet), title=_one_line(found.title),
                date=found.date or "", url=url)


def article_row(page: Page, article_id: str = "") -> dict[str, str]:
    """The page's draft row of data/articles.csv; `covers` is for a person to write."""
    return {"article_id": article_id, "outlet": page.outlet, "title": page.title,
            "date": page.date, "covers": "", "file": f"{article_id}.txt" if article_id else "",
            "url": page.url}


def row_csv(row: dict[str, str]) -> str:
    """The row as articles.csv writes it, under its header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ARTICLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()


def keep(page: Page, article_id: str, folder: Path | None = None) -> Path:
    """Write the page's text as folder/<article_id>.txt, where the tests look for it. A text
    already there is never replaced by another: that would lose a registered article's text."""
    folder = folder or paths.ARTICLE_TEXTS
    if not re.fullmatch(ID_PATTERN, article_id):
        raise InputError(folder, f"--article {article_id!r} is not an id of lower-case letters, "
                         "digits and hyphens, which names the text's file here")
    target = folder / f"{article_id}.txt"
    if target.exists() and read_text(target) != page.text:
        raise InputError(target, "already holds another text: remove it first, or give "
                         "another --article id")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(target, page.text)
    return target


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())
