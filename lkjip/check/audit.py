"""The consistency audit: every figure the source report states, recomputed from data.

``data/<year>/dinyatakan.csv`` records each figure a published report prints: where
(``lokasi``), what (``besaran``, a key) and the printed value (``nilai_tertulis``).
The audit recomputes each one through :mod:`lkjip.core.compute` from the loaded data and
compares at the precision it was printed: a stated 63.8 is compared with the computed
value rounded half-up to one decimal (63.89 -> 63.9: a disagreement); a stated 92.28
with the value rounded to two decimals.

Keys (``besaran``), extensible through :data:`PENGHITUNG`:

- ``realisasi:<indikator id>``, ``capaian:<indikator id>``, ``target:<indikator id>``
- ``komponen:<indikator id>:<label>``: one input of the realisasi formula (komponen.csv)
- ``anggaran_pk_total:<program>``: the PK budget of one programme (anggaran_pk.csv)
- ``riwayat:<kode>:<tahun>:realisasi|capaian``: a past year's figure (riwayat.csv)
- ``jumlah:<csv path relative to data/<year>>:<column>``: the sum of a column

Core module: no Jupyter, no plotting. A malformed ``dinyatakan.csv`` (unknown key,
unknown indicator, text in a numeric column ...) is a data error with file, row and
column; a disagreement is a warning.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from pydantic import Field, field_validator

from lkjip.core import compute
from lkjip.core import angka as angka_baca
from lkjip.data.pk import Collector, Row, year_dir
from lkjip.data.proyek import Proyek
from lkjip.errors import KunciSalah, Problem
from lkjip.core.fmt import angka, round_half_up
from lkjip.core.model import Indikator, TahunData

NAMA_BERKAS = "dinyatakan.csv"


class DinyatakanRow(Row):
    lokasi: str = Field(min_length=1, description="tempat angka itu tercetak di laporan (wajib diisi)")
    besaran: str = Field(min_length=1, description="kunci besaran, contoh capaian:IKSS-1.1 (wajib diisi)")
    nilai_tertulis: Decimal = Field(description="angka seperti tercetak, dengan titik desimal (contoh 92.28)")
    catatan: str = ""

    _nums = field_validator("nilai_tertulis", mode="before")(classmethod(lambda cls, v: angka_baca.baca(v)))


@dataclass(frozen=True)
class Pernyataan:
    """One stated figure: a row of dinyatakan.csv."""

    baris: int
    lokasi: str
    besaran: str
    tertulis: Decimal  # as written: Decimal keeps its printed decimals ("75.60")
    catatan: str = ""

    @property
    def desimal(self) -> int:
        """Decimals printed: the precision the figure is compared at."""
        return max(0, -self.tertulis.as_tuple().exponent)


@dataclass(frozen=True)
class Selisih:
    """A disagreement: the stated figure is not what the data give."""

    pernyataan: Pernyataan
    dihitung: Decimal | None  # the figure as lkjip reports it; None: the data hold no value
    dibulatkan: Decimal | None = None  # the same at the stated precision, when that differs

    @property
    def lokasi(self) -> str:
        return self.pernyataan.lokasi

    @property
    def besaran(self) -> str:
        return self.pernyataan.besaran

    @property
    def tertulis(self) -> Decimal:
        return self.pernyataan.tertulis

    def teks_dihitung(self) -> str:
        if self.dihitung is None:
            return "tidak ada nilai di data"
        s = teks_angka(self.dihitung)
        if self.dibulatkan is not None:
            s += f" (dibulatkan seperti tertulis: {teks_angka(self.dibulatkan)})"
        return s

    def __str__(self) -> str:
        p = self.pernyataan
        s = f"{p.lokasi} [{p.besaran}]: tertulis {teks_angka(p.tertulis)}, dihitung {self.teks_dihitung()}"
        if p.catatan:
            s += f" (catatan: {p.catatan})"
        return s


@dataclass
class HasilAudit:
    tahun: int
    berkas: str  # dinyatakan.csv relative to the project, or "" when the year has none
    diperiksa: int = 0
    selisih: list[Selisih] = field(default_factory=list)

    @property
    def cocok(self) -> int:
        return self.diperiksa - len(self.selisih)

    def distinct(self) -> list[tuple[str, Decimal, Decimal | None, list[Selisih]]]:
        """Disagreements grouped by (besaran, stated, computed), in source order."""
        groups: dict[tuple, list[Selisih]] = {}
        for s in self.selisih:
            groups.setdefault((s.besaran, s.tertulis, s.dihitung), []).append(s)
        return [(k[0], k[1], k[2], v) for k, v in groups.items()]


def teks_angka(d: Decimal) -> str:
    """A figure the Indonesian way, with the decimals it carries: 63,8; 18.123.254.000."""
    return angka(d, max(0, -d.as_tuple().exponent))


# --------------------------------------------------------------------------- key handlers


@dataclass
class Konteks:
    """What a key handler can read: the year's data and where its files are."""

    data: TahunData
    root: Path

    @property
    def ydir(self) -> Path:
        return year_dir(self.data.tahun, self.root)

    def indikator(self, ind_id: str) -> Indikator:
        try:
            return self.data.indikator_by_id(ind_id)
        except KeyError:
            ids = ", ".join(i.id for i in self.data.indikator)
            raise KunciSalah(f"indikator '{ind_id}' tidak ada di indikator.csv; kode yang ada: {ids}") from None


