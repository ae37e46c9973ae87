"""Proof that nbval guards what was published: a changed figure in a source, or a change in lib
that alters a verdict, makes nbval fail on the report that shows it, naming the number, until
the report is rebuilt. The test brings its own release, article, claims and report (the ledger
notebook for its article alone)."""

import pytest

from registry import META, SOURCE_HEADER
from tradeclaims.workspace import Workspace

pytestmark = pytest.mark.repository_copy
ROW = "CHN,USA,export,TOTAL,2025,value,,5.2,trillion yuan,"
REPORT = "reports/zz-guard.ipynb"
SERIES = "reporter=CHN partner=USA flow=export period=2025 unit=CNY source_id=zz-guard"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    ws = Workspace(tmp_path_factory.mktemp("guard") / "repo")
    folder = ws.root / "data" / "sources" / "zz-guard"
    folder.mkdir()
    (folder / "source.yaml").write_text(META, encoding="utf-8")
    (folder / "data.csv").write_text(SOURCE_HEADER + ROW + "\n", encoding="utf-8")
    with (ws.root / "data" / "articles.csv").open("a", encoding="utf-8") as f:
        f.write("zz-guard,Test Outlet,A test article,2026-02-01,a test,\n")
    with (ws.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write(f"zz-guard-1,zz-guard,q,5.2,CNY,trillion,,level,{SERIES},,,,\n"
                f"zz-guard-2,zz-guard,q,5.43,CNY,trillion,about,level,{SERIES},,,,\n")
    with (ws.root / "notebooks" / "reports.yaml").open("a", encoding="utf-8") as f:
        f.write("zz-guard:\n  title: Guard\n  notebook: ledger.ipynb\n"
                "  parameters: {article_id: zz-guard}\n")
    assert ws.make(REPORT.replace(".ipynb", ".html")).returncode == 0
    return ws


def test_nbval_fails_on_a_changed_figure_or_verdict_until_the_report_is_rebuilt(ws):
    ws.edit("data/sources/zz-guard/data.csv", ROW, ROW.replace("5.2", "5.3"))
    assert ws.make("data").returncode == 0
    result = ws.nbval(REPORT)
    assert result.returncode != 0
    # pytest's diff: + the published line, - the re-executed one (it may cut the id's start)
    published = "guard-1: reproduced; claimed 5.2, recomputed 5.2 (trillion CNY)"
    assert published in result.stdout
    assert "guard-1: contradicted; claimed 5.2, recomputed 5.3 (trillion CNY)" in result.stdout

    assert ws.make(REPORT.replace(".ipynb", ".html")).returncode == 0
    # widen the band "about" allows from 2% to 3%: about 5.43 against 5.3 (+2.45%) turns from
    # contradicted to approximate
    ws.edit("lib/tradeclaims/engine.py", 'DEFAULT_BANDS = {"about": 2.0,',
            'DEFAULT_BANDS = {"about": 3.0,')
    result = ws.nbval(REPORT)
    assert result.returncode != 0
    assert "guard-2: contradicted; claimed about 5.43" in result.stdout
    assert "guard-2: approximate; claimed about 5.43" in result.stdout
    assert published not in result.stdout  # the rebuilt report has the new figure
