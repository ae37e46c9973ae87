"""`python -m tradeclaims source`: GAC's English table pages read in every stored layout
(fragments of real pages, tests/fixtures/tables/README.md), the checks before writing, and bad
pages refused with the page, row and column named and nothing written."""

from pathlib import Path

import pandas as pd
import pytest

import cli
from tradeclaims.data.sources import FIELDS, load_source
from tradeclaims.errors import InputError
from tradeclaims.files import remove_dead_temporaries
from tradeclaims.sources import checks, draft, gac_en, page
from tradeclaims.sources.table import Column, Row, Table

TABLES = Path(__file__).parent / "fixtures" / "tables"
URL = "http://english.customs.gov.cn/Statics/37aa83a5-ec8b-458c-8488-d494b14f5c3d.html"


def table(name, **options):
    return gac_en.read(page.read(TABLES / name), **options)


def test_table_rows_with_growth_under_each_row():
    read = table("gac-en-5-2026-02-table-rows.txt")
    assert [(c.name, c.flow, c.period) for c in read.columns] == [
        ("Exports 2", "export", "2026-02"), ("Exports 1to2", "export", "2026-01/2026-02"),
        ("Imports 2", "import", "2026-02"), ("Imports 1to2", "import", "2026-01/2026-02")]
    total, ordinary = read.rows
    assert total.values == ("299,877,987", "656,577,613", "208,900,488", "442,959,547")
    assert total.growth == ("39.6", "21.8", "13.8", "19.8")
    assert ordinary.product == "REGIME:ordinary_trade"
    assert read.unit == "thousand USD" and read.cut_off  # the fragment ends in the table


def test_an_html_page_reads_as_its_text_does():
    html = gac_en.read(page.read(TABLES / "gac-en-5-2026-02-page.html"))
    text = table("gac-en-5-2026-02-table-rows.txt")
    assert [(r.label, r.values, r.growth) for r in html.rows] == [
        (r.label, r.values, r.growth) for r in text.rows]
    assert page.read(TABLES / "gac-en-5-2026-02-page.html").url == URL  # "saved from url="
    assert not html.cut_off  # its notes follow the table


def test_plain_text_rows_and_a_unit_line_the_copy_lacks():
    with pytest.raises(InputError, match="no unit line") as exc:
        table("gac-en-5-2023-10-plain-rows.txt")
    assert exc.value.field == "unit"
    read = table("gac-en-5-2023-10-plain-rows.txt", unit="thousand USD")
    assert read.rows[0].values == ("274,827,040", "2,791,997,638", "218,298,927", "2,107,958,357")
    assert read.columns[1].period == "2023-01/2023-10"
    assert any("--unit" in note for note in read.notes)  # the notes say where the unit came from


def test_months_printed_with_spaces_and_a_spaced_unit_line():
    read = table("gac-en-5-2019-10-spaced-months.txt")
    assert [c.name for c in read.columns] == ["Exports 10", "Exports 1to10", "Imports 10",
                                              "Imports 1to10"]
    assert read.unit == "thousand USD" and read.rows[1].growth == ("4.0", "3.2", "-2.5", "-4.2")


def test_january_and_its_cumulative_are_one_observation():
    read = table("gac-en-5-2023-01-january.txt", unit="thousand USD")
    rows = draft.observations(read, "page")
    assert {row["period"] for row in rows} == {"2023-01"}
    assert len(rows) == 2 * 2 * 2  # two rows, two flows, a level and a rate each


def test_january_columns_that_differ_are_refused(tmp_path):
    text = (TABLES / "gac-en-5-2023-01-january.txt").read_text(encoding="utf-8")
    changed = tmp_path / "p.txt"
    changed.write_text(text.replace("292,275,545  192,211,279", "292,275,546  192,211,279"),
                       encoding="utf-8")
    with pytest.raises(InputError, match="another column for the same period") as exc:
        draft.observations(gac_en.read(page.read(changed), unit="thousand USD"), changed)
    assert (exc.value.row, exc.value.field) == (5, "Exports 1to1")


def test_by_type_of_enterprise_for_the_year():
    read = table("gac-en-7-2024-12-year-no-unit.txt", unit="thousand USD")
    assert {c.period for c in read.columns} == {"2024"}  # 1-12.2024 is the year
    assert [c.product for c in read.columns] == [
        "TOTAL", "OWNERSHIP:state_owned", "OWNERSHIP:fdi", "OWNERSHIP:private", "OWNERSHIP:other"]
    rows = draft.observations(read, "page")
    # the TOTAL row by type of enterprise, the Total column by customs regime; no cross cells
    assert len(rows) == 5 * 2 + 2
    assert {row["flow"] for row in rows} == {"import"}


