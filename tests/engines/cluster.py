"""A real Spark cluster on this machine, from PySpark's own installation: a standalone master
and one worker (spark-class), and a Spark Connect server (spark-submit of the connect jar in
PySpark's jars/) running on that cluster, all on 127.0.0.1. Started for the engine checks and
stopped after them, each process by its id; their logs stay in the temporary folder."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

MASTER_PORT, CONNECT_PORT = 7077, 15002  # Spark's defaults, where free
STARTUP = 120  # seconds for each part to come up on a loaded 2-core machine


@dataclass(frozen=True)
class Cluster:
    master: str  # spark://127.0.0.1:7077
    remote: str  # sc://127.0.0.1:15002
    pids: tuple[int, ...]


def _free(port: int) -> bool:
    with closing(socket.socket()) as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _port(preferred: int | None = None) -> int:
    if preferred and _free(preferred):
        return preferred
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(what: str, ready, process: subprocess.Popen, log: Path):
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}); see {log}")
        with suppress(OSError, ValueError):
            if ready():
                return
        time.sleep(1)
    raise RuntimeError(f"{what} not ready after {STARTUP} s; see {log}")


def _alive_workers(webui: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{webui}/json/", timeout=5) as answer:
        return json.load(answer)["aliveworkers"]


@contextmanager
def cluster(folder: Path):
    """Start the cluster (logs and work files in `folder`); stop it, by process id, after."""
    import pyspark

    home = Path(pyspark.__file__).parent
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
           "SPARK_LOG_DIR": str(folder), "PYSPARK_PYTHON": sys.executable,
           "SPARK_NO_DAEMONIZE": "1"}
    master, master_ui, connect = _port(MASTER_PORT), _port(), _port(CONNECT_PORT)
    url = f"spark://127.0.0.1:{master}"
    started: list[subprocess.Popen] = []

    def start(name: str, *command: str) -> tuple[subprocess.Popen, Path]:
        log = folder / f"{name}.log"
        process = subprocess.Popen(command, env=env, stdout=log.open("wb"),
                                   stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        return process, log

    try:
        spark_class = str(home / "bin" / "spark-class")
        process, log = start("master", spark_class, "org.apache.spark.deploy.master.Master",
                             "--host", "127.0.0.1", "--port", str(master),
                             "--webui-port", str(master_ui))
        _wait("the Spark master", lambda: not _free(master) and not _free(master_ui),
              process, log)
        process, log = start("worker", spark_class, "org.apache.spark.deploy.worker.Worker",
                             url, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
                             "--webui-port", str(_port()), "--work-dir", str(folder / "work"))
        _wait("the Spark worker", lambda: _alive_workers(master_ui) >= 1, process, log)
        jar = next((home / "jars").glob("spark-connect_*.jar"))
        process, log = start(
            "connect", str(home / "bin" / "spark-submit"), "--class",
            "org.apache.spark.sql.connect.service.SparkConnectServer", "--master", url,
            "--conf", f"spark.connect.grpc.binding.port={connect}",
            "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
            "--conf", "spark.cores.max=1", "--conf", "spark.executor.memory=512m",
            "--conf", "spark.driver.memory=512m", "--conf", "spark.ui.enabled=false",
            "--conf", "spark.sql.session.timeZone=UTC", str(jar))
        _wait("the Spark Connect server", lambda: not _free(connect), process, log)
        yield Cluster(url, f"sc://127.0.0.1:{connect}", tuple(p.pid for p in started))
    finally:
        for process in reversed(started):
            _stop(process)


def _stop(process: subprocess.Popen):
    """The process and what it started (its session), by id: TERM, then KILL."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
