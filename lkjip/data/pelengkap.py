"""The year's data beyond the PK, read by the Kata Pengantar, Ikhtisar, Bab I, Bab III.2-III.4,
Bab IV and the Lampiran: budget realisation, budget-performance scores (the spending application's score, IKPA),
Tarja, RKP national priorities, complaint figures, pos pengaduan, UPR, the Sistematika,
expected photos, and the figures computed from them.

Core module: no Jupyter, no plotting. Every file is optional (a year without it shows
"belum tersedia"); a file that exists is validated like the PK files and every problem
is reported at once (:class:`~lkjip.errors.DataValidationError`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from lkjip.data.pk import Collector, hitungan, nilai_angka, Row, harus_unik
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, KunciSalah, Problem
from lkjip.core import fmt
from lkjip.core.compute import jumlah, persen
from lkjip.core.fmt import round_half_up

HUNDRED = Decimal(100)

# --------------------------------------------------------------------------- row models


def _nums(*names, bulat: bool = False):
    """A before-validator reading the named columns with the one strict reader (lkjip.core.angka);
    ``bulat``: counts and whole rupiah, never a fraction."""
    return field_validator(*names, mode="before")(classmethod(lambda cls, v: nilai_angka(v, bulat=bulat)))


def _counts(*names):
    return field_validator(*names, mode="before")(classmethod(lambda cls, v: hitungan(v)))


class UnitAnggaranRow(Row):
    unit: str = Field(min_length=1, description="nama unit (wajib diisi)")
    pagu: Decimal | None = Field(default=None, ge=0, description="pagu dalam rupiah tanpa titik ribuan (contoh 1042990000), atau kosong bila belum tersedia")
    realisasi: Decimal | None = Field(default=None, ge=0, description="realisasi dalam rupiah tanpa titik ribuan, atau kosong bila belum tersedia")
    wilayah: Literal["ya", "tidak"] = Field(default="tidak", description="ya untuk unit di Kantor Wilayah, selain itu tidak")
    _n = _nums("pagu", "realisasi", bulat=True)


class AnggaranIndikatorRow(Row):
    indikator: str = Field(min_length=1, description="kode indikator dari indikator.csv, dipisah spasi bila lebih dari satu")
    unit: str = Field(min_length=1, description="unit di realisasi_anggaran.csv")
    pagu: Decimal | None = Field(default=None, ge=0, description="pagu rupiah atau kosong bila tidak diketahui")
    realisasi: Decimal | None = Field(default=None, ge=0, description="realisasi rupiah tanpa titik ribuan, atau kosong")
    persen: Decimal | None = Field(default=None, ge=0, description="persentase penyerapan, hanya bila pagu kosong")
    _n = _nums("pagu", "realisasi", bulat=True)
    _p = _nums("persen")


class IkpaRow(Row):
    aspek: str = Field(min_length=1)
    indikator: str = Field(min_length=1)
    nilai: Decimal | None = Field(default=None, ge=0, le=100, description="nilai 0 sampai 100, atau kosong")
    bobot: Decimal = Field(gt=0, le=100, description="bobot dalam persen")
    _n = _nums("nilai", "bobot")


class TarjaRow(Row):
    tarja: str = Field(min_length=1, description="kunci Tarja dari tarja.yaml (contoh a)")
    periode: str = Field(min_length=1)
    target_pencapaian: str = Field(min_length=1)
    capaian: Decimal | None = Field(default=None, ge=0, le=100, description="capaian 0 sampai 100, atau kosong")
    keterangan: str = ""
    data_pendukung: str = ""
    status: str = ""
    _n = _nums("capaian")


class PrioritasRow(Row):
    nomor: int = Field(ge=1)
    program: str = Field(min_length=1)
    target: Decimal | None = Field(default=None, ge=0)
    triwulan: int = Field(ge=1, le=4, description="triwulan 1 sampai 4")
    persen: Decimal | None = Field(default=None, ge=0, le=100)
    uraian: str = ""
    _n = _nums("target", "persen")


class PengaduanRow(Row):
    kelompok: str = Field(min_length=1)
    kategori: str = Field(min_length=1)
    jumlah: int | None = Field(default=None, ge=0, description="jumlah pengaduan, bilangan bulat ≥ 0")
    _n = _counts("jumlah")


class PosRow(Row):
    nomor: int = Field(ge=1)
    jenis: str = Field(min_length=1)
    jumlah: int | None = Field(default=None, ge=0, description="jumlah pos, bilangan bulat ≥ 0")
    lokasi: str = ""
    _n = _counts("jumlah")


class UprRow(Row):
    tanggapan: str = Field(min_length=1)
    keterangan: str = ""
    jumlah: int | None = Field(default=None, ge=0, description="jumlah rekomendasi, bilangan bulat ≥ 0")
    _n = _counts("jumlah")


class SistematikaRow(Row):
    bagian: str = Field(min_length=1)
    isi: str = Field(min_length=1)


class _Free(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Tambahan(BaseModel):
    model_config = ConfigDict(extra="forbid")
    revisi: int
    tanggal: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    nomor_seri: str = ""
    jumlah: Decimal | None = Field(default=None, ge=0, description="rupiah ≥ 0 tanpa titik ribuan")
    keperluan: str = ""
    _n = _nums("jumlah", bulat=True)


class _Skor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nilai: Decimal | None = None
    _n = _nums("nilai")
    cut_off: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    satker: str = ""
    sumber: str = ""


class AnggaranFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pagu_awal: Decimal | None = Field(default=None, ge=0, description="rupiah ≥ 0 tanpa titik ribuan")
    _n = _nums("pagu_awal", bulat=True)
    tambahan: list[_Tambahan] = []
    cut_off_realisasi: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    sumber_realisasi: str = ""
    smart_dja: _Skor | None = None
    ikpa: _Skor | None = None


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class UnitAnggaran:
    unit: str
    pagu: Decimal | None
    realisasi: Decimal | None
    wilayah: bool

    @property
    def persen(self) -> Decimal | None:
        return persen(self.realisasi, self.pagu)


@dataclass(frozen=True)
class AnggaranIndikator:
    """The budget realisation the Ikhtisar shows beside one or more indicators."""

    indikator: tuple[str, ...]
    unit: str
    pagu: Decimal | None
    realisasi: Decimal | None
    persen_input: Decimal | None

    @property
    def persen(self) -> Decimal | None:
        """Computed from pagu where the pagu is known; else the percentage the data gives."""
        if self.pagu is not None:
            return persen(self.realisasi, self.pagu)
        return self.persen_input


@dataclass(frozen=True)
class Tambahan:
    revisi: int
    tanggal: str
    nomor_seri: str
    jumlah: Decimal | None
    keperluan: str


@dataclass
class Anggaran:
    """DIPA, its revisions and the realisation per unit (Tabel III.49)."""

    pagu_awal: Decimal | None = None
    tambahan: list[Tambahan] = field(default_factory=list)
    cut_off: str | None = None
    sumber: str = ""
    unit: list[UnitAnggaran] = field(default_factory=list)
    per_indikator: list[AnggaranIndikator] = field(default_factory=list)

    @property
    def pagu_ditjen(self) -> Decimal | None:
        """Pagu awal plus every ABT (without the Kanwil budget)."""
        if self.pagu_awal is None:
            return None
        return jumlah([self.pagu_awal, *(t.jumlah for t in self.tambahan)])

    @property
    def pagu_total(self) -> Decimal | None:
        return jumlah(u.pagu for u in self.unit)

    @property
    def pagu_wilayah(self) -> Decimal | None:
        return jumlah(u.pagu for u in self.unit if u.wilayah)

    @property
    def realisasi_total(self) -> Decimal | None:
        return jumlah(u.realisasi for u in self.unit)

    @property
    def persen_total(self) -> Decimal | None:
        return persen(self.realisasi_total, self.pagu_total)

    def untuk_indikator(self, ind_id: str) -> AnggaranIndikator | None:
        for a in self.per_indikator:
            if ind_id in a.indikator:
                return a
        return None


@dataclass(frozen=True)
class KomponenIkpa:
    aspek: str
    indikator: str
    nilai: Decimal | None
    bobot: Decimal

    @property
    def nilai_akhir(self) -> Decimal | None:
        """nilai x bobot / 100 (exact; shown rounded to 2 decimals)."""
        return None if self.nilai is None else self.nilai * self.bobot / HUNDRED


@dataclass
class Ikpa:
    """IKPA: each indicator's value, its weight, weighted value, aspect values and total."""

    komponen: list[KomponenIkpa]
    cut_off: str | None = None
    satker: str = ""
    sumber: str = ""

    @property
    def aspek(self) -> list[str]:
        return list(dict.fromkeys(k.aspek for k in self.komponen))

    def nilai_aspek(self, aspek: str) -> Decimal | None:
        """The mean of the aspect's indicator values (as OMSPAN shows it)."""
        vals = [k.nilai for k in self.komponen if k.aspek == aspek]
        s = jumlah(vals)
        return None if s is None else round_half_up(s / len(vals), 2)

    @property
    def bobot_total(self) -> Decimal:
        return sum((k.bobot for k in self.komponen), Decimal(0))

    @property
    def nilai_total(self) -> Decimal | None:
        s = jumlah(k.nilai_akhir for k in self.komponen)
        return None if s is None else round_half_up(s, 2)

    @property
    def konversi_bobot(self) -> Decimal:
        """The weights present, as a percentage of 100."""
        return self.bobot_total

    @property
    def nilai_akhir(self) -> Decimal | None:
        """Nilai Total / Konversi Bobot."""
        s = jumlah(k.nilai_akhir for k in self.komponen)
        return None if s is None else round_half_up(s / (self.bobot_total / HUNDRED), 2)


