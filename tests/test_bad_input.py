"""Bad input of every kind fails with a message naming the file, the row and the field, exit
status 2 and no traceback, and leaves the last good outputs as they were."""

import os
import pathlib
import subprocess
import unicodedata

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from registry import META, SOURCE_HEADER, Registry, claim
from tradeclaims import fieldtext, files
from tradeclaims.__main__ import main
from tradeclaims.claims import ledger
from tradeclaims.data import vocabulary
from tradeclaims.data.query import Dataset
from tradeclaims.errors import InputError
from tradeclaims.yamlfile import read_yaml
from workspace import Workspace

GOOD = "CHN,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,"


@pytest.fixture
def registry(tmp_path):
    return Registry(tmp_path)


def _error(registry) -> str:
    with pytest.raises(InputError) as caught:
        registry.build()
    return str(caught.value)


# -- source tables ------------------------------------------------------------------------------

@pytest.mark.parametrize("row, field, message", [
    ("CHN,WLD,export,TOTAL,2025,value,,26.9x,trillion yuan,", "value", "not a number"),
    ("CHN,WLD,export,TOTAL,2025,value,,26.99,trillion rupees,", "unit", "unknown unit"),
    ("CHN,XYZ,export,TOTAL,2025,value,,26.99,trillion yuan,", "partner", "XYZ"),
    ("ZZZ,WLD,export,TOTAL,2025,value,,26.99,trillion yuan,", "reporter", "ZZZ"),
    ("CHN,WLD,export,TOTAL,2025-13,value,,26.99,trillion yuan,", "period", "2025-13"),
    ("CHN,WLD,export,TOTAL,1949,value,,26.99,trillion yuan,", "period", "not between 1950"),
    ("CHN,WLD,export,TOTAL,2024-11/2025-02,value,,26.99,trillion yuan,", "period",
     "within one year"),
    ("CHN,WLD,export,TOTAL,2026-02,value,,26.99,trillion yuan,", "period",
     "ends after the release was published (2026-01-14)"),
    ("CHN,WLD,export,TOTAL,2025,growth_mom_published,CNY,1.2,%,", "period",
     "a month-on-month rate is for a single month"),
    ("CHN,WLD,exports,TOTAL,2025,value,,26.99,trillion yuan,", "flow", "exports"),
    ("CHN,WLD,export,TOTAL,2025,growth,USD,6.1,%,", "measure", "growth"),
    ("CHN,WLD,export,TOTAL,2025,value,,26.99,%,", "unit", "percent"),
    ("CHN,WLD,export,TOTAL,2025,growth_published,,6.1,%,", "basis", "''"),
    ("CHN,WLD,export,hs 8542,2025,value,,1,trillion yuan,", "product", "hs 8542"),
    ("CHN,WLD,export,HS:85x,2025,value,,1,trillion yuan,", "product", "Harmonized System"),
    ("CHN,WLD,export,XX:chips,2025,value,,1,trillion yuan,", "product",
     "unknown classification 'XX'"),
    ("CHN,WLD,import,TOTAL,2025,value,,-1,trillion yuan,", "value", "out of range"),
    ("CHN,WLD,total,TOTAL,2025,value,,0,trillion yuan,", "value", "out of range"),
    ("CHN,WLD,export,TOTAL,2025,share_published,CNY,101,%,", "value", "out of range"),
    ("CHN,WLD,export,TOTAL,2025,growth_published,CNY,-100.5,%,", "value", "out of range"),
])
def test_a_bad_row_names_file_row_and_field(registry, row, field, message):
    registry.add_source("zz-bad", [GOOD, row])
    text = _error(registry)
    assert "zz-bad/data.csv, row 3" in text
    assert f"field '{field}'" in text
    assert message in text


@pytest.mark.parametrize("note", ["", "a slip", "imports from itself"])
def test_a_reporter_that_is_its_own_partner_is_refused(registry, note):
    registry.add_source("zz-bad", [GOOD, f"CHN,CHN,import,TOTAL,2025,value,,0.1,trillion yuan,"
                                         f"{note}"])
    text = _error(registry)
    assert "zz-bad/data.csv, row 3, field 'partner': 'CHN' is also the reporter" in text
    assert "re-imports" in text


@pytest.mark.parametrize("note", ["re-imports", "Re-imported goods", "reimports",
                                  "复进口货物"])
def test_a_reporter_that_is_its_own_partner_is_kept_when_the_note_says_re_imports(registry,
                                                                                   note):
    registry.add_source("zz-ok", [GOOD, f"CHN,CHN,import,TOTAL,2025,value,,0.1,trillion yuan,"
                                        f"{note}"])
    assert list(registry.build().frame.partner) == ["CHN", "WLD"]


