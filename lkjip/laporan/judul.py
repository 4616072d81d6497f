"""The words the chapter notebooks' Markdown headings take from data (``{{ tahun }}``): one
list for the book (Jupyter Book's ``myst_substitutions``, written by the build) and for
JupyterLab (`lkjip lab` opens a chapter notebook with them filled: lkjip.tools.lab)."""
from __future__ import annotations

import re

from lkjip.core.model import TahunData
from lkjip.core.periode import Periode

_NAMA = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def substitusi(data: TahunData) -> dict[str, str]:
    """Every substitution a notebook's Markdown may use, for `data`'s year (and quarter: a
    quarter's headings read "Tahun 2023 s.d. Triwulan III")."""
    per = Periode(data.tahun, data.triwulan)
    return {"tahun": str(data.tahun) if per.tahunan else f"{data.tahun} s.d. {per.label}"}


def isi(teks: str, subs: dict[str, str]) -> str:
    """`teks` with each ``{{ name }}`` of `subs` filled as MyST's substitution fills it; other
    names are left as they are."""
    return _NAMA.sub(lambda m: subs.get(m[1], m[0]), teks)


def kembalikan(teks: str, sumber: str, terisi: str) -> str:
    """`teks` (an edit of `terisi`, which is `sumber` filled) with the filled values written
    back as the substitutions `sumber` had, so the edited heading still follows the year."""
    for nama, nilai in dict(_nilai(sumber, terisi)).items():
        if nilai:
            teks = re.sub(rf"(?<![0-9A-Za-z]){re.escape(nilai)}(?![0-9A-Za-z])",
                          lambda m, n=nama: "{{ " + n + " }}", teks)
    return teks


def _nilai(sumber: str, terisi: str):
    """The (name, value) pairs that turned `sumber` into `terisi`."""
    bagian = _NAMA.split(sumber)  # text, name, text, name, ..., text
    pola = "".join(re.escape(t) if i % 2 == 0 else "(.*?)" for i, t in enumerate(bagian))
    m = re.fullmatch(pola, terisi, re.S)
    if m:
        yield from zip(bagian[1::2], m.groups())
