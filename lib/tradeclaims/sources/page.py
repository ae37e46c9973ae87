"""The lines of a saved page: each row of an HTML table as its cells, every other block of
text as one line; a text file line by line (a line with `|` between cells, as some copies of a
table are stored, splits there). Nothing is fetched: the page is a file."""

import re
from dataclasses import dataclass
from pathlib import Path

from tradeclaims.errors import InputError

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
MAX_BYTES = 5_000_000  # a table page is tens of kilobytes; refuse what cannot be one unread


@dataclass(frozen=True)
class Line:
    number: int  # the line of the file it starts on (1-based)
    cells: tuple[str, ...]  # a table row's cells, or () for a line of plain text
    text: str  # the line as printed: its cells joined by single spaces

    @property
    def tokens(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True)
class Page:
    path: Path
    lines: list[Line]
    url: str  # the page's own address when it states one (canonical link, a browser's note)


_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")  # what browsers write into a page
_SPACE = re.compile(r"[ \t\u00a0\u3000]+")


def read(path: Path) -> Page:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a saved page") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"{len(data)} bytes: a table page is far smaller (at most "
                         f"{MAX_BYTES} read)")
    if not data.strip():
        raise InputError(path, "empty file: expected a table's page saved as HTML, or its text")
    if path.suffix.lower() in SUFFIXES:
        return _html(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}); save the page as HTML "
                         "or as UTF-8 text") from None
    return Page(path, [line for number, raw in enumerate(text.splitlines(), 1)
                       if (line := _text_line(number, raw))], _saved_from(text))


def _text_line(number: int, raw: str) -> Line | None:
    if "|" in raw:
        cells = tuple(c for c in (_clean(c) for c in raw.split("|")) if c)
        return Line(number, cells, " ".join(cells)) if cells else None
    text = _clean(raw)
    return Line(number, (), text) if text else None


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _saved_from(text: str) -> str:
    match = _SAVED_FROM.search(text[:2000])
    return match[1] if match else ""


# Elements whose text is a line of its own, outside table rows (the innermost one counts).
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "td", "th", "br")


def _html(path: Path, data: bytes) -> Page:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except Exception as exc:  # lxml raises several types for what is not a page
        raise InputError(path, f"not a readable HTML page: {exc}") from None
    for junk in root.xpath("//script|//style|//noscript|//title"):
        junk.drop_tree()
    inner = " or ".join(f"self::{tag}" for tag in (*_BLOCKS, "tr", "table"))
    lines: list[Line] = []
    for element in root.iter("tr", *_BLOCKS):
        if element.tag == "tr":
            cells = tuple(c for c in (_clean(cell.text_content())
                                      for cell in element.xpath("./td|./th")) if c)
            if cells:
                lines.append(Line(element.sourceline or 0, cells, " ".join(cells)))
        elif (not element.xpath("ancestor::tr") and not element.xpath(f"descendant::*[{inner}]")
              and (text := _clean(element.text_content()))):
            lines.append(Line(element.sourceline or 0, (), text))
    lines.sort(key=lambda line: line.number)  # stable: rows of one line keep their order
    url = ""
    for link in root.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content"):
        if link.startswith(("http://", "https://")):
            url = link
            break
    return Page(path, lines, url or _saved_from(data[:4000].decode("utf-8", "replace")))
