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
