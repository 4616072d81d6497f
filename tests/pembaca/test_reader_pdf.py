"""The PDF as the ministry files it, read with poppler's tools: A4, fonts embedded, a
cover from data, Daftar Isi/Tabel/Grafik/Gambar, bookmarks, Indonesian labels, and no
table reaching into the right margin. Renders go to tests/artifacts/."""
from __future__ import annotations

import re
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest

pytestmark = pytest.mark.lambat  # executes notebooks or builds books

from conftest import ARTIFACTS  # noqa: E402
RIGHT_MARGIN_PT = 2.5 / 2.54 * 72  # lkjip/build/latex.py: right=2.5cm
ENGLISH = ["Table", "Contents", "Chapter", "Index", "Release", "Figure", "continued", "Continued",
           "List of", "Page"]


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _pdf(built, year) -> Path:
    return built / "build" / str(year) / f"lkjip-{year}.pdf"


def _pages(pdf: Path) -> list[str]:
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]  # text ends with \f


def _site_chapters(built, year) -> list[str]:
    """The chapter headings a reader sees in the site's navigation."""
    s = (built / "build" / str(year) / "html" / "index.html").read_text(encoding="utf-8")
    nav = s[s.find('bd-docs-nav'):]
    nav = nav[:nav.find("</nav>")]
    return [unescape(re.sub(r"\s+", " ", t)).strip()
            for t in re.findall(r'<li class="toctree-l1[^"]*"><a[^>]*>(.*?)</a>', nav, re.S)]


@pytest.mark.parametrize("year", [2023, 2024])
def test_pdf_is_a4_with_fonts_embedded(built, year):
    pdf = _pdf(built, year)
    info = _run("pdfinfo", "-f", "1", "-l", "10000", str(pdf))
    sizes = re.findall(r"Page\s+\d+ size:\s+(.*)", info)
    assert sizes and all("(A4)" in s for s in sizes), set(sizes)
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts
    for line in fonts:
        # columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


@pytest.mark.parametrize("year", [2023, 2024])
def test_cover_contents_and_lists(built, year):
    pdf = _pdf(built, year)
    pages = _pages(pdf)
    cover = " ".join(pages[0].split())
    for text in ("LAPORAN KINERJA", "DIREKTORAT JENDERAL HAM", f"TAHUN {year}",
                 "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA"):
        assert text in cover, text
    assert "2026" not in cover  # the cover's date comes from data, not from the build machine
    text = re.sub(r"[ \t]+", " ", "\f".join(pages))
    # every chapter of the site is a heading of the PDF and an entry of its Daftar Isi
    chapters = [c for c in _site_chapters(built, year) if c != "Daftar Tabel, Grafik, dan Gambar"]
    assert "BAB II PERENCANAAN KINERJA" in chapters
    def first_line(p):
        return next((ln.strip() for ln in p.splitlines() if ln.strip()), "")
    bab = [c for c in chapters if c.startswith("BAB ")]
    start = next(i for i, p in enumerate(pages) if first_line(p) == "Daftar Isi")
    lists_start = next(i for i, p in enumerate(pages) if i > start and first_line(p) == "Daftar Tabel")
    first_bab = next(i for i, p in enumerate(pages) if i > start and first_line(p) in bab)
    toc_page = "\f".join(pages[start:lists_start])
    body = "\f".join(pages[:start] + pages[first_bab:])
    toc_flat = " ".join(toc_page.split())
    for c in chapters:
        assert c in toc_flat, f"Daftar Isi lacks {c}"
        assert c in body, f"PDF lacks chapter {c}"
    # Daftar Tabel / Grafik / Gambar list every caption of the site's Daftar page, with a page
    daftar = (built / "build" / str(year) / "html" / "daftar.html").read_text(encoding="utf-8")
    captions = [" ".join(unescape(c).split()) for c in
                re.findall(r'<span class="std std-ref">((?:Tabel|Grafik|Gambar) [^<]+)</span>', daftar)]
    assert any(c.startswith("Tabel ") for c in captions)
    squeeze = lambda t: re.sub(r"[\s\-]+", "", t)  # entries wrap (and hyphenate) over lines
    lists = squeeze("".join(pages[lists_start:first_bab]))
    for kind in {c.split()[0] for c in captions}:
        assert f"Daftar{kind}" in lists, f"Daftar {kind} missing"
    for c in captions:
        # a page number in arabic, or in roman for the front matter's (Grafik 1 of the Ikhtisar)
        assert re.search(re.escape(squeeze(c)) + r"[.]*(?:\d+|[ivxl]+)", lists), f"lists lack {c}"
        assert c.split(". ")[0] + "." in body
    # Indonesian labels only
    for w in ENGLISH:
        assert not re.search(rf"\b{w}\b", text), f"English label {w!r} in the PDF"
    # page numbers on the pages after the cover: every page ends with its number, the front
    # matter (Kata Pengantar to the lists) in roman from i, BAB I onwards in arabic from 1
    roman = {"i": 1, "v": 5, "x": 10, "l": 50}

    def value(r):
        return sum(-roman[a] if roman[a] < roman.get(b, 0) else roman[a] for a, b in zip(r, r[1:] + " "))
    front, main = [], []
    for n, p in enumerate(pages[1:], 1):
        last = p.strip().splitlines()[-1].strip() if p.strip() else ""
        m = re.search(r"(?:^|\s)([ivxl]+)$", last) if n < first_bab else re.search(r"(\d+)$", last)
        (front if n < first_bab else main).append(
            (value(m.group(1)) if n < first_bab else int(m.group(1))) if m else None)
    assert front == list(range(1, first_bab)), front
    assert main == list(range(1, len(main) + 1)), main


