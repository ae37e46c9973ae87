"""nbval compares the published reports (reports/*.ipynb) with a re-execution. It compares the
plain-text form of each output, not its HTML: every table the notebooks show has a text form
that carries the same facts (claim, verdict, numbers, tolerance, sources, note), and text diffs
are what a reviewer can read. Images are never compared (nbval's default)."""


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html",)
