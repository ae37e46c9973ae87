"""requirements.txt, constraints.txt and environment.yml describe one environment."""

import os
import re

import yaml

from tradeclaims import paths


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if match := re.match(r"^([A-Za-z0-9_.-]+)(?:\[[a-z,-]+\])?==(\S+)$", line):
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def test_environment_yml_has_the_same_pins_as_requirements():
    requirements = _pins((paths.ROOT / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert _pins(pip) == requirements
    assert "python=3.11" in env["dependencies"]


def test_constraints_pin_every_requirement_at_the_same_version():
    requirements = _pins((paths.ROOT / "requirements.txt").read_text().splitlines())
    constraints = _pins((paths.ROOT / "constraints.txt").read_text().splitlines())
    assert {name: constraints.get(name) for name in requirements} == requirements


def test_notebooks_diff_as_cells_in_this_clone():
    attributes = (paths.ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.ipynb diff=jupyternotebook merge=jupyternotebook" in attributes
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert "git config diff.jupyternotebook.command" in makefile  # never --global


def test_engine_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in
             (paths.ROOT / "requirements-engines.txt").read_text().splitlines()]
    assert all(re.match(r"^[A-Za-z0-9_.-]+(?:\[[a-z,-]+\])?==\S+$", line) for line in lines if line)


def test_tests_run_in_one_environment_whatever_the_caller_s_make_locale_terminal_or_hook():
    """`make -s test` passed MAKEFLAGS=s to every nested make, which then printed no recipe;
    a git hook's GIT_DIR would point a copy's git at the caller's repository."""
    from workspace import FIXED, clean_environment

    caller = {"PATH": os.environ["PATH"], "HOME": "/home/economist", "MAKEFLAGS": "s -j2",
              "MFLAGS": "-s", "MAKELEVEL": "1", "LC_ALL": "fr_FR.UTF-8", "LC_NUMERIC": "de_DE",
              "LANG": "vi_VN.UTF-8", "TERM": "xterm-256color", "COLUMNS": "40",
              "GIT_DIR": "/elsewhere/.git", "GIT_INDEX_FILE": "/elsewhere/index"}
    assert clean_environment(caller) == {"PATH": caller["PATH"], "HOME": "/home/economist",
                                         **FIXED}
    assert not {"MAKEFLAGS", "MAKELEVEL", "GIT_DIR"} & set(os.environ)  # this run's own
    assert {name: os.environ.get(name) for name in FIXED} == FIXED
