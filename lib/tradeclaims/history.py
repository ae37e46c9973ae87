"""What git knows of the repository, read and never written: the commit at HEAD, a file as HEAD
has it, the last commit that changed some paths. Every answer is None outside a repository (a
copy, an unpacked archive), so callers say so instead of failing."""

import subprocess
from pathlib import Path

from tradeclaims import paths

HASH_LENGTH = 10  # a fixed length, so a clone with more objects writes the same text


def git(*args: str, root: Path | None = None) -> str | None:
    """git's output, or None when git or the repository is not there, or the command fails."""
    try:
        return subprocess.run(["git", *args], cwd=root or paths.ROOT, capture_output=True,
                              text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def head() -> str | None:
    """The commit at HEAD, abbreviated to HASH_LENGTH."""
    out = git("rev-parse", f"--short={HASH_LENGTH}", "HEAD")
    return out.strip() if out else None


def committed_text(path: Path) -> str | None:
    """A file of the repository as HEAD has it."""
    try:
        relative = path.resolve().relative_to(paths.ROOT)
    except ValueError:  # outside the repository
        return None
    return git("show", f"HEAD:{relative.as_posix()}")
