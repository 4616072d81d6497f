"""Writing the data files the way they are written by hand: one format for every writer
(``lkjip new-year``, ``lkjip excel import``), so a round trip changes no byte.

CSV: UTF-8 without BOM, ``\\n`` line ends, quotes only where needed (csv.QUOTE_MINIMAL),
a final newline. A year folder is replaced as a whole (copy, write, two renames), so a
failed write leaves the old data as it was.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path


def read_csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV file, as text."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return [], []
    return rows[0], rows[1:]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_text(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_atomic(path: Path, content: str | bytes | None = None, save=None) -> Path:
    """The one atomic file writer: ``content`` (text as UTF-8, or bytes), or ``save(tmp)``
    writing a temporary file, is written beside ``path`` and renamed over it, so a reader
    never sees half a file and a failed write leaves the old one as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if save is not None:
            save(tmp)
        elif isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content or "", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def copy_tree_linked(src: Path, dst: Path, earlier: Path | None = None) -> None:
    """Copy the folder ``src`` to ``dst``; a file whose content equals the same file of
    ``earlier`` (a published folder, whose files are only ever replaced whole, never written in
    place) is hard-linked from there instead of written again. Publishing a site after a
    one-page edit then writes that page, not the whole site. Whoever changes a file of ``dst``
    afterwards replaces it (write_atomic), so the published file it may share stays as it is."""
    import filecmp

    def copy(s: str, d: str) -> str:
        if earlier is not None:
            e = earlier / Path(s).relative_to(src)
            try:
                if e.stat().st_size == os.stat(s).st_size and filecmp.cmp(s, e, shallow=False):
                    os.link(e, d)
                    return d
            except OSError:
                pass  # not there, another file system: copied
        return shutil.copy2(s, d)

    shutil.copytree(src, dst, copy_function=copy)


def swap_dir(staged: Path, target: Path, trash: Path) -> None:
    """Put ``staged`` in the place of ``target`` with two renames: the old ``target`` is moved
    to ``trash`` and removed only once the new one is in place (put back if the second rename
    fails). The one folder swap of the project (a published build, a year's data folder)."""
    if target.exists():
        os.replace(target, trash)
    try:
        os.replace(staged, target)
    except BaseException:
        if trash.exists():
            os.replace(trash, target)
        raise
    shutil.rmtree(trash, ignore_errors=True)


def replace_dir(target: Path, files: dict[str, str | bytes], base: Path | None = None) -> None:
    """Make ``target`` hold ``base``'s files (when given) with ``files`` (relative path ->
    text) written over them, replacing ``target`` as a whole only at the end."""
    staging = target.parent / f".{target.name}.baru-{os.getpid()}"
    trash = target.parent / f".{target.name}.lama-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if base is not None and base.is_dir():
            shutil.copytree(base, staging)
        else:
            staging.mkdir(parents=True)
        for rel, text in files.items():
            write_text(staging / rel, text)
        swap_dir(staging, target, trash)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(trash, ignore_errors=True)