Hitung = Callable[[Konteks, list[str], int], "tuple[Decimal | None, Decimal | None]"]
"""A key handler: (context, the key's parts after its kind, decimals printed) ->
(the value at the printed precision, for comparison; the value as lkjip reports it)."""


def _args(parts: list[str], n: int, bentuk: str) -> list[str]:
    if len(parts) != n or not all(p.strip() for p in parts):
        raise KunciSalah(f"bentuk kunci harus {bentuk}")
    return [p.strip() for p in parts]


def _bulat(x: Decimal | None, d: int, laporan: Decimal | None = None) -> tuple[Decimal | None, Decimal | None]:
    return (None if x is None else round_half_up(x, d)), (x if laporan is None else laporan)


def _realisasi(k: Konteks, parts, d):
    (iid,) = _args(parts, 1, "realisasi:<kode indikator>")
    ind = k.indikator(iid)
    return _bulat(compute.realisasi_exact(ind), d, compute.realisasi(ind))


def _capaian(k: Konteks, parts, d):
    (iid,) = _args(parts, 1, "capaian:<kode indikator>")
    ind = k.indikator(iid)
    # capaian is computed from the realisasi as reported, at the precision printed
    return compute.capaian_dari(ind.target, compute.realisasi(ind), ind.arah, d), compute.capaian(ind)


def _target(k: Konteks, parts, d):
    (iid,) = _args(parts, 1, "target:<kode indikator>")
    return _bulat(k.indikator(iid).target, d)


def _komponen(k: Konteks, parts, d):
    if len(parts) > 2:  # a label may itself contain ':'
        parts = [parts[0], ":".join(parts[1:])]
    iid, label = _args(parts, 2, "komponen:<kode indikator>:<label di komponen.csv>")
    ind = k.indikator(iid)
    for kom in ind.komponen:
        if kom.label == label:
            return _bulat(kom.nilai, d)
    labels = "; ".join(kom.label for kom in ind.komponen) or "-"
    raise KunciSalah(f"komponen '{label}' tidak ada untuk {iid} di komponen.csv; label yang ada: {labels}")


def _anggaran_pk_total(k: Konteks, parts, d):
    program = ":".join(parts).strip()
    if not program:
        raise KunciSalah("bentuk kunci harus anggaran_pk_total:<nama program>")
    totals = compute.anggaran_per_program(k.data)
    if program not in totals:
        raise KunciSalah(f"program '{program}' tidak ada di anggaran_pk.csv; program yang ada: "
                         + "; ".join(totals))
    return _bulat(totals[program], d)


def _riwayat(k: Konteks, parts, d):
    kode, tahun, apa = _args(parts, 3, "riwayat:<kode>:<tahun>:realisasi|capaian")
    if apa not in ("realisasi", "capaian"):
        raise KunciSalah("bagian terakhir kunci riwayat harus 'realisasi' atau 'capaian'")
    try:
        th = int(tahun)
    except ValueError:
        raise KunciSalah(f"tahun '{tahun}' harus bilangan empat angka") from None
    inds = [i for i in k.data.indikator if i.kode == kode]
    if th == k.data.tahun:
        if not inds:
            raise KunciSalah(f"kode '{kode}' tidak dipakai indikator mana pun di indikator.csv")
        return (_realisasi if apa == "realisasi" else _capaian)(k, [inds[0].id], d)
    r = k.data.riwayat.get((kode, th))
    if r is None:
        raise KunciSalah(f"riwayat.csv tidak punya baris kode '{kode}' tahun {th}")
    if apa == "realisasi":
        return _bulat(r.realisasi, d)
    arah = inds[0].arah if inds else "naik"
    return (compute.capaian_dari(r.target, r.realisasi, arah, d),
            compute.capaian_dari(r.target, r.realisasi, arah, 2))


