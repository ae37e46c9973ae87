"""Make rules for every report of notebooks/reports.yaml, so make knows what each report
depends on: its notebook, its own parameters (a file rewritten only when they change), the data
and lib. Written to build/reports.mk, which the Makefile includes."""

import json
from pathlib import Path

from tradeclaims import paths
from tradeclaims.report.config import check_parameters, load_config

PARAMS = paths.BUILD / "params"


def _write_if_changed(path: Path, text: str):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def rules() -> str:
    reports = load_config()
    check_parameters(reports)
    lines = ["# Generated from notebooks/reports.yaml by `python -m tradeclaims makefile`.",
             f"REPORT_NAMES := {' '.join(reports)}",
             f"REPORT_HTML := {' '.join(f'reports/{name}.html' for name in reports)}", ""]
    for name, report in reports.items():
        params = PARAMS / f"{name}.json"
        _write_if_changed(params, json.dumps(report.parameters, sort_keys=True) + "\n")
        lines += [f"reports/{name}.html: {paths.relative(report.notebook)} "
                  f"{paths.relative(params)} $(REPORT_DEPS) | $(READY)",
                  f"\t$(PY) -m tradeclaims run {name}", ""]
    return "\n".join(lines)


def write(out: Path):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rules(), encoding="utf-8")
