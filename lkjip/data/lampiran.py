"""Bab III's supporting data: data/<tahun>/bab3/lampiran.yaml (its tables, charts and photos)
with the CSV files it names, and where Bab III's prose lives (each sasaran's analyses,
data/<tahun>/bab3/<sasaran>/<n>_<bagian>.md, else the shared template
data/templat/bab3/<n>_<bagian>.md). The chapter (lkjip.laporan.bab3) reads them only
through here; ``lkjip check`` validates them with :func:`periksa_lampiran`.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lkjip.data.ketat import YamlSalah, muat_yaml, pesan_yaml
from lkjip.data.berkas import read_csv_rows
from lkjip.data.pk import Collector, parse_number
from lkjip.data.proyek import Proyek
from lkjip.errors import LkjipError, Problem


@dataclass
class Lampiran:
    """The supporting tables, charts and photos a year declares (lampiran.yaml), and the
    CSV files they name, each read once."""

    folder: Path  # data/<tahun>/bab3
    root: Path
    tabel: dict
    grafik: dict
    gambar: dict
    _csv: dict = field(default_factory=dict, repr=False)

    def csv(self, rel: str) -> tuple[list[str], list[dict]]:
        """A supporting table's header and rows (each a dict by column)."""
        if rel not in self._csv:
            p = self.folder / rel
            if not p.is_file():
                raise LkjipError(f"Tabel pendukung tidak ditemukan: {p.relative_to(self.root)}")
            header, baris = read_csv_rows(p)  # UTF-8, with or without the BOM Excel writes
            self._csv[rel] = header, [dict(zip(header, r)) for r in baris]
        return self._csv[rel]

    def berkas(self, rel: str) -> Path:
        """A file lampiran.yaml names (a photo), inside data/<tahun>/bab3/."""
        return self.folder / rel


def baca_lampiran(tahun: int, root: Path | None = None) -> Lampiran:
    proyek = Proyek.temukan(root)
    root, folder = proyek.akar, proyek.folder_tahun(tahun) / "bab3"
    p = folder / "lampiran.yaml"
    d = (muat_yaml(p.read_text(encoding="utf-8")) or {}) if p.is_file() else {}
    return Lampiran(folder, root, d.get("tabel") or {}, d.get("grafik") or {}, d.get("gambar") or {})


def berkas_prosa(tahun: int, sasaran_id: str | None, nama: str, root: Path | None = None,
                 periode: str | None = None) -> Path | None:
    """Bab III's prose file ``nama`` (``2_analisis``, or ``pengantar_bab`` with no sasaran): the
    sasaran's own (data/<tahun>/bab3/<sasaran>/), else the shared template (data/templat/bab3/).
    A quarterly report (``periode`` tw1..tw4) looks first under data/<tahun>/bab3/<periode>/
    (lkjip.data.narasi.dengan_periode, the one rule of a quarter's prose)."""
    from lkjip.data.narasi import dengan_periode

    proyek = Proyek.temukan(root)
    root, folder = proyek.akar, proyek.folder_tahun(tahun) / "bab3"
    own = folder / sasaran_id / f"{nama}.md" if sasaran_id else folder / f"{nama}.md"
    for p in (*dengan_periode(folder, [own], periode), Proyek.temukan(root).data / "templat" / "bab3" / f"{nama}.md"):
        if p.is_file():
            return p
    return None


