"""Corrections are visible: a verdict that moves against git's HEAD is logged with the commit
that published it, the log travels with the article's part, and its row says what it was."""

import os
import subprocess

import pandas as pd
import pytest

from tradeclaims import paths
from tradeclaims.claims import corrections
from tradeclaims.report import makefile, tables
from tradeclaims.report.pages import macro
from tradeclaims.report.style import claim_shown

HEADER = "claim_id,article_id,verdict\n"


def _ledger(**verdicts):
    return pd.DataFrame({"claim_id": list(verdicts), "article_id": "art",
                         "verdict": list(verdicts.values())})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with a committed ledger (a-1 reproduced, a-2 not_checkable)."""
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "verdicts.csv").write_text(
        HEADER + "a-1,art,reproduced\na-2,art,not_checkable\n", encoding="utf-8")

    def git(*args):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                              cwd=tmp_path, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "first")
    return tmp_path, git


def test_a_moved_verdict_is_logged_with_the_commit_that_published_it(repo):
    repo, git = repo
    log_path, verdicts = repo / "reports" / "corrections.csv", repo / "reports" / "verdicts.csv"
    head = git("rev-parse", "--short=10", "HEAD").strip()
    now = _ledger(**{"a-1": "contradicted", "a-2": "not_checkable", "a-3": "reproduced"})
    log = corrections.update(now, log_path, verdicts)
    assert log.values.tolist() == [["a-1", "art", "reproduced", "contradicted", head]]
    assert corrections.read(log_path).equals(log)
    # the verdict goes back before a commit: nothing to log
    corrections.update(_ledger(**{"a-1": "reproduced", "a-2": "not_checkable"}), log_path,
                       verdicts)
    assert corrections.read(log_path).empty


def test_the_committed_log_is_kept_and_a_second_move_is_added(repo):
    repo, git = repo
    log_path, verdicts = repo / "reports" / "corrections.csv", repo / "reports" / "verdicts.csv"
    first = git("rev-parse", "--short=10", "HEAD").strip()
    corrections.update(_ledger(**{"a-1": "contradicted", "a-2": "not_checkable"}), log_path,
                       verdicts)
    verdicts.write_text(HEADER + "a-1,art,contradicted\na-2,art,not_checkable\n")
    git("commit", "-qam", "x")
    git("add", ".")
    git("commit", "-qm", "log")
    second = git("rev-parse", "--short=10", "HEAD").strip()
    log = corrections.update(_ledger(**{"a-1": "approximate", "a-2": "not_checkable"}),
                             log_path, verdicts)
    assert log.values.tolist() == [["a-1", "art", "reproduced", "contradicted", first],
                                   ["a-1", "art", "contradicted", "approximate", second]]
    assert corrections.history(log) == {"a-1": [("reproduced", first),
                                                ("contradicted", second)]}


def test_outside_a_repository_the_log_is_left_as_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    log_path = tmp_path / "corrections.csv"
    text = ",".join(corrections.COLUMNS) + "\na-1,art,reproduced,contradicted,0123456789\n"
    log_path.write_text(text, encoding="utf-8")
    corrections.update(_ledger(**{"a-1": "approximate"}), log_path, tmp_path / "verdicts.csv")
    assert log_path.read_text(encoding="utf-8") == text


def test_an_articles_part_carries_its_corrections_only(tmp_path, monkeypatch):
    monkeypatch.setattr(makefile, "CLAIM_PARTS", tmp_path / "parts")
    articles, claims, log = (tmp_path / n for n in ("articles.csv", "claims.csv", "log.csv"))
    articles.write_text((paths.ARTICLES_CSV.read_text(encoding="utf-8").splitlines()[0]
                         + "\na,O,T,2026-01-01,x,\nb,O,T,2026-01-01,x,\n"), encoding="utf-8")
    claims.write_text(paths.CLAIMS_CSV.read_text(encoding="utf-8").splitlines()[0] + "\n",
                      encoding="utf-8")
    log.write_text(",".join(corrections.COLUMNS) + "\nb-1,b,reproduced,contradicted,01234\n",
                   encoding="utf-8")
    makefile.split_claims(claims, articles, log)
    assert "b-1,b,reproduced" not in makefile.claims_part("a").read_text(encoding="utf-8")
    assert "b-1,b,reproduced" in makefile.claims_part("b").read_text(encoding="utf-8")


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_part_is_rewritten_only_when_its_article_changes(tmp_path, monkeypatch, end):
    """Whatever the registry's line ends (csv.writer and spreadsheets write CRLF): a split that
    changes nothing leaves every part's date, so make rebuilds no page."""
    monkeypatch.setattr(makefile, "CLAIM_PARTS", tmp_path / "parts")
    articles, claims, log = (tmp_path / n for n in ("articles.csv", "claims.csv", "log.csv"))
    header = paths.CLAIMS_CSV.read_text(encoding="utf-8").splitlines()[0]
    row = "{0}-1,{0},a forecast,1,USD,,,not_checkable,,,,,a forecast,forecast_or_opinion,"
    articles.write_bytes(end.join([paths.ARTICLES_CSV.read_text(encoding="utf-8").splitlines()[0],
                                   "a,O,T,2026-01-01,x,", "b,O,T,2026-01-01,x,", ""]).encode())
    claims.write_bytes(end.join([header, row.format("a"), row.format("b"), ""]).encode())
    log.write_text(",".join(corrections.COLUMNS) + "\n", encoding="utf-8")
    makefile.split_claims(claims, articles, log)
    for part in ("a", "b"):
        os.utime(makefile.claims_part(part), (1, 1))
    makefile.split_claims(claims, articles, log)
    assert [makefile.claims_part(p).stat().st_mtime for p in ("a", "b")] == [1, 1]
    with claims.open("ab") as f:  # a claim added to b: b's part alone is rewritten
        f.write((row.format("b").replace("b-1", "b-2") + end).encode())
    makefile.split_claims(claims, articles, log)
    assert makefile.claims_part("a").stat().st_mtime == 1
    assert makefile.claims_part("b").stat().st_mtime > 1
    assert "b-2," in makefile.claims_part("b").read_text(encoding="utf-8")


def test_make_cuts_the_registry_by_article_without_importing_pandas(tmp_path):
    """split-claims runs before every page on every edit; pandas would add 0.35 s to each."""
    import sys

    script = ("import sys\nfrom pathlib import Path\nfrom tradeclaims.report import makefile\n"
              f"makefile.CLAIM_PARTS = Path({str(tmp_path)!r})\nmakefile.split_claims()\n"
              "print('pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=paths.ROOT, check=True)
    assert result.stdout.split() == ["False"] and list(tmp_path.glob("*.csv"))


def test_a_corrected_row_says_what_it_was_in_html_and_text():
    row = next(pd.DataFrame([{"claim_id": "a-1", "quote": "<q>", "unit": "percent",
                              "claimed": 1.0, "recomputed": 2.0, "verdict": "contradicted",
                              "reason": "", "origin": "", "qualifier": "", "tolerance": "",
                              "note": "", "sources": ""}]).itertuples())
    was = [("reproduced", "0123456789")]
    cell = str(macro("verdict_cell")(claim_shown(row, was)))
    assert "was reproduced as published in <code>0123456789</code>" in cell
    assert "was" not in str(macro("verdict_cell")(claim_shown(row)))
    assert "was: reproduced as published in 0123456789" in tables._claim_text(row, was)