def test_a_negative_balance_is_a_fact_not_an_error(registry):
    registry.add_source("zz-ok", [GOOD, "CHN,USA,balance,TOTAL,2025,value,,-1.5,trillion yuan,"])
    assert len(registry.build().frame) == 2


@pytest.mark.parametrize("content, row, message", [
    (b"", 1, "empty file"),
    (b"\n\n", 1, "empty file"),
    (SOURCE_HEADER.encode(), 2, "a header and no rows"),
    ((SOURCE_HEADER + GOOD + "\n" + "CHN,WLD,export,TOTAL,2024,value,,25.45,trillion yuan,,x\n"
      ).encode(), 3, "11 fields where the header has 10"),
    ((SOURCE_HEADER + "CHN,WLD,export\n").encode(), 2, "3 fields where the header has 10"),
    ((SOURCE_HEADER + GOOD + "\n").encode("utf-16"), 1, "not UTF-8"),
    ((SOURCE_HEADER + GOOD.replace("CHN", "CH\xc9") + "\n").encode("latin-1"), 2, "not UTF-8"),
    ((SOURCE_HEADER + 'CHN,WLD,export,TOTAL,2025,value,,"26.99,trillion yuan,\n').encode(), 2,
     "not valid CSV"),
    (b"reporter,partner,flow\nCHN,WLD,export\n", 1, "missing column"),
    ((SOURCE_HEADER.replace("note", "note,note") + GOOD + ",\n").encode(), 1,
     "column named twice"),
])
def test_a_malformed_table_is_named_with_its_line(registry, content, row, message):
    folder = registry.add_source("zz-bad", [])
    (folder / "data.csv").write_bytes(content)
    text = _error(registry)
    assert f"zz-bad/data.csv, row {row}" in text and message in text


def test_duplicate_rows_are_named(registry):
    registry.add_source("zz-bad", [GOOD, GOOD.replace("26.99", "27")])
    assert "zz-bad/data.csv, row 2, field 'source_id/reporter" in _error(registry)


def test_duplicate_across_tables_of_one_source(registry):
    folder = registry.add_source("zz-bad", [GOOD])
    (folder / "second.csv").write_text((folder / "data.csv").read_text(), encoding="utf-8")
    assert "zz-bad/second.csv, row 2" in _error(registry)


# -- provenance ---------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field, message", [
    ("date_published: 2026-01-14", "date_published: 2025-13-45", "date_published",
     "not a real date"),
    ("date_published: 2026-01-14", 'date_published: "2025-02-30"', "date_published",
     "not a real date"),
    ("date_published: 2026-01-14", "date_published: January 2026", "date_published",
     "not a date"),
    ("date_accessed: 2026-02-01", "date_accessed: 2099-01-01", "date_accessed",
     "in the future"),
    ("date_accessed: 2026-02-01", "date_accessed: 2026-01-01", "date_accessed",
     "before the release was published"),
    ("date_accessed: 2026-02-01", "date_accessed: 2026-02", "date_accessed", "YYYY-MM-DD"),
    ("url: https://example.org/release", "url: example.org/release", "url",
     "absolute http(s) address"),
    ("url: https://example.org/release", "url: https:///release", "url", "with a host"),
    ("url: https://example.org/release", "url: javascript:alert(1)", "url", "http(s)"),
    ("url: https://example.org/release", "url: [https://a.org, https://b.org]", "url",
     "must be text, not a list"),
    ("table: table 1", "table:\n  name: table 1", "table", "must be text, not a dict"),
    ("evidence: official publication", "evidence: hearsay", "evidence", "is not"),
    ("url: https://example.org/release", "url:", "url", "required provenance field"),
    ("notes: made up", "extra: 1\nnotes: made up", "extra", "unknown field"),
])
def test_bad_provenance_is_named_with_its_line(registry, old, new, field, message):
    assert old in META
    registry.add_source("zz-bad", [GOOD], meta=META.replace(old, new))
    text = _error(registry)
    assert "zz-bad/source.yaml, row " in text and f"field '{field}'" in text
    assert message in text


@pytest.mark.parametrize("content, message", [
    (b"", "expected a mapping"), (b"- a list\n", "expected a mapping"),
    (b"publisher: [unclosed\n", "not valid YAML"), (b"\xff\xfe\x00", "not UTF-8"),
])
def test_an_unreadable_source_yaml_is_named(registry, content, message):
    folder = registry.add_source("zz-bad", [GOOD])
    (folder / "source.yaml").write_bytes(content)
    text = _error(registry)
    assert "zz-bad/source.yaml" in text and message in text


def test_a_source_without_provenance_or_table(registry):
    folder = registry.add_source("zz-bad", [GOOD])
    (folder / "data.csv").unlink()
    assert "zz-bad: no CSV table beside source.yaml" in _error(registry)
    (folder / "source.yaml").unlink()
    assert "zz-bad: missing source.yaml" in _error(registry)


