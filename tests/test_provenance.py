"""Every page says what it rests on: the latest release it cites and a digest of the inputs it
was built from, which moves when one of them does and with nothing else (a commit, another
article's claims, reports/, tests/), and which the published pages carry as their inputs give."""

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from tradeclaims import history, paths
from tradeclaims.claims.articles import ARTICLE_COLUMNS
from tradeclaims.claims.columns import COLUMNS, CORRECTION_COLUMNS
from tradeclaims.report import provenance
from tradeclaims.report.config import Report, load_config


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository's inputs, made up: two articles with a claim each, a release, lib/."""
    root = tmp_path / "repo"
    files = {
        "lib/tradeclaims/module.py": "x = 1\n",
        "lib/tradeclaims/templates/page.css": "p {}\n",
        "data/trade.csv": "reporter,value\nCHN,1\n",
        "data/vocabulary.yaml": "units: {}\n",
        "data/sources/a-release/source.yaml": "publisher: made up for a test\n",
        "data/sources/a-release/table.csv": "value\n1\n",
        "notebooks/publish.yaml": "site_url: https://example.org\n",
        "notebooks/reports.yaml": "{}\n",
        "data/articles.csv": ",".join(ARTICLE_COLUMNS) + "\n" + "".join(
            f"{a},Outlet,Title,2026-01-01,x,,\n" for a in ("a", "b")),
        "data/claims.csv": ",".join(COLUMNS) + "\n" + "".join(
            ",".join({"claim_id": f"{a}-1", "article_id": a, "quote": "q", "claimed": "1"}
                     .get(c, "") for c in COLUMNS) + "\n" for a in ("a", "b")),
        "reports/corrections.csv": ",".join(CORRECTION_COLUMNS) + "\n",
        "reports/verdicts.csv": "claim_id,verdict\na-1,reproduced\nb-1,reproduced\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]),
                   root / "notebooks" / "article.ipynb")
    return root


def _page(root, article_id="a", **parameters):
    return Report(f"article-{article_id}", "t", root / "notebooks" / "article.ipynb",
                  {"article_id": article_id, **parameters}, article_id)


def _edit(root, name, old, new):
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name, old, new, moved", [
    ("notebooks/article.ipynb", "1 + 1", "1 + 2", "notebook"),
    ("data/claims.csv", "a-1,a,q,1", "a-1,a,q,2", "claims"),
    ("data/articles.csv", "a,Outlet", "a,Another outlet", "claims"),
    ("data/trade.csv", "CHN,1", "CHN,2", "data"),
    ("data/vocabulary.yaml", "{}", "{x: y}", "data"),
    ("data/sources/a-release/source.yaml", "a test", "another test", "data"),
    ("notebooks/publish.yaml", "example.org", "example.com", "data"),
    ("lib/tradeclaims/module.py", "x = 1", "x = 2", "code"),
    ("lib/tradeclaims/templates/page.css", "p {}", "p { }", "code"),
])
def test_a_page_digest_moves_with_each_of_its_inputs(repo, name, old, new, moved):
    before = provenance.page_inputs(_page(repo), repo)
    _edit(repo, name, old, new)
    after = provenance.page_inputs(_page(repo), repo)
    assert {g for g in provenance.GROUPS if before[g] != after[g]} == {moved}
    assert before["inputs"] != after["inputs"]


def test_a_page_digest_moves_with_its_parameters_and_its_corrections(repo):
    before = provenance.page_inputs(_page(repo), repo)
    assert provenance.page_inputs(_page(repo, period="2026-01"), repo)["parameters"] != (
        before["parameters"])
    (repo / "reports" / "corrections.csv").write_text(
        ",".join(CORRECTION_COLUMNS) + "\na-1,a,reproduced,contradicted,0123456789\n",
        encoding="utf-8")
    assert provenance.page_inputs(_page(repo), repo)["claims"] != before["claims"]


@pytest.mark.parametrize("name, old, new", [
    ("data/claims.csv", "b-1,b,q,1", "b-1,b,q,2"),  # another article's claim
    ("data/articles.csv", "b,Outlet", "b,Another outlet"),
    ("reports/verdicts.csv", "a-1,reproduced", "a-1,contradicted"),  # an output: the ledger's
    ("data/sources/a-release/table.csv", "1", "2"),  # read through trade.csv, which is one
])
def test_a_page_digest_stays_when_nothing_it_rests_on_changes(repo, name, old, new):
    before = provenance.page_inputs(_page(repo), repo)
    _edit(repo, name, old, new)
    (repo / "tests").mkdir()
    (repo / "tests" / "test_new.py").write_text("", encoding="utf-8")
    (repo / "lib" / "tradeclaims" / "__pycache__").mkdir()
    (repo / "lib" / "tradeclaims" / "__pycache__" / "module.pyc").write_bytes(b"\0")
    assert provenance.page_inputs(_page(repo), repo) == before


