"""Year-specific prose: Markdown files under data/, with figures filled in from data.

Placeholders use Jinja2 (``{{ tahun }}``, ``{{ ind['IKSS-1.1'].capaian }}``) in the project's
sandbox (lkjip.data.templat) with StrictUndefined: a placeholder naming an unknown value, or
reaching for anything but the report's values, is an error naming the file and line, never
an empty gap in the report and never code run.
"""
from __future__ import annotations

import re
from pathlib import Path

from dataclasses import replace

import jinja2
from jinja2 import meta

from lkjip.core.malas import buka
from lkjip.data.templat import lingkungan, pesan_kompilasi, pesan_sintaks
from lkjip.errors import DataValidationError, Problem


def _line_of(text: str, name: str) -> int | None:
    pat = re.compile(r"\{\{[^}]*\b" + re.escape(name) + r"\b")
    for n, ln in enumerate(text.splitlines(), 1):
        if pat.search(ln):
            return n
    return None


def render_text(text: str, context: dict, rel: str, baris_awal: int = 1) -> str:
    """One template (a prose file, or a text cell of a CSV file starting at line ``baris_awal``)
    rendered in the project's sandbox (lkjip.data.templat); every problem names ``rel`` and the line."""
    env = lingkungan(rel)
    available = f"nilai yang tersedia: {', '.join(sorted(context))}"

    def geser(e: DataValidationError) -> DataValidationError:
        return DataValidationError([replace(p, row=None if p.row is None else p.row + baris_awal - 1,
                                            expected=p.expected + (f"; {available}" if p.code == "unknown_placeholder"
                                                                   and available not in p.expected else ""))
                                    for p in e.problems])

    try:
        try:
            ast = env.parse(text)
        except jinja2.TemplateSyntaxError as e:
            raise DataValidationError([Problem(rel, e.lineno, None, None,
                                               f"penanda {{{{ ... }}}} tidak lengkap: {pesan_sintaks(e.message)}",
                                               "template_syntax")]) from None
        # every unknown top-level name at once, each with its line
        try:
            names = meta.find_undeclared_variables(ast)
            unknown = sorted(names - set(context))
        except jinja2.TemplateSyntaxError as e:  # an unknown filter is found when compiling
            raise DataValidationError([Problem(rel, e.lineno, None, None, pesan_kompilasi(e.message),
                                               "template_syntax")]) from None
        if unknown:
            raise DataValidationError([
                Problem(rel, _line_of(text, name), None, name,
                        f"penanda merujuk nilai yang tidak dikenal ('{name}'); {available}", "unknown_placeholder")
                for name in unknown])
        # only the values the template names are made (a page depends on the figures it shows)
        return env.from_string(text).render(**{k: buka(context[k]) for k in names})
    except DataValidationError as e:
        raise geser(e) from None


def render_file(path: Path, context: dict, root: Path | None = None) -> str:
    rel = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    if path.is_dir():
        raise DataValidationError([Problem(rel, None, None, None, "harus berupa file teks Markdown (.md), "
                                           "bukan folder", "not_a_file")])
    text = path.read_text(encoding="utf-8")
    return render_text(text, context, rel)


def render_csv_cells(path: Path, kolom: str, context: dict, root: Path) -> list:
    """Every text cell of one column of a CSV file rendered as a template, as the chapters
    render them (the Prioritas Nasional's ``uraian``): the problems, each with file, line and
    column; an empty list when every cell renders."""
    import csv
    import io

    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return []  # reported by the file's own reader
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if kolom not in header:
        return []
    j = header.index(kolom)
    problems: list = []
    start = reader.line_num + 1
    for row in reader:
        if j < len(row) and ("{" in row[j]):
            try:
                render_text(row[j].strip(), context, rel, baris_awal=start)
            except DataValidationError as e:
                problems += [replace(p, column=kolom) for p in e.problems]
        start = reader.line_num + 1
    return problems


# --------------------------------------------------------------------------- where prose lives


def tempat_narasi(proyek, tahun: int, renstra: str | None, subfolder: str | None = None,
                  periode: str | None = None) -> list[Path]:
    """The folders a prose block is looked for in, in order: a chapter group's own
    (data/<tahun>/narasi/<subfolder>/), the year's (data/<tahun>/narasi/), the Renstra
    period's (data/renstra/<periode>/). The one rule for finding prose outside Bab III
    (whose per-sasaran files are lkjip.data.lampiran.berkas_prosa). A quarterly report
    (``periode`` tw1..tw4) looks first in the same places under the quarter's folder
    (data/<tahun>/narasi/tw3/<subfolder>/, data/<tahun>/narasi/tw3/): see :func:`dengan_periode`."""
    narasi = proyek.folder_tahun(tahun) / "narasi"
    dirs = [narasi / subfolder] if subfolder else []
    dirs.append(narasi)
    dirs = dengan_periode(narasi, dirs, periode)
    if renstra:
        dirs.append(proyek.folder_renstra(renstra))
    return dirs


def dengan_periode(dasar: Path, tempat: list[Path], periode: str | None) -> list[Path]:
    """The one rule of a quarter's prose: each place under ``dasar`` (a year's narasi/ or
    bab3/ folder) first in the quarter's folder ``dasar/<periode>/`` (e.g. narasi/tw3/umum/
    before narasi/umum/), the annual file as the fallback."""
    if not periode:
        return list(tempat)
    return [dasar / periode / p.relative_to(dasar) for p in tempat if p.is_relative_to(dasar)] + list(tempat)


def cari_narasi(proyek, tahun: int, renstra: str | None, nama: str,
                subfolder: str | None = None, periode: str | None = None) -> tuple[Path | None, list[Path]]:
    """The prose file ``nama`` (the first of :func:`tempat_narasi` that has it) and the places
    looked in, for the message when there is none."""
    cands = [d / f"{nama}.md" for d in tempat_narasi(proyek, tahun, renstra, subfolder, periode)]
    return next((p for p in cands if p.is_file()), None), cands


def ada_di_renstra(proyek, nama: str) -> bool:
    """Whether some Renstra period has a prose block ``nama`` (a text of the Renstra)."""
    return any((proyek.data / "renstra").glob(f"*/{nama}.md"))
