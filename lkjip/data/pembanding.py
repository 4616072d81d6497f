"""Comparisons across years, read from the data (core: no Jupyter, no plotting).

A year's figure of an indicator (by its stable ``kode``) comes from, in this order:
1. data/<year>/ computed by :mod:`lkjip.core.compute` (the same figures that year's report shows);
2. data/riwayat.csv (what an earlier report gave, for years without their own data folder,
   or whose realisasi is not in the data);
otherwise it is ``None`` ("belum tersedia").

The medium-term comparison uses the Renstra period covering the report's year
(``TahunData.organisasi.renstra``); targets come from that period's target.csv. When no
period covers the year, :class:`JangkaMenengah` says so in ``catatan`` and has no years.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from lkjip.core.compute import capaian_dari, hasil
from lkjip.data.pk import load_year, project_root, year_dir
from lkjip.errors import DataValidationError
from lkjip.core.model import Indikator, TahunData


@dataclass(frozen=True)
class NilaiTahun:
    """One year's figures of one indicator."""

    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    realisasi_teks: str = ""  # what a report wrote instead of a number (e.g. "ditiadakan")
    sumber: str = ""  # "data/2023", "data/riwayat.csv", or "" when nothing is known

    @property
    def ada(self) -> bool:
        return self.target is not None or self.realisasi is not None or bool(self.realisasi_teks)


@dataclass(frozen=True)
class JangkaMenengah:
    kode: str
    periode: str | None  # "2020-2024"; None when no Renstra period covers the year
    tahun: tuple[NilaiTahun, ...]  # first year of the period up to the report's year
    target_akhir: Decimal | None  # the Renstra target of the period's last year
    catatan: str = ""


class Pembanding:
    """Looks up other years for one report year; loads each other year at most once."""

    def __init__(self, data: TahunData, root: Path | None = None):
        self.data = data
        self.root = Path(root) if root else project_root()
        self._years: dict[int, TahunData | None] = {data.tahun: data}

    def _year(self, tahun: int) -> TahunData | None:
        if tahun not in self._years:
            d = None
            if (year_dir(tahun, self.root) / "indikator.csv").is_file():
                try:
                    d = load_year(tahun, self.root)
                except DataValidationError:
                    d = None  # an unfinished year: fall back to the history file
            self._years[tahun] = d
        return self._years[tahun]

    def _ref(self, kode: str) -> Indikator | None:
        return next((i for i in self.data.indikator if i.kode == kode), None)

    def nilai(self, kode: str, tahun: int) -> NilaiTahun:
        """The figures of indicator ``kode`` in ``tahun``. The target is that year's PK target;
        where the year gives none, the Renstra target of that year (the one rule for another
        year's target, used by every comparison table)."""
        v = self._nilai(kode, tahun)
        if v.target is None:
            t = self.data.renstra_target.get((kode, tahun))
            if t is not None:
                v = replace(v, target=t)
        return v

    def _nilai(self, kode: str, tahun: int) -> NilaiTahun:
        d = self._year(tahun)
        if d is not None:
            ind = next((i for i in d.indikator if i.kode == kode), None)
            if ind is not None:
                h = hasil(ind)
                if h.realisasi is not None or (kode, tahun) not in self.data.riwayat:
                    return NilaiTahun(tahun, ind.target, h.realisasi, h.capaian, "", f"data/{tahun}")
        r = self.data.riwayat.get((kode, tahun))
        if r is not None:
            ref = self._ref(kode)
            arah = ref.arah if ref else "naik"
            dec = ref.desimal_capaian if ref else 2
            return NilaiTahun(tahun, r.target, r.realisasi, capaian_dari(r.target, r.realisasi, arah, dec),
                              r.realisasi_teks, "data/riwayat.csv")
        return NilaiTahun(tahun, None, None, None)

    def tahun_sebelumnya(self, kode: str) -> NilaiTahun:
        """The previous year's figures of ``kode`` (for "Perbandingan ... dengan Tahun Sebelumnya")."""
        return self.nilai(kode, self.data.tahun - 1)

    def jangka_menengah(self, kode: str) -> JangkaMenengah:
        """The Renstra period's targets and the realisation of each of its years so far."""
        periode = self.data.organisasi.renstra
        y = self.data.tahun
        if not periode:
            return JangkaMenengah(kode, None, (), None,
                                  f"Belum ada periode Renstra yang mencakup tahun {y}; "
                                  "perbandingan dengan target jangka menengah belum dapat disajikan.")
        start, end = (int(x) for x in periode.split("-"))
        rows = []
        for t in range(start, y + 1):
            rows.append(self.nilai(kode, t))
        return JangkaMenengah(kode, periode, tuple(rows), self.data.renstra_target.get((kode, end)))
