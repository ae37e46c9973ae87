"""git's notebook filter as one process per git command (lib/tradeclaims/gitfilter.py): every
notebook as Lab saves it is staged stripped, and byte for byte as the per-file command
(nbstripout, as `make env` sets it) stages it, over git's own protocol, also one longer than a
packet; it is checked out as committed; a file that is no notebook stops `git add` and is
named. (test_lab: the committed notebooks restage unchanged through it.)"""

import shutil
import subprocess
import sys

import nbformat

from test_lab import save_as_lab_would
from tradeclaims import paths

STRIP = ["--keep-id", "--extra-keys", "metadata.language_info"]  # as the Makefile's strip_notebook
CLEAN = [sys.executable, "-m", "tradeclaims.fastimport", "nbstripout", *STRIP]


def _repo(tmp_path):
    def git(*args, check=True):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                               *args], cwd=tmp_path, capture_output=True, check=check)

    git("init", "-q")
    (tmp_path / ".gitattributes").write_text("*.ipynb filter=nbstripout\n", encoding="utf-8")
    process = " ".join([sys.executable, "-m", "tradeclaims.gitfilter", *STRIP])
    for key, value in (("process", process), ("smudge", "cat"), ("required", "true")):
        git("config", f"filter.nbstripout.{key}", value)
    return git


def test_the_filter_process_stages_what_the_command_does(tmp_path):
    git = _repo(tmp_path)
    for path in paths.NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, tmp_path / path.name)
        save_as_lab_would(tmp_path / path.name)
    long = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\n" * 40_000)])
    long.cells[0].outputs = [nbformat.v4.new_output("stream", text="out\n" * 20_000)]
    nbformat.write(long, tmp_path / "long.ipynb")  # 240 KB in, 280 KB out: several packets
    git("add", ".")
    names = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert len(names) == len(list(paths.NOTEBOOKS.glob("*.ipynb"))) + 1
    for name in names:
        staged = git("cat-file", "blob", f":{name}").stdout
        assert b"an output Lab left" not in staged and b'"outputs": []' in staged
        if name in ("surplus.ipynb", "long.ipynb"):  # (test_lab: the clean ones, every one)
            with (tmp_path / name).open("rb") as stdin:
                expected = subprocess.run(CLEAN, stdin=stdin, cwd=tmp_path, check=True,
                                          capture_output=True).stdout
            assert staged == expected, name
    assert git("diff", "--name-only").stdout == b""  # the working files, filtered, are staged
    git("commit", "-q", "-m", "staged")
    (tmp_path / "long.ipynb").unlink()
    git("checkout", "--", "long.ipynb")  # through the smudge filter: as committed
    assert (tmp_path / "long.ipynb").read_bytes() == git("cat-file", "blob", ":long.ipynb").stdout


def test_a_file_that_is_no_notebook_stops_git_add_and_is_named(tmp_path):
    git = _repo(tmp_path)
    (tmp_path / "good.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()),
                                         encoding="utf-8")
    (tmp_path / "broken.ipynb").write_text("not a notebook", encoding="utf-8")
    result = git("add", ".", check=False)
    assert result.returncode != 0
    assert b"broken.ipynb: clean filter 'nbstripout' failed" in result.stderr
    assert b"No valid notebook detected" in result.stderr and b"Traceback" not in result.stderr
