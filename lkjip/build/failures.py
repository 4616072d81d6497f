"""A failed notebook cell as one clear message per problem, not a traceback wall.

papermill raises ``PapermillExecutionError`` with the exception's name and text and the
whole (coloured) traceback. The analyst needs: which chapter, which cell (its stable id
and first line), and the cause; for lkjip's own validation errors, every problem with
file, row and column.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from lkjip.build.dalam_kernel import MIME
from lkjip.errors import BuildError, Problem

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# IPython frames: "File /path/lkjip/compute.py:30, in realisasi(ind)"; plain: 'File "x.py", line 30'
_FRAME = re.compile(r'File "?([^",\n]+?)"?(?::(\d+)|, line (\d+))')


def _cell(notebook: Path | None) -> tuple[str | None, str, dict | None]:
    """The id and first source line of the failed cell of an executed notebook (the cell
    with an error output: papermill inserts marker cells, so indices shift), and the lkjip
    error it displayed as data (lkjip.build.dalam_kernel), if any."""
    if notebook is None or not Path(notebook).is_file():
        return None, "", None
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError):
        return None, "", None
    for cell in cells:
        outputs = cell.get("outputs", [])
        if any(o.get("output_type") == "error" for o in outputs):
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            first = next((ln.strip() for ln in src.splitlines()
                          if ln.strip() and not ln.strip().startswith("#")), "")
            data = next((o["data"][MIME] for o in outputs if MIME in o.get("data", {})), None)
            return cell.get("id"), first, data
    return None, "", None


def _last_frame(traceback: list[str] | None) -> str:
    """Where the error was raised: the last file and line of the traceback."""
    text = _ANSI.sub("", "\n".join(traceback or []))
    frames = _FRAME.findall(text)
    if not frames:
        return ""
    path, a, b = frames[-1]
    name = path.strip()
    if "/lkjip/" in name:
        name = "lkjip/" + name.rsplit("/lkjip/", 1)[1]
    return f"{name} baris {a or b}"


def from_papermill(exc, chapter: str, executed: Path | None = None) -> BuildError:
    """A BuildError naming chapter and cell, one line per problem."""
    cell_id, first, data = _cell(executed)
    cell = cell_id or (None if getattr(exc, "exec_count", None) is None else str(exc.exec_count))
    where = chapter + (f", sel {cell}" if cell else "") + (f" ({first})" if first else "")
    ename, evalue = getattr(exc, "ename", type(exc).__name__), str(getattr(exc, "evalue", exc))
    if data is not None and data["masalah"]:
        text = "\n".join(f"[{where}] {Problem(**p)}" for p in data["masalah"])
    elif data is not None:
        text = f"[{where}] " + " ".join(ln.strip() for ln in data["pesan"].strip().splitlines())
    else:
        frame = _last_frame(getattr(exc, "traceback", None))
        text = f"[{where}] {ename}: {evalue}" + (f" (di {frame})" if frame else "")
    err = BuildError(text)
    err.chapter, err.cell = chapter, cell
    return err


_TOOL_PROBLEM = re.compile(r"(ERROR|CRITICAL|SEVERE|Exception occurred|Error:|error:|! LaTeX Error|"
                           r"^!|Undefined control sequence|not found|No such file)", re.I)


def tool_summary(output: str, limit: int = 15) -> str:
    """The lines of a tool's output (Sphinx, LaTeX) that say what went wrong, without
    Python tracebacks; the last lines when none stands out."""
    lines = _ANSI.sub("", output).strip().splitlines()
    kept, in_tb = [], False
    for ln in lines:
        if ln.startswith("Traceback (most recent call last)"):
            in_tb = True
            continue
        if in_tb:
            if ln.startswith((" ", "\t")) or not ln.strip():
                continue
            in_tb = False  # the exception line that ends the traceback is kept
        kept.append(ln)
    problems = [ln for ln in kept if _TOOL_PROBLEM.search(ln)]
    chosen = problems[-limit:] if problems else kept[-limit:]
    return "\n".join(chosen)
