"""What every page says it rests on: the latest official release in the data it used (from the
data, so a rebuild writes the same page) and the repository commit its inputs come from.

A page cannot name the commit it is committed in, so it names the last commit that changed its
inputs (data/, notebooks/, lib/), or that commit "with uncommitted changes". Publish by
committing the inputs first, then `make reports` (which restamps every page in milliseconds,
without running a notebook), then committing the reports: the pages then name the commit whose
inputs made them, and tests/test_reports.py checks that on every clean checkout."""

import re
from pathlib import Path

from tradeclaims import history, paths
from tradeclaims.files import write_atomic

INPUTS = ("data", "notebooks", "lib")
OUTSIDE_GIT = "none (built outside a git checkout)"
_STAMP = re.compile(r'(<code class="tc-commit">)([^<]*)(</code>)')


def built_from(root: Path | None = None) -> str:
    """The last commit that changed the inputs, with ' with uncommitted changes' when they
    differ from it; OUTSIDE_GIT when there is no history to name."""
    commit = history.git("log", "-1", "--format=%H", "--", *INPUTS, root=root)
    changed = history.git("status", "--porcelain", "--", *INPUTS, root=root)
    if not commit or changed is None:
        return OUTSIDE_GIT
    commit = commit.strip()[:history.HASH_LENGTH]
    return f"{commit} with uncommitted changes" if changed.strip() else commit


def latest_release(sources) -> dict:
    """The latest publication date among the releases a page cites (Source objects), how many
    it cites and how many record no date."""
    sources = list(sources)
    dated = [(s.date_published, s.id) for s in sources if s.date_published != "unknown"]
    date, source_id = max(dated) if dated else ("", "")
    return {"releases": len(sources), "undated": len(sources) - len(dated),
            "latest_release": date, "latest_source": source_id}


def stamp(html: str, commit: str) -> str:
    return _STAMP.sub(lambda m: m[1] + commit + m[3], html)


def stamped(html: str) -> str | None:
    match = _STAMP.search(html)
    return match[2] if match else None


def restamp(folder: Path | None = None, commit: str | None = None) -> list[Path]:
    """Rewrite the commit on every page whose stamp differs; the pages rewritten."""
    commit = commit or built_from()
    changed = []
    for page in sorted((folder or paths.REPORTS).glob("*.html")):
        html = page.read_text(encoding="utf-8")
        if stamped(html) not in (None, commit):
            # a restamp is not a build: the page keeps its date, so make still sees what is
            # stale (given to the temporary, so no kill can leave the page newly dated)
            write_atomic(page, stamp(html, commit), mtime_ns=page.stat().st_mtime_ns)
            changed.append(page)
    return changed
