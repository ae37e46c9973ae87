"""Property-based tests: whatever bytes, and whatever well-formed but wrong rows, a user puts in
an input file, its reader either accepts it or raises the project's InputError, never any
other exception, and never changes data/ or reports/."""

import contextlib
import hashlib
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from registry import META, SOURCE_HEADER, Registry
from tradeclaims import paths
from tradeclaims.claims import expressions, webpage
from tradeclaims.claims.registry import COLUMNS, load_claims
from tradeclaims.data.intervals import Interval
from tradeclaims.data.sources import load_source
from tradeclaims.errors import InputError
from tradeclaims.report.config import check_parameters, load_config

TOKENS = ["", " ", "CHN", "VNM", "WLD", "EU27", "XYZ", "export", "total", "balance", "TOTAL",
          "HS:8542", "HS:85x", "2025", "2026-01", "2025-13", "2025-01/2025-11", "2024/2023",
          "value", "growth_published", "share_published", "USD", "CNY", "percent", "%",
          "亿美元", "tỷ USD", "1.5", "-7.2", "1,234", "0", "nan", "1e9", "'", '"', ",", "\n",
          "=", "a=b", "reporter=CHN", "period=2025", "level", "growth", "over", "about", "2%",
          "abc%", "<b>", "\x00", "\ufeff", "…"]
token = st.one_of(st.sampled_from(TOKENS), st.text(string.printable, max_size=8))


@pytest.fixture(scope="module", autouse=True)
def outputs_unchanged():
    """data/ and reports/ byte for byte the same after every example."""
    def digest():
        return {p: hashlib.sha256(p.read_bytes()).hexdigest()
                for root in (paths.DATA, paths.REPORTS) for p in sorted(root.rglob("*"))
                if p.is_file()}

    before = digest()
    yield
    assert digest() == before


def _accepts_or_input_error(read):
    try:
        read()
    except InputError as exc:
        assert str(exc)


def _csv_line(values) -> str:
    return ",".join(values)


@given(content=st.binary(max_size=300))
@example(content=b"")
@example(content=b"\xff\xfe")
def test_any_bytes_as_a_source_table(tmp_path_factory, content):
    registry = Registry(tmp_path_factory.mktemp("p"))
    folder = registry.add_source("zz", [])
    (folder / "data.csv").write_bytes(content)
    _accepts_or_input_error(lambda: load_source(folder))


@given(rows=st.lists(st.lists(token, min_size=10, max_size=10).map(_csv_line), min_size=1,
                     max_size=4))
@example(rows=["CHN,WLD,export,TOTAL,2025,value,,-1,亿美元,"])
def test_wrong_rows_in_a_source_table(tmp_path_factory, rows):
    registry = Registry(tmp_path_factory.mktemp("p"))
    registry.add_source("zz", rows)
    _accepts_or_input_error(registry.build)


@given(content=st.binary(max_size=300))
@example(content=b"date_published: 2025-13-45\n")
def test_any_bytes_as_source_yaml(tmp_path_factory, content):
    registry = Registry(tmp_path_factory.mktemp("p"))
    folder = registry.add_source("zz", ["CHN,WLD,export,TOTAL,2025,value,,1,亿美元,"])
    (folder / "source.yaml").write_bytes(content)
    _accepts_or_input_error(lambda: load_source(folder))


FIELDS = ["publisher", "date_published", "url", "date_accessed", "evidence", "table"]


@given(field=st.sampled_from(FIELDS), value=st.one_of(
    token, st.lists(token, max_size=2).map(str), st.just("2025-02-30"), st.just("[a, b]"),
    st.just("{a: 1}"), st.just("2099-01-01"), st.just("null")))
def test_wrong_values_in_source_yaml(tmp_path_factory, field, value):
    meta = "\n".join(f"{field}: {value}" if line.startswith(f"{field}:") else line
                     for line in META.splitlines())
    registry = Registry(tmp_path_factory.mktemp("p"))
    folder = registry.add_source("zz", ["CHN,WLD,export,TOTAL,2025,value,,1,亿美元,"], meta)
    _accepts_or_input_error(lambda: load_source(folder))


