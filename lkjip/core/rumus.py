"""The formula of an indicator as LaTeX math, from its components (one function).

    rasio:    \\frac{267 \\text{ Kab/Kota ...}}{514 \\text{ Total Kab/Kota}} \\times 100\\% = 52\\%
    rerata:   \\frac{89{,}39 + 92{,}65 + 94{,}81}{3} = 92{,}28\\%
    langsung: \\frac{396 \\text{ Instansi Pemerintah}}{109 \\text{ target Instansi Pemerintah}} \\times 100\\% = 363{,}30\\%

The capaian of a realisasi entered as is (``langsung``, and a kind declared in data computed that
way) is the formula shown; a computed realisasi (``rasio``, ``rerata``) shows its computation and,
where lower is better (``arah: turun``), the capaian too, since it is not realisasi / target:

    naik:  \\frac{R}{T} \\times 100\\% = C
    turun: \\frac{2 \\times T - R}{T} \\times 100\\% = C        (lkjip.core.compute.capaian_dari)

Indonesian decimal commas are written ``{,}`` so TeX/MathJax do not add a space after them.
Core module: no Jupyter.
"""
from __future__ import annotations

import re

from lkjip.core import fmt
from lkjip.core.compute import Hasil

_TEX_SPECIAL = re.compile(r"([\\{}$&#%_^~])")
PCT = r"\%"


def _tex_text(s: str) -> str:
    s = " ".join(str(s).split())
    s = _TEX_SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(
        m.group(1), "\\" + m.group(1)), s)
    return s


def _num(x, decimals: int) -> str:
    return fmt.angka(x, decimals).replace(",", "{,}")


def _nilai(x, decimals: int, satuan: str, label: str = "") -> str:
    """A figure with its unit: '15{,}00\\%' for a percentage, '396 \\text{ Instansi Pemerintah}'
    for a count, '3{,}45' for an index without a unit."""
    n = _num(x, decimals)
    if satuan == "%":
        return n + PCT + (rf" \text{{ {_tex_text(label)}}}" if label else "")
    teks = " ".join(dict.fromkeys(t for t in (label, satuan) if t))
    return n + (rf" \text{{ {_tex_text(teks)}}}" if teks else "")


def rumus_capaian(h: Hasil) -> str | None:
    """The capaian of the indicator from its realisasi and target, by its direction."""
    i = h.indikator
    if h.realisasi is None or h.capaian is None or i.target is None:
        return None
    satuan = i.satuan if i.satuan == "%" else ""  # a count names its unit once, on the realisasi
    if i.arah == "turun":
        t = _nilai(i.target, fmt.desimal_perlu(i.target), satuan)
        return (rf"\frac{{2 \times {t} - {_nilai(h.realisasi, i.desimal, satuan)}}}{{{t}}} \times 100{PCT}"
                rf" = {_num(h.capaian, i.desimal_capaian)}{PCT}")
    if i.satuan == "%":
        r, t = _nilai(h.realisasi, i.desimal, "%"), _nilai(i.target, fmt.desimal_perlu(i.target), "%", "target")
    else:
        label = i.jenis.label if i.jenis is not None else ""
        r = _nilai(h.realisasi, i.desimal, i.satuan, label)
        t = _nilai(i.target, fmt.desimal_perlu(i.target), i.satuan, "target")
    return rf"\frac{{{r}}}{{{t}}} \times 100{PCT} = {_num(h.capaian, i.desimal_capaian)}{PCT}"


def rumus_latex(h: Hasil) -> str | None:
    """The indicator's formula with its figures, as LaTeX math (without $ delimiters);
    None when an input is missing (no realisasi yet)."""
    i = h.indikator
    if h.realisasi is None:
        return None
    cara = i.rumus_dasar
    if cara == "langsung":
        return rumus_capaian(h)
    if cara == "rasio":
        num = next(k for k in i.komponen if k.peran == "pembilang")
        den = next(k for k in i.komponen if k.peran == "penyebut")
        r = (rf"\frac{{{_num(num.nilai, fmt.desimal_perlu(num.nilai))} \text{{ {_tex_text(num.label)}}}}}"
             rf"{{{_num(den.nilai, fmt.desimal_perlu(den.nilai))} \text{{ {_tex_text(den.label)}}}}} \times 100{PCT}"
             rf" = {_num(h.realisasi, i.desimal)}{PCT}")
    elif cara == "rerata":
        vals = [k for k in i.komponen if k.peran == "periode"]
        terms = " + ".join(_num(k.nilai, max(fmt.desimal_perlu(k.nilai), i.desimal)) for k in vals)
        unit = PCT if i.satuan == "%" else ""
        r = rf"\frac{{{terms}}}{{{len(vals)}}} = {_num(h.realisasi, i.desimal)}{unit}"
    else:
        return None
    c = rumus_capaian(h) if i.arah == "turun" else None
    return r if c is None else rf"{r}; \quad \text{{capaian}} = {c}"


def rumus_sebagian(h: Hasil) -> str | None:
    """What is filled in of a realisasi not yet complete, in words: 'belum lengkap (2 dari 3
    periode): B04 89,39%; B08 92,65%; B12 belum diisi'. None when complete or nothing is filled."""
    k = h.sebagian
    if k is None:
        return None
    i = h.indikator
    bagian = []
    for kom in i.komponen:
        if kom.nilai is None:
            bagian.append(f"{kom.label} belum diisi")
        else:
            dec = fmt.desimal_ditulis(kom.nilai)
            v = fmt.nilai(kom.nilai, i.satuan, max(dec, i.desimal)) if kom.peran == "periode" else fmt.angka(kom.nilai, dec)
            bagian.append(f"{kom.label} {v}")
    for p in (k.kurang if k.satuan == "komponen" else ()):
        if not any(kom.peran == p for kom in i.komponen):
            bagian.append(f"{p} belum diisi")
    return f"{k.teks}: " + "; ".join(bagian)
