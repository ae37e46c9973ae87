"""Same answers everywhere: the claims on commodity codes of tests/test_bulk_claims.py, on the
fixture tables, evaluated with DuckDB, with Spark in local mode (local[2]) and with plain
pandas, give identical verdicts and recomputed values equal within a relative 1e-9.

Spark needs PySpark (requirements-engines.txt) and Java 17 or newer; without them this test
skips locally and fails in CI (CI=true), like the browser checks."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from required import unavailable  # noqa: E402

from test_bulk_claims import _evaluate, assert_same, registry, store  # noqa: E402, F401
from tradeclaims.bulk import engines  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        unavailable("PySpark is not installed: make test-engines installs it")
    found = engines.java_version()
    if found is None or found < engines.JAVA_MIN:
        unavailable(f"Spark needs Java {engines.JAVA_MIN}+, found {found}: "
                     "apt-get install openjdk-17-jre-headless")
    session = engines.spark_session()
    yield session
    session.stop()


def test_duckdb_spark_and_pandas_give_the_same_verdicts(registry, store, spark):  # noqa: F811
    duckdb = _evaluate(registry, store, engine="duckdb")
    on_spark = _evaluate(registry, store, engine="spark")
    plain = _evaluate(registry, store, backend="pandas")
    assert (duckdb.verdict != "not_checkable").sum() >= 8  # the claims were checked, not skipped
    assert_same(on_spark, duckdb)
    assert_same(plain, duckdb)


def test_spark_without_java_17_says_what_to_install(monkeypatch):
    monkeypatch.setattr(engines, "java_version", lambda: 11)
    with pytest.raises(engines.SetupError, match="Spark needs Java 17 or newer and found Java 11"):
        engines.check_java()
    assert engines.parse_java_version('openjdk version "17.0.15" 2025-04-15') == 17
    assert engines.parse_java_version('java version "1.8.0_392"') == 8
