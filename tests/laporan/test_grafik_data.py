"""Charts from data: each chart's kind, colours, order, title and labels come from the year's
grafik.yaml (with defaults), so an analyst changes a chart without Python; `lkjip check`
names a wrong field. Drawn in-process (no book build), read from the figure itself."""
from __future__ import annotations

from conftest import run_lkjip

from lkjip.laporan.bab_umum import Bab


def bars(g):
    ax = g.figure.axes[0]
    return [p for p in ax.patches]


def test_default_complaint_chart_is_sorted_horizontal_bars_with_values(root):
    g = Bab(2023, root).grafik_pengaduan("hak_dasar")
    assert g.alt.startswith("Diagram batang horizontal ")
    widths = [b.get_width() for b in bars(g)]
    assert widths == [349, 325, 111]  # Grafik I.1 of the source: keadilan, kesejahteraan, rasa aman
    assert g.figure.axes[0].get_xlabel() == "Jumlah kasus"


def test_grafik_yaml_changes_kind_colour_order_and_title(project):
    (project / "data" / "2023" / "grafik.yaml").write_text(
        "grafik-pengaduan-hak-dasar:\n  jenis: batang\n  warna: ['#c55a11']\n  urutan: menaik\n"
        "  judul: Pengaduan per Hak Dasar\n  label_y: Kasus\n", encoding="utf-8")
    g = Bab(2023, project).grafik_pengaduan("hak_dasar")
    assert g.caption.endswith(". Pengaduan per Hak Dasar") and g.alt.startswith("Diagram batang Pengaduan per Hak Dasar.")
    heights = [b.get_height() for b in bars(g)]
    assert heights == sorted(heights)  # smallest first, vertical bars
    assert {tuple(round(c, 3) for c in b.get_facecolor()[:3]) for b in bars(g)} == {(0.773, 0.353, 0.067)}
    assert g.figure.axes[0].get_ylabel() == "Kasus"
    assert run_lkjip(project, "check", "--year", "2023").returncode == 0


def test_a_wrong_field_is_named_by_check(project):
    (project / "data" / "2023" / "grafik.yaml").write_text(
        "grafik-realisasi-anggaran:\n  jenis: pai\n  warna: merah\n  ukuran: 3\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    for kolom, diharapkan in (("jenis", "salah satu dari: batang"), ("warna", "daftar warna heksadesimal"),
                              ("ukuran", "kolom yang dikenal")):
        line = next(ln for ln in out.splitlines() if f"kolom 'grafik-realisasi-anggaran.{kolom}'" in ln)
        assert "data/2023/grafik.yaml" in line and diharapkan in line, line
