"""Bab III's Renstra comparison (section 3 per sasaran) and partial data in the year's tables."""
from __future__ import annotations

from conftest import run_lkjip
from lkjip.laporan.konteks import Laporan


def test_indicators_new_in_the_period_are_shown_with_their_targets(root):
    """2024's SP-2 (AKIP, RB, WBK/WBBM: new in the PK 2024) had an empty section 3."""
    bab = Laporan(2024, root).bab3()
    t = bab.tabel_jangka_menengah(bab.sasaran("SP-2"))
    assert t is not None and t.kolom[-2:] == ["Target 2024", "Realisasi 2024"]
    akip = t.baris[0]
    assert akip[0].startswith("Persentase Satuan Kerja yang Nilai AKIP") and akip[-2:] == ["95%", "belum tersedia"]


def test_2023_keeps_the_published_layout(root):
    """data/renstra/2020-2024/tampilan.yaml `berisi`: Tabel III.7 as the 2023 report prints it."""
    bab = Laporan(2023, root).bab3()
    t = bab.tabel_jangka_menengah(bab.sasaran("SS-1"))
    assert t.kolom == ["Indikator", "Target 2021", "Realisasi 2021", "Target 2022", "Realisasi 2022",
                       "Target 2023", "Realisasi 2023"]
    assert t.baris[0][1:] == ["65%", "89,09%", "70%", "93,25%", "75%", "92,28%"]


def test_every_year_of_the_period_when_the_period_says_semua(project):
    (project / "data/renstra/2020-2024/tampilan.yaml").write_text("jangka_menengah: semua\n", encoding="utf-8")
    bab = Laporan(2023, project).bab3()
    t = bab.tabel_jangka_menengah(bab.sasaran("SP-1"))
    assert t.kolom[1:3] == ["Target 2020", "Realisasi 2020"]
    assert t.kolom[-1] == "Target 2024 (akhir Renstra)"
    assert t.baris[0][-1] == "30%"  # the Renstra's final target of Persentase Kab/Kota Peduli HAM


def test_a_wrong_tampilan_is_named(project):
    (project / "data/renstra/2020-2024/tampilan.yaml").write_text("jangka_menengah: sebagian\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "data/renstra/2020-2024/tampilan.yaml" in out
    assert "harus salah satu dari: semua, berisi" in out


def test_no_period_says_so_instead_of_an_empty_section(project):
    run_lkjip(project, "new-year", "2025", check=True)
    bab = Laporan(2025, project).bab3()
    blok = bab.blok(bab.sasaran("SP-1"), 3)
    assert any("Belum ada periode Renstra yang mencakup tahun 2025" in getattr(b, "text", "") for b in blok)


def test_a_mean_with_two_of_three_periods_says_so_everywhere(project):
    run_lkjip(project, "new-year", "2025", check=True)
    kom = project / "data/2025/komponen.csv"
    text = kom.read_text(encoding="utf-8")
    assert "IKK-4.1" not in text  # 2024's PK has no RANHAM indicator: use one with periods of its own
    ind = project / "data/2025/indikator.csv"
    rows = ind.read_text(encoding="utf-8").splitlines()
    rows.append("IKP-1.9,SP-1,9,aksi-ham-pusat,Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target,%,naik,75,rerata,,2,2")
    ind.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kom.write_text(text.rstrip("\n") + "\nIKP-1.9,periode,B04,89.39,\nIKP-1.9,periode,B08,92.65,\nIKP-1.9,periode,B12,,\n",
                   encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2025")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lap = Laporan(2025, project)
    assert lap.context()["ind"]["IKP-1.9"].realisasi == "belum lengkap (2 dari 3 periode)"
    bab = lap.bab3()
    s = bab.sasaran("SP-1")
    cap = bab.tabel_capaian(s)
    assert ["Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target", "75%",
            "belum lengkap (2 dari 3 periode)", "belum tersedia"] in cap.baris
    rumus = "".join(b.text for b in bab.blok(s, 1) if hasattr(b, "text")).replace("\\", "")  # Markdown escapes
    assert "realisasi belum lengkap (2 dari 3 periode): B04 89,39%; B08 92,65%; B12 belum diisi" in rumus