def test_the_posting_date_a_page_prints(tmp_path):
    lines = (TABLES / "gac-en-7-2026-05-dated-short-row.txt").read_text(
        encoding="utf-8").splitlines()
    short = tmp_path / "p.txt"
    short.write_text("\n".join(lines[:14]) + "\n", encoding="utf-8")
    read = gac_en.read(page.read(short))
    assert read.date_published == "2026-06-22"
    assert read.columns[0].period == "2026-01/2026-05"


def test_a_row_with_a_cell_missing_names_the_row_and_column():
    with pytest.raises(InputError, match="'Other Donation': 4 figures for 5 columns") as exc:
        table("gac-en-7-2026-05-dated-short-row.txt")
    assert (exc.value.row, exc.value.field) == (17, "Other")


# -- the command: a draft folder, or nothing ----------------------------------------------------

def source(capsys, tmp_path, name, *options, root=None):
    root = root or tmp_path / "sources"
    root.mkdir(exist_ok=True)
    page_path = name if isinstance(name, Path) else TABLES / name
    return cli.run(capsys, "source", page_path, "--id", "gac-test", "--root", root,
                   "--url", URL, "--accessed", "2026-12-07", *options), root


def test_a_draft_the_dataset_accepts(capsys, tmp_path):
    result, root = source(capsys, tmp_path, "gac-en-5-2026-02-table-rows.txt", "--partial",
                          "--note", "Read in a stored copy.")
    assert result.returncode == 0, result.stderr
    meta, tables = load_source(root / "gac-test")
    assert all(getattr(meta, field) for field in FIELDS)
    assert meta.excerpt.splitlines()[0] == "TOTAL 299,877,987 656,577,613 208,900,488 442,959,547"
    assert meta.date_published == "unknown" and "Read in a stored copy." in meta.notes
    assert "ends after row 'Ordinary Trade'" in meta.notes
    (_, frame), = tables
    exports = frame[(frame.flow == "export") & (frame["product"] == "TOTAL")
                    & (frame.measure == "value")]
    assert sorted(exports.value) == [299877987000.0, 656577613000.0]


BAD_PAGES = [  # (fixture, options, what the message says, row, column)
    ("gac-en-5-2026-02-table-rows.txt", (), "the table is cut off", 8, "rows"),
    ("gac-en-5-2023-10-plain-rows.txt", ("--partial",), "no unit line", 1, "unit"),
    ("gac-en-7-2026-05-dated-short-row.txt", (), "4 figures for 5 columns", 17, "Other"),
    ("gac-en-5-2026-02-page.html", (), "add up to 196,882,017, not the printed 299,877,987", 9,
     "Exports 2"),
]


@pytest.mark.parametrize("name, options, message, row, column", BAD_PAGES)
def test_bad_pages_name_the_row_and_column_and_write_nothing(capsys, tmp_path, name, options,
                                                              message, row, column):
    result, root = source(capsys, tmp_path, name, *options)
    assert result.returncode == 2
    assert message in result.stderr and f"row {row}, field '{column}'" in result.stderr
    assert name in result.stderr and "Traceback" not in result.stderr
    assert list(root.iterdir()) == []


