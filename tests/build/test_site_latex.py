"""The build's finishing steps without a build: the LaTeX rewrite (float kinds, lists
placed after the front matter, continued-table headers), the Daftar page's place and
the Excel values of table downloads."""
import json

import pytest
import yaml

from lkjip.build import latex
from lkjip.build import site

TEX = r"""\documentclass{jupyterBook}
\begin{document}
\pagestyle{empty}
COVER
\pagestyle{normal}
\phantomsection\label{\detokenize{index::doc}}
\sphinxAtStartPar
Kementerian Hukum dan Hak Asasi Manusia
\sphinxstepscope


\chapter{KATA PENGANTAR}
\label{\detokenize{kata_pengantar:kata-pengantar}}
Segala puji.
\sphinxstepscope


\chapter{Daftar Tabel, Grafik, dan Gambar}
\label{\detokenize{daftar::doc}}
\section{Daftar Tabel}
site-only list
\sphinxstepscope


\chapter{BAB III AKUNTABILITAS KINERJA}
\label{\detokenize{bab3:bab-iii}}
\begin{figure}[htbp]
\centering
\noindent\sphinxincludegraphics{{grafik-iii-1}.png}
\caption{Grafik III.1. Tindak lanjut}\label{\detokenize{bab3:grafik-iii-1}}\end{figure}
\begin{figure}[htbp]
\caption{Gambar III.1. Workshop}\label{\detokenize{bab3:gambar-iii-1}}\end{figure}
\begin{figure}[htbp]
\caption{Struktur organisasi}\label{\detokenize{bab3:struktur}}\end{figure}
\begin{longtable}{\X{50}{100}\X{50}{100}}
\caption{Tabel III.4. Capaian\strut}\label{\detokenize{bab3:tabel-iii-4}}\\
\endfirsthead
\multicolumn{2}{c}{\makebox[0pt]{\sphinxtablecontinued{\tablename\ \thetable{} \textendash{} lanjutan dari halaman sebelumnya}}}\\
\endhead
\end{longtable}
\begin{longtable}{\X{1}{7}\X{1}{7}\X{1}{7}\X{1}{7}\X{1}{7}\X{1}{7}\X{1}{7}}
\caption{Capaian Sasaran Strategis Tahun 2023\strut}\label{\detokenize{ikhtisar:capaian}}\\
\endfirsthead
\multicolumn{7}{c}{\makebox[0pt]{\sphinxtablecontinued{\tablename\ \thetable{} \textendash{} lanjutan dari halaman sebelumnya}}}\\
\endhead
\end{longtable}
\end{document}
"""
JENIS = {"grafik-iii-1": "grafik", "gambar-iii-1": "gambar", "tabel-iii-4": "tabel"}


def test_finish_floats_lists_and_continued_tables():
    out = latex.finish(TEX, JENIS)
    assert r"\begin{grafik}" in out and r"\end{grafik}" in out
    assert r"\begin{gambar}" in out and r"\end{gambar}" in out
    assert out.count(r"\begin{figure}") == 1  # a figure lkjip does not number stays a figure
    # Daftar Isi and the lists stand where the Daftar page stood: after the foreword
    body = out[out.index(r"\begin{document}"):]
    pos = {k: body.index(k) for k in (r"\chapter{KATA PENGANTAR}", r"\tableofcontents", r"\listoftables",
                                      r"\listofgrafiks", r"\listofgambars", r"\chapter{BAB III")}
    assert list(pos.values()) == sorted(pos.values())
    assert "site-only list" not in out and r"\chapter{Daftar Tabel, Grafik" not in out
    assert r"\addcontentsline{toc}{chapter}{Daftar Grafik}" in out
    # the root page's site text is not printed after the cover
    assert "Kementerian Hukum dan Hak Asasi Manusia" not in body
    assert r"Tabel III.4 \textendash{} lanjutan" in out and r"\thetable" not in out
    # unnumbered tables and figures are not listed; a seven-column table is set smaller
    assert r"\caption[]{Capaian Sasaran" in out and r"\caption[]{Struktur organisasi}" in out
    assert r"\caption{Tabel III.4." in out and r"\caption{Grafik III.1." in out
    assert out.count(r"\renewcommand\lkjiptablesize{\footnotesize}") == 1


def test_daftar_markdown_lists_numbered_items_and_other_tables_apart():
    items = [{"jenis": "tabel", "nomor": "II.1", "judul": "PK", "label": "tabel-pk"},
             {"jenis": "tabel", "nomor": "", "judul": "Capaian Sasaran", "label": "capaian"},
             {"jenis": "grafik", "nomor": "III.1", "judul": "Tindak <lanjut>", "label": "grafik-iii-1"},
             {"jenis": "gambar", "nomor": "III.1", "judul": "Workshop", "label": "gambar-iii-1", "ada": False}]
    md = site.daftar_markdown(items)
    assert md.index("## Daftar Tabel") < md.index("Tabel II.1. PK <tabel-pk>") < md.index("## Daftar Grafik")
    assert "{download}`CSV <_unduh/tabel-pk.csv>`" in md
    assert "`Grafik III.1. Tindak lanjut <grafik-iii-1>`" in md
    assert "Gambar III.1. Workshop (foto belum tersedia)" in md
    assert md.index("## Tabel Lain (tanpa nomor)") < md.index("Capaian Sasaran <capaian>")


