"""Writing files so that no reader ever sees half of one."""

import os
from pathlib import Path


def write_atomic(path: Path, text: str):
    """Write through a temporary file and rename, so no reader ever sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
