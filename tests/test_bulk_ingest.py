"""The bulk ingest (issue 14): the two fixture sources in tests/fixtures/bulk (synthetic, made up
for these tests) become the tidy Parquet store; bad input names the file, line and column and
keeps the last good store; an unchanged input is not ingested again.

Expected figures, summed by hand from the fixture files:
- comtrade-fixture, CHN exports of HS:851713 to USA, 2025-01..03: 2,500,000 + 2,250,000 +
  2,750,000.5 = 7,500,000.5 USD; to VNM, chapter 85, same months: 600,000 + 700,000 + 640,000 =
  1,940,000; to the world, HS:TOTAL: 300,000,000 + 280,000,000 + 310,000,000 = 890,000,000.
  VNM imports of HS:854231 from CHN, 2026-01: 9,000,000 USD, 30 kg. Rows: 17 + 7, of which
  2 RX and 1 RM are skipped: 21 ingested.
- china-customs-fixture (CHN exports, CNY): JPN, HS:85171300, 2025-01..02: 3,456,789 +
  3,500,000 = 6,956,789; KOR, all codes: 2,100,000 + 1,980,000 + 6,000,000 = 10,080,000;
  chapter 84: 1,350,000.5 + 6,000,000 = 7,350,000.5. 6 rows.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeclaims import paths
from tradeclaims.__main__ import main
from tradeclaims.bulk import formats
from tradeclaims.bulk.ingest import ingest
from tradeclaims.bulk.staging import number_sql
from tradeclaims.errors import InputError
from workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "bulk"
COMTRADE = "comtrade-fixture"
CHINA = "china-customs-fixture"
CHN_FILE = "chn-2025q1.csv"
GAC_FILE = "2025-01-02-export-rmb.csv"


@pytest.fixture
def bulk(tmp_path) -> Path:
    """A copy of the fixture sources, to edit."""
    return Path(shutil.copytree(FIXTURES, tmp_path / "bulk"))


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "build" / "bulk" / "store"


def _rows(store: Path, where: str = "true") -> list[tuple]:
    return duckdb.sql(
        f"SELECT * FROM read_parquet('{store}/*/*/*.parquet', hive_partitioning = true, "
        f"hive_types = {{'reporter': VARCHAR, 'year': INTEGER}}) WHERE {where}").fetchall()


def _sum(store: Path, where: str) -> float:
    return duckdb.sql(
        f"SELECT sum(value) FROM read_parquet('{store}/*/*/*.parquet', hive_partitioning = "
        f"true) WHERE {where}").fetchall()[0][0]


def _edit(path: Path, old: str, new: str, encoding: str = "utf-8"):
    text = path.read_bytes().decode(encoding)
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


def _error(bulk: Path, store: Path) -> str:
    with pytest.raises(InputError) as caught:
        ingest(bulk, store, quiet=True)
    return str(caught.value)


def _snapshot(root: Path) -> dict:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# -- a good ingest ------------------------------------------------------------------------------

def test_the_fixtures_give_the_hand_computed_rows(bulk, store):
    result = ingest(bulk, store, quiet=True)
    assert (result.status, result.sources, result.files, result.rows, result.skipped) == \
        ("ingested", 2, 3, 27, 3)
    comtrade = f"source_id = '{COMTRADE}' AND reporter = 'CHN' AND flow = 'export'"
    assert _sum(store, f"{comtrade} AND partner = 'USA' AND product = 'HS:851713' AND "
                       "period BETWEEN '2025-01' AND '2025-03'") == 7_500_000.5
    assert _sum(store, f"{comtrade} AND partner = 'VNM' AND product LIKE 'HS:85%' AND "
                       "digits = 6 AND year = 2025") == 1_940_000
    assert _sum(store, f"{comtrade} AND partner = 'WLD' AND product = 'HS:TOTAL'") == 890_000_000
    assert _rows(store, "reporter = 'VNM' AND flow = 'import' AND product = 'HS:854231'") == [
        (COMTRADE, "CHN", "import", "HS:854231", 6, "2026-01", "USD", 9_000_000.0, 30.0, "kg",
         "VNM", 2026)]
    assert _rows(store, "product = 'HS:TOTAL' AND period = '2025-01'") == [
        (COMTRADE, "WLD", "export", "HS:TOTAL", 0, "2025-01", "USD", 300_000_000.0, None, None,
         "CHN", 2025)]
    gac = f"source_id = '{CHINA}' AND reporter = 'CHN' AND flow = 'export' AND unit = 'CNY'"
    assert _sum(store, f"{gac} AND partner = 'JPN' AND product = 'HS:85171300'") == 6_956_789
    assert _sum(store, f"{gac} AND partner = 'KOR'") == 10_080_000
    assert _sum(store, f"{gac} AND product LIKE 'HS:84%' AND digits = 8") == 7_350_000.5
    assert _rows(store, "partner = 'JPN' AND product = 'HS:85171300' AND period = '2025-01'") \
        == [(CHINA, "JPN", "export", "HS:85171300", 8, "2025-01", "CNY", 3_456_789.0, 1200.0,
             "台", "CHN", 2025)]


def test_the_store_is_partitioned_by_reporter_and_year(bulk, store):
    ingest(bulk, store, quiet=True)
    assert store.is_symlink() and store.resolve().parent == store.parent
    partitions = sorted(str(p.parent.relative_to(store)) for p in store.rglob("*.parquet"))
    assert sorted(set(partitions)) == ["reporter=CHN/year=2025", "reporter=VNM/year=2026"]
    schema = pq.read_schema(next(store.rglob("*.parquet")))
    assert dict(zip(schema.names, map(str, schema.types), strict=True)) == {
        "source_id": "string", "partner": "string", "flow": "string", "product": "string",
        "digits": "int32", "period": "string", "unit": "string", "value": "double",
        "quantity": "double", "quantity_unit": "string"}


def test_sources_json_records_provenance_hashes_and_counts(bulk, store):
    ingest(bulk, store, quiet=True)
    recorded = json.loads((store / "sources.json").read_text("utf-8"))
    assert sorted(recorded) == [CHINA, COMTRADE]
    assert recorded[CHINA]["source"]["licence"] == "test fixture"
    assert recorded[CHINA]["source"]["reporter"] == "CHN"
    assert recorded[COMTRADE]["source"]["query"]["freqCode"] == "M"
    files = {f["name"]: f for entry in recorded.values() for f in entry["files"]}
    assert {name: (f["rows"], f["skipped"], f["encoding"]) for name, f in files.items()} == {
        CHN_FILE: (15, 2, "utf-8"), "vnm-2026-01.csv": (6, 1, "utf-8"),
        GAC_FILE: (6, 0, "gb18030")}
    for source in (COMTRADE, CHINA):
        for f in recorded[source]["files"]:
            digest = hashlib.sha256((bulk / source / f["name"]).read_bytes()).hexdigest()
            assert f["sha256"] == f"sha256:{digest}"


def test_re_exports_and_re_imports_are_skipped(bulk, store):
    ingest(bulk, store, quiet=True)
    assert {row[2] for row in _rows(store)} == {"export", "import"}
    assert _rows(store, "value IN (20000, 9000, 21000)") == []  # the RX and RM rows


def test_the_china_customs_file_is_gb18030_and_utf8_gives_the_same_rows(bulk, store, tmp_path):
    raw = (bulk / CHINA / GAC_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    ingest(bulk, store, quiet=True)
    before = sorted(_rows(store, f"source_id = '{CHINA}'"))
    (bulk / CHINA / GAC_FILE).write_bytes(raw.decode("gb18030").encode("utf-8"))
    ingest(bulk, store, quiet=True)
    assert sorted(_rows(store, f"source_id = '{CHINA}'")) == before


def test_a_web_download_gives_the_same_rows(bulk, store):
    """What a Comtrade Plus web download has: Windows-1252, CRLF, every field quoted, a comma
    ending each row (not the header), codes padded with a space."""
    ingest(bulk, store, quiet=True)
    before = sorted(_rows(store, f"source_id = '{COMTRADE}'"))
    path = bulk / COMTRADE / CHN_FILE
    lines = path.read_text("utf-8").splitlines()
    quoted = ['","'.join(line.split(",")) for line in lines[1:]]
    text = "\r\n".join([lines[0], *(f'"{q}",' for q in quoted)]) + "\r\n"
    path.write_bytes(text.replace('"USA"', '"USA "').encode("windows-1252"))
    ingest(bulk, store, quiet=True)
    assert sorted(_rows(store, f"source_id = '{COMTRADE}'")) == before
    assert json.loads((store / "sources.json").read_text("utf-8"))[COMTRADE]["files"][0][
        "encoding"] == "utf-8"  # ASCII is UTF-8: the first encoding that reads it
    path.write_bytes(text.replace('"China"', '"Côte"').encode("windows-1252"))
    ingest(bulk, store, quiet=True)
    assert json.loads((store / "sources.json").read_text("utf-8"))[COMTRADE]["files"][0][
        "encoding"] == "windows-1252"


def test_a_value_after_the_trailing_comma_is_an_error(bulk, store):
    path = bulk / COMTRADE / CHN_FILE
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(f"{line}," for line in lines[1:4]),
                               f"{lines[4]},x"]) + "\n", "utf-8")
    assert f"{CHN_FILE}, row 5, field '(after the last column)': a value where rows end " \
        "with an empty field" in _error(bulk, store)


@pytest.mark.parametrize("source, name, bad, last", [
    (COMTRADE, CHN_FILE, b"\x81", "windows-1252"), (CHINA, GAC_FILE, b"\xff", "gb18030")])
def test_a_file_no_encoding_reads_names_its_line_and_column(bulk, store, source, name, bad,
                                                           last):
    path = bulk / source / name
    lines = path.read_bytes().split(b"\n")
    cells = lines[4].split(b",")
    cells[2] = bad + cells[2]
    lines[4] = b",".join(cells)
    path.write_bytes(b"\n".join(lines))
    at = len(b"\n".join(lines[:4])) + 1 + len(cells[0]) + len(cells[1]) + 2
    config = "comtrade" if source == COMTRADE else "china-customs"
    field = lines[0].decode("gb18030").split(",")[2]
    message = _error(bulk, store)
    assert f"{name}, row 5, field '{field}': not text in any encoding of data/bulk/formats/" \
        f"{config}.yaml: utf-8 (byte 0x" in message
    assert f"{last} (byte 0x{bad.hex()} at offset {at})" in message


def test_a_character_cut_at_the_end_of_the_file_names_its_offset(bulk, store):
    path = bulk / CHINA / GAC_FILE
    raw = path.read_bytes() + b"\x81"  # the first byte of a GB18030 pair, and no second
    path.write_bytes(raw)
    message = _error(bulk, store)
    assert f"gb18030 (byte 0x81 at offset {len(raw) - 1})" in message
    lines = raw.count(b"\n") + 1
    assert f"{GAC_FILE}, row {lines}" in message


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([(COMTRADE, CHN_FILE), (CHINA, GAC_FILE)]), st.integers(0, 10**6),
       st.binary(min_size=1, max_size=8))
def test_arbitrary_bytes_give_a_clear_error_or_an_ingest(tmp_path_factory, source, at, noise):
    """Bytes of any kind, anywhere in a UTF-8 (Comtrade) or a GB18030 (China Customs) file:
    an InputError naming the file, or a good ingest; never another exception."""
    bulk = Path(shutil.copytree(FIXTURES, tmp_path_factory.mktemp("noise") / "bulk"))
    path = bulk / source[0] / source[1]
    raw = path.read_bytes()
    at = at % (len(raw) + 1)
    path.write_bytes(raw[:at] + noise + raw[at:])
    try:
        ingest(bulk, bulk.parent / "store", quiet=True)
    except InputError as exc:
        assert source[1] in str(exc) or "source.yaml" in str(exc)


# -- bad input ----------------------------------------------------------------------------------

def test_a_renamed_column_names_the_file_and_the_config_to_edit(bulk, store):
    _edit(bulk / COMTRADE / CHN_FILE, ",primaryValue\n", ",primaryValueUSD\n")
    message = _error(bulk, store)
    assert f"{CHN_FILE}, row 1, field 'primaryValue': missing value column" in message
    assert "data/bulk/formats/comtrade.yaml" in message
    assert "reporterISO, partnerISO, flowCode, cmdCode, period, qty, qtyUnitAbbr, " \
        "primaryValue" in message


def test_a_bad_number_names_its_line_and_column(bulk, store):
    _edit(bulk / COMTRADE / CHN_FILE, ",2250000\n", ",2250000x\n")  # line 10
    assert f"{CHN_FILE}, row 10, field 'primaryValue': '2250000x' is not a number" \
        in _error(bulk, store)


def test_lines_are_counted_across_a_quoted_line_break(bulk, store):
    # record 5 of the GAC file is on line 7: record 2 spans lines 3 and 4
    _edit(bulk / CHINA / GAC_FILE, '"1,980,000"', '"1,98,0000"', "gb18030")
    assert f"{GAC_FILE}, row 7, field '人民币': '1,98,0000' is not a number (thousands " \
        "separator ',' only between groups of three digits)" in _error(bulk, store)


def test_a_row_with_an_extra_field_names_its_line(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, '"1,980,000",', '"1,980,000",,x', "gb18030")  # record 5
    assert f"{GAC_FILE}, row 7: not valid CSV: 12 fields where the header has 11" \
        in _error(bulk, store)


def test_blank_lines_are_skipped_but_counted(bulk, store):
    path = bulk / COMTRADE / CHN_FILE
    path.write_text(path.read_text("utf-8").replace("\n", "\n\n", 3), "utf-8")
    assert ingest(bulk, store, quiet=True).rows == 27
    _edit(path, ",2750000.5\n", ",2750000.5x\n")  # line 14, three blank lines above
    assert f"{CHN_FILE}, row 17, field 'primaryValue'" in _error(bulk, store)


def test_an_unknown_china_customs_partner_is_refused_by_name(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, ",133,韩国,", ",888,火星,", "gb18030")
    assert f"{GAC_FILE}, row 3, field '贸易伙伴编码': partner code '888' named '火星': no " \
        "territory of that name in CLDR (zh) nor an area: add the CLDR name under " \
        "fields.partner.aliases in data/bulk/formats/china-customs.yaml, or the area to " \
        "data/vocabulary.yaml, with its evidence" in _error(bulk, store)


def test_an_area_code_must_carry_its_name(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, ",133,韩国,", ",701,韩国,", "gb18030")
    assert "field '贸易伙伴编码': partner code '701' is named '韩国', but the area GAC701 of " \
        "data/vocabulary.yaml is '国(地)别不详'" in _error(bulk, store)
    _edit(bulk / CHINA / GAC_FILE, ",701,韩国,", ",701,国(地)别不详,", "gb18030")
    ingest(bulk, store, quiet=True)
    assert _sum(store, f"source_id = '{CHINA}' AND partner = 'GAC701'") == 2_100_000


def test_one_code_under_two_names_is_an_error(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, ",133,韩国,", ",116,韩国,", "gb18030")
    assert "field '贸易伙伴名称': 贸易伙伴编码 '116' is JPN, but named '韩国' here it is KOR" \
        in _error(bulk, store)


@pytest.mark.parametrize("old, new, line, field, message", [
    (",CHN,China,X,USA,", ",China,China,X,USA,", 2, "reporterISO", "'China' is not a reporter"),
    (",202502,CHN,", ",2025-02,CHN,", 10, "period", "'2025-02' is not a period of the form "
                                                  "YYYYMM or YYYY"),
    (",H6,847130,", ",H6,84713,", 3, "cmdCode", "'84713' is not an HS code of 2, 4, 6 digits "
                                                "or TOTAL (a leading zero lost?"),
    (",China,X,VNM,", ",China,XX,VNM,", 4, "flowCode", "unknown flow code 'XX' (ingested: X, M;"),
    (",H6,851713,C00,0,u,1000,", ",H6,851713,C01,0,u,1000,", 2, "customsCode",
     "a breakdown row (customsCode 'C01') with no total row beside it"),
    (",u,1000,2500000\n", ",u,1000,\n", 2, "primaryValue", "empty: a value is required"),
    (",u,400,", ",u,4OO,", 3, "qty", "'4OO' is not a number"),
])
def test_bad_comtrade_values(bulk, store, old, new, line, field, message):
    _edit(bulk / COMTRADE / CHN_FILE, old, new)
    assert f"{CHN_FILE}, row {line}, field '{field}': {message}" in _error(bulk, store)


def test_bad_rows_deep_in_a_large_file_are_named_by_their_own_lines(bulk, store):
    # 300,000 rows (21 MB): DuckDB checks them in parallel, in no order; the rows to name are
    # then found in file order
    path = bulk / COMTRADE / CHN_FILE
    header, row = path.read_text("utf-8").splitlines()[:2]
    rows = [row] * 300_000
    rows[150_000 - 2] = rows[290_000 - 2] = row.replace(",2500000", ",x1")
    rows[200_000 - 2] = row.replace(",X,USA,", ",XX,USA,")
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    lines = _error(bulk, store).splitlines()
    assert len(lines) == 2
    assert f"{CHN_FILE}, row 150000, field 'primaryValue': 'x1' is not a number (and 1 more " \
        "rows like it)" in lines[0]
    assert f"{CHN_FILE}, row 200000, field 'flowCode': unknown flow code 'XX'" in lines[1]


def test_several_problems_are_reported_at_once(bulk, store):
    _edit(bulk / COMTRADE / CHN_FILE, ",2250000\n", ",-5\n")
    path = bulk / COMTRADE / CHN_FILE  # five rows of 2025-03, one of them RX: all checked
    path.write_text(path.read_text("utf-8").replace(",202503,CHN,", ",202513,CHN,"), "utf-8")
    lines = _error(bulk, store).splitlines()
    assert [line.split(": ")[0].split("/")[-1] for line in lines] == [
        f"{CHN_FILE}, row 10, field 'primaryValue'", f"{CHN_FILE}, row 14, field 'period'"]
    assert "(and 4 more rows like it)" in lines[1]


def test_a_row_given_twice_is_an_error(bulk, store):
    path = bulk / COMTRADE / "vnm-2026-01.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n"
                    "M,2025,1,202501,CHN,China,X,USA,USA,H6,851713,C00,0,u,1000,2500000\n",
                    "utf-8")
    message = _error(bulk, store)
    assert "2 rows for reporter=CHN, partner=USA, flow=export, product=HS:851713, " \
        f"period=2025-01 (in {CHN_FILE}, vnm-2026-01.csv)" in message


def test_a_trade_mode_breakdown_is_refused(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, "第一数量,", "贸易方式编码,第一数量,", "gb18030")
    assert f"{GAC_FILE}, row 1, field '贸易方式编码': a breakdown column" in _error(bulk, store)


@pytest.mark.parametrize("old, new, field, message", [
    ("format: comtrade\n", "format: comtrade-plus\n", "format", "'comtrade-plus' is not a "
                                                               "bulk format"),
    ("query:\n", "queries:\n", "query", "required: the query parameters"),
    ("date_accessed: 2026-11-23", "date_accessed: 2026-13-23", "date_accessed",
     "'2026-13-23' is not a real date"),
    ("licence: test fixture\n", "", "licence", "required provenance field is missing or empty"),
])
def test_bad_provenance_names_source_yaml(bulk, store, old, new, field, message):
    _edit(bulk / COMTRADE / "source.yaml", old, new)
    text = _error(bulk, store)
    assert f"{COMTRADE}/source.yaml" in text and f"field '{field}': {message}" in text


def test_a_china_customs_source_needs_its_flow(bulk, store):
    _edit(bulk / CHINA / "source.yaml", "flow: export\n", "flow: exports\n")
    assert "field 'flow': 'exports' is not export or import" in _error(bulk, store)


def test_a_bad_format_config_names_its_line(bulk, store, tmp_path):
    configs = Path(shutil.copytree(paths.BULK_FORMATS, tmp_path / "formats"))
    _edit(configs / "comtrade.yaml", "  cmdCode: product\n", "  cmdCode: commodity\n")
    with pytest.raises(InputError) as caught:
        ingest(bulk, store, configs, quiet=True)
    assert "comtrade.yaml, row 23, field 'columns.cmdCode': 'commodity' is not a tidy field" \
        in str(caught.value)


# -- the store is swapped atomically ------------------------------------------------------------

def test_a_failed_ingest_keeps_the_last_good_store(bulk, store):
    ingest(bulk, store, quiet=True)
    target, before = os.readlink(store), _snapshot(store.resolve())
    (bulk / COMTRADE / "extra.csv").write_text("freqCode,period\nM,202501\n", "utf-8")
    _error(bulk, store)
    _edit(bulk / COMTRADE / CHN_FILE, ",2250000\n", ",oops\n")  # fails after staging
    (bulk / COMTRADE / "extra.csv").unlink()
    _error(bulk, store)
    assert os.readlink(store) == target
    assert _snapshot(store.resolve()) == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["store", target]


def test_an_unchanged_input_is_skipped_and_a_change_replaces_the_store(bulk, store):
    ingest(bulk, store, quiet=True)
    target = os.readlink(store)
    stamp = (store / "sources.json").stat().st_mtime_ns
    again = ingest(bulk, store, quiet=True)
    assert (again.status, again.rows, again.skipped) == ("unchanged", 27, 3)
    assert os.readlink(store) == target and (store / "sources.json").stat().st_mtime_ns == stamp
    _edit(bulk / COMTRADE / CHN_FILE, ",2250000\n", ",2250001\n")
    assert ingest(bulk, store, quiet=True).status == "ingested"
    assert os.readlink(store) != target
    assert sorted(p.name for p in store.parent.iterdir()) == ["store", os.readlink(store)]
    assert _sum(store, "period = '2025-02' AND partner = 'USA'") == 2_250_001


def test_no_bulk_folder_or_an_empty_one_does_nothing(tmp_path, bulk, store):
    assert ingest(tmp_path / "missing", store, quiet=True).status == "empty"
    assert not store.parent.exists()
    ingest(bulk, store, quiet=True)
    before = _snapshot(store.resolve())
    (tmp_path / "empty").mkdir()
    assert ingest(tmp_path / "empty", store, quiet=True).status == "empty"
    assert _snapshot(store.resolve()) == before


# -- the command line ---------------------------------------------------------------------------

def test_the_command_reports_what_it_did(bulk, store, capsys):
    assert main(["ingest", "--bulk", str(bulk), "--store", str(store), "--quiet"]) == 0
    assert "27 rows from 3 files of 2 sources (3 rows skipped by rule)" in capsys.readouterr().out
    assert main(["ingest", "--bulk", str(bulk), "--store", str(store)]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_the_command_exits_2_without_a_traceback(bulk, store):
    _edit(bulk / CHINA / GAC_FILE, ",133,韩国,", ",888,火星,", "gb18030")
    run = subprocess.run([sys.executable, "-m", "tradeclaims", "ingest", "--bulk", str(bulk),
                          "--store", str(store)], capture_output=True, text=True,
                         cwd=paths.ROOT)
    assert run.returncode == 2
    assert run.stderr.startswith("error: ") and "partner code '888' named '火星'" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


# -- numbers ------------------------------------------------------------------------------------

def _parse(texts: list[str], fmt) -> list:
    values = ", ".join("(" + ("NULL" if t is None else "'" + t + "'") + ")" for t in texts)
    return [row[0] for row in duckdb.sql(
        f"SELECT {number_sql('t', fmt)} FROM (VALUES {values}) AS v(t)").fetchall()]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**15), st.integers(0, 99)), min_size=1,
                max_size=20))
def test_thousands_separated_numbers_parse_to_their_value(numbers):
    gac = formats.load("china-customs")
    texts = [f"{whole:,}" + (f".{cents:02d}" if cents else "") for whole, cents in numbers]
    assert _parse(texts, gac) == [float(t.replace(",", "")) for t in texts]


@pytest.mark.parametrize("text", ["1,23", "12,3456", ",123", "1,,234", "1 234", "1.234,5", ""])
def test_misplaced_thousands_separators_are_not_numbers(text):
    assert _parse([text], formats.load("china-customs")) == [None]


def test_comtrade_has_no_thousands_separator():
    assert _parse(["1,234", "1234.5", "1.5E+9"], formats.load("comtrade")) == \
        [None, 1234.5, 1.5e9]


# -- make ---------------------------------------------------------------------------------------

def test_make_data_ingests_a_bulk_source(tmp_path):
    copy = Workspace(tmp_path / "repo")
    shutil.copytree(FIXTURES / COMTRADE, copy.root / "data" / "bulk" / COMTRADE)
    built = copy.make("data")
    assert built.returncode == 0, built.stderr
    assert "tradeclaims ingest" in built.stdout
    assert _sum(copy.root / "build" / "bulk" / "store",
                "reporter = 'CHN' AND partner = 'WLD' AND product = 'HS:TOTAL'") == 890_000_000
    # up to date now: make's question mode runs nothing and answers by its status alone, so
    # neither this nor the echo above depends on the caller's MAKEFLAGS (tests/workspace.py)
    assert copy.make("-q", "build/bulk.stamp", "data/trade.csv").returncode == 0
