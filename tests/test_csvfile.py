"""csvfile parses and checks a text once (a build's kernels and the page guard read the same
registry again and again): what a reader gets is still what that text, read on its own, gives."""

import pytest

from tradeclaims import csvfile
from tradeclaims.errors import InputError, InputErrors

COLUMNS = ["id", "value"]


def test_the_same_text_gives_the_same_rows_each_a_new_dict(tmp_path):
    text = "id,value\na,1\nb,2\n"
    first = csvfile.parse_rows(text, tmp_path / "x.csv", COLUMNS)
    first[0][1]["value"] = "changed by a caller"
    first[1][1].setdefault("extra", "")
    again = csvfile.parse_rows(text, tmp_path / "y.csv", COLUMNS)
    assert again == [(2, {"id": "a", "value": "1"}), (3, {"id": "b", "value": "2"})]


def test_an_edited_file_is_read_anew(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,value\na,1\n", encoding="utf-8")
    assert csvfile.read_rows(path, COLUMNS) == [(2, {"id": "a", "value": "1"})]
    path.write_text("id,value\na,2\n", encoding="utf-8")
    assert csvfile.read_rows(path, COLUMNS) == [(2, {"id": "a", "value": "2"})]


def test_a_bad_text_is_refused_each_time_naming_the_file_it_was_read_from(tmp_path):
    text = "id,value\na,1,2\n"
    for name in ("first.csv", "second.csv"):
        with pytest.raises(InputError) as caught:
            csvfile.parse_rows(text, tmp_path / name, COLUMNS)
        assert caught.value.file.endswith(name) and caught.value.row == 2


def test_a_text_read_before_is_checked_against_the_header_each_reader_expects(tmp_path):
    text = "id,value\na,1\n"
    assert csvfile.parse_rows(text, tmp_path / "x.csv", COLUMNS)
    with pytest.raises(InputErrors, match="missing column"):
        csvfile.parse_rows(text, tmp_path / "x.csv", ["id", "value", "unit"])
    assert csvfile.parse_rows(text, tmp_path / "x.csv", ["id", "value", "unit"],
                              optional=("unit",)) == [(2, {"id": "a", "value": "1"})]


def test_a_header_alone_is_allowed_only_where_the_reader_allows_it(tmp_path):
    text = "id,value\n"
    assert csvfile.parse_rows(text, tmp_path / "x.csv", COLUMNS, allow_empty=True) == []
    with pytest.raises(InputError, match="a header and no rows"):
        csvfile.parse_rows(text, tmp_path / "x.csv", COLUMNS)
