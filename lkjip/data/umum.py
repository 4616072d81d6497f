"""``data/<tahun>/umum.yaml``, read and validated here (the chapters only display it, and
``lkjip check`` refuses what the build would): facts about the organisation the prose uses
(``{{ umum.jumlah_eselon_i }}``), pairs of a key and a plain value. (capaian_lainnya.yaml is
read with the other chapters' tables, lkjip.data.pelengkap.)
"""
from __future__ import annotations

from pathlib import Path


from lkjip.data.ketat import baca_yaml
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, Problem

UMUM = "umum.yaml"


def baca_umum(tahun: int, root: Path | None = None) -> dict:
    """umum.yaml as a mapping; empty when the year has none."""
    proyek = Proyek.temukan(root)
    path = proyek.folder_tahun(tahun) / UMUM
    if not path.is_file():
        return {}
    rel = f"data/{tahun}/{UMUM}"
    d = baca_yaml(path, rel)
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


def periksa_umum(tahun: int, root: Path | None = None) -> list[Problem]:
    """The problems of both files (``lkjip check``)."""
    masalah: list[Problem] = []
    try:
        baca_umum(tahun, root)
    except DataValidationError as e:
        masalah += e.problems
    return masalah