@dataclass(frozen=True)
class BarisTarja:
    periode: str
    target_pencapaian: str
    capaian: Decimal | None
    keterangan: str
    data_pendukung: str
    status: str


@dataclass
class Tarja:
    kunci: str
    judul: str
    baris: list[BarisTarja]

    @property
    def maksimal(self) -> bool | None:
        if not self.baris or any(b.capaian is None for b in self.baris):
            return None
        return all(b.capaian >= HUNDRED for b in self.baris)

    @property
    def rerata(self) -> Decimal | None:
        s = jumlah(b.capaian for b in self.baris)
        return None if s is None else round_half_up(s / len(self.baris), 2)


@dataclass
class ProgramPrioritas:
    nomor: int
    program: str
    target: Decimal | None
    triwulan: dict[int, tuple[Decimal | None, str]]  # triwulan -> (persen, uraian)


@dataclass
class Pelengkap:
    """Everything of one year beyond the PK; a part is None when its file is absent."""

    tahun: int
    anggaran: Anggaran | None = None
    anggaran_sebelumnya: Anggaran | None = None  # the previous year's Tabel III.49, for the comparison chart
    smart_dja: _Skor | None = None
    ikpa: Ikpa | None = None
    tarja: list[Tarja] | None = None
    tarja_info: dict | None = None
    prioritas: list[ProgramPrioritas] | None = None
    pengaduan: dict[str, list[tuple[str, int | None]]] | None = None
    pengaduan_info: dict | None = None
    pos_pengaduan: list[PosRow] | None = None
    upr: list[UprRow] | None = None
    upr_info: dict | None = None
    sistematika: list[SistematikaRow] | None = None
    gambar: dict[str, dict] = field(default_factory=dict)
    capaian_lainnya: list | None = None  # Bab III.4's other achievements (_CapaianLain); None: no file
    fakta: dict[str, Decimal | None] = field(default_factory=dict)  # fakta.yaml: stated and derived quantities
    fakta_persen: set[str] = field(default_factory=set)  # the keys that are percentages

    @property
    def pos_total(self) -> Decimal | None:
        return None if self.pos_pengaduan is None else jumlah(p.jumlah for p in self.pos_pengaduan)

    @property
    def upr_total(self) -> Decimal | None:
        return None if self.upr is None else jumlah(u.jumlah for u in self.upr)

    def pengaduan_teratas(self, kelompok: str, n: int = 3) -> list[tuple[str, int]]:
        rows = [r for r in (self.pengaduan or {}).get(kelompok, []) if r[1] is not None]
        return sorted(rows, key=lambda r: -r[1])[:n]


