"""The report set: notebooks, the runner, the published HTML and the index."""

import json
import os
import re
import subprocess
import tempfile
from html.parser import HTMLParser

import nbformat
import pytest

import pages
from tradeclaims import history, paths
from tradeclaims.claims import ledger
from tradeclaims.errors import InputError
from tradeclaims.kernel import provisioner
from tradeclaims.report import index, tables
from tradeclaims.report.config import check_parameters, claim_link, load_config


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.scripts, self.tags = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def parse(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(reports_dir):
    """Local links of index.html whose file or anchor does not exist."""
    broken, ids = [], {}  # each page's anchors, read once: the index links every claim
    for href in parse(reports_dir / "index.html").hrefs:
        if re.match(r"^https?://", href):
            continue
        file, _, anchor = href.partition("#")
        target = reports_dir / file
        if target.exists() and file not in ids:
            ids[file] = parse(target).ids
        if not target.exists() or (anchor and anchor not in ids[file]):
            broken.append(href)
    return broken


def as_git_would_stage(files: list) -> dict:
    """Each file as `git add` would stage it, by name: staged into a scratch index, through the
    filters .gitattributes names and .git/config defines (`make env` sets nbstripout for
    notebooks/), one git command for them all; the files as they are outside a repository."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "GIT_INDEX_FILE": os.path.join(folder, "index")}
        relative = [paths.relative(path) for path in files]
        try:
            subprocess.run(["git", "add", "--", *relative], cwd=paths.ROOT, env=env, check=True,
                           capture_output=True)
            staged = subprocess.run(["git", "ls-files", "--stage", "--", *relative],
                                    cwd=paths.ROOT, env=env, check=True, capture_output=True,
                                    text=True).stdout.splitlines()
        except (OSError, subprocess.CalledProcessError):
            return {path.name: path.read_text(encoding="utf-8") for path in files}
    blobs = {line.split("\t")[1]: line.split()[1] for line in staged}  # path: its blob
    return {path.name: history.git("cat-file", "blob", blobs[name])
            for path, name in zip(files, relative, strict=True)}


def test_notebooks_are_committed_without_outputs_and_have_parameters():
    """What git would commit, not the working file: a notebook saved from JupyterLab keeps its
    outputs on disk, and the filter strips them from the commit."""
    notebooks = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    staged = as_git_would_stage(notebooks)
    for path in notebooks:
        nb = nbformat.reads(staged[path.name], as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), (
            f"{paths.relative(path)} would be committed with outputs: run `make env`, which "
            "sets nbstripout as git's filter for notebooks/")
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name} needs one cell tagged parameters"
        assert nb.metadata.kernelspec.name == provisioner.KERNEL


def test_config_runs_every_notebook_with_parameters_it_defines():
    reports = load_config()
    assert {r.notebook.name for r in reports.values()} == {
        p.name for p in paths.NOTEBOOKS.glob("*.ipynb")}
    check_parameters(reports)


def _config(tmp_path, parameters: str):
    path = tmp_path / "reports.yaml"
    path.write_text("vietnam-us:\n  title: t\n  notebook: vietnam_exports.ipynb\n"
                    f"  parameters: {parameters}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("parameters, message", [
    ("{partnr: USA}", "report vietnam-us: vietnam_exports.ipynb has no parameter 'partnr' "
     "(it accepts: reporter, partner, period, article_id)"),
    ("{period: 2026}", "period is int 2026, but vietnam_exports.ipynb expects a str such as "
     "'2026-01'"),
    ("{partner: [USA]}", "partner is list"),
])
def test_a_parameter_the_notebook_does_not_define_is_an_error(tmp_path, parameters, message):
    path = _config(tmp_path, parameters)
    with pytest.raises(InputError) as caught:
        check_parameters(load_config(path), path)
    field = re.match(r"\{(\w+)", parameters)[1]
    assert f"reports.yaml, row 4, field 'vietnam-us.parameters.{field}'" in str(caught.value)
    assert message in str(caught.value)


@pytest.mark.parametrize("content, message", [
    ("Vietnam US:\n  title: t\n  notebook: vietnam_exports.ipynb\n", "lower case"),
    ("x:\n  title: t\n  notebook: nowhere.ipynb\n", "no notebook nowhere.ipynb"),
    ("x:\n  title: t\n", "needs a notebook"),
    ("x:\n  title: t\n  notebook: vietnam_exports.ipynb\n  parameter: {}\n", "unknown key"),
    ("x:\n  title: t\n  notebook: vietnam_exports.ipynb\n  parameters: [1]\n", "a mapping"),
    ("- x\n", "expected a mapping"),
    ("x: {title: t\n", "not valid YAML"),
])
def test_a_malformed_report_entry_is_named(tmp_path, content, message):
    path = tmp_path / "reports.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="reports.yaml, row") as caught:
        load_config(path)
    assert message in str(caught.value)


PAYLOAD = "zz-02'><img src=x onerror=alert(3)>"


def test_every_article_without_a_report_gets_one_from_the_generic_notebook(tmp_path):
    config = tmp_path / "reports.yaml"
    config.write_text("mine:\n  title: Mine\n  notebook: ledger.ipynb\n"
                      "  parameters: {article_id: a-one}\n", encoding="utf-8")
    articles = tmp_path / "articles.csv"
    articles.write_text("article_id,outlet,title,date,covers,file\n"
                        "a-one,Outlet,One,2026-01-01,x,\na-two,Outlet,Two <b>,2026-01-02,y,\n",
                        encoding="utf-8")
    reports = load_config(config, articles)
    assert list(reports) == ["mine", "article-a-two"]
    page = reports["article-a-two"]
    assert page.notebook.name == "article.ipynb" and page.parameters == {"article_id": "a-two"}
    assert page.title == "Two <b>" and page.article_id == "a-two"
    check_parameters(reports, config)
    config.write_text("article-x:\n  title: X\n  notebook: ledger.ipynb\n", encoding="utf-8")
    with pytest.raises(InputError, match="names starting with article- are kept"):
        load_config(config, articles)


def test_every_value_on_the_index_is_escaped():
    table = ledger.read().head(3).copy()
    for column in ("claim_id", "article_id", "quote", "unit", "tolerance", "note"):
        table[column] = PAYLOAD
    html = index.render(load_config(), table.assign(article_id="gt-vietnam"))
    page = Links()
    page.feed(html)
    assert "img" not in {tag for tag, _ in page.tags}
    assert not any(name.startswith("on") for _, attrs in page.tags for name, _ in attrs)


def test_every_link_of_the_index_resolves():
    assert broken_links(paths.REPORTS) == []


def test_a_link_to_a_missing_page_or_anchor_is_found(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here">a</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a.html#here"></a><a href="a.html#gone"></a><a href="b.html"></a>'
        '<a href="https://example.org/x#y"></a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html#gone", "b.html"]


def test_each_article_report_shows_every_verdict_of_its_article(request):
    """And the ledger every claim, or past tables.LEDGER_ROWS sends readers to the index,
    which links every claim to its article's page."""
    table, reports = ledger.read(), load_config()
    index_links = set(parse(paths.INDEX_HTML).hrefs)
    for report in pages.reports(request.config):  # every page (but in a nested run: pages.py)
        page = parse(report.html)
        claims = table[(table.article_id == report.article_id) | (not report.article_id)]
        if not report.article_id and len(claims) > tables.LEDGER_ROWS:
            assert {"index.html#tc-claims", "verdicts.csv"} <= set(page.hrefs), report.name
            assert not {i for i in page.ids if i.startswith("claim-")}, report.name
            assert {claim_link(a, c, reports) for c, a in zip(
                claims.claim_id, claims.article_id, strict=True)} <= index_links
            continue
        assert {f"claim-{c}" for c in claims.claim_id} <= page.ids, report.name


def test_html_is_self_contained_and_hides_code(request):
    for report in pages.reports(request.config):
        text = report.html.read_text(encoding="utf-8")
        assert parse(report.html).scripts == [], "no script fetched from the network"
        assert 'data-code="hidden"' in text and "code-toggle" in text
        assert "injected-parameters" not in text and "papermill" not in text.lower()
        assert f"<title>{report.title}" in text.replace("&#x27;", "'")
    assert "data:image/png;base64," in (paths.REPORTS / "surplus.html").read_text()


def test_published_notebooks_carry_no_run_specific_metadata(request):
    for report in pages.reports(request.config):
        nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
        assert set(nb["metadata"]["papermill"]) == {"parameters"}
        for cell in nb["cells"]:
            assert "papermill" not in cell["metadata"] and "execution" not in cell["metadata"]
            if "injected-parameters" in cell["metadata"].get("tags", []):
                assert cell["id"] == "injected-parameters"  # papermill's is random
