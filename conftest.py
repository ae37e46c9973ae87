"""nbval compares the published reports (reports/*.ipynb) with a re-execution. It compares the
plain-text form of each output, not its HTML: every table the notebooks show has a text form
that carries the same facts (claim, verdict, numbers, tolerance, sources, note), and text diffs
are what a reviewer can read. Images are never compared (nbval's default).

nbval starts a kernel per notebook, so it runs each distinct notebook, not every page: every
report of its own notebook, and ARTICLE_PAGES of the pages the generic article notebook makes,
in turn, so that successive runs execute every one. The page guard (tests/test_pages.py) checks
every page's outputs in this process on every run.

Each of nbval's kernels is forked from one prepared process, as the runner's are
(kernel/forks.py; fresh and forked kernels build the same pages byte for byte,
tests/test_builds.py): a kernel then costs milliseconds instead of two seconds of imports."""

from collections import Counter
from contextlib import ExitStack
from functools import cache
from pathlib import Path

import pytest

from tradeclaims import history

_FORK_SERVER = ExitStack()  # this process's, started by the first kernel nbval or a test needs

ARTICLE_PAGES = 2  # generic article pages nbval executes per run
TURN = "tradeclaims/nbval-turn"  # runs so far, in pytest's cache (.pytest_cache)


def _is_article_page(path: Path) -> bool:
    return (path.suffix == ".ipynb" and path.name.startswith("article-")
            and path.parent.name == "reports")


@cache
def _this_turn(reports: Path, turn: int) -> frozenset[str]:
    """The article pages of this run: a window that moves ARTICLE_PAGES on each run, starting
    where the commit at HEAD points, so CI's fresh clones turn too."""
    pages = sorted(p.name for p in reports.glob("article-*.ipynb"))
    if len(pages) <= ARTICLE_PAGES:
        return frozenset(pages)
    start = int(history.head() or "0", 16) + turn * ARTICLE_PAGES
    return frozenset(pages[(start + i) % len(pages)] for i in range(ARTICLE_PAGES))


def _turn(config) -> int:
    cache_ = getattr(config, "cache", None)
    return cache_.get(TURN, 0) if cache_ is not None else 0


def pytest_ignore_collect(collection_path: Path, config):
    if not (config.getoption("nbval", False) and _is_article_page(collection_path)):
        return None
    if any(Path(arg).resolve() == collection_path.resolve() for arg in config.args):
        return None  # a page named on the command line always runs
    return collection_path.name not in _this_turn(collection_path.parent, _turn(config))


def _start_fork_server():
    """This process's fork server, started on first use (the runner is imported then, not by
    every pytest process at start); it stops when pytest does."""
    from tradeclaims.kernel import provisioner
    from tradeclaims.report import runner

    if provisioner.ForkProvisioner.sockets is None:
        _FORK_SERVER.enter_context(runner.prepared())


def _forked_kernel_manager(**kwargs):
    """nbval's KernelManager: a kernel forked from this process's fork server."""
    from tradeclaims.kernel import provisioner

    _start_fork_server()
    return provisioner.BlockingReadyKernelManager(**kwargs)


@pytest.fixture
def forked_kernels():
    """Kernels started in the test are forked from the fork server nbval uses in this process."""
    _start_fork_server()


def pytest_addoption(parser):
    parser.addoption("--pages-changed-since", metavar="SNAPSHOT", default=None,
                     help="page guard over the pages a change reaches since SNAPSHOT, a JSON "
                          "file of tests/pages.py's snapshot() (tests/test_additions.py)")


def pytest_configure(config):
    if config.getoption("nbval", False):
        import nbval.kernel

        nbval.kernel.KernelManager = _forked_kernel_manager


def pytest_unconfigure(config):
    _FORK_SERVER.close()


def pytest_report_header(config):
    if config.getoption("nbval", False):
        return "nbval: every distinct notebook; article pages take turns (conftest.py)"


def pytest_sessionfinish(session):
    config = session.config
    if not hasattr(config, "workerinput") and getattr(config, "cache", None) is not None:
        config.cache.set(TURN, _turn(config) + 1)


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html",)


def costliest_files_first(items: list) -> None:
    """Sort the files (each kept whole and in order) by the repository copies their tests build,
    the costliest tests by far: make test's two workers then start the long files first (xdist
    takes files in collection order under --no-loadscope-reorder), and no long file is left to
    run alone at the end. Files that build no copy keep their order."""
    copies = Counter(item.path for item in items if item.get_closest_marker("repository_copy"))
    items.sort(key=lambda item: -copies[item.path])


def pytest_collection_modifyitems(items):
    """make test's --dist loadfile keeps each notebook's cells on one worker, in order (under
    --dist loadgroup nbval's cells ran in kernels of their own: tried, and left)."""
    costliest_files_first(items)