# --------------------------------------------------------------------------- loading


def _yaml_free(col: Collector, path: Path) -> dict | None:
    if not path.is_file():
        return None
    m = col.read_yaml(path, _Free)
    return None if m is None else m.model_dump()


def _kolom_mentah(path: Path, kolom: str) -> set[str]:
    """Every value written in one column of a CSV file (valid rows or not)."""
    import csv
    import io

    if not path.is_file():
        return set()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return set()
    return {(r.get(kolom) or "").strip() for r in csv.DictReader(io.StringIO(text))}


def _anggaran_unit(col: Collector, ydir: Path) -> list[UnitAnggaran]:
    rows = col.read_csv(ydir / "realisasi_anggaran.csv", UnitAnggaranRow, required=False)
    harus_unik(col, ydir / "realisasi_anggaran.csv", rows, ("unit",))  # a unit twice inflates Tabel III.49's total
    return [UnitAnggaran(r.unit, r.pagu, r.realisasi, r.wilayah == "ya") for _, r in rows]


def load_pelengkap(tahun: int, root: Path | None = None, indikator_ids: set[str] | None = None) -> Pelengkap:
    """Read and validate every optional file of data/<tahun>/ listed in data/README.md."""
    proyek = Proyek.temukan(root)
    root, ydir = proyek.akar, proyek.folder_tahun(tahun)
    col = Collector(root)
    p = Pelengkap(tahun)

    # ---- budget
    units = _anggaran_unit(col, ydir)
    ang_file = None
    if (ydir / "anggaran.yaml").is_file():
        ang_file = col.read_yaml(ydir / "anggaran.yaml", AnggaranFile)
    ind_rows = col.read_csv(ydir / "realisasi_anggaran_indikator.csv", AnggaranIndikatorRow, required=False)
    nama_unit = _kolom_mentah(ydir / "realisasi_anggaran.csv", "unit")  # valid rows or not: no cascade
    per_ind = []
    for line, r in ind_rows:
        ids = tuple(r.indikator.split())
        if indikator_ids is not None:
            for i in ids:
                if i not in indikator_ids:
                    col.add(ydir / "realisasi_anggaran_indikator.csv", "kode indikator tidak ada di indikator.csv",
                            row=line, column="indikator", value=i, code="unknown_reference")
        if units and r.unit not in nama_unit:
            col.add(ydir / "realisasi_anggaran_indikator.csv",
                    f"unit tidak ada di realisasi_anggaran.csv; unit yang ada: {', '.join(sorted(nama_unit))}",
                    row=line, column="unit", value=r.unit, code="unknown_reference")
        if r.realisasi is not None and r.pagu is None and r.persen is None:
            col.add(ydir / "realisasi_anggaran_indikator.csv", "isi pagu (disarankan) atau persen",
                    row=line, column="pagu", code="missing")
        per_ind.append(AnggaranIndikator(ids, r.unit, r.pagu, r.realisasi, r.persen))
    if units or ang_file or per_ind:
        p.anggaran = Anggaran(unit=units, per_indikator=per_ind)
        if ang_file is not None:
            a = p.anggaran
            a.pagu_awal = ang_file.pagu_awal
            a.tambahan = [Tambahan(t.revisi, t.tanggal, t.nomor_seri, t.jumlah, t.keperluan)
                          for t in ang_file.tambahan]
            a.cut_off = ang_file.cut_off_realisasi
            a.sumber = ang_file.sumber_realisasi
            p.smart_dja = ang_file.smart_dja
            ikpa_info = ang_file.ikpa
        else:
            ikpa_info = None
    else:
        ikpa_info = None
    prev = Proyek.temukan(root).folder_tahun(tahun - 1)
    prev_units = _anggaran_unit(col, prev) if (prev / "realisasi_anggaran.csv").is_file() else []
    if prev_units:
        p.anggaran_sebelumnya = Anggaran(unit=prev_units)

    ikpa_rows = col.read_csv(ydir / "ikpa.csv", IkpaRow, required=False)
    if ikpa_rows:
        p.ikpa = Ikpa([KomponenIkpa(r.aspek, r.indikator, r.nilai, r.bobot) for _, r in ikpa_rows],
                      cut_off=ikpa_info.cut_off if ikpa_info else None,
                      satker=ikpa_info.satker if ikpa_info else "",
                      sumber=ikpa_info.sumber if ikpa_info else "")

    # ---- Tarja
    info = _yaml_free(col, ydir / "tarja.yaml")
    tarja_rows = col.read_csv(ydir / "tarja.csv", TarjaRow, required=False)
    if info is not None:
        p.tarja_info = info
        daftar = info.get("daftar") or []
        kunci = [d.get("kunci") for d in daftar]
        for line, r in tarja_rows:
            if r.tarja not in kunci:
                col.add(ydir / "tarja.csv", f"kunci Tarja tidak ada di tarja.yaml; kunci yang ada: {', '.join(map(str, kunci))}",
                        row=line, column="tarja", value=r.tarja, code="unknown_reference")
        p.tarja = [Tarja(str(d.get("kunci")), str(d.get("judul", "")),
                         [BarisTarja(r.periode, r.target_pencapaian, r.capaian, r.keterangan, r.data_pendukung, r.status)
                          for _, r in tarja_rows if r.tarja == d.get("kunci")]) for d in daftar]

    # ---- RKP national priorities (Tabel III.50)
    pn_rows = col.read_csv(ydir / "prioritas_nasional.csv", PrioritasRow, required=False)
    harus_unik(col, ydir / "prioritas_nasional.csv", pn_rows, ("nomor", "triwulan"))  # else one row silently wins
    if pn_rows:
        prog: dict[int, ProgramPrioritas] = {}
        for _, r in pn_rows:
            pp = prog.setdefault(r.nomor, ProgramPrioritas(r.nomor, r.program, r.target, {}))
            pp.triwulan[r.triwulan] = (r.persen, r.uraian)
        p.prioritas = [prog[k] for k in sorted(prog)]

    # ---- Bab I
    peng = col.read_csv(ydir / "pengaduan.csv", PengaduanRow, required=False)
    if peng:
        p.pengaduan = {}
        for _, r in peng:
            p.pengaduan.setdefault(r.kelompok, []).append((r.kategori, r.jumlah))
        p.pengaduan_info = _yaml_free(col, ydir / "pengaduan.yaml") or {}
    pos = col.read_csv(ydir / "pos_pengaduan.csv", PosRow, required=False)
    p.pos_pengaduan = [r for _, r in pos] or None
    upr = col.read_csv(ydir / "upr.csv", UprRow, required=False)
    p.upr = [r for _, r in upr] or None
    p.upr_info = _yaml_free(col, ydir / "upr.yaml")
    sis = col.read_csv(ydir / "sistematika.csv", SistematikaRow, required=False)
    p.sistematika = [r for _, r in sis] or None
    p.gambar = _yaml_free(col, ydir / "gambar.yaml") or {}

    _baca_fakta(col, ydir / "fakta.yaml", p)
    _baca_capaian_lainnya(col, ydir, p)

    if col.problems:
        raise DataValidationError(col.problems)
    return p


