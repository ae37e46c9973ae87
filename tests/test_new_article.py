"""Proof that the suite does not depend on the registry's contents: a copy of the repository
gets a new article, a new release and claims of several kinds in the documented format, its
ledger, index and dataset are rebuilt, and the copy's own tests pass on it."""

import pytest

from registry import META, SOURCE_HEADER
from tradeclaims.workspace import Workspace

pytestmark = pytest.mark.repository_copy
SERIES = "reporter=VNM partner=KOR flow=export period=2025 unit=USD source_id=zz-new"


def test_a_new_article_breaks_no_test(tmp_path):
    ws = Workspace(tmp_path / "repo")
    folder = ws.root / "data" / "sources" / "zz-new"
    folder.mkdir()
    (folder / "source.yaml").write_text(META, encoding="utf-8")
    (folder / "data.csv").write_text(SOURCE_HEADER + "".join(row + "\n" for row in [
        "VNM,KOR,export,TOTAL,2025,value,,25.6,tỷ USD,",
        "VNM,KOR,export,TOTAL,2025,growth_published,USD,4.1,%,",
        "VNM,WLD,export,TOTAL,2025,value,,475.04,tỷ USD,"]), encoding="utf-8")
    with (ws.root / "data" / "articles.csv").open("a", encoding="utf-8") as f:
        f.write('zz-new,Test Outlet,"Exports to Korea, a test",2026-02-01,a test,\n')
    with (ws.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write(f"zz-new-1,zz-new,exports to Korea reached $25.6 billion,25.6,USD,billion,,"
                f"level,{SERIES},,,,\n"
                f"zz-new-2,zz-new,up 4.1%,4.1,percent,,,growth,{SERIES},,,,\n"
                f"zz-new-3,zz-new,about 5% of exports,5,percent,,about,share,{SERIES},"
                f"partner=WLD,,,\n"
                f"zz-new-4,zz-new,a forecast of 30 billion,30,USD,billion,,not_checkable,,,,,"
                f"a forecast\n")
    for command in (["make", "data"], ["make", "reports/ledger.html", "reports/verdicts.csv"],
                    [ws.python, "-m", "tradeclaims", "index"]):
        result = ws.run(*command)
        assert result.returncode == 0, result.stderr
    # the tests that read the real registry, dataset and reports; the others build their own
    readers = ["tests/test_claims.py", "tests/test_dataset.py", "tests/test_reports.py"]
    result = ws.run(ws.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
                    "not repository_copy", *readers)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "zz-new-3" in (ws.root / "reports" / "index.html").read_text(encoding="utf-8")