@pytest.mark.parametrize("old, new, message, column", [
    ("2 | 1to2 | 2 | 1to2", "2 | 1to2 | 2 | 1to3", "column '1to3' is neither", "Imports 1to3"),
    ("| Ordinary Trade |", "| Barter Trade |", "'Barter Trade' is not a customs regime",
     "label"),
    ("(5)Imports and Exports by Customs Regime", "(6)Imports and Exports by Customs District",
     "is not one this reader knows", "title"),
])
def test_unknown_columns_rows_and_tables(capsys, tmp_path, old, new, message, column):
    text = (TABLES / "gac-en-5-2026-02-table-rows.txt").read_text(encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    result, root = source(capsys, tmp_path, changed, "--partial")
    assert result.returncode == 2 and message in result.stderr
    assert f"field '{column}'" in result.stderr and list(root.iterdir()) == []


def test_a_page_of_another_kind(capsys, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("China's exports rose 21.8% in January-February, customs data showed.\n",
                       encoding="utf-8")
    result, root = source(capsys, tmp_path, article)
    assert result.returncode == 2 and "not a publisher's table" in result.stderr
    assert list(root.iterdir()) == []


def test_an_existing_folder_is_never_replaced(capsys, tmp_path):
    root = tmp_path / "sources"
    (root / "gac-test").mkdir(parents=True)
    (root / "gac-test" / "source.yaml").write_text("kept\n", encoding="utf-8")
    result, _ = source(capsys, tmp_path, "gac-en-5-2026-02-table-rows.txt", "--partial",
                       root=root)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert [p.name for p in root.iterdir()] == ["gac-test"]
    assert (root / "gac-test" / "source.yaml").read_text(encoding="utf-8") == "kept\n"


def test_a_draft_make_data_would_refuse_leaves_nothing(tmp_path):
    read = table("gac-en-5-2026-02-table-rows.txt")
    given = draft.Provenance(url=URL, date_accessed="2999-01-01", page_name="p.txt")
    with pytest.raises(InputError, match="would not pass make data"):
        draft.write(tmp_path / "x", draft.provenance(read, given, 1),
                    draft.observations(read, "p"))
    assert list(tmp_path.iterdir()) == []


def test_a_dead_writers_draft_folder_is_removed(tmp_path):
    dead = tmp_path / ".x.999999999.tmp"
    dead.mkdir()
    (dead / "data.csv").write_text("", encoding="utf-8")
    assert remove_dead_temporaries(tmp_path) == [dead] and not dead.exists()


# -- the checks ---------------------------------------------------------------------------------

def partition(total: str, *parts: str) -> Table:
    column = Column("Exports 2", "export", "2026-02", "TOTAL")
    rows = [Row(1, "TOTAL", "TOTAL", (total,), ())]
    rows += [Row(i + 2, f"part {i}", f"REGIME:p{i}", (p,), ()) for i, p in enumerate(parts)]
    return Table("GAC", "site", "t", "thousand USD", [column], rows, partitions=["rows"])


def test_parts_add_up_within_the_rounding_of_each_figure():
    checks.partitions(partition("100", "60", "41"), "p")  # off by 1: three figures allow 1.5
    checks.partitions(partition("100", "60", "39", "-"), "p")  # "-" is no figure
    with pytest.raises(InputError, match="off by 2") as exc:
        checks.partitions(partition("100", "60", "42"), "p")
    assert (exc.value.row, exc.value.field) == (1, "Exports 2")


def test_a_total_of_none_with_parts_is_refused():
    with pytest.raises(InputError, match="where the total is '-'"):
        checks.partitions(partition("-", "1"), "p")


def known(value: float, period="2025-02") -> pd.DataFrame:
    return pd.DataFrame([dict(reporter="CHN", partner="WLD", flow="export", product="TOTAL",
                              period=period, measure="value", unit="USD", value=value)])


def growth_table(level: str, rate: str) -> Table:
    column = Column("Exports 2", "export", "2026-02", "TOTAL")
    return Table("GAC", "site", "t", "thousand USD", [column],
                 [Row(1, "TOTAL", "TOTAL", (level,), (rate,), 2)])


def test_a_printed_rate_is_warned_of_only_beyond_the_tolerance():
    # 1,100 thousand against 1,000,000 USD a year earlier: 10.0% from the levels; the rate's own
    # rounding (0.05) and the level's (0.05 pp) widen the tolerance of 0.5 pp to 0.6 pp
    assert checks.warnings(growth_table("1,100", "10.5"), known(1e6)) == []
    assert checks.warnings(growth_table("1,100", "10.6"), known(1e6)) == []
    warned = checks.warnings(growth_table("1,100", "10.7"), known(1e6))
    assert len(warned) == 1 and "printed growth 10.7% but the levels give 10.0%" in warned[0]
    assert checks.warnings(growth_table("1,100", "10.7"), None) == []  # no dataset: no check


def test_a_month_above_its_cumulative_is_warned_of():
    columns = [Column("Exports 2", "export", "2026-02", "TOTAL"),
               Column("Exports 1to2", "export", "2026-01/2026-02", "TOTAL")]
    low = Table("GAC", "site", "t", "thousand USD", columns, [Row(1, "TOTAL", "TOTAL",
                                                                ("300", "200"), ())])
    assert "is more than the months to it" in checks.warnings(low, None)[0]
    ok = Table("GAC", "site", "t", "thousand USD", columns, [Row(1, "TOTAL", "TOTAL",
                                                               ("100,000", "200,000"), ())])
    assert checks.warnings(ok, None) == []
    # against the dataset's January: 200 - 99 = 101 million for a month of 100 is 1% off
    # (warned beyond 0.5%, and the rounding of the two figures); 200 - 100.4 is 0.4% off
    warned = checks.warnings(ok, known(99e6, period="2026-01"))
    assert len(warned) == 1 and "+1.00%" in warned[0]
    assert checks.warnings(ok, known(100.4e6, period="2026-01")) == []
