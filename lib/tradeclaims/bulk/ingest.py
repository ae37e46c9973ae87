"""Ingest data/bulk/<source_id>/ (source.yaml and CSV files of one format) into the tidy bulk
store: Parquet partitioned by reporter and year, plus sources.json (provenance, file hashes, row
counts). The sources are found by `sources`, each file is staged and checked by `staging`; a
row given twice across files is refused here. The store is built in a new directory and
published by repointing the symlink build/bulk/store, so a failed ingest keeps the last good
one."""

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tradeclaims import paths
from tradeclaims.bulk import formats, sources, staging
from tradeclaims.bulk.sources import BulkSource, discover
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.files import sha256_file

MEMORY_LIMIT = "1GB"  # DuckDB's own; it spills to disk beyond it


@dataclass(frozen=True)
class Result:
    status: str  # "empty" (no bulk sources), "unchanged" or "ingested"
    sources: int = 0
    files: int = 0
    rows: int = 0
    skipped: int = 0
    store: Path | None = None
    breakdowns: int = 0  # breakdown rows skipped beside their totals (formats' `totals`)


def manifest(found: list[BulkSource]) -> dict:
    """What the store is built from: for each source, its source.yaml, its format config's hash,
    the ingest code's hash and its files' hashes. The same manifest means the same store."""
    code = hashlib.sha256(b"".join(Path(m.__file__).read_bytes()
                                   for m in (formats, sources, staging, sys.modules[__name__])))
    return {s.id: {"source": s.meta, "format_sha256": s.format.sha256,
                   "code_sha256": "sha256:" + code.hexdigest(),
                   "files": [{"name": p.name, "sha256": sha256_file(p)} for p in s.files]}
            for s in found}


def _unchanged(store: Path, wanted: dict) -> tuple | None:
    """(files, rows, rows skipped, breakdowns skipped) of the store when its sources.json
    records the manifest `wanted`; None when it does not, or there is none, or it cannot be read."""
    try:
        recorded = json.loads((store / "sources.json").read_text("utf-8"))
        files = [f for entry in recorded.values() for f in entry["files"]]
        same = {sid: {**entry, "files": [{"name": f["name"], "sha256": f["sha256"]}
                                         for f in entry["files"]]}
                for sid, entry in recorded.items()}
        if same == json.loads(json.dumps(wanted, default=str)):
            return (len(files), sum(f["rows"] for f in files),
                    sum(f["skipped"] for f in files), sum(f.get("breakdowns", 0) for f in files))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    return None



def _check_duplicates(con, out: Path, tags: dict[str, Path]):
    """Each (source, reporter, partner, flow, product, period) once: two files of one source
    that overlap, or a file holding a row twice, would double the sums. Grouped on a 64-bit hash
    of the key (fast); the keys of the hashes seen twice are then compared in full."""
    if not any(out.rglob("*.parquet")):
        return
    keys = "source_id, reporter, partner, flow, product, period"
    store = f"read_parquet({staging.lit(out / '*' / '*' / '*.parquet')}, hive_partitioning=true"
    twice = [h for (h,) in con.execute(  # no file names here: a quarter of this scan's time
        f"SELECT h FROM (SELECT hash({keys}) AS h FROM {store})) GROUP BY h "
        "HAVING count(*) > 1 LIMIT 10").fetchall()]
    store += ", filename=true)"
    if not twice:
        return
    rows = con.execute(
        f"SELECT {keys}, count(*) AS n, list(DISTINCT regexp_extract(filename, "
        f"'(s[0-9]+f[0-9]+)_[0-9]+\\.parquet$', 1)) FROM {store} "
        f"WHERE hash({keys}) IN ({', '.join(map(str, twice))}) "
        f"GROUP BY {keys} HAVING n > 1 ORDER BY {keys}").fetchall()
    if rows:
        raise InputErrors([
            InputError(tags[files[0]].parent, f"{n} rows for reporter={r}, partner={p}, "
                       f"flow={f}, product={c}, period={t} (in "
                       f"{', '.join(sorted(tags[x].name for x in files))}): a file holds it "
                       "twice or two files overlap; each must appear once per source")
            for _, r, p, f, c, t, n, files in rows])


def ingest(bulk: Path = paths.BULK, store: Path = paths.BULK_STORE,
           formats_root: Path = paths.BULK_FORMATS, quiet: bool = False) -> Result:
    """Ingest every bulk source into a new store and publish it; skip when nothing changed."""
    found = discover(bulk, formats_root)
    if not found:
        return Result("empty")
    if store.exists() and not store.is_symlink():
        raise InputError(store, "is not the symlink that ingest maintains; move it away")
    wanted = manifest(found)
    if unchanged := _unchanged(store, wanted):
        files, rows, skipped, breakdowns = unchanged
        return Result("unchanged", len(found), files, rows, skipped, store, breakdowns)
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True, default=str).encode())
    out = store.with_name(f"{store.name}-{digest.hexdigest()[:12]}")
    if store.is_symlink() and store.resolve() == out.resolve():  # its sources.json was lost
        out = out.with_name(f"{out.name}-{os.getpid()}")
    tmp = store.with_name(f".{store.name}-tmp-{os.getpid()}")
    published = False
    try:
        for path in (out, tmp):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        entries = _build(found, wanted, out, tmp, quiet)
        (out / "sources.json").write_text(
            json.dumps(entries, indent=1, ensure_ascii=False, default=str) + "\n", "utf-8")
        published = _publish(store, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not published:
            shutil.rmtree(out, ignore_errors=True)
    _remove_old(store, out)
    files = [f for e in entries.values() for f in e["files"]]
    return Result("ingested", len(found), len(files), sum(f["rows"] for f in files),
                  sum(f["skipped"] for f in files), store,
                  sum(f["breakdowns"] for f in files))


def _build(found: list[BulkSource], wanted: dict, out: Path, tmp: Path, quiet: bool) -> dict:
    from tqdm import tqdm

    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(tmp)})
    con.execute("SET enable_progress_bar = false")
    entries, tags = {}, {}
    total = sum(p.stat().st_size for s in found for p in s.files)
    disable = quiet or not sys.stderr.isatty()
    with con, tqdm(total=total, unit="B", unit_scale=True, desc="ingest", file=sys.stderr,
                   disable=disable, leave=False) as bar:
        for si, source in enumerate(found):
            entries[source.id] = {**wanted[source.id], "files": []}
            for fi, path in enumerate(source.files):
                bar.set_postfix_str(f"{source.id}/{path.name}")
                tag = f"s{si}f{fi}"
                tags[tag] = path
                size = path.stat().st_size
                info = staging.ingest_file(con, path, source, out, tag, tmp,
                                    lambda fraction, size=size: bar.update(fraction * size))
                entries[source.id]["files"].append({**wanted[source.id]["files"][fi], **info})
        _check_duplicates(con, out, tags)
    return entries


def _publish(store: Path, out: Path) -> bool:
    """Point `store` at `out` in one rename: readers see the old store or the new one."""
    link = store.with_name(f".{store.name}-link-{os.getpid()}")
    link.unlink(missing_ok=True)
    try:
        os.symlink(out.name, link)
        os.replace(link, store)
    finally:
        link.unlink(missing_ok=True)
    return True


def _remove_old(store: Path, current: Path):
    """Remove the stores `store` no longer points at, and what interrupted ingests left."""
    for old in [*store.parent.glob(f"{store.name}-*"), *store.parent.glob(f".{store.name}-*")]:
        if old != current and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
