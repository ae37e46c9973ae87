"""notebooks/reports.yaml: which notebook runs with which parameters, one entry per report."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tradeclaims import paths
from tradeclaims.errors import InputError

CONFIG = paths.NOTEBOOKS / "reports.yaml"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    notebook: Path
    parameters: dict
    article_id: str = ""

    @property
    def ipynb(self) -> Path:
        return paths.REPORTS / f"{self.name}.ipynb"

    @property
    def html(self) -> Path:
        return paths.REPORTS / f"{self.name}.html"


def load_config(path: Path = CONFIG) -> dict[str, Report]:
    """Which notebook runs with which parameters: notebooks/reports.yaml."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    reports = {}
    for name, entry in (entries or {}).items():
        if not _NAME.match(str(name)):
            raise InputError(path, "report names are lower case with hyphens", field=str(name))
        for key in ("title", "notebook"):
            if not entry.get(key):
                raise InputError(path, f"report {name} needs a {key}", field=f"{name}.{key}")
        notebook = paths.NOTEBOOKS / entry["notebook"]
        if not notebook.exists():
            raise InputError(path, f"report {name}: no notebook {entry['notebook']}",
                             field=f"{name}.notebook")
        parameters = entry.get("parameters") or {}
        reports[name] = Report(name, entry["title"], notebook, parameters,
                               parameters.get("article_id", ""))
    return reports
