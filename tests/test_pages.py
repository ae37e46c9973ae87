"""The page guard: every published page (reports/*.ipynb) shows exactly the verdicts and
figures that today's data, claims and code give, each checked in this process (tests/pages.py)
while nbval runs a few of them in real kernels (conftest.py)."""

import importlib.util

import pytest

import pages
from tradeclaims import paths


@pytest.fixture(scope="module")
def shell():
    return pages.Shell()


@pytest.mark.parametrize("notebook", sorted(paths.REPORTS.glob("*.ipynb")),
                         ids=lambda path: path.name)
def test_every_page_shows_what_todays_data_claims_and_code_give(notebook, shell):
    found = pages.differences(notebook, shell)
    assert not found, f"rebuild with `make reports` if this change is meant:\n{found}"


def test_the_guard_names_the_page_the_cell_and_the_figure_that_moved(tmp_path, shell):
    """A published output edited to another figure is found, as a changed figure in the data
    would be (tests/test_additions.py changes one there)."""
    page = next(iter(sorted(paths.REPORTS.glob("*.ipynb"))))
    text = page.read_text(encoding="utf-8")
    moved = next(word for word in ("reproduced", "contradicted", "not_checkable")
                 if f"{word};" in text)
    edited = tmp_path / page.name
    edited.write_text(text.replace(f"{moved};", "approximate;", 1), encoding="utf-8")
    found = pages.differences(edited, shell).splitlines()
    assert found and found[0].startswith(f"{edited}, cell ")
    assert any(line.startswith("-") and "approximate;" in line for line in found)  # published
    assert any(line.startswith("+") and f"{moved};" in line for line in found)  # today


def _root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest", paths.ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nbval_runs_every_article_page_over_successive_runs(tmp_path):
    """conftest.py gives nbval a window of the generic article pages that moves on each run
    (a count in pytest's cache), so every page runs in a real kernel within a few runs."""
    root = _root_conftest()
    names = [f"article-x{i}.ipynb" for i in range(7)]
    for name in [*names, "ledger.ipynb"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    runs = -(-len(names) // root.ARTICLE_PAGES)
    turns = [root._this_turn(tmp_path, turn) for turn in range(runs)]
    assert all(len(pages_) == root.ARTICLE_PAGES for pages_ in turns)
    assert set().union(*turns) == set(names)

    class Cache(dict):
        def get(self, key, default):
            return super().get(key, default)

        def set(self, key, value):
            self[key] = value

    config = type("Config", (), {"cache": Cache()})()
    session = type("Session", (), {"config": config})()
    for expected in (1, 2):
        root.pytest_sessionfinish(session)
        assert root._turn(config) == expected


def test_files_that_build_repository_copies_run_first_each_kept_whole_and_in_order():
    """make test's workers take files in collection order (--no-loadscope-reorder): those that
    build copies of the repository, the long ones, come first, so none is left to run alone."""
    root = _root_conftest()

    class Item:
        def __init__(self, path, copies):
            self.path, self.copies = path, copies

        def get_closest_marker(self, name):
            return self.copies and name == "repository_copy" or None

    layout = [("a", False), ("a", False), ("b", False), ("b", True), ("c", True), ("c", True),
              ("d", False)]
    items = [Item(path, copies) for path, copies in layout]
    order = list(items)
    root.costliest_files_first(items)
    assert [item.path for item in items] == ["c", "c", "b", "b", "a", "a", "d"]
    assert [order.index(item) for item in items if item.path == "b"] == [2, 3]  # in order
