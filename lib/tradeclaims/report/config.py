"""Which notebook runs with which parameters, one entry per report: those of
notebooks/reports.yaml, and a page from notebooks/article.ipynb for every article of
data/articles.csv that no entry covers (reports/article-<article_id>.html)."""

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tradeclaims import paths
from tradeclaims.claims.articles import article_rows
from tradeclaims.csvfile import read_text
from tradeclaims.data.fields import ID_PATTERN
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.yamlfile import read_yaml

CONFIG = paths.NOTEBOOKS / "reports.yaml"
ARTICLE_NOTEBOOK = paths.NOTEBOOKS / "article.ipynb"
ARTICLE_PREFIX = "article-"  # the pages made for articles; reports.yaml names may not use it
_NAME = re.compile(ID_PATTERN)
ENTRY_KEYS = ["title", "notebook", "parameters"]


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    notebook: Path
    parameters: dict
    article_id: str = ""
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # parameter -> line

    @property
    def ipynb(self) -> Path:
        return paths.REPORTS / f"{self.name}.ipynb"

    @property
    def html(self) -> Path:
        return paths.REPORTS / f"{self.name}.html"


def load_config(path: Path = CONFIG, articles: Path | None = paths.ARTICLES_CSV
                ) -> dict[str, Report]:
    """Which notebook runs with which parameters: notebooks/reports.yaml, then a page for each
    article of `articles` that no entry covers. The parameters are checked against each
    notebook by check_parameters()."""
    entries, lines = read_yaml(path)
    if entries is None:
        entries = {}
    if not isinstance(entries, dict):
        raise InputError(path, "expected a mapping of report names to entries", row=1)
    reports, errors = {}, []
    for name, entry in entries.items():
        def problem(message, key=None, name=name):
            where = (name,) if key is None else (name, key)
            errors.append(InputError(path, f"report {name}: {message}",
                                     row=lines.get(where) or lines.get((name,)),
                                     field=".".join(map(str, where))))

        if not isinstance(name, str) or not _NAME.match(name):
            problem("report names are lower case with hyphens (they name reports/<name>.html)")
            continue
        if name.startswith(ARTICLE_PREFIX):
            problem(f"names starting with {ARTICLE_PREFIX} are kept for the pages made for "
                    "articles with no report of their own")
            continue
        if not isinstance(entry, dict):
            problem("expected title, notebook and parameters")
            continue
        for key in sorted(set(entry) - set(ENTRY_KEYS), key=str):
            problem(f"unknown key (expected: {', '.join(ENTRY_KEYS)})", key)
        for key in ("title", "notebook"):
            if not entry.get(key) or not isinstance(entry[key], str):
                problem(f"needs a {key}, as text", key)
        parameters = entry.get("parameters") or {}
        if not isinstance(parameters, dict):
            problem("parameters are a mapping (name: value)", "parameters")
        if errors:
            continue
        notebook = paths.NOTEBOOKS / entry["notebook"]
        if notebook.suffix != ".ipynb" or not notebook.is_file():
            problem(f"no notebook {entry['notebook']} in notebooks/", "notebook")
            continue
        article_id = parameters.get("article_id") or ""
        reports[name] = Report(name, entry["title"], notebook, parameters, str(article_id),
                               {key: lines.get((name, "parameters", key)) for key in parameters})
    if errors:
        raise InputErrors(errors)
    return reports | (article_reports(reports, articles) if articles else {})


LEDGER_REPORT = "ledger"


def claim_link(article_id: str, claim_id: str, reports: dict[str, Report]) -> str:
    """The report that shows a claim: its article's first report, else the ledger."""
    name = next((r.name for r in reports.values() if r.article_id == article_id), LEDGER_REPORT)
    return f"{name}.html#claim-{claim_id}"


def article_reports(reports: dict[str, Report], articles: Path) -> dict[str, Report]:
    """A page for every article that no report covers, from the generic notebook."""
    covered = {report.article_id for report in reports.values()}
    return {f"{ARTICLE_PREFIX}{article_id}": Report(
                f"{ARTICLE_PREFIX}{article_id}", article["title"],
                ARTICLE_NOTEBOOK, {"article_id": article_id}, article_id)
            for article_id, article in article_rows(articles).items()
            if article_id not in covered}


def chosen(names: list[str]) -> dict[str, Report]:
    """The reports named, each once, their parameters checked against their notebooks (before
    the runner imports papermill and nbconvert: a wrong name fails at once)."""
    reports = load_config()
    unknown = [name for name in names if name not in reports]
    if unknown:
        raise InputError(CONFIG, f"no report {', '.join(map(repr, unknown))} "
                                 f"(known: {', '.join(reports)})")
    reports = {name: reports[name] for name in dict.fromkeys(names)}
    check_parameters(reports)
    return reports


def check_parameters(reports: dict[str, Report], path: Path = CONFIG):
    """Every parameter of every report is one its notebook's `parameters` cell defines, with a
    value of the same type as the default there (None there accepts any value)."""
    errors = []
    for report in reports.values():
        accepted = notebook_parameters(report.notebook)
        for key, value in report.parameters.items():
            where = dict(row=report.lines.get(key), field=f"{report.name}.parameters.{key}")
            if key not in accepted:
                errors.append(InputError(
                    path, f"report {report.name}: {report.notebook.name} has no parameter "
                    f"{key!r} (it accepts: {', '.join(accepted)})", **where))
            elif accepted[key] is not None and not isinstance(value, type(accepted[key])):
                errors.append(InputError(
                    path, f"report {report.name}: {key} is {type(value).__name__} "
                    f"{value!r}, but {report.notebook.name} expects a "
                    f"{type(accepted[key]).__name__} such as {accepted[key]!r}", **where))
    if errors:
        raise InputErrors(errors)


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The names the cell tagged `parameters` assigns, with their default values (None where
    the default is not a literal). papermill's own inspect_notebook says the same but costs a
    2 s import of papermill, once per make run."""
    try:
        cells = [c for c in json.loads(read_text(notebook))["cells"]
                 if "parameters" in c.get("metadata", {}).get("tags", [])]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(notebook, "not a readable notebook (.ipynb JSON)") from None
    if not cells:
        raise InputError(notebook, "no cell tagged parameters")
    source = "".join(cells[0]["source"])
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise InputError(notebook, f"the parameters cell is not valid Python: {exc.msg}",
                         row=exc.lineno) from None
    defaults = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            defaults[node.targets[0].id] = _literal(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defaults[node.target.id] = _literal(node.value) if node.value else None
    return defaults


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None  # a computed default accepts any value
