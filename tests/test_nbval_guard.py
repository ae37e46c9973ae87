"""Proof that nbval guards what was published: a changed figure in a source, or a change in lib
that alters a verdict, makes nbval fail on the affected report, naming the number, until the
reports are rebuilt."""

import pytest

from tradeclaims.workspace import Workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace(tmp_path_factory.mktemp("guard") / "repo")


def test_published_reports_pass_as_committed(ws):
    result = ws.nbval("reports/surplus.ipynb", "reports/totals.ipynb")
    assert result.returncode == 0, result.stdout[-2000:]


def test_a_changed_source_figure_fails_nbval_until_reports_are_rebuilt(ws):
    old = "CHN,EU27,total,TOTAL,2025-01/2025-11,value,,5.37,"
    ws.edit("data/sources/gac-2025m11-globaltimes/data.csv", old, old.replace("5.37", "5.41"))
    assert ws.make("data").returncode == 0
    result = ws.nbval("reports/surplus.ipynb")
    assert result.returncode != 0
    assert "5.41" in result.stdout and "5.37" in result.stdout, result.stdout  # names the number
    assert ws.make("reports/surplus.html").returncode == 0
    assert ws.nbval("reports/surplus.ipynb").returncode == 0


def test_a_lib_change_that_alters_a_verdict_fails_nbval_until_rebuilt(ws):
    # widen the band allowed by "about" from 2% to 3%: "around 6.48 trillion dollars" against
    # GAC's 6.35 (+2.05%) turns from contradicted to approximate
    ws.edit("lib/tradeclaims/engine.py", 'DEFAULT_BANDS = {"about": 2.0,',
            'DEFAULT_BANDS = {"about": 3.0,')
    result = ws.nbval("reports/totals.ipynb")
    assert result.returncode != 0
    assert "re-02: contradicted" in result.stdout and "re-02: approximate" in result.stdout
    assert ws.make("reports/totals.html").returncode == 0
    assert ws.nbval("reports/totals.ipynb").returncode == 0