class _CapaianLain(BaseModel):
    model_config = ConfigDict(extra="forbid")
    judul: str = Field(min_length=1, description="judul capaian (wajib diisi)")
    narasi: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_\-]+$",
                        description="nama berkas narasi di narasi/umum/ tanpa .md (contoh bab3_lainnya_kick_off)")
    gambar: str | None = Field(default=None, description="kunci gambar di gambar.yaml")


def _baca_capaian_lainnya(col: Collector, ydir: Path, p: Pelengkap) -> None:
    """capaian_lainnya.yaml (Bab III.4): a list of items, each with a prose file that exists
    and a picture key of gambar.yaml; what the chapter would trip on is found here first."""
    path = ydir / "capaian_lainnya.yaml"
    if not path.is_file():
        return
    text = col.read_text(path)
    if text is None:
        return
    from lkjip.data.ketat import YamlSalah, muat_yaml, pesan_yaml
    import yaml

    try:
        d = muat_yaml(text)
    except (yaml.YAMLError, YamlSalah) as e:
        pesan, baris = pesan_yaml(e)
        col.add(path, pesan, row=baris, code="yaml")
        return
    p.capaian_lainnya = []
    if d is None:
        return
    if not isinstance(d, list):
        col.add(path, "isi file harus berupa daftar; setiap capaian diawali '- judul: ...' (lihat data/README.md)",
                row=1, code="yaml")
        return
    from pydantic import ValidationError

    from lkjip.data.pk import pesan_pydantic

    for n, item in enumerate(d, 1):
        where = f"butir ke-{n}"
        if not isinstance(item, dict):
            col.add(path, f"{where} harus berupa pasangan 'kunci: nilai' (judul, narasi, gambar)", column=where,
                    code="yaml")
            continue
        try:
            c = _CapaianLain.model_validate(item)
        except ValidationError as err:
            for e in err.errors():
                key = ".".join(str(x) for x in e["loc"])
                col.add(path, pesan_pydantic(e), column=f"{where}.{key}", code=e["type"])
            continue
        p.capaian_lainnya.append(c)
        berkas = ydir / "narasi" / "umum" / f"{c.narasi}.md"
        if berkas.is_dir():
            col.add(path, f"{col.rel(berkas)} harus berupa file teks Markdown, bukan folder",
                    column=f"{where}.narasi", value=c.narasi, code="not_a_file")


