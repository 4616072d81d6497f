"""The one place where the report's figures are computed.

Rules (documented in data/README.md):
- realisasi: ``rasio`` = pembilang / penyebut x 100; ``rerata`` = mean of the period
  values; ``langsung`` = the value given. Rounded half-up to the indicator's ``desimal``.
- capaian is computed from the realisasi *as reported* (rounded), as the report does:
  naik (higher is better): realisasi / target x 100;
  turun (lower is better): (2 x target - realisasi) / target x 100 (the usual SAKIP formula).
  Rounded half-up to ``desimal_capaian``.
- Missing inputs give ``None`` ("belum tersedia"), never 0: an empty realisasi, an empty
  komponen ``nilai`` (a rerata needs every period), an empty target.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkjip.core.fmt import round_half_up
from lkjip.core.model import Indikator

HUNDRED = Decimal(100)


def realisasi_exact(ind: Indikator) -> Decimal | None:
    cara = ind.rumus_dasar  # a kind declared in data is computed the way of its built-in kind
    if cara == "langsung":
        return ind.realisasi_input
    if cara == "rasio":
        num = [k.nilai for k in ind.komponen if k.peran == "pembilang"]
        den = [k.nilai for k in ind.komponen if k.peran == "penyebut"]
        if len(num) != 1 or len(den) != 1 or num[0] is None or den[0] is None or den[0] == 0:
            return None
        return num[0] / den[0] * HUNDRED
    if cara == "rerata":
        vals = [k.nilai for k in ind.komponen if k.peran == "periode"]
        if not vals or any(v is None for v in vals):
            return None  # every period is needed for the year's mean
        return sum(vals, Decimal(0)) / Decimal(len(vals))
    raise ValueError(f"rumus tidak dikenal: {ind.rumus}")


def realisasi(ind: Indikator) -> Decimal | None:
    r = realisasi_exact(ind)
    return None if r is None else round_half_up(r, ind.desimal)


def capaian_dari(target, realisasi_value, arah: str, decimals: int) -> Decimal | None:
    """Capaian of a realisasi against a target (both in the indicator's unit)."""
    if realisasi_value is None or target is None or Decimal(target) == 0:
        return None
    t, r = Decimal(target), Decimal(realisasi_value)
    if arah == "naik":
        c = r / t * HUNDRED
    elif arah == "turun":
        c = (2 * t - r) / t * HUNDRED
    else:
        raise ValueError(f"arah tidak dikenal: {arah}")
    return round_half_up(c, decimals)


def capaian(ind: Indikator) -> Decimal | None:
    return capaian_dari(ind.target, realisasi(ind), ind.arah, ind.desimal_capaian)


@dataclass(frozen=True)
class Kelengkapan:
    """How many of the inputs of a computed realisasi are filled in (a rasio: its pembilang and
    penyebut; a rerata: its periods): shown as "belum lengkap (2 dari 3 periode)" while some
    are missing, never refused and never blank."""

    terisi: int
    perlu: int
    satuan: str  # "periode" | "komponen"
    kurang: tuple[str, ...] = ()  # labels of the missing inputs ("penyebut", "B12")

    @property
    def lengkap(self) -> bool:
        return self.terisi >= self.perlu

    @property
    def teks(self) -> str:
        if self.satuan == "periode":
            return f"belum lengkap ({self.terisi} dari {self.perlu} periode)"
        return f"belum lengkap ({', '.join(self.kurang)} belum diisi)"


def kelengkapan(ind: Indikator) -> Kelengkapan | None:
    """What is filled in of a computed realisasi; None for a value entered as is."""
    cara = ind.rumus_dasar
    if cara == "rerata":
        vals = [k for k in ind.komponen if k.peran == "periode"]
        return Kelengkapan(sum(k.nilai is not None for k in vals), len(vals), "periode",
                           tuple(k.label for k in vals if k.nilai is None))
    if cara == "rasio":
        kurang = tuple(p for p in ("pembilang", "penyebut")
                       if not any(k.peran == p and k.nilai is not None for k in ind.komponen))
        return Kelengkapan(2 - len(kurang), 2, "komponen", kurang)
    return None


@dataclass(frozen=True)
class Hasil:
    """An indicator with its computed figures: what every chapter reads."""

    indikator: Indikator
    realisasi: Decimal | None
    capaian: Decimal | None  # against the year's target (a quarterly report: realisasi to date)
    capaian_periode: Decimal | None = None  # a quarterly report: against the quarter's target

    @property
    def tercapai(self) -> bool | None:
        return None if self.capaian is None else self.capaian >= HUNDRED

    @property
    def sebagian(self) -> Kelengkapan | None:
        """The inputs filled in so far when some, not all, are ("2 dari 3 periode"); None when the
        realisasi is known or nothing of it is entered yet."""
        if self.realisasi is not None:
            return None
        k = kelengkapan(self.indikator)
        return k if k is not None and 0 < k.terisi < k.perlu else None

    @property
    def realisasi_keterangan(self) -> str | None:
        """What stands where the realisasi is not known yet: "belum lengkap (...)" for partial
        inputs, None otherwise (the caller prints "belum tersedia")."""
        k = self.sebagian
        return k.teks if k is not None else None


def hasil(ind: Indikator) -> Hasil:
    r = realisasi(ind)
    return Hasil(ind, r, capaian_dari(ind.target, r, ind.arah, ind.desimal_capaian),
                 capaian_dari(ind.target_periode, r, ind.arah, ind.desimal_capaian))


def selisih(baru, lama, decimals: int) -> Decimal | None:
    """Change of a realisasi between two years (baru - lama), rounded half-up; None when
    either is missing."""
    if baru is None or lama is None:
        return None
    return round_half_up(Decimal(baru) - Decimal(lama), decimals)


def jumlah(values) -> Decimal | None:
    """The total of the parts; None ("belum tersedia") when there is no part or a part is not
    filled in yet. The one total rule of every chapter, table and check."""
    vals = list(values)
    if not vals or any(v is None for v in vals):
        return None
    return sum((Decimal(v) for v in vals), Decimal(0))


def persen(bagian, keseluruhan, decimals: int = 2) -> Decimal | None:
    """bagian / keseluruhan x 100, rounded half-up; None when a part is missing or the whole is 0.
    The one percentage-of-a-whole rule (capaian has its own: :func:`capaian_dari`)."""
    if bagian is None or keseluruhan is None or Decimal(keseluruhan) == 0:
        return None
    return round_half_up(Decimal(bagian) / Decimal(keseluruhan) * HUNDRED, decimals)


def anggaran_per_program(data) -> dict[str, Decimal | None]:
    """The PK budget of each programme, in the order the programmes appear; None for a
    programme with a kegiatan whose anggaran is not filled in yet."""
    totals: dict[str, Decimal | None] = {}
    for a in data.anggaran_pk:
        t = totals.get(a.program, Decimal(0))
        totals[a.program] = None if t is None or a.anggaran is None else t + a.anggaran
    return totals


def anggaran_total(data) -> Decimal | None:
    if any(a.anggaran is None for a in data.anggaran_pk):
        return None
    return jumlah(a.anggaran for a in data.anggaran_pk)
