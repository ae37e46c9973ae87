import os
import shutil
import subprocess

import pytest

from tradeclaims import paths

HEADER = "reporter,partner,flow,product,period,measure,basis,value,unit,note\n"


@pytest.fixture
def sources(tmp_path):
    """A private copy of data/sources/ that a test may break."""
    root = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, root)
    return root


def add_source(root, name, rows, meta=None):
    """Write a source folder with one table; `rows` are CSV lines without the header."""
    folder = root / name
    folder.mkdir()
    base = (paths.SOURCES / "gac-2025-annual-scio" / "source.yaml").read_text(encoding="utf-8")
    (folder / "source.yaml").write_text(base if meta is None else meta, encoding="utf-8")
    (folder / "data.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return folder


class Workspace:
    """A copy of the repository (with its modification times) that runs on the project's
    environment but imports its own lib/, so a test can change data or code and rebuild."""

    def __init__(self, root):
        shutil.copytree(paths.ROOT, root, symlinks=True, ignore=shutil.ignore_patterns(
            ".venv", "build", ".git", "__pycache__", ".pytest_cache", ".ruff_cache"))
        (root / ".venv").symlink_to(paths.ROOT / ".venv")
        self.root = root
        self.env = {**os.environ, "PYTHONPATH": str(root / "lib")}

    def run(self, *command, timeout=600) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=self.root, env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def make(self, *targets) -> subprocess.CompletedProcess:
        return self.run("make", "--no-print-directory", *targets)

    def nbval(self, *notebooks) -> subprocess.CompletedProcess:
        return self.run(str(self.root / ".venv/bin/python"), "-m", "pytest", "-q",
                        "-p", "no:cacheprovider", "--nbval", "--nbval-sanitize-with",
                        "tests/nbval-sanitize.cfg", *notebooks)

    def edit(self, relative, old, new):
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