def peringatan_anggaran(tahun: int, root: Path | None = None) -> list[Problem]:
    """Realisasi anggaran above its pagu (Tabel III.49 and the Ikhtisar's budget per indicator):
    possible, but usually a typing slip (194% of the pagu printed without a word). Warnings
    with file, row and column; the data stays valid."""
    proyek = Proyek.temukan(root)
    root, ydir = proyek.akar, proyek.folder_tahun(tahun)
    col = Collector(root)
    out: list[Problem] = []
    for nama, model, label in (("realisasi_anggaran.csv", UnitAnggaranRow, lambda r: f"unit '{r.unit}'"),
                               ("realisasi_anggaran_indikator.csv", AnggaranIndikatorRow,
                                lambda r: f"indikator {r.indikator} (unit '{r.unit}')")):
        for line, r in col.read_csv(ydir / nama, model, required=False):
            if r.pagu is not None and r.realisasi is not None and r.realisasi > r.pagu:
                out.append(Problem(col.rel(ydir / nama), line, "realisasi", str(r.realisasi),
                                   f"realisasi {label(r)} melebihi pagunya (Rp{fmt.angka(r.pagu)}): "
                                   f"{fmt.persen(persen(r.realisasi, r.pagu), 2)} dari pagu; periksa angkanya", "above_pagu"))
    return out


