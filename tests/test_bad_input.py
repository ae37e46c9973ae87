"""Malformed sources fail with an error naming the file, the row and the field, and leave the
committed dataset untouched."""

import os

import pytest

from conftest import add_source
from tradeclaims import build, files
from tradeclaims.errors import InputError

GOOD = "CHN,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,"


@pytest.mark.parametrize("row, field, message", [
    ("CHN,WLD,export,TOTAL,2025,value,,26.9x,trillion yuan,", "value", "not a number"),
    ("CHN,WLD,export,TOTAL,2025,value,,26.99,trillion rupees,", "unit", "unknown unit"),
    ("CHN,XYZ,export,TOTAL,2025,value,,26.99,trillion yuan,", "partner", "XYZ"),
    ("ZZZ,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,", "reporter", "ZZZ"),
    ("CHN,WLD,export,TOTAL,2025-13,value,,26.99,trillion yuan,", "period", "2025-13"),
    ("CHN,WLD,exports,TOTAL,2025,value,,26.99,trillion yuan,", "flow", "exports"),
    ("CHN,WLD,export,TOTAL,2025,growth,USD,6.1,%,", "measure", "growth"),
    ("CHN,WLD,export,TOTAL,2025,value,,26.99,%,", "unit", "percent"),
    ("CHN,WLD,export,TOTAL,2025,growth_published,,6.1,%,", "basis", "''"),
    ("CHN,WLD,export,hs 8542,2025,value,,1,trillion yuan,", "product", "hs 8542"),
])
def test_bad_row_names_file_row_and_field(sources, row, field, message):
    add_source(sources, "zz-bad", [GOOD, row])
    with pytest.raises(InputError) as caught:
        build.build(sources)
    text = str(caught.value)
    assert "zz-bad/data.csv, row 3" in text
    assert f"field '{field}'" in text
    assert message in text


def test_duplicate_rows_are_named(sources):
    add_source(sources, "zz-bad", [GOOD, GOOD.replace("26.99", "27")])
    with pytest.raises(InputError, match=r"zz-bad/data.csv, row 2, .*duplicate key"):
        build.build(sources)


def test_duplicate_across_tables_of_one_source(sources):
    folder = add_source(sources, "zz-bad", [GOOD])
    (folder / "second.csv").write_text((folder / "data.csv").read_text(), encoding="utf-8")
    with pytest.raises(InputError, match=r"zz-bad/second.csv, row 2.*duplicate key"):
        build.build(sources)


def test_missing_provenance_field_is_named(sources):
    folder = add_source(sources, "zz-bad", [GOOD])
    meta = (folder / "source.yaml").read_text(encoding="utf-8")
    (folder / "source.yaml").write_text(
        "\n".join(line for line in meta.splitlines() if not line.startswith("url:")),
        encoding="utf-8")
    with pytest.raises(InputError, match=r"zz-bad/source.yaml, field 'url': required"):
        build.build(sources)


def test_missing_source_yaml(sources):
    folder = add_source(sources, "zz-bad", [GOOD])
    (folder / "source.yaml").unlink()
    with pytest.raises(InputError, match=r"zz-bad: missing source.yaml"):
        build.build(sources)


def test_missing_column_is_named(sources):
    folder = add_source(sources, "zz-bad", [])
    (folder / "data.csv").write_text("reporter,partner,flow\nCHN,WLD,export\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"zz-bad/data.csv, row 1, field 'product': missing"):
        build.build(sources)


def test_failed_build_leaves_the_dataset_untouched(sources, tmp_path):
    target = tmp_path / "trade.csv"
    target.write_text("last good build\n", encoding="utf-8")
    add_source(sources, "zz-bad", [GOOD.replace("26.99", "abc")])
    with pytest.raises(InputError):
        build.write(build.build(sources), target, tmp_path / "dp.json", sources)
    assert target.read_text(encoding="utf-8") == "last good build\n"


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "trade.csv"
    target.write_text("last good build\n", encoding="utf-8")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        files.write_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "last good build\n"
    assert [p.name for p in tmp_path.iterdir()] == ["trade.csv"]
