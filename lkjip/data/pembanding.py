"""Comparisons across years, read from the data (core: no Jupyter, no plotting).

A past year's figure of an indicator (by its stable ``kode``) has one source of truth:
1. data/riwayat.csv, what the published report of that year gave, wherever it has a row;
2. else data/<year>/ computed by :mod:`lkjip.core.compute` (the same figures that year's report
   shows), for a year or an indicator the history does not hold;
otherwise it is ``None`` ("belum tersedia"). A data/<year>/ that gives a past year another figure
than riwayat.csv never changes a comparison: ``lkjip check`` names both places
(:func:`sumber_ganda`) until they agree. The report's own year is always its data.

The medium-term comparison uses the Renstra period covering the report's year
(``TahunData.organisasi.renstra``); targets come from that period's target.csv. When no
period covers the year, :class:`JangkaMenengah` says so in ``catatan`` and has no years.
It holds every year of the period: those up to the report's year (``tahun``) with their
realisasi, the later ones (``rencana``) with their Renstra target, and the final target.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import yaml

from lkjip.core.compute import capaian_dari, hasil
from lkjip.data.berkas import read_csv_rows
from lkjip.data.ketat import YamlSalah, muat_yaml, pesan_yaml
from lkjip.data.pk import ada_berkas, data_root, load_year, project_root, year_dir
from lkjip.errors import DataValidationError, Problem
from lkjip.core.model import Indikator, Organisasi, TahunData

TAMPILAN = ("semua", "berisi")
"""How Bab III's Renstra comparison shows a period (data/renstra/<periode>/tampilan.yaml,
``jangka_menengah``): ``semua`` (default) every year of the period with its target, realisasi up to
the report's year, the final target named; ``berisi`` the years up to the report's year from the
first with a figure, as the reports of 2021-2023 printed it (a sasaran without any earlier figure
is still shown the ``semua`` way: never an empty section)."""


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
    rencana: tuple[NilaiTahun, ...] = ()  # the years after the report's year: their Renstra target
    akhir: int | None = None  # the period's last year

    @property
    def semua(self) -> tuple[NilaiTahun, ...]:
        """Every year of the period, first to last."""
        return self.tahun + self.rencana


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

    def _dari_data(self, kode: str, tahun: int) -> NilaiTahun | None:
        d = self._year(tahun)
        if d is None:
            return None
        ind = next((i for i in d.indikator if i.kode == kode), None)
        if ind is None:
            return None
        h = hasil(ind)
        return NilaiTahun(tahun, ind.target, h.realisasi, h.capaian, "", f"data/{tahun}")

    def _nilai(self, kode: str, tahun: int) -> NilaiTahun:
        r = self.data.riwayat.get((kode, tahun))
        if r is not None and tahun != self.data.tahun:  # the published figure: one source of truth
            ref = self._ref(kode)
            arah = ref.arah if ref else "naik"
            dec = ref.desimal_capaian if ref else 2
            return NilaiTahun(tahun, r.target, r.realisasi, capaian_dari(r.target, r.realisasi, arah, dec),
                              r.realisasi_teks, "data/riwayat.csv")
        v = self._dari_data(kode, tahun)
        return v if v is not None else NilaiTahun(tahun, None, None, None)

    def organisasi(self, tahun: int) -> Organisasi | None:
        """The organisation of another year, from that year's organisasi.yaml (who published its
        report: a directorate general one year, a new ministry the next); None without that year's data."""
        d = self._year(tahun)
        return d.organisasi if d is not None else None

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
        rows = tuple(self.nilai(kode, t) for t in range(start, y + 1))
        rencana = tuple(NilaiTahun(t, self.data.renstra_target.get((kode, t)), None, None,
                                   sumber=f"data/renstra/{periode}/target.csv")
                        for t in range(y + 1, end + 1))
        akhir = rows[-1].target if y == end else self.data.renstra_target.get((kode, end))
        return JangkaMenengah(kode, periode, rows, akhir, rencana=rencana, akhir=end)

    def tampilan(self) -> str:
        """How the period's Renstra comparison is shown (:data:`TAMPILAN`), from
        data/renstra/<periode>/tampilan.yaml; ``semua`` without that file."""
        if not hasattr(self, "_tampilan"):
            self._tampilan = baca_tampilan(self.data.organisasi.renstra, self.root)
        return self._tampilan


def baca_tampilan(periode: str | None, root: Path | None = None) -> str:
    """``jangka_menengah`` of data/renstra/<periode>/tampilan.yaml (one of :data:`TAMPILAN`)."""
    if not periode:
        return "semua"
    path = data_root(root) / "renstra" / periode / "tampilan.yaml"
    if not ada_berkas(path):
        return "semua"
    rel = f"data/renstra/{periode}/tampilan.yaml"
    try:
        doc = muat_yaml(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, YamlSalah) as e:
        pesan, baris = pesan_yaml(e)
        raise DataValidationError([Problem(rel, baris, None, None, pesan, "yaml")]) from None
    v = doc.get("jangka_menengah", "semua") if isinstance(doc, dict) else None
    if v not in TAMPILAN:
        raise DataValidationError([Problem(rel, None, "jangka_menengah", str(v),
                                           f"harus salah satu dari: {', '.join(TAMPILAN)}", "invalid")])
    return v


def sumber_ganda(data: TahunData, root: Path | None = None) -> list[Problem]:
    """Where a past year's figure is given twice and the two differ: data/riwayat.csv (what the
    published report gave, which the comparisons use) and data/<year>/ (that year's own data).
    One problem per figure, naming both places (file, row, column) and both values."""
    root = Path(root) if root else project_root()
    p = Pembanding(data, root)
    out: list[Problem] = []
    baris_ind: dict[int, dict[str, int]] = {}  # year -> indicator id -> line of its indikator.csv
    for (kode, tahun), r in sorted(data.riwayat.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if tahun > data.tahun or p._year(tahun) is None:
            continue
        if tahun not in baris_ind:
            header, rows = read_csv_rows(year_dir(tahun, root) / "indikator.csv")
            ii = header.index("id") if "id" in header else None
            baris_ind[tahun] = {} if ii is None else {row[ii].strip(): n for n, row in enumerate(rows, start=2)
                                                      if len(row) > ii}
        for ind in (i for i in p._year(tahun).indikator if i.kode == kode):
            h = hasil(ind)
            lain = f"data/{tahun}/indikator.csv baris {baris_ind[tahun].get(ind.id, '?')} ({ind.id})"
            for kolom, a, b in (("target", r.target, ind.target), ("realisasi", r.realisasi, h.realisasi)):
                if a is None or b is None or Decimal(a) == Decimal(b):
                    continue
                asal = ("kolom 'target'" if kolom == "target" else "kolom 'realisasi'"
                        if ind.rumus_dasar == "langsung" else "dihitung dari komponen.csv")
                out.append(Problem(
                    "data/riwayat.csv", r.baris, kolom, str(a),
                    f"{kolom} {kode} tahun {tahun} tertulis {a} di sini (laporan {tahun} yang diterbitkan, dipakai "
                    f"perbandingan), tetapi {b} di {lain}, {asal}: samakan keduanya, atau hapus salah satu",
                    "past_year_conflict"))
    return out
