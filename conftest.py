"""nbval compares the published reports (reports/*.ipynb) with a re-execution. It compares the
plain-text form of each output, not its HTML: every table the notebooks show has a text form
that carries the same facts (claim, verdict, numbers, tolerance, sources, note), and text diffs
are what a reviewer can read. Images are never compared (nbval's default)."""

import pytest


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html",)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    """Under pytest-xdist (--dist loadgroup), every notebook runs on one worker, one at a time,
    while the other worker takes the rest: nbval's kernels then never race for a TCP port."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group("nbval"))
