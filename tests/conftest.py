import shutil

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

