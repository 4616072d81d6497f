"""umum.yaml (lkjip.data.umum) and capaian_lainnya.yaml (lkjip.data.pelengkap) are read and validated by the data layer,
and `lkjip check` refuses what the build would (a mapping where a list is expected ...)."""
from __future__ import annotations

import pytest

from conftest import run_lkjip

from lkjip.data.pelengkap import load_pelengkap
from lkjip.data.umum import baca_umum
from lkjip.errors import DataValidationError


def test_the_real_files_as_the_source_report_gives_them(root):
    assert baca_umum(2023, root)["jumlah_eselon_i"] == 11  # "salah satu dari 11 Unit Kerja Eselon I"
    items = load_pelengkap(2023, root).capaian_lainnya
    assert items[0].judul == "Kick Off Penanganan Pelanggaran HAM Berat"
    assert (items[0].narasi, items[0].gambar) == ("bab3_lainnya_kick_off", "kick-off-phb")


@pytest.mark.parametrize("berkas, isi, diharapkan", [
    ("capaian_lainnya.yaml", "judul: x\nnarasi: y\n", "harus berupa daftar"),
    ("capaian_lainnya.yaml", "- judul: Kick Off\n", "kolom 'butir ke-1.narasi' — wajib diisi"),
    ("capaian_lainnya.yaml", "- judul: A\n  narasi: b\n  foto: c\n", "kolom 'butir ke-1.foto'"),
    ("umum.yaml", "- 11\n- 5\n", "pasangan 'kunci: nilai'"),
    ("umum.yaml", "jumlah_eselon_i: [11]\n", "kolom 'jumlah_eselon_i'"),
    ("umum.yaml", "jumlah_eselon_i: 11\n  jumlah_eselon_ii: 5\n", "YAML tidak valid"),
])
def test_check_refuses_what_the_build_would(project, berkas, isi, diharapkan):
    path = project / "data" / "2023" / berkas
    path.write_text(isi, encoding="utf-8")
    with pytest.raises(DataValidationError):
        baca_umum(2023, project) if berkas == "umum.yaml" else load_pelengkap(2023, project)
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    line = next(ln for ln in out.splitlines() if f"data/2023/{berkas}" in ln)
    assert diharapkan in line, line
    assert path.read_text(encoding="utf-8") == isi
