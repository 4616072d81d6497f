"""Loading ``data/<year>/`` with validation that collects every problem in one pass.

Each file is read as text (UTF-8), each row is checked against a pydantic model, and
cross-file references are checked afterwards. Nothing raises before everything has
been checked; then one :class:`DataValidationError` lists every problem with file,
row, column, the bad value and what was expected.
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from lkjip.core import angka
from lkjip.data.ketat import YamlSalah, masalah_judul, muat_yaml, pesan_yaml
from lkjip.errors import DataValidationError, LkjipError, Problem
from lkjip.data.proyek import Proyek
from lkjip.core.model import (
    AnggaranPK,
    Indikator,
    JenisRumus,
    Komponen,
    Organisasi,
    Pejabat,
    Riwayat,
    Sasaran,
    TahunData,
)

# --------------------------------------------------------------------------- paths


def project_root() -> Path:
    """The project folder (lkjip.data.proyek.Proyek.temukan)."""
    return Proyek.temukan().akar


def data_root(root: Path | None = None) -> Path:
    return Proyek.temukan(root).data


def available_years(root: Path | None = None) -> list[int]:
    return Proyek.temukan(root).tahun()


def latest_year(root: Path | None = None) -> int:
    """The latest fiscal year with data (the notebooks' default parameter)."""
    years = Proyek.temukan(root).tahun_berdata()
    if not years:
        raise LkjipError(f"Tidak ada folder tahun di {data_root(root)}.")
    return years[-1]


def latest_year_with_realisasi(root: Path | None = None) -> int:
    """The latest fiscal year whose data already has a realisasi (the default year of a
    notebook opened in JupyterLab, so it shows a full chapter); else the latest year."""
    from lkjip.core.compute import realisasi

    for y in reversed(Proyek.temukan(root).tahun_berdata()):
        try:
            data = load_year(y, root)
        except LkjipError:
            continue
        if any(realisasi(i) is not None for i in data.indikator):
            return y
    return latest_year(root)


# --------------------------------------------------------------------------- numbers


def parse_number(text: str, bulat: bool = False) -> Decimal:
    """A number as written in the data's text files (lkjip.core.angka, strict): dot decimal,
    no thousands separator; an empty cell is refused here (a number is expected)."""
    d = angka.baca(text, bulat=bulat)
    if d is None:
        raise angka.AngkaSalah(str(text), "angka (sel ini kosong atau '-')")
    return d


def nilai_angka(v: Any, bulat: bool = False) -> Decimal | None:
    """A cell or YAML scalar of a number column (lkjip.core.angka, strict); None when empty."""
    return angka.baca(v, bulat=bulat)


def hitungan(v: Any) -> int | None:
    """A count column (int): never a fraction, never '1.096'."""
    d = angka.baca(v, bulat=True)
    return None if d is None else int(d)


SATUAN_BUKAN_CACAH = ("%", "persen", "indeks", "nilai", "skor", "poin", "rasio", "rata")
"""An indicator whose satuan holds one of these words may take a fraction; any other satuan
(Dokumen, Rekomendasi, Instansi Pemerintah, Layanan ...) counts things: target and
realisasi are whole numbers."""


def satuan_cacah(satuan: str | None) -> bool:
    s = (satuan or "").lower()
    return bool(s) and not any(w in s for w in SATUAN_BUKAN_CACAH)


# --------------------------------------------------------------------------- row models

_ID = r"^[A-Za-z0-9][A-Za-z0-9.\-]*$"
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SasaranRow(Row):
    id: str = Field(pattern=_ID, description="kode sasaran tanpa spasi (contoh SK-1)")
    tingkat: Literal["strategis", "program", "kegiatan"] = Field(
        description="salah satu dari: strategis, program, kegiatan")
    nomor: int = Field(ge=1, description="nomor urut bilangan bulat mulai 1")
    uraian: str = Field(min_length=1, description="uraian sasaran (wajib diisi)")


class IndikatorRow(Row):
    id: str = Field(pattern=_ID, description="kode indikator tanpa spasi (contoh IKK-1.1)")
    sasaran_id: str = Field(min_length=1, description="kode sasaran yang ada di sasaran.csv")
    nomor: int = Field(ge=1, description="nomor urut bilangan bulat mulai 1")
    kode: str = Field(pattern=_SLUG, description="kode tetap antar tahun, huruf kecil dan tanda hubung (contoh kkp-ham-persen)")
    uraian: str = Field(min_length=1, description="uraian indikator (wajib diisi)")
    satuan: str = Field(min_length=1, description="satuan, misalnya %, Dokumen, Rekomendasi, Instansi Pemerintah, Layanan")
    arah: Literal["naik", "turun"] = Field(description="naik (makin tinggi makin baik) atau turun (makin rendah makin baik)")
    target: Decimal | None = Field(default=None, gt=0, description="target lebih dari 0, angka dengan titik desimal, atau kosong bila Perjanjian Kinerja belum ada")
    rumus: str = Field(pattern=_SLUG, description="rasio, rerata, langsung, atau jenis rumus yang dideklarasikan di data/rumus.yaml")
    realisasi: Decimal | None = Field(default=None, ge=0, description="angka ≥ 0 atau kosong bila belum tersedia")
    desimal: int | None = Field(default=None, ge=0, le=4, description="jumlah desimal realisasi, 0 sampai 4")
    desimal_capaian: int | None = Field(default=None, ge=0, le=4, description="jumlah desimal capaian, 0 sampai 4")

    @field_validator("target", "realisasi", mode="before")
    @classmethod
    def _nums(cls, v, info: ValidationInfo):
        return nilai_angka(v, bulat=satuan_cacah(info.data.get("satuan")))


class KomponenRow(Row):
    indikator_id: str = Field(min_length=1, description="kode indikator yang ada di indikator.csv")
    peran: Literal["pembilang", "penyebut", "periode"] = Field(description="pembilang, penyebut atau periode")
    label: str = Field(min_length=1, description="keterangan komponen (wajib diisi)")
    nilai: Decimal | None = Field(default=None, ge=0, description="angka ≥ 0 dengan titik desimal, atau kosong bila belum tersedia")
    sumber: str = Field(default="", description="sumber data")

    @field_validator("nilai", mode="before")
    @classmethod
    def _nums(cls, v, info: ValidationInfo):  # pembilang and penyebut count things (184 of 288)
        return nilai_angka(v, bulat=info.data.get("peran") in ("pembilang", "penyebut"))


class AnggaranRow(Row):
    program: str = Field(min_length=1, description="nama program (wajib diisi)")
    nomor: int = Field(ge=1, description="nomor urut bilangan bulat mulai 1")
    kegiatan: str = Field(min_length=1, description="nama kegiatan (wajib diisi)")
    anggaran: Decimal | None = Field(default=None, ge=0, description="rupiah ≥ 0 tanpa titik ribuan (contoh 1200433000), atau kosong bila belum tersedia")

    _nums = field_validator("anggaran", mode="before")(classmethod(lambda cls, v: nilai_angka(v, bulat=True)))


class RiwayatRow(Row):
    kode: str = Field(pattern=_SLUG, description="kode indikator tetap antar tahun")
    tahun: int = Field(ge=2000, le=2100, description="tahun empat angka")
    target: Decimal | None = Field(default=None, ge=0, description="angka ≥ 0 atau kosong")
    realisasi: Decimal | None = Field(default=None, ge=0, description="angka ≥ 0 atau kosong")
    realisasi_teks: str = ""
    capaian_tertulis: Decimal | None = Field(default=None, ge=0, description="angka ≥ 0 atau kosong")
    catatan: str = ""
    sumber: str = ""

    _nums = field_validator("target", "realisasi", "capaian_tertulis", mode="before")(
        classmethod(lambda cls, v: nilai_angka(v)))


class RenstraRow(Row):
    kode: str = Field(pattern=_SLUG, description="kode indikator tetap antar tahun")
    tahun: int = Field(ge=2000, le=2100, description="tahun empat angka")
    target: Decimal = Field(ge=0, description="angka ≥ 0 dengan titik desimal")
    sumber: str = ""

    _nums = field_validator("target", mode="before")(classmethod(lambda cls, v: nilai_angka(v)))


class JenisRumusFile(Row):
    dasar: Literal["rasio", "rerata", "langsung"] = Field(
        description="cara menghitung realisasi: rasio, rerata atau langsung")
    label: str = ""
    desimal: int | None = Field(default=None, ge=0, le=4, description="jumlah desimal realisasi, 0 sampai 4")
    desimal_capaian: int | None = Field(default=None, ge=0, le=4, description="jumlah desimal capaian, 0 sampai 4")
    keterangan: str = ""


def ada_berkas(path: Path) -> bool:
    """Whether an optional data file exists, found by listing its folder: the build's record of
    what a page read then holds the folder, so a file added later re-executes the page (a
    failed open or stat of a missing file is not recorded)."""
    return path.parent.is_dir() and any(p.name == path.name and p.is_file() for p in path.parent.iterdir())


def jenis_rumus(col: "Collector", root: Path, periode: str | None) -> dict[str, JenisRumus]:
    """The formula kinds declared in data: data/rumus.yaml (every year), then the Renstra
    period's data/renstra/<periode>/rumus.yaml (its indicators), a later one winning."""
    out: dict[str, JenisRumus] = {}
    files = [data_root(root) / "rumus.yaml"]
    if periode:
        files.append(data_root(root) / "renstra" / periode / "rumus.yaml")
    for path in files:
        if not ada_berkas(path):
            continue
        text = col.read_text(path)
        if text is None:
            continue
        try:
            data = muat_yaml(text) or {}
        except (yaml.YAMLError, YamlSalah) as e:
            pesan, baris = pesan_yaml(e)
            col.add(path, pesan, row=baris, column=getattr(e, "kunci", None), code="yaml")
            continue
        if not isinstance(data, dict):
            col.add(path, "isi file harus berupa pasangan 'nama_rumus: {dasar: ..., desimal: ...}'", code="yaml")
            continue
        for nama, isi in data.items():
            nama = str(nama)
            if nama in ("rasio", "rerata", "langsung") or not re.match(_SLUG, nama):
                col.add(path, "nama jenis rumus: huruf kecil dan tanda hubung, selain rasio, rerata, langsung",
                        row=baris_yaml(text, [nama]), column=nama, value=nama, code="formula_kind")
                continue
            try:
                j = JenisRumusFile.model_validate(isi if isinstance(isi, dict) else {})
            except ValidationError as err:
                for e in err.errors():
                    key = ".".join([nama, *(str(x) for x in e["loc"])])
                    info = JenisRumusFile.model_fields.get(str(e["loc"][0])) if e["loc"] else None
                    pesan = pesan_pydantic(e)
                    if info is not None and info.description:
                        pesan = f"{pesan}: {info.description}"
                    col.add(path, pesan, row=baris_yaml(text, [nama, *e["loc"]]), column=key, code=e["type"])
                continue
            out[nama] = JenisRumus(nama, j.dasar, j.label, j.desimal, j.desimal_capaian)
    return out


def rumus_dikenal(year: int, root: Path | None = None) -> list[str]:
    """The names indikator.csv's ``rumus`` of ``year`` may take: the built-in kinds, then those
    declared in data (a file that does not read gives none: ``lkjip check`` names it)."""
    root = Proyek.temukan(root).akar
    return ["rasio", "rerata", "langsung", *jenis_rumus(Collector(root), root, renstra_period(year, root))]


class _Pejabat(Row):
    nama: str = Field(min_length=1, description="nama pejabat")
    jabatan: str = Field(min_length=1, description="jabatan")
    nip: str | None = None


class _Tempat(Row):
    tempat: str | None = None
    tanggal: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$",
                                description="tanggal YYYY-MM-DD atau bulan YYYY-MM")


