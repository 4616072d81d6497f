"""Year-specific prose: Markdown files under data/, with figures filled in from data.

Placeholders use Jinja2 (``{{ tahun }}``, ``{{ ind['IKSS-1.1'].capaian }}``) with
StrictUndefined: a placeholder naming an unknown value is an error naming the file
and line, never an empty gap in the report.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import jinja2.sandbox
from jinja2 import meta

from lkjip.errors import DataValidationError, Problem


def _template_line(tb) -> int | None:
    """The template line an error was raised at: Jinja maps its frames to '<template>'."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _line_of(text: str, name: str) -> int | None:
    pat = re.compile(r"\{\{[^}]*\b" + re.escape(name) + r"\b")
    for n, ln in enumerate(text.splitlines(), 1):
        if pat.search(ln):
            return n
    return None


def render_file(path: Path, context: dict, root: Path | None = None) -> str:
    rel = str(path.relative_to(root)) if root else str(path)
    text = path.read_text(encoding="utf-8")
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    available = f"nilai yang tersedia: {', '.join(sorted(context))}"
    try:
        # every unknown top-level name at once, each with its line
        unknown = sorted(meta.find_undeclared_variables(env.parse(text)) - set(context))
        if unknown:
            raise DataValidationError([
                Problem(rel, _line_of(text, name), None, name,
                        f"penanda merujuk nilai yang tidak dikenal ('{name}'); {available}", "unknown_placeholder")
                for name in unknown])
        return env.from_string(text).render(**context)
    except jinja2.TemplateSyntaxError as e:
        raise DataValidationError([Problem(rel, e.lineno, None, None,
                                           f"penanda {{{{ ... }}}} tidak lengkap: {e.message}",
                                           "template_syntax")]) from None
    except jinja2.UndefinedError as e:
        line = _template_line(e.__traceback__)
        m = re.search(r"has no attribute '([^']+)'", str(e.message))
        what = f"'{m.group(1)}' tidak ada" if m else str(e.message)
        raise DataValidationError([Problem(rel, line, None, m.group(1) if m else None,
                                           f"penanda merujuk nilai yang tidak dikenal ({what}); {available}",
                                           "unknown_placeholder")]) from None


# --------------------------------------------------------------------------- where prose lives


def tempat_narasi(proyek, tahun: int, renstra: str | None, subfolder: str | None = None) -> list[Path]:
    """The folders a prose block is looked for in, in order: a chapter group's own
    (data/<tahun>/narasi/<subfolder>/), the year's (data/<tahun>/narasi/), the Renstra
    period's (data/renstra/<periode>/). The one rule for finding prose outside Bab III
    (whose per-sasaran files are lkjip.data.lampiran.berkas_prosa)."""
    narasi = proyek.folder_tahun(tahun) / "narasi"
    dirs = [narasi / subfolder] if subfolder else []
    dirs.append(narasi)
    if renstra:
        dirs.append(proyek.folder_renstra(renstra))
    return dirs


def cari_narasi(proyek, tahun: int, renstra: str | None, nama: str,
                subfolder: str | None = None) -> tuple[Path | None, list[Path]]:
    """The prose file ``nama`` (the first of :func:`tempat_narasi` that has it) and the places
    looked in, for the message when there is none."""
    cands = [d / f"{nama}.md" for d in tempat_narasi(proyek, tahun, renstra, subfolder)]
    return next((p for p in cands if p.is_file()), None), cands


def ada_di_renstra(proyek, nama: str) -> bool:
    """Whether some Renstra period has a prose block ``nama`` (a text of the Renstra)."""
    return any((proyek.data / "renstra").glob(f"*/{nama}.md"))
