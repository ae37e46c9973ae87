"""What happens when the registry grows, in a copy of the repository with its git history that
gets a new article, a new release, claims of several kinds and a report, all in the documented
formats, built and not committed (as a user's work in progress is):

- the copy's own tests of the registry, dataset, reports, pages and builds still pass on it (no
  test depends on what the registry holds, nor on what is committed); the page guard there
  covers the pages the addition reaches (tests/pages.py: changed), while the suite's own run
  covers every page: a guard of the tests, not of the pages;
- nbval and the page guard guard what was published: a changed figure in the release, or a
  change in lib that alters a verdict, makes both fail on the report, naming the number, until
  it is rebuilt."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

import pages
from registry import META, SOURCE_HEADER
from tradeclaims.report.config import ARTICLE_NOTEBOOK, load_config
from workspace import Workspace

pytestmark = pytest.mark.repository_copy
ROW = "VNM,KOR,export,TOTAL,2025,value,,25.6,tỷ USD,"
ROWS = [ROW, "VNM,KOR,export,TOTAL,2025,growth_published,USD,4.1,%,",
        "VNM,WLD,export,TOTAL,2025,value,,475.04,tỷ USD,"]
SERIES = "reporter=VNM partner=KOR flow=export period=2025 unit=USD source_id=zz-new"
CLAIMS = [
    f"zz-new-1,zz-new,exports to Korea reached $25.6 billion,25.6,USD,billion,,level,{SERIES},,,,"
    ",,",
    f"zz-new-2,zz-new,exports to Korea of about $26.2 billion,26.2,USD,billion,about,level,"
    f"{SERIES},,,,,,",
    f"zz-new-3,zz-new,up 4.1%,4.1,percent,,,growth,{SERIES},,,,,,",
    f"zz-new-4,zz-new,about 5% of exports,5,percent,,about,share,{SERIES},partner=WLD,,,,,",
    "zz-new-5,zz-new,a forecast of 30 billion,30,USD,billion,,not_checkable,,,,,a forecast,"
    "forecast_or_opinion,",
]
REPORT = "reports/article-zz-new.ipynb"
BEFORE = "build/pages-before.json"  # what this repository's pages rest on, in the copy
GUARD = "test_every_page_shows_what_todays_data_claims_and_code_give"


def failures(stdout: str) -> dict[str, str]:
    """pytest's failure sections ("____ name ____", or "_ name _" for a long name), by name."""
    parts = re.split(r"^_+ (.+?) _+$", stdout, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    ws = Workspace(tmp_path_factory.mktemp("additions") / "repo", git=True)
    (ws.root / BEFORE).write_text(json.dumps(pages.snapshot()), encoding="utf-8")
    folder = ws.root / "data" / "sources" / "zz-new"
    folder.mkdir()
    (folder / "source.yaml").write_text(META, encoding="utf-8")
    (folder / "data.csv").write_text(SOURCE_HEADER + "".join(r + "\n" for r in ROWS),
                                     encoding="utf-8")
    with (ws.root / "data" / "articles.csv").open("a", encoding="utf-8") as f:
        f.write('zz-new,Test Outlet,"Exports to Korea, a test",2026-02-01,a test,\n')
    with (ws.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write("".join(row + "\n" for row in CLAIMS))
    # no reports.yaml entry: the article gets its page from notebooks/article.ipynb; its page
    # and the ledger built side by side (the data makes every page stale; the others are not
    # needed), then the index
    page = REPORT.removesuffix(".ipynb") + ".html"
    for command in (["make", "-j2", "data", "reports/verdicts.csv", "reports/ledger.html", page],
                    [ws.python, "-m", "tradeclaims", "index"]):
        result = ws.run(*command)
        assert result.returncode == 0, result.stderr
    return ws


def test_a_new_article_breaks_no_test(ws):
    # the tests that read the real registry, dataset and reports; the others build their own
    readers = ["tests/test_registry.py", "tests/test_dataset.py", "tests/test_reports.py",
               "tests/test_pages.py", "tests/test_provenance.py"]
    # and the builds that compare with the published pages, in copies of this copy
    builds = ["tests/test_builds.py::test_a_new_article_and_a_claim_rebuild_their_reports_and_"
              "the_ledger_only",
              "tests/test_builds.py::test_a_report_built_from_scratch_is_byte_for_byte_the_"
              "committed_one"]
    # (the notebooks' git filter test reads no registry: it runs in the suite itself)
    # the page guard over the pages the addition reaches, here every page of a notebook of
    # its own (the new release moved the data they read as they like, the ledger the registry
    # too) and the new article's; not the other articles' pages (their claims, verdicts and
    # sources are as they were), which the suite's own guard runs
    result = ws.run(ws.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k",
                    "not committed_without_outputs", "--pages-changed-since", BEFORE,
                    "--junitxml", "build/nested.xml", *readers, *builds)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and " deselected" in result.stdout
    reports = load_config()
    own = {name for name, r in reports.items() if r.notebook != ARTICLE_NOTEBOOK}
    assert "ledger" in own and len(own) < len(reports)  # and generic article pages to leave
    assert guarded(ws) == own | {REPORT.split("/")[1].removesuffix(".ipynb")}
    index = (ws.root / "reports" / "index.html").read_text(encoding="utf-8")
    assert "zz-new-4" in index and 'href="article-zz-new.html"' in index


def guarded(ws) -> set[str]:
    """The pages the page guard ran over in the copy's last run with --junitxml."""
    cases = ET.parse(ws.root / "build" / "nested.xml").iter("testcase")
    return {re.fullmatch(rf"{GUARD}\[(.+)\.ipynb\]", case.get("name"))[1]
            for case in cases if case.get("name").startswith(GUARD)}


def test_a_page_the_addition_did_not_reach_is_guarded_once_a_change_reaches_it(ws):
    """Both sides of the nested run's choice: another article's page is left out (the test
    above) until its claim is edited; then the guard runs it and fails on it (and on the
    ledger), naming the page and the claim, until the claim is as it was."""
    other = next(name for name, r in load_config().items() if r.notebook == ARTICLE_NOTEBOOK)
    article_id = load_config()[other].article_id
    registry = (ws.root / "data" / "claims.csv").read_text(encoding="utf-8")
    claim = next(line for line in registry.splitlines() if line.split(",")[1] == article_id)
    claim_id = claim.split(",")[0]
    head = f"{claim_id},{article_id}," + '"' * claim.startswith(f"{claim_id},{article_id},\"")
    guard = [ws.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_pages.py",
             "-k", GUARD, "--pages-changed-since", BEFORE, "--junitxml", "build/nested.xml"]
    try:
        ws.edit("data/claims.csv", claim, claim.replace(head, head + "Edited: ", 1))
        result = ws.run(*guard)
        assert result.returncode != 0
        assert other in guarded(ws)
        failed = failures(result.stdout)
        # the page, and the ledger, which lists every claim as the registry has it
        assert {name for name in failed if name.startswith(GUARD)} == {
            f"{GUARD}[{other}.ipynb]", f"{GUARD}[ledger.ipynb]"}
        assert f"reports/{other}.ipynb, cell " in result.stdout and claim_id in result.stdout
    finally:
        (ws.root / "data" / "claims.csv").write_text(registry, encoding="utf-8")
    result = ws.run(*guard)
    assert result.returncode == 0, result.stdout[-3000:]
    assert other not in guarded(ws)


def test_nbval_fails_on_a_changed_figure_or_verdict_until_the_report_is_rebuilt(ws):
    ws.edit("data/sources/zz-new/data.csv", ROW, ROW.replace("25.6", "25.7"))
    assert ws.make("data").returncode == 0
    # nbval on the page, and the page guard on the pages the addition reaches, as the nested
    # run chooses them (one run): the changed figure fails both on the page
    result = ws.nbval(REPORT, "tests/test_pages.py", "-k", f"{REPORT.split('/')[1]} or {GUARD}",
                      "--pages-changed-since", BEFORE)
    assert result.returncode != 0
    sections = failures(result.stdout)  # by name: pytest lists them in the order they ran
    nbval = "".join(text for name, text in sections.items() if name.startswith(REPORT))
    guard = "".join(text for name, text in sections.items() if name.startswith("test_every_"))
    # pytest's diff: + the published line, - the re-executed one (it may cut the id's start)
    published = "new-1: reproduced; claimed 25.6, recomputed 25.6 (billion USD)"
    assert published in nbval
    assert "new-1: contradicted; claimed 25.6, recomputed 25.7 (billion USD)" in nbval
    assert f"{REPORT}, cell " in guard  # the page and its cell, then the figure
    assert "-zz-new-1: reproduced; claimed 25.6, recomputed 25.6" in guard
    assert "+zz-new-1: contradicted; claimed 25.6, recomputed 25.7" in guard
    assert f"FAILED {REPORT}::Cell " in result.stdout and "FAILED tests/test_pages.py::" in (
        result.stdout)

    assert ws.make(REPORT.replace(".ipynb", ".html")).returncode == 0
    # narrow the band "about" allows from 2% to 1%: about 26.2 against 25.7 (+1.95%) turns
    # from approximate to contradicted
    ws.edit("lib/tradeclaims/claims/engine.py", 'DEFAULT_BANDS = {"about": 2.0,',
            'DEFAULT_BANDS = {"about": 1.0,')
    result = ws.nbval(REPORT)
    assert result.returncode != 0
    assert "new-2: approximate; claimed about 26.2" in result.stdout
    assert "new-2: contradicted; claimed about 26.2" in result.stdout
    assert published not in result.stdout  # the rebuilt report has the new figure