_OPERASI = ("jumlah", "selisih", "persen")


def load_fakta(tahun: int, root: Path | None = None) -> Pelengkap:
    """Only data/<tahun>/fakta.yaml (the quantities the prose states), validated: what every
    chapter's prose reads as ``{{ fakta.<kunci> }}``, without loading the other files."""
    root = Proyek.temukan(root).akar
    col = Collector(root)
    p = Pelengkap(tahun)
    _baca_fakta(col, Proyek.temukan(root).folder_tahun(tahun) / "fakta.yaml", p)
    if col.problems:
        raise DataValidationError(col.problems)
    return p


def _baca_fakta(col: Collector, path: Path, p: Pelengkap) -> None:
    d = _yaml_free(col, path)
    if not d:
        return
    from lkjip.data.pk import baris_yaml

    text = path.read_text(encoding="utf-8-sig")
    for k, v in (d.get("nilai") or {}).items():
        try:
            p.fakta[k] = nilai_angka(v)
        except ValueError as e:
            col.add(path, str(e), row=baris_yaml(text, ["nilai", k]), column=f"nilai.{k}",
                    value=getattr(v, "teks", str(v)), code="number")
    for k, spec in (d.get("turunan") or {}).items():
        ops = [o for o in _OPERASI if isinstance(spec, dict) and o in spec]
        if len(ops) != 1:
            col.add(path, f"turunan harus salah satu dari: {', '.join(_OPERASI)}", column=f"turunan.{k}",
                    code="derived")
            continue
        op, args = ops[0], spec[ops[0]]
        missing = [a for a in args if a not in p.fakta]
        if missing:
            col.add(path, f"kunci tidak dikenal: {', '.join(map(str, missing))}", column=f"turunan.{k}",
                    code="unknown_reference")
            continue
        vals = [p.fakta[a] for a in args]
        if op == "jumlah":
            p.fakta[k] = jumlah(vals)
        elif op == "selisih":
            rest = jumlah(vals[1:])
            p.fakta[k] = None if vals[0] is None or rest is None else vals[0] - rest
        else:
            p.fakta[k] = persen(vals[0], vals[1], 0)
            p.fakta_persen.add(k)


