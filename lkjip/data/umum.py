"""Two small files of the other chapters, read and validated here (the chapters only display
them, and ``lkjip check`` refuses what the build would):

- ``data/<tahun>/umum.yaml``: facts about the organisation the prose uses
  (``{{ umum.jumlah_eselon_i }}``): pairs of a key and a plain value;
- ``data/<tahun>/capaian_lainnya.yaml``: Bab III.4's other achievements, a list whose items
  each have a title (``judul``), a prose block (``narasi``: narasi/<narasi>.md) and
  optionally a photo (``gambar``: a key of gambar.yaml).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjip.data.ketat import YamlSalah, muat_yaml, pesan_yaml
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, Problem

UMUM = "umum.yaml"
CAPAIAN_LAINNYA = "capaian_lainnya.yaml"


@dataclass(frozen=True)
class CapaianLain:
    judul: str
    narasi: str
    gambar: str | None = None


def _baca(path: Path, rel: str) -> object:
    try:
        return muat_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataValidationError([Problem(rel, None, None, None, "teks UTF-8", "encoding")]) from None
    except (yaml.YAMLError, YamlSalah) as e:
        pesan, baris = pesan_yaml(e)
        raise DataValidationError([Problem(rel, baris, None, None, pesan, "yaml")]) from None


def baca_umum(tahun: int, root: Path | None = None) -> dict:
    """umum.yaml as a mapping; empty when the year has none."""
    proyek = Proyek.temukan(root)
    path = proyek.folder_tahun(tahun) / UMUM
    if not path.is_file():
        return {}
    rel = f"data/{tahun}/{UMUM}"
    d = _baca(path, rel)
    if d is None:
        return {}
    if not isinstance(d, dict):
        raise DataValidationError([Problem(rel, None, None, None,
                                           "pasangan 'kunci: nilai' (contoh jumlah_eselon_i: 11)", "yaml")])
    salah = [Problem(rel, None, str(k), str(v), "nilai tunggal (angka atau teks), bukan daftar atau kelompok", "invalid")
             for k, v in d.items() if isinstance(v, (dict, list))]
    if salah:
        raise DataValidationError(salah)
    return {str(k): v for k, v in d.items()}


def baca_capaian_lainnya(tahun: int, root: Path | None = None) -> list[CapaianLain] | None:
    """capaian_lainnya.yaml's items; None when the year has no such file."""
    proyek = Proyek.temukan(root)
    path = proyek.folder_tahun(tahun) / CAPAIAN_LAINNYA
    if not path.is_file():
        return None
    rel = f"data/{tahun}/{CAPAIAN_LAINNYA}"
    d = _baca(path, rel)
    if d is None:
        return []
    if not isinstance(d, list):
        raise DataValidationError([Problem(rel, None, None, None,
                                           "daftar butir, tiap butir diawali '- judul: ...' lalu 'narasi: ...' "
                                           "(dan 'gambar: ...' bila ada)", "yaml")])
    out, salah = [], []
    for n, item in enumerate(d, 1):
        if not isinstance(item, dict):
            salah.append(Problem(rel, None, f"butir {n}", str(item), "pasangan judul, narasi (dan gambar)", "invalid"))
            continue
        for k in ("judul", "narasi"):
            if not isinstance(item.get(k), str) or not item[k].strip():
                salah.append(Problem(rel, None, f"butir {n}.{k}", None if item.get(k) is None else str(item[k]),
                                     "wajib diisi (teks)", "missing"))
        if item.get("gambar") is not None and not isinstance(item["gambar"], str):
            salah.append(Problem(rel, None, f"butir {n}.gambar", str(item["gambar"]),
                                 "kunci gambar di gambar.yaml (teks)", "invalid"))
        lain = sorted(set(map(str, item)) - {"judul", "narasi", "gambar"})
        for k in lain:
            salah.append(Problem(rel, None, f"butir {n}.{k}", str(item[k]),
                                 "hanya judul, narasi dan gambar", "unknown_key"))
        if not salah:
            out.append(CapaianLain(item["judul"].strip(), item["narasi"].strip(), item.get("gambar")))
    if salah:
        raise DataValidationError(salah)
    return out


def periksa_umum(tahun: int, root: Path | None = None) -> list[Problem]:
    """The problems of both files (``lkjip check``)."""
    masalah: list[Problem] = []
    for baca in (baca_umum, baca_capaian_lainnya):
        try:
            baca(tahun, root)
        except DataValidationError as e:
            masalah += e.problems
    return masalah
