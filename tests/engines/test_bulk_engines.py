"""Same answers everywhere: the claims on commodity codes of tests/test_bulk_claims.py, on the
fixture tables, evaluated with DuckDB, with Spark in local mode (local[2]) and with plain
pandas, give identical verdicts and recomputed values equal within a relative 1e-9; and so do
they on a real cluster (tests/engines/cluster.py: a standalone master and worker, and a Spark
Connect server), through TRADECLAIMS_SPARK_MASTER=spark://127.0.0.1:7077 and
TRADECLAIMS_SPARK_REMOTE=sc://127.0.0.1:15002.

Spark needs PySpark (requirements-engines.txt) and Java 17 or newer; without them this test
skips locally and fails in CI (CI=true), like the browser checks."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster import cluster  # noqa: E402
from required import unavailable  # noqa: E402

from test_bulk_claims import _evaluate, assert_same, registry, store  # noqa: E402, F401
from tradeclaims.bulk import engines  # noqa: E402


def _need_spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        unavailable("PySpark is not installed: make test-engines installs it")
    found = engines.java_version()
    if found is None or found < engines.JAVA_MIN:
        unavailable(f"Spark needs Java {engines.JAVA_MIN}+, found {found}: "
                     "apt-get install openjdk-17-jre-headless")


@pytest.fixture(scope="module")
def spark():
    _need_spark()
    session = engines.spark_session()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def real_cluster(tmp_path_factory):
    _need_spark()
    from pyspark.sql import SparkSession

    if active := SparkSession.getActiveSession():  # the local[2] one: a cluster's instead
        active.stop()
    with cluster(tmp_path_factory.mktemp("spark-cluster")) as started:
        yield started


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


@pytest.mark.parametrize("variable", ["TRADECLAIMS_SPARK_MASTER", "TRADECLAIMS_SPARK_REMOTE"])
def test_the_same_verdicts_on_a_real_cluster(registry, store, real_cluster, variable,  # noqa: F811
                                             monkeypatch):
    address = real_cluster.master if variable.endswith("MASTER") else real_cluster.remote
    monkeypatch.setenv(variable, address)
    monkeypatch.delenv("SPARK_CONNECT_MODE_ENABLED", raising=False)  # a Connect session sets it
    session = engines.spark_session()
    try:
        if variable.endswith("MASTER"):
            assert session.sparkContext.master == address
        else:
            assert type(session).__module__.startswith("pyspark.sql.connect")
        on_cluster = _evaluate(registry, store, engine="spark")
    finally:
        session.stop()
    duckdb = _evaluate(registry, store, engine="duckdb")
    assert (duckdb.verdict != "not_checkable").sum() >= 8
    assert_same(on_cluster, duckdb)
