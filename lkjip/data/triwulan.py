"""Quarterly figures: data/<tahun>/triwulan.csv, one row per indicator and quarter.

Columns (documented in data/README.md)::

    id,triwulan,target,realisasi,pembilang,penyebut,periode,catatan

- ``id``: an indicator of indikator.csv; ``triwulan``: 1..4 (the quarter the figures run to);
- ``target``: the quarter's target of the PK's Rencana Aksi, empty when it gives none;
- the realisasi *to date* (s.d. the quarter's last month), by the indicator's ``rumus``:
  ``langsung`` in ``realisasi``; ``rasio`` in ``pembilang`` and ``penyebut``; ``rerata`` in
  ``periode``, the values of the components known so far in the order of komponen.csv,
  separated by ``;`` (TW III of a B04/B08/B12 mean: ``89.39;92.65``). Empty: not yet known
  ("belum tersedia").
- Triwulan IV's realisasi is the year's: it must equal the annual figure of indikator.csv /
  komponen.csv.

Every number is read strictly (lkjip.core.angka), every problem names the file, row and
column. :func:`terapkan` gives the year's data as of one quarter.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pydantic import Field

from lkjip.core import angka
from lkjip.core.compute import realisasi
from lkjip.core.model import Indikator, Komponen, Sasaran, TahunData
from lkjip.data.pk import Collector, Row, satuan_cacah
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError

NAMA = "triwulan.csv"
KOLOM = ("id", "triwulan", "target", "realisasi", "pembilang", "penyebut", "periode", "catatan")


class TriwulanRow(Row):
    id: str = Field(min_length=1, description="kode indikator yang ada di indikator.csv")
    triwulan: int = Field(ge=1, le=4, description="triwulan 1, 2, 3 atau 4")
    target: str = ""
    realisasi: str = ""
    pembilang: str = ""
    penyebut: str = ""
    periode: str = ""
    catatan: str = ""


def berkas(tahun: int, root: Path | None = None) -> Path:
    return Proyek.temukan(root).folder_tahun(tahun) / NAMA


def _angka(col: Collector, path: Path, line: int, kolom: str, teks: str, bulat: bool,
           boleh_nol: bool = True) -> Decimal | None:
    try:
        d = angka.baca(teks, bulat=bulat)
    except angka.AngkaSalah as e:
        col.add(path, f"harus angka dengan titik desimal{' (bilangan bulat)' if bulat else ''}: {e.harapan}",
                row=line, column=kolom, value=teks, code="number")
        return None
    if d is not None and (d < 0 or (d == 0 and not boleh_nol)):
        col.add(path, "harus angka lebih dari 0" if not boleh_nol else "harus angka ≥ 0",
                row=line, column=kolom, value=teks, code="out_of_range")
        return None
    return d


def baca(data: TahunData, root: Path | None = None) -> dict[tuple[str, int], Indikator]:
    """Every indicator as of each quarter written in triwulan.csv: {(id, triwulan): Indikator}
    (the quarter's realisasi or components to date, and its target); {} without the file.
    Raises DataValidationError listing every problem."""
    proyek = Proyek.temukan(root)
    path = berkas(data.tahun, proyek.akar)
    col = Collector(proyek.akar)
    if not path.is_file():
        return {}
    rows = col.read_csv(path, TriwulanRow, required=False)
    inds = {i.id: i for i in data.indikator}
    seen: dict[tuple[str, int], int] = {}
    out: dict[tuple[str, int], Indikator] = {}
    for line, r in rows:
        i = inds.get(r.id)
        if i is None:
            col.add(path, f"indikator tidak dikenal; kode yang ada di indikator.csv: {', '.join(inds)}",
                    row=line, column="id", value=r.id, code="unknown_reference")
            continue
        key = (r.id, r.triwulan)
        if key in seen:
            col.add(path, f"baris ganda: id + triwulan sudah dipakai di baris {seen[key]}", row=line,
                    column="triwulan", value=f"{r.id} / {r.triwulan}", code="duplicate")
            continue
        seen[key] = line
        n = len(col.problems)
        cacah = satuan_cacah(i.satuan)
        target = _angka(col, path, line, "target", r.target, cacah, boleh_nol=False)
        for kolom, rumus in (("realisasi", "langsung"), ("pembilang", "rasio"), ("penyebut", "rasio"),
                             ("periode", "rerata")):
            if getattr(r, kolom) and i.rumus_dasar != rumus:
                col.add(path, f"indikator {i.id} memakai rumus '{i.rumus}': kolom ini hanya untuk rumus "
                        f"'{rumus}'; kosongkan", row=line, column=kolom, value=getattr(r, kolom),
                        code="column_for_formula")
        ind = replace(i, target_periode=target)
        dasar = i.rumus_dasar  # a kind declared in data (an index) is read as its built-in kind
        if r.triwulan == 4 and not (r.realisasi or r.pembilang or r.penyebut or r.periode.strip()):
            pass  # Triwulan IV's figures left empty are the year's (indikator.csv, komponen.csv)
        elif dasar == "langsung":
            ind = replace(ind, realisasi_input=_angka(col, path, line, "realisasi", r.realisasi, cacah))
        elif dasar == "rasio":
            num = _angka(col, path, line, "pembilang", r.pembilang, True)
            den = _angka(col, path, line, "penyebut", r.penyebut, True)
            if den == 0:
                col.add(path, f"penyebut indikator {i.id} tidak boleh 0", row=line, column="penyebut",
                        value=r.penyebut, code="zero_denominator")
            elif num is not None and den is not None and num > den:
                col.add(path, f"pembilang ({num}) melebihi penyebut ({den}); persentase tidak boleh lebih dari 100%",
                        row=line, column="pembilang", value=r.pembilang, code="numerator_above_denominator")
            if (num is None) != (den is None):
                col.add(path, "isi pembilang dan penyebut bersama-sama, atau kosongkan keduanya (belum tersedia)",
                        row=line, column="penyebut" if den is None else "pembilang", code="ratio_components")
            ind = replace(ind, komponen=tuple(
                replace(k, nilai=num if k.peran == "pembilang" else den) for k in i.komponen))
        else:  # rerata: the components known to date, in komponen.csv's order
            bagian = [b.strip() for b in r.periode.split(";")] if r.periode.strip() else []
            komp = [k for k in i.komponen if k.peran == "periode"]
            if len(bagian) > len(komp):
                col.add(path, f"indikator {i.id} punya {len(komp)} komponen periode di komponen.csv "
                        f"({', '.join(k.label for k in komp)}); ditulis {len(bagian)} nilai",
                        row=line, column="periode", value=r.periode, code="too_many_periods")
                bagian = bagian[:len(komp)]
            nilai = [_angka(col, path, line, "periode", b, False) for b in bagian]
            ind = replace(ind, komponen=tuple(Komponen(k.indikator_id, k.peran, k.label, v, k.sumber)
                                              for k, v in zip(komp, nilai)) if nilai else
                          tuple(replace(k, nilai=None) for k in komp))
        if len(col.problems) == n and r.triwulan == 4:
            tw4, tahunan = realisasi(ind), realisasi(i)
            if tw4 is not None and tahunan is not None and tw4 != tahunan:
                kolom = {"langsung": "realisasi", "rasio": "pembilang", "rerata": "periode"}[dasar]
                col.add(path, f"realisasi triwulan IV ({tw4}) harus sama dengan realisasi tahunan indikator "
                        f"{i.id} ({tahunan}, dari indikator.csv/komponen.csv)", row=line, column=kolom,
                        code="quarter_not_annual")
        out[key] = ind
    if col.problems:
        raise DataValidationError(col.problems)
    return out


def triwulan_berdata(tahun: int, root: Path | None = None) -> list[int]:
    """The quarters triwulan.csv of `tahun` has rows for (1..4), read as `baca` reads them;
    [] without the file. Raises DataValidationError (or the year's own data error)."""
    from lkjip.data.pk import load_year

    if not berkas(tahun, Proyek.temukan(root).akar).is_file():
        return []
    return sorted({tw for _, tw in baca(load_year(tahun, root), root)})


def belum_tersedia(i: Indikator) -> Indikator:
    """An indicator of a quarter triwulan.csv has no row for: nothing known yet."""
    if i.rumus_dasar == "langsung":
        return replace(i, realisasi_input=None, target_periode=None)
    return replace(i, target_periode=None, komponen=tuple(replace(k, nilai=None) for k in i.komponen))


def terapkan(data: TahunData, triwulan: int, root: Path | None = None) -> TahunData:
    """The year's data as of ``triwulan``: every indicator's realisasi to date and the
    quarter's target (lkjip.core.model.Indikator.target_periode); the year's target stays."""
    per = baca(data, root)
    sasaran = [Sasaran(s.id, s.tingkat, s.nomor, s.uraian,
                       tuple(per.get((i.id, triwulan)) or belum_tersedia(i) for i in s.indikator))
               for s in data.sasaran]
    return replace(data, sasaran=sasaran, triwulan=triwulan)


def tahun_lalu(tahun: int, triwulan: int, root: Path | None = None) -> dict | None:
    """The previous year's figures as of the same quarter, by indicator kode
    ({kode: lkjip.data.pembanding.NilaiTahun}); None when data/<tahun-1>/triwulan.csv does not exist."""
    from lkjip.core.compute import hasil
    from lkjip.data.pembanding import NilaiTahun
    from lkjip.data.pk import load_year

    if not berkas(tahun - 1, root).is_file():
        return None
    d = terapkan(load_year(tahun - 1, root), triwulan, root)
    out = {}
    for i in d.indikator:
        h = hasil(i)
        out[i.kode] = NilaiTahun(tahun - 1, i.target, h.realisasi, h.capaian, "", f"data/{tahun - 1}/{NAMA}")
    return out
