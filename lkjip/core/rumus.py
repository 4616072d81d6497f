"""The formula of an indicator as LaTeX math, from its components (one function).

    rasio:    \\frac{267 \\text{ Kab/Kota ...}}{514 \\text{ Total Kab/Kota}} \\times 100\\% = 52\\%
    rerata:   \\frac{89{,}39 + 92{,}65 + 94{,}81}{3} = 92{,}28\\%
    langsung: \\frac{396 \\text{ Instansi Pemerintah}}{109 \\text{ target}} \\times 100\\% = 363{,}30\\%

Indonesian decimal commas are written ``{,}`` so TeX/MathJax do not add a space after them.
Core module: no Jupyter.
"""
from __future__ import annotations

import re

from lkjip.core import fmt
from lkjip.core.compute import Hasil

_TEX_SPECIAL = re.compile(r"([\\{}$&#%_^~])")


def _tex_text(s: str) -> str:
    s = " ".join(str(s).split())
    s = _TEX_SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(
        m.group(1), "\\" + m.group(1)), s)
    return s


def _num(x, decimals: int) -> str:
    return fmt.angka(x, decimals).replace(",", "{,}")




def rumus_latex(h: Hasil) -> str | None:
    """The indicator's formula with its figures, as LaTeX math (without $ delimiters);
    None when an input is missing (no realisasi yet)."""
    i = h.indikator
    if h.realisasi is None:
        return None
    pct = r"\%"
    if i.rumus == "rasio":
        num = next(k for k in i.komponen if k.peran == "pembilang")
        den = next(k for k in i.komponen if k.peran == "penyebut")
        return (rf"\frac{{{_num(num.nilai, fmt.desimal_perlu(num.nilai))} \text{{ {_tex_text(num.label)}}}}}"
                rf"{{{_num(den.nilai, fmt.desimal_perlu(den.nilai))} \text{{ {_tex_text(den.label)}}}}} \times 100{pct}"
                rf" = {_num(h.realisasi, i.desimal)}{pct}")
    if i.rumus == "rerata":
        vals = [k for k in i.komponen if k.peran == "periode"]
        terms = " + ".join(_num(k.nilai, max(fmt.desimal_perlu(k.nilai), i.desimal)) for k in vals)
        unit = pct if i.satuan == "%" else ""
        return rf"\frac{{{terms}}}{{{len(vals)}}} = {_num(h.realisasi, i.desimal)}{unit}"
    if i.rumus == "langsung":
        if h.capaian is None:
            return None
        return (rf"\frac{{{_num(h.realisasi, i.desimal)} \text{{ {_tex_text(i.satuan)}}}}}"
                rf"{{{_num(i.target, fmt.desimal_perlu(i.target))} \text{{ target {_tex_text(i.satuan)}}}}} \times 100{pct}"
                rf" = {_num(h.capaian, i.desimal_capaian)}{pct}")
    return None
