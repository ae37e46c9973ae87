"""Writing files so that no reader ever sees half of one."""

import hashlib
import os
from pathlib import Path


def write_atomic(path: Path, text: str):
    """Write through a temporary file and rename, so no reader ever sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # name the file meant, not the temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    finally:
        tmp.unlink(missing_ok=True)


def sha256_file(path: Path) -> str:
    """The same for a file's bytes, read in chunks (bulk tables run to gigabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def sha256(text: str) -> str:
    """The content hash recorded for a file: 'sha256:' and the hex digest of its UTF-8 bytes."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
