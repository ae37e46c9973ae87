"""The report set: notebooks, the runner, the published HTML and the index."""

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest

from tradeclaims import paths, runner
from tradeclaims.claims import read_articles
from tradeclaims.config import Report, load_config
from tradeclaims.workspace import Workspace


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.scripts = [], set(), []

    def handle_starttag(self, tag, attrs):
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
    broken = []
    for href in parse(reports_dir / "index.html").hrefs:
        if re.match(r"^https?://", href):
            continue
        file, _, anchor = href.partition("#")
        target = reports_dir / file
        if not target.exists() or (anchor and anchor not in parse(target).ids):
            broken.append(href)
    return broken


def test_notebooks_are_committed_without_outputs_and_have_parameters():
    for path in paths.NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name} needs one cell tagged parameters"
        assert nb.metadata.kernelspec.name == runner.KERNEL


def test_config_runs_every_notebook_and_one_twice():
    reports = load_config()
    used = [r.notebook.name for r in reports.values()]
    assert set(used) == {p.name for p in paths.NOTEBOOKS.glob("*.ipynb")}
    assert any(used.count(name) > 1 for name in used)
    articles = set(read_articles().index) - {"cross-source"}
    assert articles <= {r.article_id for r in reports.values()}


def test_every_link_of_the_index_resolves():
    assert broken_links(paths.REPORTS) == []


def test_each_article_report_shows_every_verdict_of_its_article():
    verdicts = paths.REPORTS / "verdicts.csv"
    rows = [line.split(",")[:2] for line in verdicts.read_text(encoding="utf-8").splitlines()[1:]]
    for report in load_config().values():
        ids = parse(report.html).ids
        expected = {c for c, a in rows if a == report.article_id or not report.article_id}
        assert {f"claim-{c}" for c in expected} <= ids, report.name


def test_html_is_self_contained_and_hides_code():
    for report in load_config().values():
        text = report.html.read_text(encoding="utf-8")
        assert parse(report.html).scripts == [], "no script fetched from the network"
        assert 'data-code="hidden"' in text and "code-toggle" in text
        assert "injected-parameters" not in text and "papermill" not in text.lower()
        assert f"<title>{report.title}" in text.replace("&#x27;", "'")
    assert "data:image/png;base64," in (paths.REPORTS / "surplus.html").read_text()


def test_published_notebooks_carry_no_run_specific_metadata():
    for report in load_config().values():
        nb = json.loads(report.ipynb.read_text(encoding="utf-8"))
        assert set(nb["metadata"]["papermill"]) == {"parameters"}
        for cell in nb["cells"]:
            assert "papermill" not in cell["metadata"] and "execution" not in cell["metadata"]
            if "injected-parameters" in cell["metadata"].get("tags", []):
                assert cell["id"] == "injected-parameters"  # papermill's is random


def test_a_parameter_the_data_cannot_serve_fails_clearly(tmp_path, monkeypatch):
    reports, failed = tmp_path / "reports", tmp_path / "failed"
    reports.mkdir()
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(runner, "FAILED", failed)
    report = Report("vietnam-france", "t", paths.NOTEBOOKS / "vietnam_exports.ipynb",
                    {"partner": "FRA"}, "gt-vietnam")
    with pytest.raises(runner.ReportFailed) as caught:
        runner.run(report)
    text = str(caught.value)
    assert "notebooks/vietnam_exports.ipynb failed in cell" in text
    assert "SeriesNotFound" in text and "partner=FRA" in text and "with another partner" in text
    assert f"kept in {failed / 'vietnam-france.ipynb'}" in text
    assert (failed / "vietnam-france.ipynb").exists()
    assert list(reports.iterdir()) == []


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The report set built from scratch in a copy of the repository."""
    ws = Workspace(tmp_path_factory.mktemp("clean") / "repo")
    ws.clear_reports()
    result = ws.make("-j2", "reports")
    assert result.returncode == 0, result.stderr
    return ws


def _text_outputs(path):
    nb = nbformat.read(path, as_version=4)
    return [[o.get("data", {}).get("text/plain", o.get("text")) for o in c.get("outputs", [])]
            for c in nb.cells]


def test_the_report_set_builds_from_a_clean_checkout(built):
    for report in load_config().values():
        rebuilt = built.root / "reports" / f"{report.name}.ipynb"
        assert (built.root / "reports" / f"{report.name}.html").exists()
        assert _text_outputs(rebuilt) == _text_outputs(report.ipynb), (
            f"{report.name}: the committed report is not what a clean build gives")
    assert broken_links(built.root / "reports") == []


def test_builds_are_incremental(built):
    assert "tradeclaims run" not in built.make("reports").stdout
    (built.root / "notebooks" / "asean_trade.ipynb").touch()
    out = built.make("reports").stdout
    assert re.findall(r"tradeclaims run (\S+)", out) == ["asean"]
    assert "tradeclaims index" in out
    built.edit("notebooks/reports.yaml", 'parameters: {article_id: caixin-electronics}',
               'parameters: {article_id: caixin-electronics, period: "2025"}')
    out = built.make("reports").stdout
    assert re.findall(r"tradeclaims run (\S+)", out) == ["electronics"]


def test_a_failing_report_stops_make_and_keeps_the_last_good_html(built):
    good = (built.root / "reports" / "vietnam-us.html").read_bytes()
    built.edit("notebooks/reports.yaml", 'partner: USA, period: "2026-01"',
               'partner: FRA, period: "2026-01"')
    result = built.make("reports")
    assert result.returncode != 0
    assert "report vietnam-us: notebooks/vietnam_exports.ipynb failed in cell" in result.stderr
    assert (built.root / "reports" / "vietnam-us.html").read_bytes() == good
    assert (built.root / "build" / "failed" / "vietnam-us.ipynb").exists()
