"""sha256 digests of files and texts. A file is hashed once per identity and date (inode, size,
modification time) in a process: a build reads lib/ once, not once a page."""

import hashlib
import json
import os
from functools import cache
from pathlib import Path


def files_digest(root: Path, files: list[Path]) -> str:
    """Over each file's path (from `root`, so a copy elsewhere gives the same digest) and
    contents; a missing file counts as missing, not as empty."""
    return text_digest(json.dumps([(p.relative_to(root).as_posix(), _file_digest(p, dated(p)))
                                   for p in sorted(files)]))


@cache
def _file_digest(path: Path, dated: tuple | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if dated else "missing"


def dated(path: Path) -> tuple | None:
    """A file's identity and date, None when it is missing."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
