"""The built 2023 site's downloads and charts as a reader meets them: every download opened
(CSV, Excel, the zip of all), no TeX anywhere, numbers typed; every chart with a short alt
text, its data as a table it names and as files linked under it; the capaian overview on
the Ikhtisar page and in the PDF."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from html import unescape

import pytest
from openpyxl import load_workbook

from conftest import pdf_text

pytestmark = pytest.mark.lambat  # reads the session's built books

TEX = re.compile(r"\\[A-Za-z%$&#_{}]|\$\S|\{,\}")
# a figure as the report prints it, left as text where a number belongs
TERCETAK = re.compile(r"^(Rp\s?)?-?\d{1,3}(\.\d{3})*(,\d+)?\s?%?$")


def _html(built):
    return built / "build" / "2023" / "html"


def _downloads(built):
    files = sorted((_html(built) / "_downloads").glob("*/*"))
    assert files
    return files


def test_every_download_has_no_tex_and_numbers_typed(built):
    seen = {".csv": 0, ".xlsx": 0, ".zip": 0}
    for f in _downloads(built):
        seen[f.suffix] = seen.get(f.suffix, 0) + 1
        if f.suffix == ".csv":
            text = f.read_text(encoding="utf-8")
            assert not TEX.search(text), f"{f.name}: TeX {TEX.search(text).group(0)!r}"
            rows = list(csv.reader(io.StringIO(text)))
            for r in rows[1:]:
                for c in r:
                    # no Indonesian decimal comma in a number ("63,9%"): dot decimals only
                    assert not TERCETAK.match(c) or re.fullmatch(r"-?\d+(\.\d+)?", c), f"{f.name}: {c!r}"
        elif f.suffix == ".xlsx":
            ws = load_workbook(f)["Data"]
            for row in ws.iter_rows(min_row=2):
                for c in row:
                    if isinstance(c.value, str):
                        assert not TEX.search(c.value), f"{f.name} {c.coordinate}: {c.value!r}"
                        assert not TERCETAK.match(c.value.strip()) or c.value.strip().endswith("."), \
                            f"{f.name} {c.coordinate}: number as text {c.value!r}"
    assert seen[".csv"] == seen[".xlsx"] >= 75 and seen[".zip"] == 1, seen


def test_tabel_iii_1_to_3_formulas_in_words(built):
    by_name = {f.name: f for f in _downloads(built)}
    for tingkat in ("strategis", "program", "kegiatan"):
        rows = list(csv.reader(io.StringIO(by_name[f"tabel-iii-ringkasan-{tingkat}.csv"].read_text(encoding="utf-8"))))
        assert rows[0][-1] == "PENJELASAN" and "CAPAIAN TARGET (%)" in rows[0]
        assert all("Dengan rumus: " in r[-1] for r in rows[1:]), tingkat
    assert "(267 Kab/Kota predikat Peduli HAM) / (514 Total Kab/Kota) × 100% = 52%" in \
        by_name["tabel-iii-ringkasan-program.csv"].read_text(encoding="utf-8")
    ws = load_workbook(by_name["tabel-iii-ringkasan-kegiatan.xlsx"])["Data"]
    cells = [str(c.value) for r in ws.iter_rows(min_row=2) for c in r]
    assert "Realisasi tahun 2023 adalah sebesar 82,18%. Dengan rumus: (715 instansi yang menindaklanjuti) / " \
           "(870 instansi yang menerima diseminasi) × 100% = 82,18%" in cells
    capaian = [r[3] for r in ws.iter_rows(min_row=2) if r[3].value is not None]
    assert capaian[10].value == pytest.approx(7.2727)  # 727,27% (IKK-9.3)
    assert capaian and all(isinstance(c.value, (int, float)) and c.number_format.endswith("%") for c in capaian)


def test_one_zip_holds_every_table_and_chart_with_a_readme(built):
    files = _downloads(built)
    z = next(f for f in files if f.suffix == ".zip")
    assert z.name == "data-laporan-2023.zip"
    names = set(zipfile.ZipFile(z).namelist())
    assert {f.name for f in files if f.suffix in (".csv", ".xlsx")} <= names and "README.txt" in names
    readme = zipfile.ZipFile(z).read("README.txt").decode("utf-8")
    assert "Grafik 1. Capaian Indikator Kinerja per Sasaran Tahun 2023" in readme
    assert "Tabel III.1." in readme
    # linked from the Daftar page
    daftar = (_html(built) / "daftar.html").read_text(encoding="utf-8")
    assert re.search(r'href="_downloads/[0-9a-f]+/data-laporan-2023\.zip"', daftar)


def test_every_chart_has_short_plain_alt_text_and_its_data_under_it(built):
    charts = 0
    for page in sorted(_html(built).glob("*.html")):
        s = page.read_text(encoding="utf-8")
        for fig in re.findall(r'<figure[^>]*id="(grafik-[^"]+)"(.*?)</figure>', s, re.S):
            label, body = fig
            charts += 1
            img = re.search(r"<img[^>]*>", body).group(0)
            alt = unescape(re.search(r'alt="([^"]*)"', img).group(1))
            assert len(alt) <= 300 and "\\" not in alt, f"{page.name} {label}: {alt!r}"
            assert f'aria-describedby="data-{label}"' in img, f"{page.name} {label}"
            after = s[s.index(f'id="{label}"'):]
            assert f'<details class="lkjip-data-grafik" id="data-{label}">' in after
            assert re.search(rf'href="_downloads/[0-9a-f]+/{label}\.csv"', after), f"{page.name} {label}: no CSV"
            assert re.search(rf'href="_downloads/[0-9a-f]+/{label}\.xlsx"', after)
    assert charts >= 6


def test_capaian_overview_on_the_ikhtisar_and_in_the_pdf(built):
    s = (_html(built) / "ikhtisar.html").read_text(encoding="utf-8")
    assert 'id="grafik-capaian"' in s and "Grafik 1. Capaian Indikator Kinerja per Sasaran Tahun 2023" in unescape(s)
    table = s[s.index('id="data-grafik-capaian"'):]
    table = table[:table.index("</details>")]
    assert table.count("<tr>") == 22  # the header and 21 indicators
    assert "727,27" in table
    text = pdf_text(built / "build" / "2023" / "lkjip-2023.pdf")
    # in the PDF: the chart in the Ikhtisar, listed in Daftar Grafik with its page
    assert text.count("Grafik 1. Capaian Indikator Kinerja per Sasaran Tahun 2023") == 2
    assert re.search(r"Grafik 1\. Capaian Indikator Kinerja per Sasaran Tahun 2023[ .]+[ivx]+ ", text)


def _pdf_objects(pdf) -> bytes:
    """The PDF's bytes with every compressed stream (objects streams too) decompressed."""
    import zlib

    raw, out = pdf.read_bytes(), [pdf.read_bytes()]
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            out.append(zlib.decompress(raw[m.end():raw.find(b"endstream", m.end())]))
        except zlib.error:
            pass
    return b"".join(out)


def test_pdf_title_displayed_and_no_icon_glyph_in_its_text(built):
    pdf = built / "build" / "2023" / "lkjip-2023.pdf"
    objects = _pdf_objects(pdf)
    assert re.search(rb"/DisplayDocTitle\s+true", objects)
    assert b"/OutputIntents" in objects
    text = pdf_text(pdf)
    # the admonitions' box icon (fontawesome5) extracted as "®" before each "Catatan"
    assert "®" not in text
    assert "Catatan" in text
