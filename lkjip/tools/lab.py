"""`lkjip lab` / `make lab`: JupyterLab for the analysts, at the project root (data/ reachable),
as root or as a user, with the project's Jupyter config (jupyter_server_config.py: .md, .csv and
.yaml open in the editor; notebooks are saved without outputs and with their parameters reset).

The save hook (`pre_save`) is the one place that decides what a notebook in git looks like
when JupyterLab writes it: nbstripout's stripping (outputs, counts, run-time metadata), the
`parameters` cell back to `name = None` (None: the build gives the year), and the notebook
metadata back to the kernel's name.

Headings: a chapter notebook's Markdown cells carry the book's substitutions (``{{ tahun }}``),
which JupyterLab's Markdown cannot fill. `ProjectContents` opens a chapter notebook with them
filled for the year a notebook run shows (the latest year with realisasi, what `tahun = None`
gives), keeping each cell's template in its metadata; `pre_save` puts the template back.
"""
from __future__ import annotations

import os
import secrets
import socket
import sys
from pathlib import Path

from jupyter_server.services.contents.filecheckpoints import AsyncFileCheckpoints
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_core.utils import ensure_dir_exists

CONFIG = "jupyter_server_config.py"  # at the project root, read by `lkjip lab`
TEMPLAT = "lkjip_templat"  # a Markdown cell's metadata while open in JupyterLab: its source in git
CHECKPOINTS = Path("build") / ".lab-checkpoints"  # JupyterLab's checkpoints, out of data/ and git
STRIPPED_PREFIX = "notebooks/"  # the chapter notebooks kept in git (paths relative to the project)
# what nbstripout removes by default besides outputs and counts
NBSTRIPOUT_KEYS = ["metadata.signature", "metadata.widgets", "cell.metadata.collapsed",
                   "cell.metadata.ExecuteTime", "cell.metadata.execution", "cell.metadata.heading_collapsed",
                   "cell.metadata.hidden", "cell.metadata.scrolled"]


def reset_parameters(source: str) -> str:
    """Every top-level assignment of a `parameters` cell back to `name = None` (comments and
    other lines kept); a cell that does not parse is left as it is."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.split("\n")
    for node in reversed(tree.body):
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if names and len(names) == len(targets):
            lines[node.lineno - 1:node.end_lineno] = [" = ".join(names) + " = None"]
    return "\n".join(lines)


def _bagian(cell: dict) -> str | None:
    """The book-plan part a cell belongs to (tag ``bagian:<kunci>``, see lkjip.data.buku; the
    page heading, tag ``judul-halaman``, is the part "")."""
    tags = cell.get("metadata", {}).get("tags", [])
    if "judul-halaman" in tags:
        return ""
    return next((t.split(":", 1)[1] for t in tags if isinstance(t, str) and t.startswith("bagian:")), None)


def fill_headings(nb: dict, subs: dict[str, str], judul: dict[str, str | None] | None = None) -> None:
    """In place, as the build fills them: a Markdown cell of a book-plan part gets the plan's
    numbered heading (`judul`: kunci -> heading Markdown), and each cell's substitutions are
    filled (`lkjip.laporan.judul.isi`); the cell's own source is kept in its metadata for
    `unfill_headings`."""
    from lkjip.laporan.judul import isi

    judul = judul or {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        filled = isi(judul.get(_bagian(cell)) or src, subs)
        if filled != src:
            cell.setdefault("metadata", {})[TEMPLAT] = {"sumber": src, "isi": filled}
            cell["source"] = filled


def unfill_headings(nb: dict) -> None:
    """In place: the Markdown cells `fill_headings` filled get their source in git back. A
    part's heading is the book plan's (edited in buku.yaml); another cell the analyst changed
    keeps the change, with the filled values written back as substitutions."""
    from lkjip.laporan.judul import kembalikan

    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        t = meta.pop(TEMPLAT, None) if isinstance(meta, dict) else None
        if not isinstance(t, dict) or not isinstance(t.get("sumber"), str):
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if src == t.get("isi") or _bagian(cell) is not None:
            cell["source"] = t["sumber"]
        else:
            cell["source"] = kembalikan(src, t["sumber"], t.get("isi", ""))


def strip_notebook(nb) -> None:
    """In place: no outputs or execution counts, the parameters reset, kernel metadata only,
    headings back to their substitutions."""
    import nbformat
    from nbstripout import strip_output

    if not isinstance(nb, nbformat.NotebookNode):
        raise TypeError("a NotebookNode is expected")
    unfill_headings(nb)
    strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=NBSTRIPOUT_KEYS)
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = []  # also where a cell's own metadata asked nbstripout to keep them
        cell["execution_count"] = None
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell.get("source", "")
            cell["source"] = reset_parameters("".join(src) if isinstance(src, list) else src)
    lang = nb.metadata.get("language_info")
    if isinstance(lang, dict) and "name" in lang:
        nb.metadata["language_info"] = {"name": lang["name"]}


def pre_save(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """Jupyter server pre-save hook (ContentsManager.pre_save_hook): a chapter notebook under
    notebooks/ is written stripped, whatever the browser still shows."""
    import nbformat

    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    if not path.lstrip("/").startswith(STRIPPED_PREFIX):
        return
    nb = nbformat.from_dict(model["content"])
    strip_notebook(nb)
    model["content"] = nb


def headings_year(root: Path, notebook: str) -> tuple[dict[str, str], dict[str, str | None]] | None:
    """The substitutions and the book plan's part headings of `notebook` (its name under
    notebooks/) for the year a run in JupyterLab shows; None when the project's data cannot be
    read (the notebook then opens as it is; a run names the error)."""
    from lkjip.data.buku import baca_buku
    from lkjip.data.pk import latest_year_with_realisasi, load_year
    from lkjip.errors import LkjipError
    from lkjip.laporan.judul import substitusi

    try:
        data = load_year(latest_year_with_realisasi(root), root)
        halaman = baca_buku(data.tahun, root).cari(notebook)
    except (LkjipError, OSError, ValueError):
        return None
    if halaman is None:
        return substitusi(data), {}
    return substitusi(data), {"": "# " + halaman.judul if halaman.judul else None, **dict(halaman.judul_bagian())}


class ProjectContents(AsyncLargeFileManager):
    """Jupyter's file contents manager; a chapter notebook under notebooks/ opens with its
    headings as the book shows them for the year (`fill_headings`)."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        rel = path.lstrip("/")
        if (content and model.get("type") == "notebook" and isinstance(model.get("content"), dict)
                and rel.startswith(STRIPPED_PREFIX)):
            found = headings_year(Path(self.root_dir), Path(rel).stem)
            if found:
                fill_headings(model["content"], *found)
        return model