class OrganisasiFile(Row):
    tahun: int = Field(ge=2000, le=2100, description="tahun anggaran")
    status: Literal["final", "draf"] = Field(description="status laporan: final (diterbitkan) atau draf")
    unit: str = Field(min_length=1, description="nama lengkap unit pelapor, seperti tertulis di sampul laporan")
    unit_singkat: str = Field(min_length=1, description="nama singkat unit untuk judul laporan")
    singkatan: str | None = Field(default=None, min_length=1, description=(
        "nama singkat unit di judul tabel, grafik dan keterangan sumber; kosong: unit_singkat"))
    kementerian: str | None = Field(default=None, min_length=1, description=(
        "nama kementerian tempat unit berada; "
        "null hanya bila unit pelapor sendiri kementerian (unit: Kementerian ..., pimpinan: Menteri ...)"))
    pimpinan: _Pejabat
    atasan: _Pejabat
    perjanjian_kinerja: _Tempat
    laporan: _Tempat
    renstra: str | None = Field(default=None, pattern=r"^\d{4}-\d{4}$",
                                description="periode Renstra, contoh 2020-2024, atau kosong (null) bila belum ada")


# --------------------------------------------------------------------------- reading


def pesan_pydantic(e: dict) -> str:
    """A pydantic error in Indonesian: what was expected (the caller names file, row, column)."""
    t, ctx = e.get("type", ""), e.get("ctx") or {}
    if t == "value_error":
        return str(ctx.get("error", e.get("msg", "")))
    if t == "missing":
        return "wajib diisi"
    table = {
        "string_type": "harus berupa teks (bila perlu tulis di antara tanda kutip)",
        "string_too_short": "wajib diisi (tidak boleh kosong)",
        "int_parsing": "harus bilangan bulat", "int_type": "harus bilangan bulat",
        "int_from_float": "harus bilangan bulat (bukan pecahan)",
        "decimal_parsing": "harus angka", "decimal_type": "harus angka", "float_parsing": "harus angka",
        "float_type": "harus angka", "finite_number": "harus angka biasa (bukan NaN/Infinity)",
        "bool_type": "harus ya/tidak (true/false)", "bool_parsing": "harus ya/tidak (true/false)",
        "dict_type": "harus berupa pasangan 'kunci: nilai'", "model_type": "harus berupa pasangan 'kunci: nilai'",
        "model_attributes_type": "harus berupa pasangan 'kunci: nilai'",
        "list_type": "harus berupa daftar (setiap butir diawali '- ')",
        "extra_forbidden": "kunci/kolom tidak dikenal; hapus atau periksa ejaannya",
    }
    if t in table:
        return table[t]
    if t == "string_pattern_mismatch":
        return f"tidak sesuai bentuk yang diharapkan (pola {ctx.get('pattern')})"
    if t == "literal_error":
        return f"harus salah satu dari: {ctx.get('expected', '')}".replace("'", "").replace(" or ", ", ")
    for k, kata in (("gt", "lebih dari"), ("ge", "paling kecil"), ("lt", "kurang dari"), ("le", "paling besar")):
        if k in ctx:
            return f"harus angka {kata} {ctx[k]}"
    if t.startswith("decimal_") or t.startswith("int_"):
        return "angka tidak sesuai (jumlah digit atau desimal)"
    return f"nilai tidak sesuai (jenis galat: {t})"


class Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.raw_ids: dict[str, set[str]] = {}  # file name -> every 'id' written, valid row or not
        self.rusak: set[str] = set()  # files whose form is broken (header, quotes, no rows): no cascade

    def data_rows(self, path: Path, reader, header: list[str]):
        """(line number, values) of every non-empty row of a CSV reader positioned after the
        header; a row with another number of cells than the header is reported, not given.
        The line is where the row starts (a quoted cell may span lines); a quote left open
        is reported at the line where it opens."""
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                self.add(path, "tanda kutip (\") yang dibuka di baris ini tidak pernah ditutup; sisa file terbaca "
                         "sebagai satu sel: tutup tanda kutipnya", row=start, code="unclosed_quote")
                self.rusak.add(path.name)
                return
            lineno, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                self.add(path, f"baris harus berisi {len(header)} kolom, ditemukan {len(values)}",
                         row=lineno, code="row_length")
                continue
            yield lineno, values

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, path: Path, expected: str, row=None, column=None, value=None, code="invalid"):
        self.problems.append(Problem(self.rel(path), row, column, value, expected, code))

    def read_text(self, path: Path, required: bool = True) -> str | None:
        if not path.is_file():
            if required:
                self.add(path, "file ini wajib ada", code="missing_file")
            return None
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            self.add(path, "file harus disimpan sebagai UTF-8 (tampaknya Windows-1252/ANSI); "
                     "simpan ulang dengan encoding UTF-8", row=line,
                     value=raw[e.start:e.end + 8].decode("cp1252", errors="replace"), code="encoding")
            return None
        if not text.strip():
            self.add(path, "file kosong; minimal harus ada baris judul kolom", code="empty_file")
            return None
        return text

    def read_csv(self, path: Path, model: type[Row], required: bool = True,
                 min_rows: int = 0) -> list[tuple[int, Row]]:
        text = self.read_text(path, required)
        if text is None:
            return []
        reader = csv.reader(io.StringIO(text), strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except csv.Error:
            self.add(path, "tanda kutip (\") di baris judul tidak ditutup", row=1, code="unclosed_quote")
            return []
        judul = masalah_judul(header)
        for _, c, pesan in judul:
            self.add(path, pesan, row=1, column=c, code="header")
        if judul:
            self.rusak.add(path.name)
            return []
        fields = list(model.model_fields)
        required_cols = [f for f, info in model.model_fields.items() if info.is_required()]
        missing = [c for c in required_cols if c not in header]
        unknown = [c for c in header if c not in fields]
        for c in missing:
            self.add(path, f"kolom '{c}' wajib ada; kolom yang diharapkan: {', '.join(fields)}",
                     row=1, column=c, code="missing_column")
        for c in unknown:
            self.add(path, f"kolom tidak dikenal; kolom yang diharapkan: {', '.join(fields)}",
                     row=1, column=c, value=c, code="unknown_column")
        if missing or unknown:
            return []
        rows = []
        ids = self.raw_ids.setdefault(path.name, set())
        for lineno, values in self.data_rows(path, reader, header):
            record = {h: (v if v.strip() != "" else None) for h, v in zip(header, values)}
            if record.get("id"):
                ids.add(record["id"].strip())
            record = {k: v for k, v in record.items() if v is not None}  # empty cell: default or "missing"
            try:
                rows.append((lineno, model.model_validate(record)))
            except ValidationError as err:
                for e in err.errors():
                    col = str(e["loc"][0]) if e["loc"] else None
                    info = model.model_fields.get(col) if col else None
                    expected = (info.description if info and info.description else pesan_pydantic(e))
                    if e["type"] == "value_error":
                        expected = pesan_pydantic(e)
                    if e["type"] == "missing":
                        expected = f"wajib diisi: {expected}"
                    self.add(path, expected, row=lineno, column=col,
                             value=None if col is None else values[header.index(col)] if col in header else None,
                             code=e["type"])
        if min_rows and not rows and not any(p.file == self.rel(path) for p in self.problems):
            self.add(path, f"file hanya berisi baris judul; minimal {min_rows} baris data", row=2, code="no_rows")
            self.rusak.add(path.name)
        return rows

    def read_yaml(self, path: Path, model: type[Row]):
        text = self.read_text(path)
        if text is None:
            return None
        try:
            data = muat_yaml(text)
        except (yaml.YAMLError, YamlSalah) as e:
            pesan, baris = pesan_yaml(e)
            self.add(path, pesan, row=baris, column=getattr(e, "kunci", None), code="yaml")
            return None
        if not isinstance(data, dict):
            self.add(path, "isi file harus berupa pasangan 'kunci: nilai'", code="yaml")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as err:
            for e in err.errors():
                key = ".".join(str(x) for x in e["loc"])
                info = _field_info(model, e["loc"])
                expected = pesan_pydantic(e)
                if info is not None and info.description and e["type"] == "string_pattern_mismatch":
                    expected = f"harus berupa {info.description}"
                elif info is not None and info.description and e["type"] not in ("value_error", "extra_forbidden"):
                    expected = f"{expected}: {info.description}"
                self.add(path, expected, column=key, row=baris_yaml(text, e["loc"]),
                         value=getattr(e.get("input"), "teks", str(e.get("input"))) if e["type"] != "missing" else None,
                         code=e["type"])
            return None


def _field_info(model, loc):
    """The pydantic field a (possibly nested) error location names, if any."""
    m, info = model, None
    for part in loc:
        fields = getattr(m, "model_fields", None)
        if not isinstance(part, str) or not fields or part not in fields:
            return None if isinstance(part, str) else info
        info = fields[part]
        m = info.annotation
        args = getattr(m, "__args__", None)
        if args:
            m = next((a for a in args if hasattr(a, "model_fields")), m)
    return info


def baris_yaml(text: str, loc) -> int | None:
    """The line of the last mapping key of an error location (a nested key is looked for after
    its parent), or None."""
    line, start = None, 0
    lines = text.splitlines()
    for part in loc:
        if not isinstance(part, str):
            continue
        for n in range(start, len(lines)):
            if re.match(rf"^\s*(- )?{re.escape(part)}\s*:", lines[n]):
                line, start = n + 1, n + 1
                break
    return line


# --------------------------------------------------------------------------- year


def harus_unik(col: Collector, path: Path, rows: list, key: tuple[str, ...]) -> None:
    """A key that must not repeat within a file (a later row would silently win)."""
    first: dict[tuple, int] = {}
    for line, r in rows:
        k = tuple(getattr(r, c) for c in key)
        if k in first:
            col.add(path, f"baris ganda: {' + '.join(key)} sudah dipakai di baris {first[k]}",
                    row=line, column=key[-1], value=" / ".join(map(str, k)), code="duplicate")
        first.setdefault(k, line)


def year_dir(year: int, root: Path | None = None) -> Path:
    return Proyek.temukan(root).folder_tahun(year)


def renstra_periods(root: Path | None = None) -> list[tuple[int, int]]:
    return Proyek.temukan(root).periode_renstra()


def renstra_period(year: int, root: Path | None = None, preferred: str | None = None) -> str | None:
    """The Renstra period covering ``year``: the one organisasi.yaml names when it covers
    the year, else the folder under data/renstra/ whose period covers it, else None (the
    chapters then say that no Renstra period covers the year)."""
    if preferred:
        start, end = (int(x) for x in preferred.split("-"))
        if start <= year <= end:
            return preferred
    for start, end in renstra_periods(root):
        if start <= year <= end:
            return f"{start}-{end}"
    return None


# In a book build's kernel, what records which parts of the year's data a page uses (set by
# lkjip.build.deps): called as PENCATAT(muat, year, root) instead of muat(year, root)
PENCATAT = None


def load_year(year: int | None = None, root: Path | None = None) -> TahunData:
    """Load and validate one fiscal year; raise DataValidationError listing every problem."""
    root = Proyek.temukan(root).akar
    year = int(year) if year is not None else latest_year(root)
    if PENCATAT is not None:
        return PENCATAT(_muat_tahun, year, root)
    return _muat_tahun(year, root)


def _muat_tahun(year: int, root: Path) -> TahunData:
    ydir = year_dir(year, root)
    col = Collector(root)
    if not ydir.is_dir():
        col.add(ydir, f"folder data tahun {year} tidak ada; tahun yang tersedia: "
                f"{', '.join(map(str, available_years(root))) or '-'} (buat dengan 'lkjip new-year {year}')",
                code="missing_year")
        raise DataValidationError(col.problems)

    org = col.read_yaml(ydir / "organisasi.yaml", OrganisasiFile)
    sasaran_rows = col.read_csv(ydir / "sasaran.csv", SasaranRow, min_rows=1)
    ind_rows = col.read_csv(ydir / "indikator.csv", IndikatorRow, min_rows=1)
    kom_rows = col.read_csv(ydir / "komponen.csv", KomponenRow)
    ang_rows = col.read_csv(ydir / "anggaran_pk.csv", AnggaranRow)
    riw_rows = col.read_csv(data_root(root) / "riwayat.csv", RiwayatRow, required=False)

    if org is not None and org.kementerian is None and not (
            org.unit.lower().startswith("kementerian") or org.pimpinan.jabatan.lower().startswith("menteri")):
        col.add(ydir / "organisasi.yaml", "wajib diisi: nama kementerian tempat unit ini berada; "
                "kosong (null) hanya bila unit pelapor sendiri kementerian "
                "(unit: Kementerian ..., jabatan pimpinan: Menteri ...)", column="kementerian",
                row=baris_yaml((ydir / "organisasi.yaml").read_text(encoding="utf-8"), ["kementerian"]),
                code="missing")
    if org is not None and org.tahun != year:
        col.add(ydir / "organisasi.yaml", f"tahun harus {year} (sesuai nama folder)", column="tahun",
                value=str(org.tahun), code="year_mismatch")
    renstra_rows: list = []
    periode = renstra_period(year, root, org.renstra if org is not None else None)
    if periode is not None:
        renstra_rows = col.read_csv(data_root(root) / "renstra" / periode / "target.csv", RenstraRow,
                                    required=False)

    sasaran_file = ydir / "sasaran.csv"
    ind_file = ydir / "indikator.csv"
    kom_file = ydir / "komponen.csv"

    # ---- formula kinds: built in, or declared in data (decimals may come from the kind)
    jenis = jenis_rumus(col, root, periode)
    dikenal = ["rasio", "rerata", "langsung", *jenis]
    cara_of: dict[int, str] = {}  # the built-in kind each indicator row is computed by
    for line, i in ind_rows:
        j = jenis.get(i.rumus)
        if i.rumus not in dikenal:
            col.add(ind_file, f"harus salah satu dari: {', '.join(dikenal)} (jenis rumus lain dideklarasikan "
                    "di data/rumus.yaml atau data/renstra/<periode>/rumus.yaml)", row=line, column="rumus",
                    value=i.rumus, code="formula_kind")
            continue
        for kolom in ("desimal", "desimal_capaian"):
            if getattr(i, kolom) is None:
                bawaan = getattr(j, kolom) if j is not None else None
                if bawaan is None:
                    col.add(ind_file, f"wajib diisi: jumlah {kolom.replace('_', ' ')}, 0 sampai 4"
                            + (f" (atau dideklarasikan untuk rumus '{i.rumus}')" if j is not None else ""),
                            row=line, column=kolom, code="missing")
                else:
                    object.__setattr__(i, kolom, bawaan)  # the kind's default (a validated int)
        cara_of[id(i)] = j.dasar if j is not None else i.rumus

    # ---- uniqueness and references
    harus_unik(col, data_root(root) / "riwayat.csv", riw_rows, ("kode", "tahun"))
    if periode is not None:
        harus_unik(col, data_root(root) / "renstra" / periode / "target.csv", renstra_rows, ("kode", "tahun"))
    harus_unik(col, ydir / "komponen.csv", kom_rows, ("indikator_id", "label"))
    harus_unik(col, ydir / "anggaran_pk.csv", ang_rows, ("program", "nomor"))
    seen: dict[str, int] = {}
    for line, s in sasaran_rows:
        if s.id in seen:
            col.add(sasaran_file, f"kode sasaran ganda (sudah dipakai di baris {seen[s.id]})",
                    row=line, column="id", value=s.id, code="duplicate")
        seen.setdefault(s.id, line)
    ind_seen: dict[str, int] = {}
    for line, i in ind_rows:
        if i.id in ind_seen:
            col.add(ind_file, f"kode indikator ganda (sudah dipakai di baris {ind_seen[i.id]})",
                    row=line, column="id", value=i.id, code="duplicate")
        ind_seen.setdefault(i.id, line)
        if i.sasaran_id not in col.raw_ids.get("sasaran.csv", set()) and sasaran_rows and "sasaran.csv" not in col.rusak:
            col.add(ind_file, f"sasaran tidak dikenal; kode yang ada di sasaran.csv: {', '.join(seen)}",
                    row=line, column="sasaran_id", value=i.sasaran_id, code="unknown_reference")
        if cara_of.get(id(i), i.rumus) != "langsung" and i.realisasi is not None:
            col.add(ind_file, f"realisasi dihitung dari komponen.csv untuk rumus '{i.rumus}'; kosongkan kolom ini "
                    "atau ubah rumus menjadi 'langsung'", row=line, column="realisasi",
                    value=str(i.realisasi), code="realisasi_with_formula")
    kom_by_ind: dict[str, list[KomponenRow]] = {}
    kom_line = {id(k): line for line, k in kom_rows}  # to name the row of a cross-row problem
    for line, k in kom_rows:
        if k.indikator_id not in col.raw_ids.get("indikator.csv", set()) and ind_rows and "indikator.csv" not in col.rusak:
            col.add(kom_file, "indikator tidak dikenal; harus sama dengan kolom 'id' di indikator.csv",
                    row=line, column="indikator_id", value=k.indikator_id, code="unknown_reference")
            continue
        kom_by_ind.setdefault(k.indikator_id, []).append(k)
    for line, i in ind_rows:
        ks = kom_by_ind.get(i.id, [])
        cara = cara_of.get(id(i), i.rumus)
        if cara == "rasio" and ks:
            num = [k for k in ks if k.peran == "pembilang"]
            den = [k for k in ks if k.peran == "penyebut"]
            if len(num) > 1 or len(den) > 1:
                col.add(kom_file, f"indikator {i.id} (rumus rasio) butuh tepat satu 'pembilang' dan satu 'penyebut'",
                        row=kom_line[id(ks[0])], column="peran", value=i.id, code="ratio_components")
            elif not num or not den or den[0].nilai is None or num[0].nilai is None:
                pass  # a part not yet entered: realisasi "belum lengkap" (lkjip.core.compute.kelengkapan)
            elif den[0].nilai == 0:
                col.add(kom_file, f"penyebut indikator {i.id} tidak boleh 0", row=kom_line[id(den[0])],
                        column="nilai", value="0", code="zero_denominator")
            elif num[0].nilai > den[0].nilai:
                col.add(kom_file, f"pembilang indikator {i.id} ({num[0].nilai}) melebihi penyebutnya "
                        f"({den[0].nilai}); persentase tidak boleh lebih dari 100%", row=kom_line[id(num[0])],
                        column="nilai",
                        value=str(num[0].nilai), code="numerator_above_denominator")
        if cara in ("rasio", "rerata") and any(k.peran == "periode" for k in ks) == (cara == "rasio") and ks:
            col.add(kom_file, f"komponen indikator {i.id} tidak cocok dengan rumus '{i.rumus}' "
                    "(rasio: pembilang/penyebut; rerata: periode)", row=kom_line[id(ks[0])], column="peran",
                    value=i.id,
                    code="formula_components")
        if cara == "langsung" and ks:
            col.add(kom_file, f"indikator {i.id} memakai rumus 'langsung'; komponen tidak dipakai",
                    row=kom_line[id(ks[0])], column="indikator_id", value=i.id, code="unused_components")

    if col.problems:
        raise DataValidationError(col.problems)

    # ---- build the model
    komponen = {
        iid: tuple(Komponen(k.indikator_id, k.peran, k.label, k.nilai, k.sumber) for k in ks)
        for iid, ks in kom_by_ind.items()
    }
    inds_by_sasaran: dict[str, list[Indikator]] = {}
    for _, i in sorted(ind_rows, key=lambda r: (r[1].sasaran_id, r[1].nomor)):
        inds_by_sasaran.setdefault(i.sasaran_id, []).append(Indikator(
            id=i.id, sasaran_id=i.sasaran_id, nomor=i.nomor, kode=i.kode, uraian=i.uraian,
            satuan=i.satuan, arah=i.arah, target=i.target, rumus=i.rumus,
            realisasi_input=i.realisasi, desimal=i.desimal, desimal_capaian=i.desimal_capaian,
            komponen=komponen.get(i.id, ()), jenis=jenis.get(i.rumus)))
    order = {t: n for n, t in enumerate(("strategis", "program", "kegiatan"))}
    sasaran = [
        Sasaran(s.id, s.tingkat, s.nomor, s.uraian, tuple(inds_by_sasaran.get(s.id, [])))
        for _, s in sorted(sasaran_rows, key=lambda r: (order[r[1].tingkat], r[1].nomor))
    ]
    organisasi = Organisasi(
        tahun=org.tahun, unit=org.unit, unit_singkat=org.unit_singkat, kementerian=org.kementerian,
        pimpinan=Pejabat(org.pimpinan.nama, org.pimpinan.jabatan, org.pimpinan.nip),
        atasan=Pejabat(org.atasan.nama, org.atasan.jabatan, org.atasan.nip),
        pk_tempat=org.perjanjian_kinerja.tempat or "", pk_tanggal=org.perjanjian_kinerja.tanggal or "",
        laporan_tempat=org.laporan.tempat, laporan_tanggal=org.laporan.tanggal, renstra=periode,
        status=org.status, singkatan=org.singkatan)
    anggaran = [AnggaranPK(a.program, a.nomor, a.kegiatan, a.anggaran) for _, a in ang_rows]
    riwayat = {(r.kode, r.tahun): Riwayat(r.kode, r.tahun, r.target, r.realisasi, r.realisasi_teks or "",
                                          r.capaian_tertulis, r.catatan or "", r.sumber or "", line)
               for line, r in riw_rows}
    renstra = {(r.kode, r.tahun): r.target for _, r in renstra_rows}
    return TahunData(year, organisasi, sasaran, anggaran, renstra, riwayat)
