"""Every page says what it rests on: the latest release it cites and the commit of its inputs,
which a commit to reports/ alone does not move and an uncommitted input edit qualifies."""

import os
import subprocess
from types import SimpleNamespace

import pytest

from tradeclaims import history, paths
from tradeclaims.report import provenance
from tradeclaims.report.config import load_config


def _git(root, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    for folder in (*provenance.INPUTS, "reports"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "file.txt").write_text("one\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "inputs")
    return tmp_path


def test_a_page_names_the_last_commit_that_changed_its_inputs(repo):
    inputs = _git(repo, "rev-parse", "HEAD")[:history.HASH_LENGTH]
    assert provenance.built_from(repo) == inputs
    (repo / "reports" / "file.txt").write_text("rebuilt\n")
    _git(repo, "commit", "-qam", "reports only")
    assert provenance.built_from(repo) == inputs  # the commit of the reports does not count
    (repo / "data" / "file.txt").write_text("edited\n")
    assert provenance.built_from(repo) == f"{inputs} with uncommitted changes"
    (repo / "data" / "file.txt").write_text("one\n")
    (repo / "lib" / "new.py").write_text("")  # a new file is a change too
    assert provenance.built_from(repo) == f"{inputs} with uncommitted changes"


def test_outside_git_a_page_says_so(tmp_path):
    assert provenance.built_from(tmp_path) == provenance.OUTSIDE_GIT


def test_restamping_rewrites_only_the_pages_whose_commit_differs(tmp_path):
    old = 'x <code class="tc-commit">0123456789</code> y'
    (tmp_path / "a.html").write_text(old)
    (tmp_path / "b.html").write_text(old.replace("0123456789", "abcdefabcd"))
    (tmp_path / "c.html").write_text("no stamp")
    os.utime(tmp_path / "a.html", (1_600_000_000, 1_600_000_000))
    assert provenance.restamp(tmp_path, "abcdefabcd") == [tmp_path / "a.html"]
    assert (tmp_path / "a.html").stat().st_mtime == 1_600_000_000  # make still sees it as built
    assert (tmp_path / "a.html").read_text() == old.replace("0123456789", "abcdefabcd")
    assert (tmp_path / "c.html").read_text() == "no stamp"
    assert provenance.restamp(tmp_path, "abcdefabcd") == []


def test_the_latest_release_ignores_undated_ones():
    def source(id_, date):
        return SimpleNamespace(id=id_, date_published=date)

    facts = provenance.latest_release([source("a", "2025-12"), source("b", "2026-01-14"),
                                       source("c", "unknown")])
    assert facts == {"releases": 3, "undated": 1, "latest_release": "2026-01-14",
                     "latest_source": "b"}
    assert provenance.latest_release([source("c", "unknown")])["latest_release"] == ""


def test_published_pages_name_the_commit_of_their_inputs():
    """On a clean checkout (CI): every page names the commit whose inputs made it, so the
    inputs were committed before `make reports` and the reports after."""
    commit = provenance.built_from()
    if commit == provenance.OUTSIDE_GIT or commit.endswith("uncommitted changes"):
        pytest.skip(f"inputs not committed here ({commit}); a clean checkout checks this")
    pages = [r.html for r in load_config().values()] + [paths.INDEX_HTML]
    wrong = {p.name: provenance.stamped(p.read_text(encoding="utf-8")) for p in pages}
    wrong = {name: stamp for name, stamp in wrong.items() if stamp != commit}
    assert wrong == {}, (f"pages not stamped with {commit}: commit the inputs, run "
                         "`make reports`, commit reports/")