class ProjectCheckpoints(AsyncFileCheckpoints):
    """JupyterLab's checkpoints under build/.lab-checkpoints/<folder>/, mirroring the project,
    instead of an .ipynb_checkpoints/ folder inside data/ (which every reader of a year's
    folder, `lkjip new-year` included, would otherwise meet)."""

    def checkpoint_path(self, checkpoint_id, path):
        parent, name = ("/" + path.strip("/")).rsplit("/", 1)
        basename, ext = os.path.splitext(name)
        cp_dir = os.path.join(self.root_dir, CHECKPOINTS, *[p for p in parent.split("/") if p])
        with self.perm_to_403():
            ensure_dir_exists(cp_dir)
        return os.path.join(cp_dir, f"{basename}-{checkpoint_id}{ext}")


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def lab_command(root: Path, port: int, token: str, browser: bool = True) -> list[str]:
    """`jupyter lab` at the project root with the project's config; --allow-root only as root."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--config={root / CONFIG}",
           f"--ServerApp.root_dir={root}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    if not browser:
        cmd.append("--no-browser")
    return cmd


def prepare(root: Path, port: int | None = None, browser: bool = True) -> tuple[list[str], str]:
    """The command to run and the URL to print. Raises LkjipError when the config is missing or
    the port is taken."""
    from lkjip.errors import LkjipError

    root = Path(root).resolve()
    if not (root / CONFIG).is_file():
        raise LkjipError(f"{root / CONFIG} tidak ada: berkas konfigurasi JupyterLab proyek diperlukan "
                         "(salin dari repositori lkjip).")
    if port is None:
        port = next((p for p in range(8888, 8988) if port_free(p)), None)
        if port is None:
            raise LkjipError("Tidak ada port bebas di 127.0.0.1 antara 8888 dan 8987; pilih dengan --port.")
    elif not port_free(port):
        raise LkjipError(f"Port {port} di 127.0.0.1 sudah dipakai program lain; "
                         "pilih port lain dengan --port.")
    token = secrets.token_hex(24)
    return lab_command(root, port, token, browser), f"http://127.0.0.1:{port}/lab?token={token}"
