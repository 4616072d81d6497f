"""The cover when the reporting unit is itself the ministry: its name once (site and PDF cover,
PDF metadata); a unit inside a ministry keeps its ministry's line (the 2023 cover)."""
from __future__ import annotations

from lkjip.build import latex
from lkjip.build.pipeline import write_book_config
from lkjip.data.pk import load_year


def test_ministry_as_the_unit_is_named_once_on_both_covers(project, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from test_kementerian_2025 import kementerian_ham_2025

    kementerian_ham_2025(project)
    data = load_year(2025, project)
    tex = latex.cover(data)
    assert tex.count("KEMENTERIAN HAK ASASI MANUSIA") == 1 and "KEMENTERIAN HAM" in tex
    meta = latex.metadata(data)
    assert "pdfpublisher={Kementerian Hak Asasi Manusia}" in meta
    assert "pdfkeywords={LKjIP, Laporan Kinerja, Kementerian HAM, Kementerian Hak Asasi Manusia, 2025}" in meta
    book = tmp_path / "book"
    book.mkdir()
    write_book_config(project, book, data)
    index = (book / "index.md").read_text(encoding="utf-8")
    assert index.count("Kementerian Hak Asasi Manusia") == 2  # the title and the LKjIP line
    assert "**Kementerian Hak Asasi Manusia**" not in index


def test_a_unit_inside_a_ministry_keeps_the_ministry_line(root):
    data = load_year(2023, root)
    tex = latex.cover(data)
    assert "DIREKTORAT JENDERAL HAK ASASI MANUSIA" in tex and "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA" in tex
