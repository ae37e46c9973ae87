"""The engines bulk queries run on, through Ibis: DuckDB in process (the default, nothing to
start) or PySpark (TRADECLAIMS_ENGINE=spark), on a cluster named by TRADECLAIMS_SPARK_MASTER
(default local[2]) or a Spark Connect address in TRADECLAIMS_SPARK_REMOTE (sc://host:15002)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from tradeclaims.errors import SetupError

ENGINES = ("duckdb", "spark")
JAVA_MIN = 17


def engine_name(engine: str | None = None) -> str:
    engine = engine or os.environ.get("TRADECLAIMS_ENGINE", "") or "duckdb"
    if engine not in ENGINES:
        raise SetupError(f"TRADECLAIMS_ENGINE={engine!r}: known engines are "
                         f"{', '.join(ENGINES)}")
    return engine


def connect(engine: str | None = None):
    """An Ibis backend for the engine asked for (by argument, else TRADECLAIMS_ENGINE)."""
    import ibis

    if engine_name(engine) == "duckdb":
        return ibis.duckdb.connect()
    return ibis.pyspark.connect(spark_session())


def read_store(con, store: Path):
    """The Parquet store (hive-partitioned by reporter and year) as an Ibis table."""
    if con.name == "duckdb":
        return con.read_parquet(f"{store.resolve()}/**/*.parquet", hive_partitioning=True)
    return con.read_parquet(str(store.resolve()))


def spark_session():
    """A Spark session: remote (Spark Connect) when TRADECLAIMS_SPARK_REMOTE is set, else on
    TRADECLAIMS_SPARK_MASTER, local[2] by default (which needs Java 17 or newer here)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SetupError("TRADECLAIMS_ENGINE=spark needs PySpark: install the optional "
                         "engines with `make test-engines` (requirements-engines.txt)") from None
    builder = SparkSession.builder.appName("tradeclaims")
    if remote := os.environ.get("TRADECLAIMS_SPARK_REMOTE"):
        return builder.remote(remote).getOrCreate()
    check_java()
    master = os.environ.get("TRADECLAIMS_SPARK_MASTER", "local[2]")
    session = (builder.master(master).config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def java_version(java: str | None = None) -> int | None:
    """The major version of the Java runtime on PATH (or JAVA_HOME), None if there is none."""
    java = java or (str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
                    if os.environ.get("JAVA_HOME") else shutil.which("java"))
    if not java:
        return None
    try:
        said = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    except OSError:
        return None
    return parse_java_version(said)


def parse_java_version(said: str) -> int | None:
    """17 from 'openjdk version "17.0.15"', 8 from 'java version "1.8.0_392"'."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', said)
    if not match:
        return None
    major = int(match[1])
    return int(match[2] or 0) if major == 1 else major


def check_java():
    found = java_version()
    if found is None or found < JAVA_MIN:
        what = "no Java runtime" if found is None else f"Java {found}"
        raise SetupError(f"Spark needs Java {JAVA_MIN} or newer and found {what}: "
                         "install one (Debian: apt-get install openjdk-17-jre-headless) or set "
                         "JAVA_HOME")
