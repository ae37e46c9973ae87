"""The command line, run in the test's own process: what `python -m tradeclaims ARGS` prints and
the status it exits with, without a new Python's imports (0.4 s a call). Tests of the entry
point itself (a traceback, the exit status a shell sees) run it as a subprocess."""

import subprocess

import pytest

from tradeclaims.__main__ import main


def run(capsys: pytest.CaptureFixture, *args: str) -> subprocess.CompletedProcess:
    try:
        status = main([str(arg) for arg in args])
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["python", "-m", "tradeclaims", *args], status, out, err)