# -- outputs are kept ---------------------------------------------------------------------------

def test_a_failed_build_leaves_the_dataset_untouched(registry):
    registry.add_source("zz-good", [GOOD])
    registry.build()
    before = registry.trade.read_bytes(), registry.package.read_bytes()
    registry.add_source("zz-bad", [GOOD.replace("26.99", "abc")])
    _error(registry)
    assert (registry.trade.read_bytes(), registry.package.read_bytes()) == before


def test_an_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "trade.csv"
    target.write_text("last good build\n", encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="No space left") as caught:
        files.write_atomic(target, "half")
    assert caught.value.filename == str(target)  # the file meant, not the temporary one
    assert target.read_text(encoding="utf-8") == "last good build\n"
    assert [p.name for p in tmp_path.iterdir()] == ["trade.csv"]


def test_an_unwritable_data_folder_is_a_message_not_a_traceback(monkeypatch, capsys):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "write_text", refuse)
    assert main(["data"]) == 2
    err = capsys.readouterr().err
    # the descriptor is written first: make dates the pair by trade.csv, renamed last
    assert err.startswith("error: data/datapackage.json: Permission denied") and (
        "Traceback" not in err)


def test_a_hand_edited_dataset_is_refused(registry):
    registry.add_source("zz-good", [GOOD])
    registry.build()
    registry.trade.write_text(registry.trade.read_text().replace("26990000000000.0",
                                                                 "27990000000000.0"))
    with pytest.raises(InputError, match=r"trade.csv: differs from what `make data` built .* "
                                         r"run `make data`"):
        Dataset.load(registry.trade, registry.sources)
    registry.package.unlink()
    with pytest.raises(InputError, match=r"datapackage.json: missing: run `make data`"):
        Dataset.load(registry.trade, registry.sources)


# -- the commands, as a user runs them ----------------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return Workspace(tmp_path_factory.mktemp("bad-input") / "repo")


def _fails_cleanly(result: subprocess.CompletedProcess, *expected: str):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and all(e in result.stderr for e in expected), (
        result.stderr)


@pytest.mark.repository_copy
def test_make_data_that_fails_keeps_both_committed_files(workspace):
    before = {p: (workspace.root / p).read_bytes() for p in
              ("data/trade.csv", "data/datapackage.json")}
    folder = workspace.root / "data" / "sources" / "zz-bad"
    folder.mkdir()
    (folder / "source.yaml").write_text(META, encoding="utf-8")
    (folder / "data.csv").write_text(SOURCE_HEADER + GOOD.replace("26.99", "-1") + "\n",
                                     encoding="utf-8")
    try:
        result = workspace.make("data")
        assert result.returncode != 0
        assert "data/sources/zz-bad/data.csv, row 2, field 'value'" in result.stderr
        assert "Traceback" not in result.stderr
        assert {p: (workspace.root / p).read_bytes() for p in before} == before
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


@pytest.mark.repository_copy
def test_the_ledger_without_a_dataset_says_to_build_it(workspace):
    dataset = workspace.root / "data" / "trade.csv"
    kept = dataset.read_bytes()
    dataset.unlink()
    try:
        _fails_cleanly(workspace.run(workspace.python, "-m", "tradeclaims", "claims"),
                       "data/trade.csv: missing: run `make data`")
    finally:
        dataset.write_bytes(kept)


@pytest.mark.repository_copy
def test_a_malformed_registry_fails_the_ledger_command(workspace, tmp_path):
    registry = Registry(tmp_path)
    registry.add_claims([claim("x-1", "level", "1", "USD", "reporter=CHN", band="abc%")])
    out = tmp_path / "verdicts.csv"
    _fails_cleanly(workspace.run(workspace.python, "-m", "tradeclaims", "claims", "--claims",
                                 str(registry.claims), "--out", str(out)),
                   "claims.csv, row 2, field 'article_id'")  # not in the real articles.csv
    assert not out.exists()


def test_a_hand_edited_ledger_is_refused(tmp_path):
    path = tmp_path / "verdicts.csv"
    row = dict.fromkeys(ledger.COLUMNS, "") | {"claim_id": "x-1", "verdict": "maybe"}
    path.write_text(",".join(ledger.COLUMNS) + "\n" + ",".join(row.values()) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"verdicts.csv, row 2, field 'verdict': unknown verdict "
                                         r"'maybe'"):
        ledger.read(path)


@pytest.mark.parametrize("section, wrong", [("recipes", "a sentence, not a mapping"),
                                            ("verdicts", {"color": "#1a7f37"})])