def test_the_same_inputs_anywhere_give_the_same_digest(repo, tmp_path):
    shutil.copytree(repo, tmp_path / "elsewhere")
    assert provenance.page_inputs(_page(tmp_path / "elsewhere"), tmp_path / "elsewhere") == (
        provenance.page_inputs(_page(repo), repo))
    assert provenance.index_inputs(tmp_path / "elsewhere") == provenance.index_inputs(repo)


def test_the_ledger_and_the_index_follow_the_whole_registry(repo):
    ledger = Report("ledger", "t", repo / "notebooks" / "article.ipynb", {})
    before = provenance.page_inputs(ledger, repo), provenance.index_inputs(repo)
    _edit(repo, "reports/verdicts.csv", "b-1,reproduced", "b-1,contradicted")
    after = provenance.page_inputs(ledger, repo), provenance.index_inputs(repo)
    assert before[0]["claims"] != after[0]["claims"] and before[1]["claims"] != after[1]["claims"]
    _edit(repo, "notebooks/reports.yaml", "{}", "{x: {}}")
    assert provenance.index_inputs(repo)["reports"] != after[1]["reports"]


def test_what_lab_leaves_in_a_notebook_is_no_input(repo):
    """git's filter strips outputs, counts and language_info; papermill replaces them."""
    notebook = repo / "notebooks" / "article.ipynb"
    before = provenance.notebook_digest(notebook)
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                  execution_count=1)]
    nb.cells[0].execution_count = 1
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.2"}
    nbformat.write(nb, notebook)
    assert provenance.notebook_digest(notebook) == before
    nb.cells[0].source = "1 + 3"
    nbformat.write(nb, notebook)
    assert provenance.notebook_digest(notebook) != before


def test_the_digest_of_a_notebook_strips_it_as_git_does():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^strip_notebook = (.*)$", makefile, re.M)[1].split() == provenance.STRIP


def test_a_page_names_its_digest_and_can_be_compared_without_it():
    page = ('<p>Rests on 2. <span class="tc-built">Built from inputs <code class="tc-inputs">'
            '0123456789ab</code> (notebook 01234567, code 89abcdef).</span></p>')
    assert provenance.stamped(page) == "0123456789ab"
    assert provenance.unstamped(page) == '<p>Rests on 2. <span class="tc-built"></span></p>'
    assert provenance.stamped("<p>no digest</p>") is None


def test_the_latest_release_ignores_undated_ones():
    def source(id_, date):
        return SimpleNamespace(id=id_, date_published=date)

    facts = provenance.latest_release([source("a", "2025-12"), source("b", "2026-01-14"),
                                       source("c", "unknown")])
    assert facts == {"releases": 3, "undated": 1, "latest_release": "2026-01-14",
                     "latest_source": "b"}
    assert provenance.latest_release([source("c", "unknown")])["latest_release"] == ""


def test_published_pages_name_the_digest_of_their_inputs():
    """On a clean checkout (CI): every page carries the digest its inputs give, so reports/ was
    rebuilt after the last change to any input (`make reports`) and committed with it. In a
    working copy with inputs edited, pages are rebuilt when that work is done."""
    edited = history.git("status", "--porcelain", "--", "data", "notebooks", "lib")
    if edited is None or edited.strip():
        pytest.skip("inputs edited here, or no git: a clean checkout checks this")
    reports = load_config()
    expected = {r.html.name: provenance.shown(provenance.page_inputs(r))["inputs"]
                for r in reports.values()}
    expected[paths.INDEX_HTML.name] = provenance.shown(provenance.index_inputs())["inputs"]
    named = {name: provenance.stamped((paths.REPORTS / name).read_text(encoding="utf-8"))
             for name in expected}
    stale = sorted(name for name in expected if named[name] != expected[name])
    assert stale == [], f"pages built from other inputs than today's: {stale}; run `make reports`"
    assert len(set(json.dumps(provenance.page_inputs(r)) for r in reports.values())) == len(
        {(r.notebook, json.dumps(r.parameters, sort_keys=True)) for r in reports.values()})
