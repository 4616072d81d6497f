"""The model of one fiscal year's Perjanjian Kinerja and its realisation.

Plain dataclasses: no I/O, no Jupyter, no plotting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

TINGKAT = ("strategis", "program", "kegiatan")  # the three levels of sasaran


@dataclass(frozen=True)
class LabelTingkat:
    """What the report calls a level's sasaran and indicators, in each place it names them."""

    sasaran: str  # "Sasaran Strategis"
    indikator: str  # "Indikator Kinerja Sasaran" (Ikhtisar, Bab II)
    indikator_judul: str  # Bab III captions: "IKU Ditjen HAM"
    indikator_kolom: str  # column heading of Bab III's summary tables (printed in capitals)


TINGKAT_LABEL = {  # the one label table per tingkat
    "strategis": LabelTingkat("Sasaran Strategis", "Indikator Kinerja Sasaran", "IKU",
                              "Indikator Kinerja Strategis"),
    "program": LabelTingkat("Sasaran Program", "Indikator Kinerja Program", "Indikator Kinerja Program",
                            "Indikator Kinerja Program"),
    "kegiatan": LabelTingkat("Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Indikator Kinerja Kegiatan",
                             "Indikator Kinerja Kegiatan"),
}
ARAH = ("naik", "turun")  # higher is better / lower is better
RUMUS = ("rasio", "rerata", "langsung")  # numerator/denominator x100, mean of periods, value as is


@dataclass(frozen=True)
class JenisRumus:
    """A formula kind declared in data (data/rumus.yaml or data/renstra/<periode>/rumus.yaml):
    a name for the indicators' ``rumus`` column, computed the way of a built-in kind
    (``dasar``), with its own label and default decimals (e.g. an index read directly)."""

    nama: str  # "indeks"
    dasar: str  # one of RUMUS
    label: str = ""  # how the formula names the value ("Indeks"); "" = the indicator's satuan
    desimal: int | None = None  # default decimals of realisasi when indikator.csv leaves them empty
    desimal_capaian: int | None = None


@dataclass(frozen=True)
class Pejabat:
    nama: str
    jabatan: str
    nip: str | None = None


@dataclass(frozen=True)
class Organisasi:
    tahun: int
    unit: str
    unit_singkat: str
    kementerian: str | None  # the ministry the unit belongs to; None when the unit is itself the ministry
    pimpinan: Pejabat
    atasan: Pejabat
    pk_tempat: str
    pk_tanggal: str  # ISO date or year-month
    laporan_tempat: str | None
    laporan_tanggal: str | None
    renstra: str | None  # the Renstra period covering the year (e.g. "2020-2024"); None when none does
    status: str = "final"  # "final": the published report; "draf": marked DRAF everywhere
    singkatan: str | None = None  # the short name of headings and captions ("IKU Ditjen HAM")

    @property
    def nama_keterangan(self) -> str:
        """The unit's name in headings, captions and sources: its `singkatan`, else `unit_singkat`."""
        return self.singkatan or self.unit_singkat

    @property
    def final(self) -> bool:
        return self.status == "final"

    @property
    def adalah_kementerian(self) -> bool:
        """Whether the reporting unit is itself the ministry (a ministry reporting as a whole)."""
        return self.kementerian is None or self.kementerian.strip() == self.unit.strip()

    @property
    def induk(self) -> str:
        """The ministry the report belongs to: the ministry above the unit, or the unit itself."""
        return self.unit if self.adalah_kementerian else self.kementerian

    @property
    def nama_sampul(self) -> tuple[str, ...]:
        """The names under the title of the cover, each once: the unit, then its ministry unless
        the unit is the ministry."""
        return (self.unit,) if self.adalah_kementerian else (self.unit, self.kementerian)


@dataclass(frozen=True)
class Komponen:
    indikator_id: str
    peran: str  # pembilang | penyebut | periode
    label: str
    nilai: Decimal | None  # None: not yet filled in
    sumber: str = ""


@dataclass(frozen=True)
class Indikator:
    id: str
    sasaran_id: str
    nomor: int
    kode: str
    uraian: str
    satuan: str
    arah: str
    target: Decimal | None  # None: the year's PK target is not yet in the data
    rumus: str
    realisasi_input: Decimal | None
    desimal: int
    desimal_capaian: int
    komponen: tuple[Komponen, ...] = ()
    jenis: JenisRumus | None = None  # a formula kind declared in data; None for rasio/rerata/langsung
    # a quarterly report (TahunData.triwulan): the quarter's target of the PK's Rencana Aksi
    # (None: the Rencana Aksi gives none); realisasi_input/komponen are then the quarter's, to date
    target_periode: Decimal | None = None

    @property
    def rumus_dasar(self) -> str:
        """The built-in kind the realisasi is computed by (rasio, rerata, langsung)."""
        return self.jenis.dasar if self.jenis is not None else self.rumus


@dataclass(frozen=True)
class Sasaran:
    id: str
    tingkat: str
    nomor: int
    uraian: str
    indikator: tuple[Indikator, ...] = ()


@dataclass(frozen=True)
class AnggaranPK:
    program: str
    nomor: int
    kegiatan: str
    anggaran: Decimal | None  # None: not yet filled in


@dataclass(frozen=True)
class Riwayat:
    """A past year's value of an indicator (by kode), as an earlier report gave it."""

    kode: str
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    realisasi_teks: str = ""
    capaian_tertulis: Decimal | None = None
    catatan: str = ""
    sumber: str = ""
    baris: int | None = None  # line of data/riwayat.csv (to name it in a check)


@dataclass
class TahunData:
    """Everything known about one fiscal year."""

    tahun: int
    organisasi: Organisasi
    sasaran: list[Sasaran]
    anggaran_pk: list[AnggaranPK]
    renstra_target: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    riwayat: dict[tuple[str, int], Riwayat] = field(default_factory=dict)
    triwulan: int | None = None  # a quarterly report's quarter (1..4); None: the annual report

    def sasaran_tingkat(self, tingkat: str) -> list[Sasaran]:
        return [s for s in self.sasaran if s.tingkat == tingkat]

    @property
    def indikator(self) -> list[Indikator]:
        return [i for s in self.sasaran for i in s.indikator]

    def indikator_by_id(self, ind_id: str) -> Indikator:
        for i in self.indikator:
            if i.id == ind_id:
                return i
        raise KeyError(ind_id)
