"""What a prose block shows in JupyterLab (outside a book build): the text, a link that opens
the data file it came from, MyST boxes as boxes; in a book build, the text alone (the page's
output unchanged). Formatted by IPython's own display formatter, as a kernel would."""
from __future__ import annotations

import time

from IPython.core.formatters import DisplayFormatter

from lkjip.laporan.bab_umum import Bab
from lkjip.laporan.keluaran import Markdown, untuk_lab


def test_prose_names_its_file_as_a_link_in_jupyterlab(root, monkeypatch):
    monkeypatch.delenv("LKJIP_ASSET_DIR", raising=False)
    blok = Bab(2023, root).narasi("kata_pengantar")
    data, _ = DisplayFormatter().format(blok)
    md = data["text/markdown"]
    assert "[data/2023/narasi/umum/kata_pengantar.md](../data/2023/narasi/umum/kata_pengantar.md)" in md
    assert md.startswith(blok.text.rstrip("\n")[:80])


def test_in_a_book_build_the_output_is_the_text_alone(root, monkeypatch, tmp_path):
    monkeypatch.setenv("LKJIP_ASSET_DIR", str(tmp_path))
    blok = Bab(2023, root).narasi("kata_pengantar")
    data, _ = DisplayFormatter().format(blok)
    assert set(data) == {"text/plain", "text/markdown"} and data["text/markdown"] == blok.text
    assert "Teks ini dari" not in data["text/markdown"]


def test_boxes_show_as_boxes_in_jupyterlab(monkeypatch):
    monkeypatch.delenv("LKJIP_ASSET_DIR", raising=False)
    text = ":::{warning}\nNarasi ini belum dapat ditampilkan.\n:::\n"
    assert untuk_lab(text) == "> **Perhatian**\n>\n> Narasi ini belum dapat ditampilkan.\n"
    assert untuk_lab(":::{admonition} Catatan analis\nBaris satu.\n\nBaris dua.\n:::") == (
        "> **Catatan analis**\n>\n> Baris satu.\n>\n> Baris dua.")
    assert DisplayFormatter().format(Markdown(text))[0]["text/markdown"].startswith("> **Perhatian**")


def test_a_cell_rerun_after_a_data_edit_shows_the_new_figures(project, monkeypatch):
    """IKSS-1.1 is the mean of B04, B08, B12 (89,39; 92,65; 94,81: 92,28%). In JupyterLab the
    notebook's `lap` was made in its first cell; the analyst edits komponen.csv and re-runs a
    later cell only."""
    from lkjip.laporan.konteks import Laporan

    monkeypatch.delenv("LKJIP_ASSET_DIR", raising=False)
    lap = Laporan(2023, project)
    bab3 = lap.bab3()
    assert lap.context()["ind"]["IKSS-1.1"].realisasi == "92,28%"
    f = project / "data" / "2023" / "komponen.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("IKSS-1.1,periode,B04,89.39", "IKSS-1.1,periode,B04,98.39"),
                 encoding="utf-8")
    time.sleep(1.1)  # a person re-running a cell
    assert lap.context()["ind"]["IKSS-1.1"].realisasi == "95,28%"
    tabel = bab3.tabel_capaian(bab3.sasaran("SS-1"))
    assert any("95,28%" in sel for baris in tabel.baris for sel in map(str, baris))


def test_table_text_reads_from_the_left_in_jupyterlab(root):
    """JupyterLab right-aligns HTML table cells; a table's text columns say left, its number
    columns right (Tabel III.49: unit names, then pagu and realisasi)."""
    html = Bab(2023, root).tabel_realisasi_anggaran().to_html()
    assert '<td style="text-align:left">Sekretariat Ditjen HAM</td>' in html
    assert '<th style="text-align:right">Pagu (Rp)</th>' in html


def test_an_edit_in_lkjip_is_announced_until_the_kernel_restarts(monkeypatch):
    import lkjip.laporan.keluaran as keluaran

    monkeypatch.delenv("LKJIP_ASSET_DIR", raising=False)
    blok = Markdown("Teks.\n")
    assert "kode lkjip berubah" not in DisplayFormatter().format(blok)[0]["text/markdown"]
    monkeypatch.setattr(keluaran, "_KODE_SAAT_IMPOR", keluaran._jejak_kode() - 1)  # as if edited since
    assert DisplayFormatter().format(blok)[0]["text/markdown"].startswith("> **Perhatian:** kode lkjip berubah")


def test_headings_filled_in_jupyterlab_and_written_back_on_save(root):
    """In JupyterLab a chapter's headings read as the book prints them for the year (the book
    plan's numbered headings, `{{ tahun }}` filled) and the notebook saved is the one in git;
    a Markdown cell the analyst edited keeps the edit and still follows the year."""
    import json

    import nbformat

    from lkjip.tools.lab import fill_headings, headings_year, strip_notebook

    path = root / "notebooks" / "bab3_sasaran.ipynb"
    in_git = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    fill_headings(nb, *headings_year(root, "bab3_sasaran"))
    shown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert "## 1. Perbandingan Target dan Realisasi Kinerja Tahun 2023" in shown
    assert "## 3. Perbandingan Realisasi Kinerja dengan Target Jangka Menengah dalam Renstra" in shown
    assert not any("{{" in s or "buku.yaml" in s for s in shown)
    strip_notebook(nb)
    assert json.loads(nbformat.writes(nb)) == in_git

    bab1 = nbformat.reads((root / "notebooks" / "bab1_pendahuluan.ipynb").read_text(encoding="utf-8"), as_version=4)
    fill_headings(bab1, *headings_year(root, "bab1_pendahuluan"))
    shown = [c.source for c in bab1.cells if c.cell_type == "markdown"]
    assert shown[:3] == ["# BAB I PENDAHULUAN", "## I.1. Latar Belakang", "## I.2. Tugas, Fungsi dan Struktur Organisasi"]

    mine = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Catatan Tahun {{ tahun }} untuk rapat")])
    fill_headings(mine, {"tahun": "2023"})
    assert mine.cells[0].source == "Catatan Tahun 2023 untuk rapat"
    mine.cells[0].source = "Catatan Tahun 2023 untuk rapat pimpinan"
    strip_notebook(mine)
    assert mine.cells[0].source == "Catatan Tahun {{ tahun }} untuk rapat pimpinan"
    assert "lkjip_templat" not in mine.cells[0].metadata