@pytest.mark.parametrize("year", [2023, 2024])
def test_pdf_dates_come_from_data(built, year):
    """The PDF's dates are the report's date in organisasi.yaml (a month alone: its first
    day; none yet: 31 December of the year), never the build machine's clock."""
    import yaml

    org = yaml.safe_load((built / "data" / str(year) / "organisasi.yaml").read_text(encoding="utf-8"))
    tanggal = (org.get("laporan") or {}).get("tanggal")
    expected = (tanggal + "-01" if len(tanggal) == 7 else tanggal) if tanggal else f"{year}-12-31"
    info = _run("pdfinfo", "-isodates", str(_pdf(built, year)))
    dates = dict(re.findall(r"^(CreationDate|ModDate):\s+(\S+)", info, re.M))
    assert "CreationDate" in dates, info
    for key, value in dates.items():
        assert value in (f"{expected}T00:00:00Z", f"{expected}T00:00:00+00"), f"{key} {value}"


def _outline_titles(pdf: Path) -> list[str]:
    """Titles of the PDF's bookmarks (outline items), read from its (compressed) objects."""
    raw = pdf.read_bytes()
    chunks = [raw]
    for m in re.finditer(rb"stream\r?\n", raw):
        end = raw.find(b"endstream", m.end())
        try:
            chunks.append(zlib.decompress(raw[m.end():end]))
        except zlib.error:
            pass
    titles = []
    for c in chunks:
        for t in re.finditer(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", c):
            rest = c[t.end():t.end() + 300]
            if b"/Parent" not in rest.split(b"/Title")[0]:
                continue  # not an outline item (e.g. the document information)
            s = t.group(1)
            if s.startswith(b"<"):
                b = bytes.fromhex(re.sub(rb"\s", b"", s[1:-1]).decode())
            else:
                b = re.sub(rb"\\([()\\])", rb"\1", s[1:-1])
            titles.append(b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1"))
    return titles


def test_bookmarks_per_chapter_and_section(built):
    titles = _outline_titles(_pdf(built, 2023))
    for t in ("Daftar Isi", "Daftar Tabel", "BAB II PERENCANAAN KINERJA", "II.1. Rencana Strategis",
              "II.2. Perjanjian Kinerja"):
        assert t in titles, f"bookmark {t!r} missing; have {titles}"


def _words(pdf: Path, page: int) -> tuple[float, list[tuple[float, str]]]:
    out = _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    return width, [(float(x), unescape(w)) for x, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', out)]


def test_tables_stay_inside_the_right_margin(built):
    from PIL import Image

    ARTIFACTS.mkdir(exist_ok=True)
    pdf = _pdf(built, 2023)
    pages = _pages(pdf)
    n = len(pages)
    table_pages = [i + 1 for i, p in enumerate(pages)
                   if re.search(r"Tabel [IVX]+\.\d+\. ", p) and "Daftar Tabel" not in p[:300]]
    assert table_pages
    # no word anywhere in the book beyond the right margin (1 pt of tolerance)
    for i in range(1, n + 1):
        width, words = _words(pdf, i)
        over = [w for x, w in words if x > width - RIGHT_MARGIN_PT + 1]
        assert not over, f"page {i}: text in the right margin: {over[:5]}"
    # the table with the most columns: rendered, its right margin holds no ink at all
    widest = max(table_pages, key=lambda i: max((ln.count("  ") for ln in pages[i - 1].splitlines()), default=0))
    prefix = ARTIFACTS / "pdf-tabel"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(widest), "-l", str(widest),
                    str(pdf), str(prefix)], check=True)
    img = Image.open(f"{prefix}.png").convert("L")
    w, h = img.size
    margin_px = int(RIGHT_MARGIN_PT / 72 * 100)
    strip = img.crop((w - margin_px + 3, 0, w, h))
    assert strip.getextrema()[0] > 245, f"ink in the right margin of page {widest}"
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "pdf-sampul")], check=True)
    assert (ARTIFACTS / "pdf-sampul.png").stat().st_size > 5000


def test_long_words_in_narrow_columns_break_at_the_slash(built):
    """"Provinsi/Kabupaten/Kota" in Tabel III.1's narrow indicator column once ran into the
    next column: LaTeX breaks no line at a slash unless told (lkjip.build.latex)."""
    pdf = _pdf(built, 2023)
    pages = _pages(pdf)
    i = next(k for k, p in enumerate(pages, 1)
             if "Tabel III.1. Capaian Target Sasaran Strategis" in p and "45%" in p)
    out = _run("pdftotext", "-bbox", "-f", str(i), "-l", str(i), str(pdf), "-")
    words = [(float(a), float(b), unescape(w))
             for a, b, w in re.findall(r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', out)]
    provinsi = [w for w in words if w[2].startswith("Provinsi/")]
    target = [w for w in words if w[2] == "45%"]
    assert provinsi and target, [w[2] for w in words][:80]
    assert all(x_max < target[0][0] for _, x_max, _ in provinsi), (provinsi, target)