def test_finish_without_daftar_page_or_photos():
    tex = TEX.replace(r"\chapter{Daftar Tabel, Grafik, dan Gambar}", r"\chapter{LAMPIRAN}")
    out = latex.finish(tex, {"tabel-iii-4": "tabel"})
    body = out[out.index(r"\begin{document}"):]
    assert body.index(r"\tableofcontents") < body.index(r"\chapter{KATA PENGANTAR}")
    assert r"\listoftables" in out and r"\listofgambars" not in out and r"\listofgrafiks" not in out


def _nb(title):
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": f"# {title}\n"}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_daftar_page_goes_before_the_first_bab(tmp_path):
    toc = {"format": "jb-book", "root": "index",
           "chapters": [{"file": "kata_pengantar"}, {"file": "ikhtisar"}, {"file": "bab1"}, {"file": "bab2"}]}
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc))
    for page, title in [("kata_pengantar", "KATA PENGANTAR"), ("ikhtisar", "IKHTISAR EKSEKUTIF"),
                        ("bab1", "BAB I PENDAHULUAN"), ("bab2", "BAB II PERENCANAAN KINERJA")]:
        (tmp_path / f"{page}.ipynb").write_text(json.dumps(_nb(title)))
    site.insert_daftar(tmp_path)
    files = [e["file"] for e in yaml.safe_load((tmp_path / "_toc.yml").read_text())["chapters"]]
    assert files == ["kata_pengantar", "ikhtisar", "daftar", "bab1", "bab2"]


@pytest.mark.parametrize("text,value,fmt", [
    ("Rp 32.488.985.000", 32488985000, '"Rp "#,##0'),
    ("92,28%", 0.9228, "0.00%"),
    ("75%", 0.75, "0%"),
    ("2023", 2023, "0"),
    ("1.", "1.", None),
    ("001", "001", None),
    ("12,5", 12.5, "#,##0.0"),
    ("1 Dokumen", 1, '0 "Dokumen"'),  # a count with its unit: a number shown with its unit
    ("Persentase capaian", "Persentase capaian", None),
])
def test_excel_values(text, value, fmt):
    v, f = site._excel_value(text)
    assert v == pytest.approx(value) if isinstance(value, float) else v == value
    assert f == fmt


def test_site_without_pdf_does_not_link_it(tmp_path):
    (tmp_path / "html").mkdir()
    page = tmp_path / "html" / "bab2.html"
    page.write_text('<div><a class="lkjip-unduh-pdf" href="../lkjip-2025.pdf">Unduh (PDF)</a></div>')
    site.check_pdf_link(tmp_path, 2025)
    assert "lkjip-2025.pdf" not in page.read_text() and "belum disusun" in page.read_text()
    page.write_text('<a class="lkjip-unduh-pdf" href="../lkjip-2025.pdf">Unduh (PDF)</a>')
    (tmp_path / "lkjip-2025.pdf").write_bytes(b"%PDF-1.5")
    site.check_pdf_link(tmp_path, 2025)
    assert "../lkjip-2025.pdf" in page.read_text()


def test_two_tables_with_one_label_stop_the_build(tmp_path):
    from lkjip.errors import BuildError

    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": "bab2"}, {"file": "bab3"}]}
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc))
    for page in ("bab2", "bab3"):
        nb = _nb(f"BAB {page}")
        nb["cells"].append({"cell_type": "code", "metadata": {}, "source": "", "execution_count": 1, "outputs": [
            {"output_type": "display_data", "data": {"text/plain": "t"},
             "metadata": {"lkjip": {"jenis": "tabel", "nomor": "II.1", "judul": "PK", "label": "tabel-pk",
                                    "kolom": ["No."], "baris": [["1."]]}}}]})
        (tmp_path / f"{page}.ipynb").write_text(json.dumps(nb))
    with pytest.raises(BuildError, match="tabel-pk.*bab2.*bab3"):
        site.prepare(tmp_path)


def test_table_workbooks_kept_for_the_next_build_are_the_same_file(tmp_path):
    """A table's workbook is made once and copied from the cache while the table is
    unchanged; it is byte for byte the workbook made without the cache, and a changed
    table gets its own."""
    from openpyxl import load_workbook

    tabel = {"jenis": "tabel", "nomor": "II.1", "judul": "PK", "label": "tabel-pk", "halaman": "bab2",
             "kolom": ["No.", "Target"], "baris": [["1.", "92,28%"]], "sumber": "PK 2023"}
    cache = tmp_path / "cache"
    made = []
    for name, kept in (("tanpa", None), ("pertama", cache), ("kedua", cache)):
        (tmp_path / name).mkdir()
        site.write_downloads(tmp_path / name, [tabel], kept)
        made.append((tmp_path / name / "_unduh" / "tabel-pk.xlsx").read_bytes())
    assert made[0] == made[1] == made[2]
    assert len(list(cache.iterdir())) == 1
    (tmp_path / "ubah").mkdir()
    site.write_downloads(tmp_path / "ubah", [{**tabel, "baris": [["1.", "93,00%"]]}], cache)
    assert len(list(cache.iterdir())) == 2
    assert load_workbook(tmp_path / "ubah" / "_unduh" / "tabel-pk.xlsx")["Data"]["B2"].value == 0.93


def test_a_break_is_allowed_after_a_slash_in_tables_but_not_in_links():
    from lkjip.build.latex import break_after_slash

    tex = r"Kab/Kota \sphinxhref{http://a.go.id/x/y}{a/b} \label{\detokenize{p/q}} 184/288"
    assert break_after_slash(tex) == (r"Kab/\allowbreak{}Kota \sphinxhref{http://a.go.id/x/y}{a/\allowbreak{}b} "
                                       r"\label{\detokenize{p/q}} 184/288")
