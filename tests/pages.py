"""The page guard: every published notebook (reports/*.ipynb) executed again in this one
process, its outputs compared with the stored ones as nbval compares them (text forms, images
left out, the same sanitising), so a figure or verdict that today's data, claims or code would
show differently on any page fails, naming the page, the cell and the line.

nbval starts a kernel per page (about 2 s); here one IPython shell runs every page, each in a
new namespace, and charts are built but not drawn (nbval compares no image either), so a page
costs a tenth of a second. nbval still runs each distinct notebook in a real kernel
(conftest.py chooses which article pages, in turn), which keeps this guard honest about what a
kernel would show."""

import configparser
import difflib
import re
from functools import cache
from pathlib import Path

import nbformat
from IPython.core.displayhook import DisplayHook

from tradeclaims import paths

SANITIZE = paths.ROOT / "tests" / "nbval-sanitize.cfg"
UNCOMPARED = ("image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json")


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def sanitize(text: str) -> str:
    for pattern, replace in _patterns():
        text = pattern.sub(replace, text)
    return text


def _text(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def comparable(output: dict) -> list[str]:
    """An output as lines to compare: its type, then each compared data form."""
    kind = output["output_type"]
    if kind == "stream":
        return [f"[{output['name']}]", *sanitize(_text(output["text"])).splitlines()]
    if kind == "error":
        return [f"[error] {output['ename']}: {output['evalue']}"]
    lines = [f"[{kind}]"]
    for mime, data in sorted(output.get("data", {}).items()):
        if mime not in UNCOMPARED:
            lines += [f"[{mime}]", *sanitize(_text(data)).splitlines()]
    return lines


class Shell:
    """One IPython shell for every page: modules and the dataset load once."""

    def __init__(self):
        import matplotlib

        matplotlib.use("Agg")  # figures are built, never drawn: no image is compared
        from IPython.core.interactiveshell import InteractiveShell

        self.shell = InteractiveShell.instance()
        for mime in UNCOMPARED:
            if mime in self.shell.display_formatter.formatters:
                self.shell.display_formatter.formatters[mime].enabled = False
        self.results = _Results(shell=self.shell, cache_size=0)
        self.shell.displayhook = self.shell.display_trap.hook = self.results

    def run(self, notebook: Path) -> list[tuple[int, list[str], list[str]]]:
        """(cell index, stored lines, lines now) for each code cell of a published notebook."""
        import matplotlib.pyplot as plt
        import pandas as pd
        from IPython.utils.capture import capture_output

        nb = nbformat.read(notebook, as_version=4)
        self.shell.reset(new_session=False)
        cells = []
        # pandas reads at import whether it runs in a kernel; in one, tables wrap at 20 columns
        with pd.option_context("display.max_columns", 20):
            try:
                for i, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    self.results.formatted = []
                    with capture_output(display=True) as captured:
                        result = self.shell.run_cell(cell.source, store_history=False)
                    now = _outputs(captured, result, self.results.formatted)
                    stored = [line for out in cell.outputs for line in comparable(out)]
                    cells.append((i, stored, now))
                    if not result.success:
                        break
            finally:
                plt.close("all")
        return cells


class _Results(DisplayHook):
    """The value a cell ends on, formatted as a kernel would publish it."""

    formatted: list[dict] = []

    def start_displayhook(self):
        pass

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.formatted.append(format_dict)

    def finish_displayhook(self):
        pass


def _outputs(captured, result, formatted: list[dict]) -> list[str]:
    """A cell's outputs in the order a kernel gives them: printed text, displays, its value."""
    lines = []
    if captured.stdout:
        lines += comparable({"output_type": "stream", "name": "stdout", "text": captured.stdout})
    for rich in captured.outputs:
        lines += comparable({"output_type": "display_data", "data": rich.data})
    error = result.error_in_exec or result.error_before_exec
    if error is not None:
        lines += [f"[error] {type(error).__name__}: {error}"]
    for data in formatted:
        lines += comparable({"output_type": "execute_result", "data": data})
    return lines


def differences(notebook: Path, shell: Shell) -> str:
    """'' when every stored output is what the page would show today, else a diff per cell
    (- as published, + as today's data, claims and code give)."""
    found = []
    for i, stored, now in shell.run(notebook):
        if stored != now:
            diff = difflib.unified_diff(stored, now, "published", "today", n=1, lineterm="")
            found.append(f"{paths.relative(notebook)}, cell {i}:\n" + "\n".join(list(diff)[2:]))
    return "\n".join(found)


# Which pages a change reaches, as the build knows it (for tests/test_additions.py's nested run):
# a snapshot of what each page rests on, taken in the repository before the change and in the
# copy after it, then compared. The build's own knowledge is each page's input digests, by group
# (report/provenance.py: what make rebuilds a page for). Every group but the data is a page's
# own or moves every page (the code); the data (trade.csv, every source.yaml, the vocabulary,
# publish.yaml) moves every page too, so where it moved a page of the generic article notebook
# counts as changed only if what it shows of the data moved: its claims' rows in verdicts.csv
# (the ledger command's evaluation; test_registry.py checks it against a full evaluation in the
# same run), a source it cites, or a data file that is not a source's (the vocabulary,
# publish.yaml: those count for every page). A page of a notebook of its own reads the dataset
# as it likes, so moved data changes it.
def _digest(value) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def snapshot() -> dict:
    """What every page of this repository rests on, as JSON: its input digests by group, and
    what the data reaches of the generic article pages."""
    import csv
    import io

    from tradeclaims.digests import files_digest
    from tradeclaims.report import provenance
    from tradeclaims.report.config import ARTICLE_NOTEBOOK, load_config

    rows: dict[str, list] = {}
    if paths.VERDICTS_CSV.exists():
        text = paths.VERDICTS_CSV.read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            rows.setdefault(row["article_id"], []).append(row)
    sources = {folder.name: files_digest(paths.ROOT, [p for p in folder.rglob("*") if p.is_file()])
               for folder in paths.SOURCES.iterdir() if folder.is_dir()}
    other = [paths.DATA / "vocabulary.yaml", paths.NOTEBOOKS / "publish.yaml",
             paths.BULK_STORE / "sources.json"]
    pages = {}
    for name, report in load_config().items():
        groups = provenance.page_inputs(report)
        pages[name] = {"groups": {g: groups[g] for g in provenance.GROUPS},
                       "generic": report.notebook == ARTICLE_NOTEBOOK,
                       "article_id": report.article_id}
    return {"pages": pages,
            "verdicts": {a: _digest(r) for a, r in rows.items()},
            "cited": {a: sorted({s for row in r for s in row["sources"].split()})
                      for a, r in rows.items()},
            "sources": sources,
            "other_data": files_digest(paths.ROOT, other)}


def changed(before: dict, after: dict) -> list[str]:
    """The pages of `after` that the change from `before` reaches (snapshot()s), by name."""
    found = []
    for name, page in after["pages"].items():
        old = before["pages"].get(name)
        moved = {g for g in page["groups"] if old is None or old["groups"][g] != page["groups"][g]}
        article = page["article_id"]
        if moved - {"data"} or "data" in moved and (
                not page["generic"] or before["other_data"] != after["other_data"]
                or before["verdicts"].get(article) != after["verdicts"].get(article)
                or any(before["sources"].get(s) != after["sources"].get(s)
                       for s in after["cited"].get(article, ()))):
            found.append(name)
    return sorted(found)


def published(config=None) -> list[Path]:
    """The pages the page-level tests cover: every published page, or with
    --pages-changed-since SNAPSHOT (a snapshot() written before a change) those the change
    reaches. That is a guard of the tests, not of the pages: the suite's own run covers every
    page."""
    every = sorted(paths.REPORTS.glob("*.ipynb"))
    since = config.getoption("pages_changed_since", None) if config is not None else None
    return every if not since else [page for page in every if page.stem in _reached(since)]


def reports(config) -> list:
    """Every report (report/config.py), or with --pages-changed-since those the change
    reaches: for the tests that go through every report's page."""
    from tradeclaims.report.config import load_config

    every = load_config()
    since = config.getoption("pages_changed_since", None)
    return list(every.values()) if not since else [
        report for name, report in every.items() if name in _reached(since)]


@cache  # a snapshot of every page costs a second or two at 500 articles: once a run
def _reached(since: str) -> frozenset[str]:
    import json

    return frozenset(changed(json.loads(Path(since).read_text(encoding="utf-8")), snapshot()))