@given(content=st.binary(max_size=300))
def test_any_bytes_as_a_claims_registry(tmp_path_factory, content):
    registry = Registry(tmp_path_factory.mktemp("p"))
    registry.claims.write_bytes(content)
    _accepts_or_input_error(lambda: load_claims(registry.claims, registry.articles, set()))


@given(row=st.lists(token, min_size=len(COLUMNS), max_size=len(COLUMNS)))
@example(row=["x-1", "test-article", "q", "1", "percent", "", "", "growth",
              "reporter=CHN partner=WLD flow=total period=2025-13", "", "", "", ""])
def test_wrong_rows_in_a_claims_registry(tmp_path_factory, row):
    registry = Registry(tmp_path_factory.mktemp("p"))
    registry.add_source("zz", ["CHN,WLD,total,TOTAL,2025,value,,1,亿美元,",
                               "CHN,WLD,total,TOTAL,2024,value,,1,亿美元,"])
    registry.add_claims([row])
    _accepts_or_input_error(registry.evaluate)


@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(
    lambda text: f"<html><body><article><p>{text}</p></article></body></html>".encode())))
@example(content=b"<p>" + b"x" * 50)
def test_any_bytes_as_a_saved_page(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("p") / "page.html"
    path.write_bytes(content)
    _accepts_or_input_error(lambda: webpage.read(path))


@given(content=st.binary(max_size=300))
def test_any_bytes_as_reports_yaml(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("p") / "reports.yaml"
    path.write_bytes(content)
    _accepts_or_input_error(lambda: check_parameters(load_config(path), path))


ENTRY_VALUES = st.one_of(token, st.just("vietnam_exports.ipynb"), st.just("{partner: 1}"),
                         st.just("{partnr: USA}"), st.just("[1, 2]"), st.just("{}"))


@given(name=st.sampled_from(["vietnam-us", "Bad Name", "x", "1"]),
       key=st.sampled_from(["title", "notebook", "parameters", "other"]), value=ENTRY_VALUES)
def test_wrong_entries_in_reports_yaml(tmp_path_factory, name, key, value):
    entry = {"title": "t", "notebook": "vietnam_exports.ipynb", "parameters": "{}"} | {
        key: value}
    path = tmp_path_factory.mktemp("p") / "reports.yaml"
    path.write_text(f"{name}:\n" + "".join(f"  {k}: {v}\n" for k, v in entry.items()),
                    encoding="utf-8")
    _accepts_or_input_error(lambda: check_parameters(load_config(path), path))


def test_a_header_only_source_and_its_header_are_named(tmp_path):
    registry = Registry(tmp_path)
    folder = registry.add_source("zz", [])
    (folder / "data.csv").write_text(SOURCE_HEADER, encoding="utf-8")
    with pytest.raises(InputError, match="a header and no rows"):
        load_source(folder)


@given(st.text(st.sampled_from("[]()+-*/. 0123456789abc=x_,"), max_size=40))
@example("[a=b] ** [c=d]")
@example("[a] - 3 * x")
@example("__import__('os')")
def test_any_text_as_a_derivation_is_parsed_or_refused(text):
    """Refused with a message, or arithmetic that evaluates (or divides by zero, which the
    engine reports as the claim's error)."""
    try:
        terms, tree = expressions.split(text)
    except ValueError as exc:
        assert str(exc)
        return
    with contextlib.suppress(ZeroDivisionError):
        assert isinstance(expressions.evaluate(tree, [Interval.exact(1.0)] * len(terms)),
                          Interval)


number = st.integers(min_value=1, max_value=999).map(float)


@given(st.lists(number, min_size=1, max_size=4), st.lists(st.sampled_from("+-*/"), max_size=3))
def test_a_derivation_on_exact_figures_is_plain_arithmetic(values, operators):
    """With no rounding, the interval arithmetic gives what Python gives."""
    operators = operators[:len(values) - 1]
    values = values[:len(operators) + 1]
    text = " ".join(f"[t={i}] {op}" for i, op in enumerate(operators)) + f" [t={len(operators)}]"
    terms, tree = expressions.split(text)
    assert len(terms) == len(values)
    result = expressions.evaluate(tree, [Interval.exact(v) for v in values])
    plain = eval(expressions.TERM.sub(lambda m: repr(values[int(m[1][2:])]), text))  # noqa: S307
    assert result.point == pytest.approx(plain)
    assert result.low <= result.point <= result.high
