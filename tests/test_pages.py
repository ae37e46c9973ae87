"""The page guard: every published page (reports/*.ipynb) shows exactly the verdicts and
figures that today's data, claims and code give, each checked in this process (tests/pages.py)
while nbval runs a few of them in real kernels (conftest.py)."""

import importlib.util

import pytest

import pages
from tradeclaims import paths
from tradeclaims.report import provenance


@pytest.fixture(scope="module")
def shell():
    return pages.Shell()


def pytest_generate_tests(metafunc):
    """Every published page; in a nested run given --pages-changed-since, those a change
    reaches (tests/pages.py: published)."""
    if metafunc.function is test_every_page_shows_what_todays_data_claims_and_code_give:
        metafunc.parametrize("notebook", pages.published(metafunc.config),
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


def test_a_change_reaches_the_pages_whose_inputs_or_shown_data_moved():
    """tests/pages.py: changed, rule by rule and both sides of each, on this repository's
    snapshot: a page whose own inputs or the code moved is reached; moved data reaches every
    page of a notebook of its own, and a generic article page only through its claims' rows,
    a source it cites or a data file no source holds."""
    import copy

    before = pages.snapshot()
    generic = {name for name, page in before["pages"].items() if page["generic"]}
    own = set(before["pages"]) - generic
    assert generic and own and pages.changed(before, before) == []

    def after(edit) -> set[str]:
        moved = copy.deepcopy(before)
        edit(moved)
        return set(pages.changed(before, moved))

    def every(group):
        def edit(moved):
            for page in moved["pages"].values():
                page["groups"][group] = "moved"
        return edit

    name = sorted(generic)[0]
    article = before["pages"][name]["article_id"]
    assert after(lambda s: s["pages"][name]["groups"].update(claims="moved")) == {name}
    assert after(lambda s: s["pages"][name]["groups"].update(notebook="moved")) == {name}
    assert after(every("code")) == set(before["pages"])
    assert after(every("data")) == own  # nothing a generic page shows of the data moved
    new = {"groups": dict.fromkeys(provenance.GROUPS, "x"), "generic": True,
           "article_id": "zz"}
    assert after(lambda s: s["pages"].update({"article-zz": new})) == {"article-zz"}

    def data_and(edit):
        def both(moved):
            every("data")(moved)
            edit(moved)
        return both

    assert after(data_and(lambda s: s["verdicts"].update({article: "moved"}))) == own | {name}
    cited = before["cited"][article]
    assert cited, f"{article} cites no source"
    assert after(data_and(lambda s: s["sources"].update({cited[0]: "moved"}))) >= own | {name}
    uncited = next(s for s in before["sources"] if not any(
        s in before["cited"].get(before["pages"][g]["article_id"], ()) for g in generic))
    assert after(data_and(lambda s: s["sources"].update({uncited: "moved"}))) == own
    assert after(data_and(lambda s: s.update(other_data="moved"))) == set(before["pages"])
    # without the data moving, none of these reaches a page: the page's digests say so
    assert after(lambda s: s["verdicts"].update({article: "moved"})) == set()
