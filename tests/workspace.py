"""A copy of the repository to experiment in: it keeps the files' modification times, uses the
project's environment (.venv) but imports its own lib/, so a test or a benchmark can change data
or code and rebuild without touching the real repository."""

import atexit
import csv
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tradeclaims import paths

_SKIP = (".venv", "build", ".git", "__pycache__", ".pytest_cache", ".ruff_cache")

# What a caller's make passes down (`make -s test` would silence every nested make, and its
# jobserver's descriptors are not ours), the locale and the terminal: never a test's business.
_CALLERS = {"MAKEFLAGS", "MFLAGS", "GNUMAKEFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKEFILES",
            "MAKE_TERMOUT", "MAKE_TERMERR", "LANG", "LANGUAGE", "LC_ALL", "TERM", "COLUMNS"}
FIXED = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TERM": "dumb"}


def clean_environment(env) -> dict[str, str]:
    """The environment tests and their commands run in: the caller's, less what its make, its
    locale, its terminal or a git command around it (a hook sets GIT_DIR, GIT_INDEX_FILE: git's
    own list) would change in what make, git and the tools print."""
    local = subprocess.run(["git", "rev-parse", "--local-env-vars"], capture_output=True,
                           text=True, env={"PATH": env.get("PATH", os.defpath)}).stdout.split()
    return {name: value for name, value in env.items()
            if name not in _CALLERS and name not in local and not name.startswith("LC_")} | FIXED


# Build products, in the order make builds them; in a copy they are dated after every input.
_OUTPUTS = ["data/trade.csv", "data/datapackage.json", "reports", "build/claims.stamp",
            "build/claims"]
# What the two commands of _date_as_built write, and what they read
_GENERATED = ["build/reports.mk", "build/params", "build/claims"]
_READ = ["data/claims.csv", "data/articles.csv", "reports/corrections.csv",
         "notebooks/reports.yaml"]
_generated: dict[tuple, Path] = {}  # by the state of the repository copied: a snapshot of them


class Workspace:
    def __init__(self, root: Path, git: bool = False):
        """git: keep the repository's history, as a clone with its uncommitted work has it."""
        skip = [name for name in _SKIP if not (git and name == ".git")]
        shutil.copytree(paths.ROOT, root, symlinks=True, ignore=shutil.ignore_patterns(*skip))
        (root / ".venv").symlink_to(paths.ROOT / ".venv")
        self.root = root
        self.env = {**clean_environment(os.environ), "PYTHONPATH": str(root / "lib")}
        self.python = str(root / ".venv" / "bin" / "python")
        self._date_as_built()
        if git:  # the copy's files are new to its index: hash them once, not in each build's
            self.run("git", "update-index", "-q", "--refresh")  # `git status` at once

    def _date_as_built(self):
        """Give every file a fixed time and every build product a later one, so make sees the
        copy exactly as up to date as its contents are, whatever order a checkout or a copy
        wrote the files in (a clone writes lib/ after data/, making trade.csv look stale)."""
        self._generate()
        (self.root / "build" / "claims.stamp").touch()
        inputs, built = 1_600_000_000, 1_600_000_100
        for path in self.root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                os.utime(path, (inputs, inputs))
        for name in _OUTPUTS:
            for path in [self.root / name, *(self.root / name).rglob("*")]:
                if path.is_file():
                    os.utime(path, (built, built))

    def _generate(self):
        """The copy's build/ rules, parameters and claims by article: written by the project's
        commands once per state of the repository in this process, then copied (the commands
        cost two Pythons, about a second, a copy)."""
        key = (paths.ROOT, *((p.stat().st_mtime_ns, p.stat().st_size)
                             for p in (paths.ROOT / name for name in _READ) if p.exists()))
        if key not in _generated:
            for command in (["makefile", "build/reports.mk"], ["split-claims"]):
                result = self.run(self.python, "-m", "tradeclaims", *command)
                if result.returncode:
                    raise RuntimeError(result.stderr)
            snapshot = Path(tempfile.mkdtemp(prefix="tc-workspace-"))
            atexit.register(shutil.rmtree, snapshot, ignore_errors=True)
            _copy(self.root, snapshot)
            _generated[key] = snapshot
        else:
            _copy(_generated[key], self.root)

    def run(self, *command, timeout=1800, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=self.root, env=env or self.env, capture_output=True,
                              text=True, timeout=timeout)

    def make(self, *targets) -> subprocess.CompletedProcess:
        return self.run("make", "--no-print-directory", *targets)

    def nbval(self, *notebooks) -> subprocess.CompletedProcess:
        return self.run(self.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                        "--nbval-sanitize-with", "tests/nbval-sanitize.cfg", *notebooks)

    def edit(self, relative: str, old: str, new: str):
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise ValueError(f"{old!r} not in {relative}")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def add_articles(self, n: int, claims_each: int = 12, start: int = 1) -> list[str]:
        """n synthetic articles, each with claims_each claims copied from the registry with new
        ids (taken in turn, so every kind of claim recurs), marked synthetic in outlet and
        title; `file` left empty as the README allows. Returns their ids."""
        with (self.root / "data" / "claims.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            columns, seeds = reader.fieldnames, [row for row in reader]
        ids = [f"syn-{i:04d}" for i in range(start, start + n)]
        with (self.root / "data" / "articles.csv").open("a", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            for article_id in ids:
                writer.writerow([article_id, "Synthetic outlet (benchmark)",
                                 f"Synthetic article {article_id} (benchmark, not real)",
                                 "2026-03-01", "synthetic claims copied from the registry", ""])
        with (self.root / "data" / "claims.csv").open("a", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            for k, article_id in enumerate(ids):
                for j in range(claims_each):
                    row = dict(seeds[(k * claims_each + j) % len(seeds)])
                    writer.writerow(row | {"claim_id": f"{article_id}-{j + 1:02d}",
                                           "article_id": article_id})
        return ids

    def clear_reports(self):
        """Remove everything make reports writes, as before a first build."""
        for path in (self.root / "reports").iterdir():
            path.unlink()


def _copy(source: Path, target: Path):
    for name in _GENERATED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, dirs_exist_ok=True)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