def _jumlah(k: Konteks, parts, d):
    rel, kolom = _args(parts, 2, "jumlah:<berkas CSV relatif ke data/<tahun>>:<kolom>")
    base = k.ydir.resolve()
    path = (base / rel).resolve()
    if base not in path.parents or path.suffix.lower() != ".csv":
        raise KunciSalah(f"'{rel}' harus berkas .csv di dalam data/{k.data.tahun}/")
    if not path.is_file():
        raise KunciSalah(f"berkas data/{k.data.tahun}/{rel} tidak ada")
    return _bulat(compute.jumlah(kolom_angka(path, kolom, k.root)), d)


PENGHITUNG: dict[str, Hitung] = {
    "realisasi": _realisasi,
    "capaian": _capaian,
    "target": _target,
    "komponen": _komponen,
    "anggaran_pk_total": _anggaran_pk_total,
    "riwayat": _riwayat,
    "jumlah": _jumlah,
}
"""Key kind -> handler. A new kind of stated figure is one entry here."""

from lkjip.data.pelengkap import PENGHITUNG_PELENGKAP  # noqa: E402  (budget, IKPA, facts of the other chapters)

PENGHITUNG.update(PENGHITUNG_PELENGKAP)


class KolomSalah(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def kolom_angka(path: Path, kolom: str, root: Path) -> list[Decimal]:
    """The numbers of one column of a CSV file (empty cells skipped); problems name
    the file, row and column."""
    col = Collector(root)
    text = col.read_text(path)
    if text is None:
        raise KolomSalah(col.problems)
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader)]
    rel = col.rel(path)
    if kolom not in header:
        raise KolomSalah([Problem(rel, 1, kolom, None, f"kolom tidak ada; kolom yang ada: {', '.join(header)}",
                                  "missing_column")])
    j = header.index(kolom)
    values, problems = [], []
    for lineno, row in enumerate(reader, start=2):
        if j >= len(row) or not row[j].strip():
            continue
        try:
            v = angka_baca.baca(row[j])
        except angka_baca.AngkaSalah as e:
            problems.append(Problem(rel, lineno, kolom, row[j], str(e), "not_a_number"))
            continue
        if v is not None:  # '-': nothing to add
            values.append(v)
    if problems:
        raise KolomSalah(problems)
    return values


# --------------------------------------------------------------------------- reading and auditing


def berkas_dinyatakan(year: int, root: Path | None = None) -> Path:
    return Proyek.temukan(root).folder_tahun(year) / NAMA_BERKAS


def baca_dinyatakan(year: int, root: Path | None = None) -> tuple[list[Pernyataan], list[Problem]]:
    """The stated figures of a year (none when the year has no dinyatakan.csv) and the
    problems of the file's form (columns, numbers)."""
    root = Proyek.temukan(root).akar
    path = berkas_dinyatakan(year, root)
    if not path.is_file():
        return [], []
    col = Collector(root)
    rows = col.read_csv(path, DinyatakanRow)
    out = [Pernyataan(n, r.lokasi, r.besaran, r.nilai_tertulis, r.catatan) for n, r in rows]
    return out, col.problems


def audit(data: TahunData, root: Path | None = None) -> tuple[HasilAudit, list[Problem]]:
    """Recompute every stated figure of ``data``'s year. Returns the audit and the data
    problems of dinyatakan.csv (unknown keys, unknown indicators, bad numbers ...)."""
    root = Proyek.temukan(root).akar
    path = berkas_dinyatakan(data.tahun, root)
    rel = str(path.relative_to(root)) if path.is_file() else ""
    hasil = HasilAudit(data.tahun, rel)
    pernyataan, problems = baca_dinyatakan(data.tahun, root)
    k = Konteks(data, root)
    for p in pernyataan:
        kind, *parts = p.besaran.split(":")
        handler = PENGHITUNG.get(kind.strip())
        if handler is None:
            problems.append(Problem(rel, p.baris, "besaran", p.besaran,
                                    f"jenis besaran '{kind}' tidak dikenal; gunakan salah satu dari: "
                                    + ", ".join(f"{x}:..." for x in PENGHITUNG), "unknown_key"))
            continue
        try:
            nilai, laporan = handler(k, parts, p.desimal)
        except KunciSalah as e:
            problems.append(Problem(rel, p.baris, "besaran", p.besaran, str(e), "unknown_reference"))
            continue
        except KolomSalah as e:
            problems += e.problems
            continue
        hasil.diperiksa += 1
        if nilai is None or nilai != p.tertulis:
            shown = nilai if laporan is None else laporan
            hasil.selisih.append(Selisih(p, shown, nilai if nilai is not None and nilai != shown else None))
    return hasil, _unik(problems)


def _unik(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


__all__ = ["PENGHITUNG", "HasilAudit", "Pernyataan", "Selisih", "audit", "baca_dinyatakan", "kolom_angka"]