def test_a_vocabulary_entry_of_the_wrong_shape_is_named(tmp_path, monkeypatch, section, wrong):
    words, _ = read_yaml(vocabulary.VOCABULARY)
    entry = next(iter(words[section]))
    words[section][entry] = wrong
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = read_yaml(bad)[1][(section, entry)]
    monkeypatch.setattr(vocabulary, "VOCABULARY", bad)
    with pytest.raises(InputError, match=rf"vocabulary.yaml, row {line}, field "
                                         rf"'{section}.{entry}': expected"):
        vocabulary.vocabulary.__wrapped__()


# -- characters that do not belong in text ------------------------------------------------------

@pytest.mark.parametrize("note, message", [
    ("a\x00b", "holds NUL (U+0000) at character 2"),
    ("a\tb", "holds a tab (U+0009)"),
    ("\x1b[31mred", "holds ESC (U+001B) at character 1"),
    ("a\x85b", "holds a control character (U+0085)"),
    ("abc\u202edcba", "bidirectional control U+202E (right-to-left override) at character 4"),
    ("x\u2066y", "U+2066 (left-to-right isolate)"),
    ("a\rb", "a carriage return (U+000D)"),
])
def test_a_control_character_in_a_table_is_named(registry, note, message):
    registry.add_source("zz-bad", [GOOD, GOOD.replace("2025", "2024") + f'"{note}"'])
    text = _error(registry)
    assert "zz-bad/data.csv, row 3, field 'note'" in text and message in text


@given(st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "L", "Zs"))),
       st.booleans())
def test_a_text_is_refused_exactly_when_it_holds_a_control_or_an_override(text, several_lines):
    allowed = text.replace("\r\n", "") if several_lines else text
    allowed = allowed.replace("\n", "") if several_lines else allowed
    bad = any(unicodedata.category(c) == "Cc" or 0x202A <= ord(c) <= 0x202E
              or 0x2066 <= ord(c) <= 0x2069 for c in allowed)
    assert bool(fieldtext.problem(text, several_lines)) == bad


def test_a_newline_only_where_a_field_may_hold_several_lines(registry):
    registry.add_source("zz-ok", [GOOD + '"first line\nsecond line"'])
    assert list(registry.build().frame.note) == ["first line\nsecond line"]
    registry.add_claims([claim("x-1", "level", "26.99", "CNY", "reporter=CHN partner=WLD "
                               "flow=export period=2025", scale="trillion",
                               quote="a quote\nover two lines")])
    assert registry.evaluate().loc["x-1", "verdict"] == "reproduced"
    registry.add_source("zz-bad", ['"CH\nN",WLD,export,TOTAL,2024,value,,1,trillion yuan,'])
    text = _error(registry)
    assert "zz-bad/data.csv, row 2, field 'reporter': holds a newline (U+000A)" in text
    assert "only excerpt, note, notes, quote may run to several lines" in text


def test_a_control_character_in_a_claim_stops_the_ledger_and_publishes_nothing(
        tmp_path, capsys):
    registry = Registry(tmp_path)
    registry.add_claims([claim("x-1", "level", "1", "USD", quote="exports\x00 rose")])
    out = tmp_path / "verdicts.csv"
    assert main(["claims", "--claims", str(registry.claims), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "claims.csv, row 2, field 'quote': holds NUL (U+0000) at character 8" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("old, new, field, row, message", [
    ('title: "A release made up for a test"', 'title: "A release\u202e made up"', "title", 3,
     "U+202E"),
    ('excerpt: "made up for a test"', 'excerpt: "made up\\0 for a test"', "excerpt", 7,
     "NUL (U+0000)"),  # an escape in a quoted scalar is a character too
    ('title: "A release made up for a test"', 'title: "A release\\nmade up"', "title", 3,
     "a newline"),
    ("notes: made up", "notes\u2067: made up", "notes\u2067", 11, "U+2067"),  # a key
])
def test_a_control_character_in_provenance_is_named_with_its_line(registry, old, new, field,
                                                                  row, message):
    folder = registry.add_source("zz-bad", [GOOD])
    meta = folder / "source.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    text = _error(registry)
    assert f"source.yaml, row {row}, field '{field}'" in text and message in text


def test_a_block_of_several_lines_in_yaml_is_text(registry, tmp_path):
    folder = registry.add_source("zz-ok", [GOOD])
    meta = folder / "source.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "notes: made up for a test; never published", "notes: |\n  made up\n  for a test\n"),
        encoding="utf-8")
    assert len(registry.build().frame) == 1
    reports = tmp_path / "reports.yaml"
    reports.write_text("asean:\n  title: |\n    two\n    lines\n  tags: [a, &x \"b\\x07\", *x]\n",
                       encoding="utf-8")
    with pytest.raises(InputError, match=r"reports.yaml, row 5, field 'asean.tags': holds a "
                                         r"control character \(U\+0007\)"):
        read_yaml(reports)