# --------------------------------------------------------------------------- stated figures


def nilai_besaran(p: Pelengkap, kunci: str) -> Decimal | None:
    """The computed value of a key of data/<tahun>/dinyatakan.csv that this module owns, for
    the audit: ``anggaran:pagu_ditjen``, ``anggaran:pagu_total``, ``anggaran:realisasi_total``,
    ``anggaran:persen_total``, ``anggaran:persen_unit:<unit>``, ``anggaran:persen_indikator:<id>``,
    ``ikpa:nilai_akhir:<indikator>``, ``ikpa:nilai_aspek:<aspek>``, ``ikpa:nilai_total``,
    ``ikpa:nilai_akhir_total``, ``pos_pengaduan:total``, ``upr:total``. Unknown key: KeyError."""
    parts = kunci.split(":", 2)
    a, ik = p.anggaran, p.ikpa
    if parts[0] == "anggaran" and a is not None:
        simple = {"pagu_ditjen": a.pagu_ditjen, "pagu_total": a.pagu_total,
                  "realisasi_total": a.realisasi_total, "persen_total": a.persen_total}
        if parts[1] in simple:
            return simple[parts[1]]
        if parts[1] == "persen_unit":
            return next((u.persen for u in a.unit if u.unit == parts[2]), None)
        if parts[1] == "persen_indikator":
            x = a.untuk_indikator(parts[2])
            return None if x is None else x.persen
    if parts[0] == "ikpa" and ik is not None:
        if parts[1] == "nilai_akhir" and len(parts) == 3:
            return next((None if k.nilai_akhir is None else round_half_up(k.nilai_akhir, 2)
                         for k in ik.komponen if k.indikator == parts[2]), None)
        if parts[1] == "nilai_aspek":
            return ik.nilai_aspek(parts[2])
        if parts[1] == "nilai_total":
            return ik.nilai_total
        if parts[1] == "nilai_akhir_total":
            return ik.nilai_akhir
    if parts[0] == "fakta" and parts[1] in p.fakta:
        return p.fakta[parts[1]]
    if kunci == "pos_pengaduan:total":
        return p.pos_total
    if kunci == "upr:total":
        return p.upr_total
    raise KeyError(kunci)


# --------------------------------------------------------------------------- audit handlers

_CACHE: dict[tuple[str, int], Pelengkap] = {}


def _hitung(kind: str):
    """A handler for the audit's key registry (lkjip.check.audit.PENGHITUNG): (context with ``data``
    and ``root``, the key's parts after its kind, decimals printed) -> (the value at the printed
    precision, the value as the report shows it)."""

    def handler(k, parts, d):
        key = (str(k.root), k.data.tahun)
        if key not in _CACHE:
            _CACHE[key] = load_pelengkap(k.data.tahun, k.root, {i.id for i in k.data.indikator})
        try:
            v = nilai_besaran(_CACHE[key], ":".join([kind, *parts]))
        except KeyError:
            raise KunciSalah(f"kunci '{':'.join([kind, *parts])}' tidak dikenal; lihat "
                             "lkjip.data.pelengkap.nilai_besaran untuk bentuk yang ada") from None
        return (None if v is None else round_half_up(v, d)), v

    return handler


PENGHITUNG_PELENGKAP = {kind: _hitung(kind) for kind in ("anggaran", "ikpa", "fakta", "pos_pengaduan", "upr")}
"""The keys of dinyatakan.csv this module computes, for ``lkjip.check.audit.PENGHITUNG.update(...)``."""