def teks(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- checking the supporting tables


@dataclass
class BerkasLampiran:
    """A CSV file that lampiran.yaml declares, with what the chapter needs of it."""

    file: str  # relative to data/<tahun>/bab3/
    kolom: dict  # column -> header shown in the report ('kolom' of a table)
    wajib: dict  # column -> where lampiran.yaml uses it ("tabel 'kunci'"): the column must exist
    angka: dict  # column -> why every filled cell must be a number ("dijumlahkan di baris TOTAL ...")


def _deklarasi(d: dict) -> tuple[dict[str, BerkasLampiran], list[tuple[str, str, str]]]:
    """The CSV files of lampiran.yaml's tables and charts; and the entries that are not
    well-formed, as (key path, value, what is expected)."""
    files: dict[str, BerkasLampiran] = {}
    salah: list[tuple[str, str, str]] = []
    for jenis in ("tabel", "grafik"):
        entries = d.get(jenis) or {}
        if not isinstance(entries, dict):
            salah.append((jenis, str(entries), "daftar 'kunci: {file: ..., judul: ...}'"))
            continue
        for kunci, spec in entries.items():
            where = f"{jenis} '{kunci}'"
            if not isinstance(spec, dict):
                salah.append((f"{jenis}.{kunci}", str(spec), "pasangan 'kunci: nilai' (file, judul, ...)"))
                continue
            if jenis == "grafik" and spec.get("jenis") == "riwayat":
                continue
            rel = spec.get("file")
            if not isinstance(rel, str) or not rel.strip():
                salah.append((f"{jenis}.{kunci}.file", "" if rel is None else str(rel),
                              "wajib diisi: berkas CSV relatif ke folder bab3 (contoh tabel/kerja_sama.csv)"))
                continue
            b = files.setdefault(rel.strip(), BerkasLampiran(rel.strip(), {}, {}, {}))
            if jenis == "tabel":
                kolom = spec.get("kolom") or {}
                if not isinstance(kolom, dict):
                    salah.append((f"tabel.{kunci}.kolom", str(kolom), "pasangan 'kolom CSV: judul kolom'"))
                    kolom = {}
                for k, label in kolom.items():
                    b.kolom.setdefault(str(k), str(label))
                    b.wajib.setdefault(str(k), where)
                for k in spec.get("jumlah") or []:
                    b.wajib.setdefault(str(k), where)
                    b.angka.setdefault(str(k), f"dijumlahkan di baris TOTAL {where}")
            else:
                if spec.get("x"):
                    b.wajib.setdefault(str(spec["x"]), where)
                y = spec.get("y") or {}
                for k in (y if isinstance(y, dict) else []):
                    b.wajib.setdefault(str(k), where)
                    b.angka.setdefault(str(k), f"digambar di {where}")
    return files, salah


def berkas_lampiran(tahun: int, root: Path | None = None) -> dict[str, BerkasLampiran]:
    """The CSV files data/<tahun>/bab3/lampiran.yaml declares, by path relative to
    data/<tahun>/ (e.g. ``bab3/tabel/kerja_sama.csv``); empty when there is none or it is
    unreadable (:func:`periksa_lampiran` says why)."""
    p = Proyek.temukan(root).folder_tahun(tahun) / "bab3" / "lampiran.yaml"
    try:
        d = muat_yaml(p.read_text(encoding="utf-8")) if p.is_file() else None
    except (yaml.YAMLError, YamlSalah, UnicodeDecodeError):
        return {}
    if not isinstance(d, dict):
        return {}
    files, _ = _deklarasi(d)
    return {f"bab3/{rel}": b for rel, b in files.items()}


def periksa_lampiran(tahun: int, root: Path | None = None, kode_indikator: set[str] | None = None) -> list[Problem]:
    """The rules the chapter reads its supporting tables with (``lkjip check``): every file
    lampiran.yaml names exists, has the columns shown or used, and holds numbers where a
    TOTAL row or a chart adds or draws them; a history chart names an indicator's kode.
    Every problem names the file, row and column."""
    proyek = Proyek.temukan(root)
    root, bdir = proyek.akar, proyek.folder_tahun(tahun) / "bab3"
    path = bdir / "lampiran.yaml"
    col = Collector(root)
    if not path.is_file():
        return []
    text = col.read_text(path)
    if text is None:
        return col.problems
    try:
        d = muat_yaml(text) or {}
    except (yaml.YAMLError, YamlSalah) as e:
        pesan, baris = pesan_yaml(e)
        col.add(path, pesan, row=baris, code="yaml")
        return col.problems
    if not isinstance(d, dict):
        col.add(path, "isi file harus berupa pasangan 'kunci: nilai' (tabel, grafik, gambar)", code="yaml")
        return col.problems
    files, salah = _deklarasi(d)
    for key, value, expected in salah:
        col.add(path, expected, column=key, value=value, code="lampiran")
    for kunci, spec in (d.get("grafik") or {}).items():
        if isinstance(spec, dict) and spec.get("jenis") == "riwayat" and kode_indikator is not None \
                and spec.get("kode") not in kode_indikator:
            col.add(path, "kode tetap indikator yang ada di indikator.csv (kolom 'kode')",
                    column=f"grafik.{kunci}.kode", value=str(spec.get("kode")), code="unknown_reference")
    for rel, b in files.items():
        p = bdir / rel
        if not p.is_file():
            dipakai = sorted(set(b.wajib.values())) or ["lampiran.yaml"]
            col.add(p, f"file ini wajib ada: lampiran.yaml memakainya ({', '.join(dipakai)})", code="missing_file")
            continue
        text = col.read_text(p)
        if text is None:
            continue
        reader = csv.reader(io.StringIO(text))
        header = [h.strip() for h in next(reader)]
        missing = [c for c in b.wajib if c not in header]
        for c in missing:
            col.add(p, f"kolom '{c}' wajib ada: lampiran.yaml memakainya ({b.wajib[c]}); kolom yang ada: "
                    f"{', '.join(header)}", row=1, column=c, code="missing_column")
        for lineno, values in col.data_rows(p, reader, header):
            for c, where in b.angka.items():
                if c not in header:
                    continue
                v = values[header.index(c)]
                if not v.strip():
                    continue
                try:
                    parse_number(v)
                except ValueError as e:
                    col.add(p, f"{e}; kolom ini {where}", row=lineno, column=c, value=v, code="not_a_number")
    return col.problems
