"""Bulk files as comtradeapicall writes them with its defaults (issue 32, item 6): numeric
reporterCode/partnerCode with the ISO and description columns empty, read as M49 (through
country_converter) and Comtrade's own codes (842 USA, 251 FRA, 699 IND, 757 CHE, 490 Other Asia
nes, the areas); breakdown rows (partner2Code, customsCode, motCode) skipped beside their
totals, refused without one. The fixture's sums are written out here by hand; the real download
in ../shared/bulk-samples, its ISO columns emptied, must give the rows it gives as downloaded."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tradeclaims import paths
from tradeclaims.__main__ import main
from tradeclaims.bulk.ingest import ingest
from tradeclaims.errors import InputError

FIXTURE = Path(__file__).parent / "fixtures" / "bulk-api"
SOURCE = "comtrade-api-fixture"
FILE = "chn-2025-01.csv"
SAMPLE = paths.ROOT.parent / "shared" / "bulk-samples" / "comtrade-2022-chn-usa-deu-totals"


@pytest.fixture
def bulk(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "bulk"))


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "build" / "bulk" / "store"


def _rows(store: Path) -> dict:
    return {(r, p, f): v for r, p, f, v in duckdb.sql(
        f"SELECT reporter, partner, flow, value FROM read_parquet('{store}/*/*/*.parquet', "
        "hive_partitioning = true)").fetchall()}


def _edit(path: Path, old: str, new: str):
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_numeric_codes_are_read_and_breakdowns_skipped_beside_their_totals(bulk, store):
    result = ingest(bulk, store, quiet=True)
    assert (result.rows, result.skipped, result.breakdowns) == (11, 0, 3)
    rows = _rows(store)
    exports = {p: v / 1e6 for (r, p, f), v in rows.items() if f == "export"}
    assert {r for r, _, _ in rows} == {"CHN"}
    assert exports == {"WLD": 1000, "USA": 400, "VNM": 250, "FRA": 100, "IND": 80, "CHE": 60,
                       "S19": 50, "_X": 40, "X1": 20}  # the totals, not 400 + 150 or 250 + 160
    assert sum(v for p, v in exports.items() if p != "WLD") == exports["WLD"]
    assert rows["CHN", "VNM", "import"] == 500e6


def test_the_command_says_once_what_it_skipped(bulk, store, capsys):
    assert main(["ingest", "--bulk", str(bulk), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.count("3 breakdown rows skipped beside their totals") == 1


def test_an_iso_code_beside_a_numeric_one_wins(bulk, store):
    """A file with both (a web download): the ISO column is read, as before."""
    _edit(bulk / SOURCE / FILE, ",156,,,X,,251,,,", ",156,CHN,,X,,251,FRA,,")
    ingest(bulk, store, quiet=True)
    assert _rows(store)["CHN", "FRA", "export"] == 100e6


def _error(bulk: Path, store: Path) -> str:
    with pytest.raises(InputError) as caught:
        ingest(bulk, store, quiet=True)
    assert not store.exists()  # nothing written
    return str(caught.value)


@pytest.mark.parametrize("old, new, line, field, message", [
    (",0,,,0,,,H6,HS,True,TOTAL,,0,False,C00,,0,0,,-1,N/A,0,False,-1,,0,False,0,False,0,False,,,"
     "1000000000", ",0,,,704,,,H6,HS,True,TOTAL,,0,False,C00,,0,0,,-1,N/A,0,False,-1,,0,False,0,"
     "False,0,False,,,1000000000", 2, "partner2Code",
     "a breakdown row (partner2Code '704') with no total row beside it"),
    (",156,,,X,,899,", ",156,,,X,,999,", 12, "partnerCode", "partner code '999' (from "
     "partnerCode, the ISO column empty) is not an M49 code of country_converter"),
    (",156,,,X,,0,", ",,,,X,,0,", 2, "reporterISO", "empty: a code is required"),
])
def test_bad_rows_name_file_row_and_field(bulk, store, old, new, line, field, message):
    _edit(bulk / SOURCE / FILE, old, new)
    assert f"{FILE}, row {line}, field '{field}': {message}" in _error(bulk, store)


def test_a_breakdown_is_skipped_only_beside_the_total_of_its_own_key(bulk, store):
    """The customs breakdown of exports to 704 moved to another period: no total beside it."""
    lines = (bulk / SOURCE / FILE).read_text("utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(",202501,", ",202502,")  # the C01 row
    (bulk / SOURCE / FILE).write_text("".join(lines), "utf-8")
    assert (f"{FILE}, row 6, field 'customsCode': a breakdown row (customsCode 'C01') with no "
            "total row") in _error(bulk, store)


def test_the_command_exits_2_and_writes_nothing(bulk, store):
    _edit(bulk / SOURCE / FILE, ",156,,,X,,899,", ",156,,,X,,999,")
    run = subprocess.run([sys.executable, "-m", "tradeclaims", "ingest", "--bulk", str(bulk),
                          "--store", str(store)], capture_output=True, text=True,
                         cwd=paths.ROOT)
    assert run.returncode == 2 and "field 'partnerCode'" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout and not store.exists()


# -- the real download, in comtradeapicall's shape -------------------------------------------

def _sample() -> Path:
    path = SAMPLE / "TradeData.csv"
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the real download is not at {path}")
        pytest.skip(f"the real download lives in {SAMPLE}, beside the clone")
    return path


def test_the_real_download_with_its_iso_columns_emptied_gives_the_same_rows(tmp_path):
    """comtradeapicall's defaults leave reporterISO, partnerISO and the descriptions empty:
    the numeric codes of a real download (its 241 reporters and partners) must read as its ISO
    codes do."""
    sample, meta = _sample(), (FIXTURE / SOURCE / "source.yaml").read_text("utf-8")
    stores = {}
    for shape in ("as-downloaded", "numeric"):
        folder = tmp_path / shape / "bulk" / "real"
        folder.mkdir(parents=True)
        (folder / "source.yaml").write_text(meta, "utf-8")
        with open(sample, encoding="windows-1252", newline="") as f:
            rows = list(csv.reader(f))
        if shape == "numeric":
            header = rows[0]
            blank = [header.index(c) for c in ("reporterISO", "reporterDesc", "partnerISO",
                                               "partnerDesc", "flowDesc", "cmdDesc")]
            rows = [rows[0], *([("" if i in blank else v) for i, v in enumerate(r)]
                               for r in rows[1:])]
        with open(folder / "TradeData.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
        stores[shape] = tmp_path / shape / "store"
        assert ingest(folder.parent, stores[shape], quiet=True).rows == 1352
    numeric, downloaded = (_rows(stores[s]) for s in ("numeric", "as-downloaded"))
    assert numeric == downloaded
    assert numeric["CHN", "WLD", "export"] == 3_593_601_435_602  # the samples' README
    assert numeric["CHN", "VNM", "export"] == 146_959_899_841
    assert {"USA", "FRA", "IND", "CHE", "S19", "_X"} <= {p for _, p, _ in numeric}
