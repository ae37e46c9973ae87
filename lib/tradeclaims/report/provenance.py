"""What every page says it rests on: the latest official release in the data it used, and a
digest of the inputs it was built from. Both come from the files alone, so the same inputs
give the same page, in whatever commit they are, and no pass rewrites a page once built.

A page's inputs are what make rebuilds it for (the Makefile's DATA_DEPS, build/reports.mk), in
five groups: its notebook; its parameters; its part of the registry (an article's row, claims
and corrections, as `split-claims` cuts them; for the ledger the whole registry and
verdicts.csv); the data (trade.csv, the vocabulary, publish.yaml, every source.yaml, the bulk
store's manifest when there is one); and the code (every file of lib/tradeclaims). The index's
are the ledger, the corrections log, the articles, reports.yaml, the data and the code. The
page shows a digest of each group and one of them all (sha256, cut short): a commit that
touches none of its inputs leaves the page's bytes as they were, and a page whose digest
changed says which group moved."""

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from tradeclaims import paths
from tradeclaims.digests import dated, files_digest, text_digest

GROUPS = ("notebook", "parameters", "claims", "data", "code")
SHOWN = 12  # hex digits of the digest of all inputs; 8 of each group's
_STAMP = '<code class="tc-inputs">'
_BUILT = re.compile(r'(<span class="tc-built">).*?(</span>)', re.S)


def page_inputs(report, root: Path = paths.ROOT) -> dict[str, str]:
    """The digest of each group of a report's inputs, then of them all ("inputs")."""
    if report.article_id:
        claims = text_digest(_claim_parts(root).get(report.article_id, ""))
    else:
        claims = files_digest(root, [root / "data" / "claims.csv", root / "data" / "articles.csv",
                                      root / "reports" / "verdicts.csv"])
    groups = {"notebook": notebook_digest(report.notebook),
              "parameters": text_digest(json.dumps(report.parameters, sort_keys=True)),
              "claims": claims, "data": data_digest(root), "code": code_digest(root)}
    return groups | {"inputs": text_digest(json.dumps(groups, sort_keys=True))}


def index_inputs(root: Path = paths.ROOT) -> dict[str, str]:
    """The same for the index: the ledger and what it is listed with, the data, the code."""
    groups = {"reports": files_digest(root, [root / "notebooks" / "reports.yaml"]),
              "claims": files_digest(root, [root / "reports" / "verdicts.csv",
                                             root / "reports" / "corrections.csv",
                                             root / "data" / "articles.csv"]),
              "data": data_digest(root), "code": code_digest(root)}
    return groups | {"inputs": text_digest(json.dumps(groups, sort_keys=True))}


def shown(digests: dict[str, str]) -> dict[str, str]:
    """The digests as a page prints them: all inputs' 12 hex digits, each group's 8."""
    return {group: digest[:SHOWN if group == "inputs" else 8] for group, digest in digests.items()}


def stamped(html: str) -> str | None:
    """The digest of all inputs a page names, or None."""
    start = html.find(_STAMP)
    return html[start + len(_STAMP):html.index("<", start + len(_STAMP))] if start >= 0 else None


def unstamped(html: str) -> str:
    """The page less what it says it was built from: pages built from other inputs (a copy's
    working tree, a notebook saved by Lab) are compared with it."""
    return _BUILT.sub(r"\1\2", html)


def data_digest(root: Path = paths.ROOT) -> str:
    data = root / "data"
    files = [data / "trade.csv", data / "vocabulary.yaml", root / "notebooks" / "publish.yaml",
             *data.glob("sources/*/source.yaml")]
    manifest = root / "build" / "bulk" / "store" / "sources.json"
    if any(data.glob("bulk/*/source.yaml")) and manifest.exists():
        files.append(manifest)
    return files_digest(root, files)


def code_digest(root: Path = paths.ROOT) -> str:
    return files_digest(root, [p for p in (root / "lib" / "tradeclaims").rglob("*")
                                if p.is_file() and "__pycache__" not in p.parts])


def warm(root: Path = paths.ROOT):
    """Hash what every page shares and cut the registry, before a runner forks its children."""
    code_digest(root), data_digest(root), _claim_parts(root)


def notebook_digest(notebook: Path) -> str:
    """Of the notebook as git commits it (stripped by the filter `make env` sets): what JupyterLab
    leaves in the working file (outputs, counts, the kernel's language_info) papermill replaces,
    so it is no input of the page."""
    return _stripped(notebook, dated(notebook))


# the Makefile's strip_notebook, which git's filter runs with (a test compares the two)
STRIP = ["--keep-id", "--extra-keys", "metadata.language_info"]


@cache
def _stripped(notebook: Path, dated: tuple | None) -> str:
    from tradeclaims.gitfilter import strip

    return hashlib.sha256(strip(notebook.read_bytes(), STRIP)).hexdigest()


def _claim_parts(root: Path) -> dict[str, str]:
    files = (root / "data" / "claims.csv", root / "data" / "articles.csv",
             root / "reports" / "corrections.csv")
    return _parts(files, tuple(dated(f) for f in files))


@cache  # by the files' dates: a build cuts the registry once, however many pages it makes
def _parts(files: tuple[Path, ...], dated: tuple) -> dict[str, str]:
    from tradeclaims.claims.parts import claim_parts

    return claim_parts(*files)


def latest_release(sources) -> dict:
    """The latest publication date among the releases a page cites (Source objects), how many
    it cites and how many record no date."""
    sources = list(sources)
    dated = [(s.date_published, s.id) for s in sources if s.date_published != "unknown"]
    date, source_id = max(dated) if dated else ("", "")
    return {"releases": len(sources), "undated": len(sources) - len(dated),
            "latest_release": date, "latest_source": source_id}
