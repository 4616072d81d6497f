"""An indicator's values in other fiscal years, by its stable ``kode``.

A year with its own folder (data/<tahun>/) is read from there (realisasi computed as for
the report year); an earlier year from data/riwayat.csv. Core module: no Jupyter.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .compute import hasil
from .data import available_years, load_year
from .errors import LkjipError
from .model import TahunData


@dataclass(frozen=True)
class NilaiTahun:
    """Target and realisasi of one indicator (by kode) in one year."""

    kode: str
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    realisasi_teks: str = ""
    sumber: str = ""


_CACHE: dict[tuple[str, int], TahunData | None] = {}


def _tahun_data(root: Path, tahun: int) -> TahunData | None:
    key = (str(root), tahun)
    if key not in _CACHE:
        data = None
        if tahun in available_years(root):
            try:
                data = load_year(tahun, root)
            except LkjipError:
                data = None
        _CACHE[key] = data
    return _CACHE[key]


def nilai_tahun(data: TahunData, kode: str, tahun: int, root: Path) -> NilaiTahun | None:
    """The values of indicator ``kode`` in ``tahun``; None when nothing is known."""
    if tahun == data.tahun:
        other = data
    else:
        other = _tahun_data(root, tahun)
    if other is not None:
        for ind in other.indikator:
            if ind.kode == kode:
                h = hasil(ind)
                return NilaiTahun(kode, tahun, ind.target, h.realisasi, "", f"data/{tahun}")
    r = data.riwayat.get((kode, tahun))
    if r is not None:
        return NilaiTahun(kode, tahun, r.target, r.realisasi, r.realisasi_teks, r.sumber)
    t = data.renstra_target.get((kode, tahun))
    if t is not None and tahun < data.tahun:
        return NilaiTahun(kode, tahun, t, None, "", "Renstra")
    return None
