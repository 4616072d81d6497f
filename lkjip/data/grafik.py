"""``data/<tahun>/grafik.yaml``: an analyst's changes to how the year's charts look, per chart
name (the chart's label: ``grafik-pengaduan-hak-dasar``, ``grafik-realisasi-anggaran``,
``grafik-<kunci>`` of Bab III's lampiran.yaml). Each entry may give ``jenis``, ``warna``,
``urutan``, ``judul``, ``judul_di_grafik``, ``label_x``, ``label_y``, ``label_nilai``, ``batas_nilai`` (see
data/README.md); anything else is a data error naming the file, the chart and the field.
"""
from __future__ import annotations

import re
from pathlib import Path


from lkjip.data.ketat import baca_yaml
from lkjip.core.gaya import JENIS, KOLOM, URUTAN
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, Problem

BERKAS = "grafik.yaml"
_WARNA = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")


def _periksa_kolom(rel: str, nama: str, k: str, v) -> Problem | None:
    def salah(expected):
        return Problem(rel, None, f"{nama}.{k}", str(v), expected, "invalid")

    if k == "jenis" and v not in JENIS:
        return salah(f"salah satu dari: {', '.join(JENIS)}")
    if k == "urutan" and v not in URUTAN:
        return salah(f"salah satu dari: {', '.join(URUTAN)}")
    if k == "warna" and (not isinstance(v, list) or not v or not all(isinstance(w, str) and _WARNA.fullmatch(w) for w in v)):
        return salah('daftar warna heksadesimal, contoh ["#1f4e79", "#c55a11"]')
    if k in ("judul", "label_x", "label_y") and not isinstance(v, str):
        return salah("teks")
    if k in ("label_nilai", "judul_di_grafik") and not isinstance(v, bool):
        return salah("true atau false")
    if k == "batas_nilai" and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
        return salah("angka lebih dari 0 (titik desimal)")
    return None


def baca_gaya(tahun: int, root: Path | None = None) -> dict[str, dict]:
    """Chart name -> the fields it changes; empty when the year has no grafik.yaml."""
    path = Proyek.temukan(root).folder_tahun(tahun) / BERKAS
    if not path.is_file():
        return {}
    rel = f"data/{tahun}/{BERKAS}"
    d = baca_yaml(path, rel)
    if d is None:
        return {}
    if not isinstance(d, dict):
        raise DataValidationError([Problem(rel, None, None, None,
                                           "pasangan 'nama grafik: {jenis: ..., warna: [...]}'", "yaml")])
    masalah, out = [], {}
    for nama, isi in d.items():
        if not isinstance(isi, dict):
            masalah.append(Problem(rel, None, str(nama), str(isi), "pasangan 'kolom: nilai' (jenis, warna, ...)", "invalid"))
            continue
        for k, v in isi.items():
            if k not in KOLOM:
                masalah.append(Problem(rel, None, f"{nama}.{k}", str(v),
                                       f"kolom yang dikenal: {', '.join(sorted(KOLOM))}", "unknown_key"))
            elif (p := _periksa_kolom(rel, str(nama), k, v)) is not None:
                masalah.append(p)
        out[str(nama)] = dict(isi)
    if masalah:
        raise DataValidationError(masalah)
    return out


def periksa_gaya(tahun: int, root: Path | None = None) -> list[Problem]:
    try:
        baca_gaya(tahun, root)
    except DataValidationError as e:
        return e.problems
    return []
