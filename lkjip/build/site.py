"""The website around the chapters: what the build adds to the book after the notebooks
ran and before Sphinx, and the touches after it.

- every table's data as CSV and Excel (``_unduh/<label>.csv|.xlsx``), written from the
  output metadata each :class:`~lkjip.laporan.tabel.Tabel` carries; the table's own MyST links them;
- the page "Daftar Tabel, Grafik, dan Gambar" built from the same metadata, placed before
  the first BAB (in the PDF it gives way to the LaTeX lists, see :mod:`lkjip.build.latex`);
- a link to the year's PDF on every page, the theme's interface words in Indonesian;
- the landing page ``build/index.html`` listing every year built.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import html
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import yaml

from lkjip.build.latex import DAFTAR_JUDUL
from lkjip.data.berkas import write_atomic

DAFTAR_PAGE = "daftar"
from lkjip.core.aset import UNDUH as UNDUH_DIR  # noqa: E402
from lkjip.core import fmt  # noqa: E402
from lkjip.core.periode import Periode  # noqa: E402
LOCALE_DIR = "_locales"

# Interface words of the themes that have no Indonesian catalogue (pydata-sphinx-theme,
# Sphinx strings new in 7.x). Sphinx reads them from the book's own catalogue.
TERJEMAHAN = {
    "Skip to main content": "Langsung ke isi",
    "Back to top": "Kembali ke atas",
    "Search": "Pencarian",
    "Color mode": "Mode warna",
    "Dark": "Gelap",
    "Light": "Terang",
    "System Settings": "Ikuti sistem",
    "On this page": "Di halaman ini",
    "Section Navigation": "Navigasi bagian",
    "Site navigation": "Navigasi situs",
    "Breadcrumb": "Jejak navigasi",
    "Home": "Beranda",
    "Announcement": "Pengumuman",
    "Version warning": "Peringatan versi",
    "next": "berikutnya",
    "previous": "sebelumnya",
    "next page": "halaman berikutnya",
    "previous page": "halaman sebelumnya",
    "Show Source": "Tampilkan sumber",
    "Collapse Sidebar": "Tutup panel samping",
    "Expand Sidebar": "Buka panel samping",
    "Link to this heading": "Tautan ke judul ini",
    "Link to this table": "Tautan ke tabel ini",
    "Link to this image": "Tautan ke gambar ini",
    "Link to this code": "Tautan ke kode ini",
    "Link to this definition": "Tautan ke definisi ini",
    "Please activate JavaScript to enable the search functionality.":
        "Aktifkan JavaScript untuk menggunakan pencarian.",
}

# The search page's messages (Sphinx's searchtools.js and sphinx_highlight.js), read from
# the JavaScript catalogue: Sphinx's Indonesian one leaves the result count empty and
# speaks of "kategori" and "Pencarian" where it means "Mencari". These entries replace
# Sphinx's in the book's own catalogue (``_locales/id/LC_MESSAGES/sphinx.js``).
TERJEMAHAN_JS = {
    "Search Results": "Hasil Pencarian",
    "Searching": "Mencari",
    "Preparing search...": "Menyiapkan pencarian ...",
    "Search finished, found ${resultCount} page(s) matching the search query.":
        "Pencarian selesai: ${resultCount} halaman memuat kata yang dicari.",
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.":
        "Tidak ada halaman yang memuat kata yang dicari. Periksa ejaan setiap kata, atau coba "
        "kata lain.",
    ", in ": ", di ",
    "Hide Search Matches": "Sembunyikan hasil pencarian",
}

# Words hard-coded in the themes' templates (not translatable): replaced in the HTML.
_HTML_WORDS = {
    'title="Toggle primary sidebar"': 'title="Buka/tutup navigasi bab"',
    'aria-label="Toggle primary sidebar"': 'aria-label="Buka/tutup navigasi bab"',
    'title="Toggle secondary sidebar"': 'title="Buka/tutup daftar isi halaman"',
    'aria-label="Toggle secondary sidebar"': 'aria-label="Buka/tutup daftar isi halaman"',
    'aria-label="Main"': 'aria-label="Navigasi utama"',
    'aria-label="Page"': 'aria-label="Halaman"',
}


# Every page of a draft says so, first thing, in the announcement bar.
DRAF_BANNER = ('<strong class="lkjip-draf">DRAF</strong> <span class="lkjip-draf-ket">Laporan ini belum final: '
               "angka dan teks masih dapat berubah.</span> ")

def pdf_name(year: int) -> str:
    return f"lkjip-{year}.pdf"


# ---------------------------------------------------------------------------- config
def configure(cfg: dict, data) -> None:
    """Site settings of the year's book config: the PDF link on every page, Indonesian
    search text and catalogue, no source downloads."""
    tahun = data.tahun
    per = Periode(tahun, data.triwulan)  # a quarterly report: build/2023-tw3/lkjip-2023-tw3.pdf
    final = data.organisasi.status == "final"
    h = cfg.setdefault("html", {})
    # every page sits at the root of html/; the PDF is published next to html/
    h["announcement"] = (("" if final else DRAF_BANNER)
                         + f'<a class="lkjip-unduh-pdf" href="../{pdf_name(per.nama)}" type="application/pdf">'
                         '<i class="fa-solid fa-file-pdf" aria-hidden="true"></i> '
                         f"Unduh {'' if final else 'draf '}Laporan Kinerja "
                         f"{per.label + ' ' if per.triwulan else ''}Tahun {tahun} (PDF)</a>"
                         ' · <a class="lkjip-beranda" href="../../index.html">Semua tahun</a>')
    # every page's footer: the landing page, the year's quality log, the same page in the
    # other years (filled in by link_years once every year is published)
    h["extra_footer"] = KAKI
    sc = cfg.setdefault("sphinx", {}).setdefault("config", {})
    sc["locale_dirs"] = [LOCALE_DIR]
    # the search page's catalogue is found in the book wherever the build runs from
    spx = cfg.setdefault("sphinx", {})
    ext = spx.get("extra_extensions") or []
    ext = [ext] if isinstance(ext, str) else list(ext)
    spx["extra_extensions"] = ext + [e for e in ["lkjip.build.sphinx_lokal", "lkjip.build.sphinx_terbit"]
                                     if e not in ext]
    sc["lkjip_status"] = data.organisasi.status  # <meta name="lkjip-status"> on every page
    # the executed notebooks are not published beside the pages (no reader needs them)
    sc["html_copy_source"] = False
    # no "last updated" date from the build machine's clock
    sc["html_last_updated_fmt"] = None
    theme = sc.setdefault("html_theme_options", {})
    theme["search_bar_text"] = "Cari dalam laporan ini ..."
    # the theme's download menu offers the notebook source and the browser's print: the
    # report's own PDF is linked on every page instead
    theme["use_download_button"] = False
    # a first visit has no stored colour mode: without a default the theme logs an error
    sc.setdefault("html_context", {})["default_mode"] = "light"


# The footer of every page (pages sit in build/<year>/html/; qa.html in build/<year>/).
TAHUN_LAIN = ("<!-- lkjip-tahun -->", "<!-- /lkjip-tahun -->")
KAKI = ('<nav class="lkjip-kaki" aria-label="Laporan lain dan log mutu">'
        '<a href="../../index.html">Semua laporan kinerja (beranda)</a> · '
        '<a href="../qa.html">Log mutu data tahun ini</a>'
        f"{TAHUN_LAIN[0]}{TAHUN_LAIN[1]}</nav>")
_TAHUN_LAIN = re.compile(re.escape(TAHUN_LAIN[0]) + ".*?" + re.escape(TAHUN_LAIN[1]), re.S)


def link_years(build_root: Path) -> None:
    """In every published year's pages, links to the same page in each other year (its home
    page when that year has no such page): written again whenever a year is published."""
    years = sorted(p.name for p in build_root.iterdir()
                   if p.is_dir() and p.name.isdigit() and (p / "html" / "index.html").is_file())
    for y in years:
        for page in (build_root / y / "html").glob("*.html"):
            s = page.read_text(encoding="utf-8")
            if TAHUN_LAIN[0] not in s:
                continue
            links = []
            for other in years:
                if other == y:
                    continue
                name = page.name if (build_root / other / "html" / page.name).is_file() else "index.html"
                links.append(f'<a href="../../{other}/html/{name}" hreflang="id">Tahun {other}</a>')
            inner = (" · Bagian ini di laporan tahun lain: " + ", ".join(links)) if links else ""
            t = _TAHUN_LAIN.sub(lambda _: TAHUN_LAIN[0] + inner + TAHUN_LAIN[1], s)
            if t != s:
                page.write_text(t, encoding="utf-8")


CATALOGUE_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def write_catalogue(book: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    # a fixed date: Babel's default is the clock, which made the catalogue (a source of
    # the book) differ every minute and Sphinx rebuild a site whose pages had not changed
    cat = Catalog(locale="id", domain="sphinx", creation_date=CATALOGUE_DATE)
    for k, v in TERJEMAHAN.items():
        cat.add(k, v)
    path = book / LOCALE_DIR / "id" / "LC_MESSAGES" / "sphinx.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_mo(buf, cat)
    path.write_bytes(buf.getvalue())
    # the search page's catalogue beside it: Sphinx publishes it as _static/translations.js
    # (found in the book thanks to lkjip.build.sphinx_lokal)
    (path.parent / "sphinx.js").write_text(js_catalogue(), encoding="utf-8")


_JS_CATALOGUE = re.compile(r"^\s*Documentation\.addTranslations\((.*)\);?\s*$", re.S)


def js_catalogue() -> str:
    """Sphinx's Indonesian JavaScript catalogue with :data:`TERJEMAHAN_JS` in place of its
    entries (the book's catalogue is found first and replaces Sphinx's whole)."""
    import json

    import sphinx

    catalog = {"messages": {}, "plural_expr": "0"}
    own = Path(sphinx.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "sphinx.js"
    m = _JS_CATALOGUE.match(own.read_text(encoding="utf-8")) if own.is_file() else None
    if m:
        try:
            catalog = json.loads(m.group(1))
        except ValueError:
            pass  # another format: the search page's messages below still hold
    catalog["locale"] = "id"
    catalog.setdefault("messages", {}).update(TERJEMAHAN_JS)
    catalog.setdefault("plural_expr", "0")
    return ("Documentation.addTranslations("
            + json.dumps(catalog, indent=4, sort_keys=True) + ");\n")


# ---------------------------------------------------------------------------- reading
def _toc_pages(toc: dict) -> list[str]:
    pages = [toc["root"]] if toc.get("root") else []

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                pages.append(e["file"])
            walk(e.get("sections"))
            walk(e.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []) or []:
        walk(part.get("chapters"))
    return pages


def _read_toc(book: Path) -> dict:
    return yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))


def _title(cells) -> str:
    for c in cells:
        if c.get("cell_type") == "markdown":
            m = re.search(r"^#\s+(.+)$", "".join(c.get("source", "")), re.M)
            if m:
                return m.group(1).strip()
    return ""


def _halaman(book: Path):
    """(page, path, notebook) of every executed page of the book, in reading order."""
    for page in _toc_pages(_read_toc(book)):
        nb_path = book / f"{page}.ipynb"
        if nb_path.is_file():
            yield page, nb_path, json.loads(nb_path.read_text(encoding="utf-8"))


def collect(book: Path) -> list[dict]:
    """Every table, chart and photo of the book in reading order: the ``lkjip`` output
    metadata of the executed pages, each with its page (and the page's title)."""
    items = []
    for page, _, nb in _halaman(book):
        for cell in nb.get("cells", []):
            for o in cell.get("outputs", []):
                meta = (o.get("metadata") or {}).get("lkjip")
                if isinstance(meta, dict) and meta.get("jenis"):
                    items.append({**meta, "halaman": page})
    return items


def jenis_by_label(book: Path) -> dict[str, str]:
    """Label -> kind of every table, chart and photo the pages show (a photo whose file is
    missing is not a float: it has no place in the PDF's lists)."""
    return {m["label"]: m["jenis"] for m in collect(book) if m.get("label") and m.get("ada", True)}


# ---------------------------------------------------------------------------- build notes
# A repository path (data/2023/..., data/renstra/...) or a build instruction is for the
# analyst, not the reader: it goes to the terminal and the quality log, never to a page.
_REPO_PATH = re.compile(r"(?<![\w/.:-])data/(?:\d{4}|renstra|riwayat|templat|tahun_baru)\b[^\s)]*")
_PAREN_PATH = re.compile(r"\s*\([^()]*(?<![\w/.:-])data/(?:\d{4}|renstra|riwayat|templat|tahun_baru)\b[^()]*\)")
_INSTRUCTION = re.compile(r"susun ulang|lkjip (?:build|check|new-year|excel)", re.I)


def build_text(text: str) -> bool:
    """Whether `text` names a repository path or tells how to build the report."""
    return bool(_REPO_PATH.search(text) or _INSTRUCTION.search(text))


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[:*`]{1,3}|\{[a-z]+\}", " ", text).split())


def bersihkan(book: Path, final: bool) -> list[str]:
    """Take every build note off the executed pages of `book`; returns them, one line each
    (page: what), for the terminal and the quality log.

    - a photo whose file is missing: in a draft, a placeholder saying only "Foto belum
      tersedia"; in a final report it is left out (with its entry in the lists);
    - "(data/2023/...)" in a note is removed; an output still naming a repository path or a
      build step after that is left out whole.
    """
    notes = []
    for page, nb_path, nb in _halaman(book):
        changed = False
        for cell in nb.get("cells", []):
            kept = []
            for o in cell.get("outputs", []):
                meta = (o.get("metadata") or {}).get("lkjip") or {}
                if meta.get("jenis") == "gambar" and not meta.get("ada", True):
                    notes.append(f"{page}: Gambar {meta.get('nomor')}. {meta.get('judul')}: berkas "
                                 f"{meta.get('berkas')} tidak ditemukan; "
                                 + ("tidak dimuat dalam laporan final." if final
                                    else "draf menampilkan penanda 'Foto belum tersedia'."))
                    if final:
                        changed = True
                        continue
                data = o.get("data") or {}
                drop = False
                for mime in ("text/markdown", "text/html", "text/plain"):
                    if mime not in data:
                        continue
                    raw = data[mime]
                    text = "".join(raw) if isinstance(raw, list) else str(raw)
                    if not build_text(text):
                        continue
                    if mime == "text/markdown":
                        notes.append(f"{page}: {_plain(text)}")
                    clean = _PAREN_PATH.sub("", text)
                    if build_text(clean):
                        drop = True
                    data[mime] = clean
                    changed = True
                if drop:
                    continue
                kept.append(o)
            if "outputs" in cell:
                cell["outputs"] = kept
        if changed:
            nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return notes


# ---------------------------------------------------------------------------- downloads
def _excel_value(s: str):
    """A cell as Excel should hold it (see :func:`lkjip.build.unduh.excel`)."""
    from lkjip.build.unduh import excel

    return excel(s)


SEMUA_DATA = "data-laporan-{tahun}.zip"  # every table's and chart's data in one download


def semua_data_name(tahun) -> str:
    return SEMUA_DATA.format(tahun=tahun)


def write_downloads(book: Path, items: list[dict], cache: Path | None = None, tahun=None,
                    judul: str = "") -> list[Path]:
    """``_unduh/<label>.csv`` and ``.xlsx`` for every table and chart (numbers as numbers, see
    :mod:`lkjip.build.unduh`), and with `tahun` one zip of them all with a README. With `cache`
    (a folder), a workbook made earlier for the same table by the same code is copied from
    there instead of being made again (openpyxl takes about 7 ms a table)."""
    from lkjip.build import unduh

    out_dir = book / UNDUH_DIR
    out_dir.mkdir(exist_ok=True)
    written = []
    code = None
    isi, entri = {}, []
    for t in (i for i in items if i["jenis"] in ("tabel", "grafik")):
        if t["jenis"] == "grafik":
            if not t.get("data"):
                continue
            text, plan = unduh.grafik_csv(t)
        else:
            text, plan = unduh.tabel_csv(t.get("kolom", []), t.get("baris", []))
        csv_path = out_dir / f"{t['label']}.csv"
        csv_path.write_text(text, encoding="utf-8")

        xlsx_path = out_dir / f"{t['label']}.xlsx"
        if cache is None:
            xlsx_path.write_bytes(_workbook(t))
        else:
            if code is None:  # these modules and openpyxl's version (not imported: 0.1 s)
                from importlib.metadata import version

                code = (Path(__file__).read_bytes() + Path(unduh.__file__).read_bytes()
                        + version("openpyxl").encode())
            key = hashlib.sha256(code + json.dumps(t, sort_keys=True, ensure_ascii=False,
                                                   default=str).encode()).hexdigest()
            kept = Path(cache) / f"{key}.xlsx"
            if kept.is_file():
                shutil.copyfile(kept, xlsx_path)
                os.utime(kept)  # in use: kept by prune_downloads
            else:
                data = _workbook(t)
                xlsx_path.write_bytes(data)
                write_atomic(kept, data)
        written += [csv_path, xlsx_path]
        kata = "Tabel" if t["jenis"] == "tabel" else "Grafik"
        nama = f"{kata} {t['nomor']}. {t.get('judul', '')}" if t.get("nomor") else t.get("judul", "")
        for p in (csv_path, xlsx_path):
            isi[p.name] = p.read_bytes()
        entri.append((f"{csv_path.name} / {xlsx_path.name}", nama, t.get("sumber", ""), plan))
    if tahun is not None:
        isi["README.txt"] = unduh.readme(tahun, judul or f"Data Laporan Kinerja Tahun {tahun}", entri).encode()
        zip_path = out_dir / semua_data_name(tahun)
        zip_path.write_bytes(unduh.zip_bytes(isi))
        written.append(zip_path)
    return written


def prune_downloads(cache: Path, max_age_days: float = 30) -> None:
    """Remove the kept workbooks not used for `max_age_days`."""
    limit = time.time() - max_age_days * 86400
    if Path(cache).is_dir():
        for f in Path(cache).iterdir():
            if f.stat().st_mtime < limit:
                f.unlink(missing_ok=True)


def _workbook(t: dict) -> bytes:
    """One table (or chart's data) as an Excel workbook: the data sheet, typed (numbers as
    numbers, shown as the report prints them), and a sheet naming table and source."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from lkjip.build import unduh

    if t.get("jenis") == "grafik":
        kolom, baris = unduh.grafik_baris(t)
        # the first columns (sasaran, category) are text; the values numbers
        typed = [[(v, "0.##") if isinstance(v, float) else (v, None) for v in r] for r in baris]
    else:
        kolom, baris = t.get("kolom", []), t.get("baris", [])
        typed = [[unduh.excel(str(c)) for c in r] for r in baris]
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(kolom)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for vals in typed:
        ws.append([v for v, _ in vals])
        for cell, (_, f) in zip(ws[ws.max_row], vals):
            if f:
                cell.number_format = f
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, k in enumerate(kolom):
        width = max([len(str(k))] + [len(str(r[j])) for r in baris if j < len(r)])
        ws.column_dimensions[ws.cell(1, j + 1).column_letter].width = min(60, max(8, width + 2))
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Keterangan")
    kata = "Grafik" if t.get("jenis") == "grafik" else "Tabel"
    nomor = f"{kata} {t['nomor']}. " if t.get("nomor") else ""
    for row in ([kata, f"{nomor}{t.get('judul', '')}"], ["Sumber data", t.get("sumber", "")]):
        info.append(row)
    # what each column holds (the same words as the CSV's header and the zip's README)
    plan = (unduh.grafik_csv(t) if t.get("jenis") == "grafik" else unduh.tabel_csv(kolom, baris))[1]
    info.append([])
    info.append(["Kolom", "Isi"])
    for judul, k in zip(kolom, plan):  # the sheet keeps each column whole: units in the cells' format
        info.append([str(judul), "angka; satuannya (berbeda per baris) tampil lewat format sel" if k.satuan_kolom
                     else k.keterangan])
    info.append(["Catatan", "Angka tersimpan sebagai angka; persen sebagai pecahan dengan format persen "
                 "(0,639 tampil 63,9%); satuan hitungan tampil lewat format sel (12 Layanan)."])
    info.column_dimensions["A"].width = 30
    info.column_dimensions["B"].width = 100
    wb.properties.creator = "lkjip"
    wb.properties.title = f"{nomor}{t.get('judul', '')}"
    return _reproducible_bytes(wb)


# ---------------------------------------------------------------------------- Daftar page
def _role_text(s: str) -> str:
    return re.sub(r"[<>`]", "", " ".join(str(s).split()))


def daftar_markdown(items: list[dict], tahun: int | None = None) -> str:
    from lkjip.laporan.tabel import md_escape

    lines = [f"# {DAFTAR_JUDUL}", ""]
    if tahun is not None and items:
        lines += ["```{only} html", f"Semua data tabel dan grafik laporan ini dalam satu berkas: "
                  f"{{download}}`Unduh semua data (ZIP: CSV, Excel, README) <{UNDUH_DIR}/{semua_data_name(tahun)}>`",
                  "```", ""]
    groups = [("tabel", "Daftar Tabel", "Tabel", True), ("grafik", "Daftar Grafik", "Grafik", True),
              ("gambar", "Daftar Gambar", "Gambar", True), ("tabel", "Tabel Lain (tanpa nomor)", "", False)]
    for jenis, judul, kata, bernomor in groups:
        # as in the source report, the lists hold the numbered items; the data of the
        # other tables is still offered for download, in a list of its own
        entries = [i for i in items if i["jenis"] == jenis and bool(i.get("nomor")) == bernomor]
        if not entries:
            continue
        lines += [f"## {judul}", ""]
        for i in entries:
            text = f"{kata} {i['nomor']}. {i['judul']}" if bernomor else i.get("judul", "")
            if jenis == "gambar" and not i.get("ada", True):
                lines.append(f"- {md_escape(text)} (foto belum tersedia)")
                continue
            line = f"- {{ref}}`{_role_text(text)} <{i['label']}>`"
            if jenis in ("tabel", "grafik") and (jenis == "tabel" or i.get("data")):
                line += (f" — unduh data: {{download}}`CSV <{UNDUH_DIR}/{i['label']}.csv>`, "
                         f"{{download}}`Excel <{UNDUH_DIR}/{i['label']}.xlsx>`")
            lines.append(line)
        lines.append("")
    if len(lines) == 2:
        lines.append("Laporan ini belum memuat tabel, grafik, atau gambar.")
    return "\n".join(lines) + "\n"


def _page_title(book: Path, page: str) -> str:
    import json

    p = book / f"{page}.ipynb"
    if p.is_file():
        return _title(json.loads(p.read_text(encoding="utf-8")).get("cells", []))
    md = book / f"{page}.md"
    if md.is_file():
        m = re.search(r"^#\s+(.+)$", md.read_text(encoding="utf-8"), re.M)
        return m.group(1) if m else ""
    return ""


def insert_daftar(book: Path) -> None:
    """Put the Daftar page in the year's _toc.yml: before the first chapter whose title
    starts with "BAB" (after the Kata Pengantar and Ikhtisar), else after the cover."""
    toc = _read_toc(book)
    chapters = toc.get("chapters")
    if chapters is None:  # a book of parts: lists go in front of the first part's chapters
        parts = toc.get("parts") or []
        if not parts:
            return
        chapters = parts[0].setdefault("chapters", [])
    if any(e.get("file") == DAFTAR_PAGE for e in chapters):
        return
    pos = 0  # no BAB at all: right after the cover
    for n, e in enumerate(chapters):
        if "file" in e and _page_title(book, e["file"]).upper().startswith("BAB"):
            pos = n
            break
    chapters.insert(pos, {"file": DAFTAR_PAGE})
    (book / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def prepare(book: Path, cache: Path | None = None, tahun: int | None = None) -> list[dict]:
    """After the notebooks ran (and :func:`bersihkan`), before Sphinx: downloads (workbooks
    kept in `cache`; with `tahun`, one zip of all the data too), the Daftar page, the
    catalogue."""
    items = collect(book)
    seen: dict[str, str] = {}
    for i in items:
        if i.get("label") in seen:
            # one label, two tables: a reader would download (or be sent to) the wrong one
            from lkjip.errors import BuildError

            raise BuildError(f"Label '{i['label']}' dipakai dua kali: di {seen[i['label']]} dan di "
                             f"{i['halaman']}; setiap tabel, grafik dan gambar memerlukan label sendiri.")
        seen[i.get("label")] = i["halaman"]
    judul = ""
    if (book / "_config.yml").is_file():
        judul = str((yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8")) or {}).get("title") or "")
    write_downloads(book, items, cache, tahun=tahun, judul=f"Data {judul}".strip() if judul else "")
    (book / f"{DAFTAR_PAGE}.md").write_text(daftar_markdown(items, tahun), encoding="utf-8")
    insert_daftar(book)
    write_catalogue(book)
    return items


# ---------------------------------------------------------------------------- Perbedaan Angka
PERBEDAAN_PAGE = "perbedaan"
PERBEDAAN_JUDUL = "Perbedaan Angka"
_JENIS_BESARAN = {"realisasi": "Realisasi", "capaian": "Capaian", "target": "Target",
                  "komponen": "Komponen rumus", "anggaran_pk_total": "Pagu Perjanjian Kinerja",
                  "riwayat": "Angka tahun lalu", "jumlah": "Jumlah kolom"}


def _besaran_text(besaran: str) -> str:
    kind, _, rest = besaran.partition(":")
    name = _JENIS_BESARAN.get(kind, kind)
    if kind == "jumlah":  # a data file's path is for the analyst: only the column
        rest = rest.rsplit(":", 1)[-1]
    return f"{name} {rest.replace(':', ' ')}".strip()


def perbedaan_markdown(audit) -> str:
    """The page for readers: each figure printed in the signed report that differs from the
    one recomputed from data (lkjip.check.audit), where, printed, computed and why."""
    from lkjip.check.audit import teks_angka
    from lkjip.laporan.tabel import md_escape

    groups = audit.distinct()
    lines = [f"# {PERBEDAAN_JUDUL}", "",
             md_escape(f"Angka dalam laporan ini dihitung dari data. {len(audit.selisih)} dari {audit.diperiksa} "
                       f"angka yang tercetak dalam laporan yang ditandatangani berbeda dari hasil perhitungan "
                       f"({len(groups)} perbedaan yang berlainan). Halaman-halaman laporan ini memuat angka hasil "
                       "perhitungan; daftar berikut menyebut setiap perbedaan: angka yang tercetak, angka hasil "
                       "perhitungan, di mana angka itu tercetak, dan sebabnya."), ""]
    for n, (besaran, tertulis, _, items) in enumerate(groups, 1):
        where = "; ".join(dict.fromkeys(x.lokasi for x in items))
        why = "; ".join(dict.fromkeys(x.pernyataan.catatan for x in items if x.pernyataan.catatan))
        if not why:
            why = ("Data tidak memuat nilai untuk angka ini." if items[0].dihitung is None else
                   "Angka yang tercetak tidak sama dengan hasil perhitungan dari data yang sama.")
        # a list, not a table: it reads on a phone and breaks over the PDF's pages
        pad = " " * len(f"{n}. ")  # the sub-list sits under the item's text ("10. " is four)
        lines += [f"{n}. **{md_escape(_besaran_text(besaran))}**: tercetak **{md_escape(teks_angka(tertulis))}**, "
                  f"hasil perhitungan **{md_escape(items[0].teks_dihitung())}**.",
                  f"{pad}- Di mana tercetak: {md_escape(where)}",
                  f"{pad}- Sebab: {md_escape(why)}", ""]
    return "\n".join(lines) + "\n"


def _insert_after(book: Path, after: str, page: str) -> bool:
    toc = _read_toc(book)
    chapters = toc.get("chapters")
    if chapters is None:
        chapters = ((toc.get("parts") or [{}])[0]).get("chapters") or []
    if any(e.get("file") == page for e in chapters):
        return True
    for n, e in enumerate(chapters):
        if e.get("file") == after:
            chapters.insert(n + 1, {"file": page})
            (book / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
            return True
    return False


def write_perbedaan(book: Path, audit) -> None:
    """When the year's stated figures (dinyatakan.csv) differ from the computed ones: the
    page "Perbedaan Angka" after the Ikhtisar, and a link to it at the end of the Ikhtisar."""
    if audit is None or not audit.selisih:
        return
    (book / f"{PERBEDAAN_PAGE}.md").write_text(perbedaan_markdown(audit), encoding="utf-8")
    if not _insert_after(book, "ikhtisar", PERBEDAAN_PAGE):
        return
    nb_path = book / "ikhtisar.ipynb"
    if not nb_path.is_file():
        return
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    text = (f"Angka dalam laporan ini dihitung ulang dari data: {len(audit.selisih)} angka yang tercetak dalam "
            "laporan yang ditandatangani berbeda dari hasil perhitungan. Setiap perbedaan dan sebabnya: "
            f"{{doc}}`{PERBEDAAN_JUDUL} <{PERBEDAAN_PAGE}>`.")
    cells = nb.setdefault("cells", [])
    if any("lkjip-perbedaan" in (c.get("metadata") or {}).get("tags", []) for c in cells):
        return
    cells.append({"cell_type": "markdown", "id": "lkjip-perbedaan", "metadata": {"tags": ["lkjip-perbedaan"]},
                  "source": [text]})
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


_CAPTION_NUMBER = re.compile(r'<span class="caption-number">[^<]*</span>\s*')
# pydata-sphinx-theme's icon script (1.5 MB) turns each <i class="fa-..."> into an SVG; the
# theme's stylesheet draws the same icons from its web font, so the script is not loaded
_FONTAWESOME_JS = re.compile(r'[ \t]*<script defer src="_static/scripts/fontawesome\.js[^"]*"></script>\n?')
# the theme loads the search index (and its scripts) on every page for a search-as-you-type
# box the site does not use (its search box opens search.html, which loads them itself)
_SEARCH_JS = re.compile(r'[ \t]*<script src="(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)">'
                        r'</script>\n?')


_THEME_CSS = re.compile(r'<link href="_static/styles/theme\.css(?:\?[^"]*)?" rel="stylesheet" />')


def finish_html(html_dir: Path) -> None:
    """Interface words the themes hard-code in English; Sphinx's own table and figure
    numbers ("Tabel 1") dropped, since lkjip's caption text carries the report's number
    ("Tabel II.1.") and a screen reader would read both."""
    from lkjip.build.unduh import hubungkan_deskripsi

    # a page Sphinx did not write again since the last finish is finished already
    # (its size and time kept beside the output folder, not in it)
    catatan = html_dir.parent / f".lkjip-selesai-{html_dir.name}.json"
    try:
        selesai = json.loads(catatan.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        selesai = {}
    for page in html_dir.glob("*.html"):
        st = page.stat()
        if selesai.get(page.name) == [st.st_size, st.st_mtime_ns]:
            continue
        s = page.read_text(encoding="utf-8")
        t = _FONTAWESOME_JS.sub("", _CAPTION_NUMBER.sub("", s))
        # theme.css only imports basic.css: the page links basic.css itself (one request less,
        # and the browser no longer lists that stylesheet twice)
        t = _THEME_CSS.sub('<link href="_static/basic.css" rel="stylesheet" />', t)
        t = hubungkan_deskripsi(t)  # a chart's image -> its data table (lkjip.build.unduh)
        if page.name != "search.html":
            t = _SEARCH_JS.sub("", t)
        for a, b in _HTML_WORDS.items():
            t = t.replace(a, b)
        if t != s:
            page.write_text(t, encoding="utf-8")
        st = page.stat()
        selesai[page.name] = [st.st_size, st.st_mtime_ns]
    static = html_dir / "_static"
    for unused in [static / "scripts" / "fontawesome.js", *static.rglob("*.map"),
                   *(static / "scripts").glob("fontawesome.js*")]:
        unused.unlink(missing_ok=True)  # loaded by no page (source maps: by no reader)
    subset_icon_font(html_dir)
    catatan.write_text(json.dumps(selesai), encoding="utf-8")


# pydata-sphinx-theme draws its icons from Font Awesome's solid font (156 kB, 1,400 icons);
# the site shows about twenty. The font is cut to the icons the pages, scripts and
# stylesheets name, as WOFF (fontTools, already there for matplotlib; WOFF2 would need brotli).
ICON_FONT = "vendor/fontawesome/webfonts/fa-solid-900"
_FA_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]{4})"\}')
_FA_NAME = re.compile(r"\bfa-[a-z0-9-]+")
_SOLID_FACE = re.compile(r'src:url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.woff2\) format\("woff2"\),'
                         r'url\(\.\./vendor/fontawesome/webfonts/fa-solid-900\.ttf\) format\("truetype"\)')


def icon_codepoints(html_dir: Path) -> set[int]:
    """Every icon the site can show: the ``fa-*`` classes named in a page or a script, and
    the icon characters the stylesheets write themselves (admonitions, toggles, links)."""
    static = html_dir / "_static"
    css = {p: p.read_text(encoding="utf-8") for p in static.rglob("*.css")}
    by_name: dict[str, int] = {}
    for text in css.values():
        for sel, code in _FA_RULE.findall(text):
            for name in re.findall(r"fa-[a-z0-9-]+", sel):
                by_name[name] = int(code, 16)
    named = set()
    for p in [*html_dir.glob("*.html"), *static.rglob("*.js")]:
        named |= set(_FA_NAME.findall(p.read_text(encoding="utf-8")))
    cps = {by_name[n] for n in named if n in by_name}
    for text in css.values():
        rest = _FA_RULE.sub("", text)
        cps |= {ord(c) for c in rest if 0xE000 <= ord(c) <= 0xF8FF}
        cps |= {int(h, 16) for h in re.findall(r'content:\s*"\\([ef][0-9a-f]{3})"', rest)}
    return cps


def subset_icon_font(html_dir: Path) -> None:
    static = html_dir / "_static"
    ttf = static / f"{ICON_FONT}.ttf"
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if not ttf.is_file() or not theme_css.is_file():
        return
    css = theme_css.read_text(encoding="utf-8")
    if not _SOLID_FACE.search(css):
        return  # another theme version: its font stays whole
    codepoints = sorted(icon_codepoints(html_dir))
    # the same font cut to the same icons: kept beside the output folder from the last build
    key = hashlib.sha256(ttf.read_bytes() + json.dumps(codepoints).encode()).hexdigest()[:24]
    kept = html_dir.parent / ".lkjip-ikon" / f"{key}.woff"
    if kept.is_file():
        woff = kept.read_bytes()
    else:
        from fontTools import subset

        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        font = subset.load_font(str(ttf), options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=codepoints)
        sub.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        woff = out.getvalue()
        shutil.rmtree(kept.parent, ignore_errors=True)  # one cut kept, the latest
        kept.parent.mkdir(parents=True)
        kept.write_bytes(woff)
    (static / f"{ICON_FONT}.woff").write_bytes(woff)
    theme_css.write_text(_SOLID_FACE.sub('src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff) format("woff")', css),
                         encoding="utf-8")
    for whole in (static / f"{ICON_FONT}.woff2", ttf):
        whole.unlink()


PDF_LAMA = "PDF versi lama: belum memuat perubahan terakhir di situs ini"
_PDF_LINK = re.compile(r'<a class="lkjip-unduh-pdf" href="[^"]*"[^>]*>(.*?)</a>', re.S)


def pdf_is_current(year_dir: Path, year: int) -> bool | None:
    """Whether the year's PDF in `year_dir` was built from the same sources as the site there
    (None: no PDF). Read from the digests the build stamps there (pipeline.STAMP,
    ".lkjip-stamp"): a ``--no-pdf`` build after an edit keeps the older PDF, whose digest differs."""
    if not (year_dir / pdf_name(year)).exists():
        return None
    try:
        stamp = json.loads((year_dir / ".lkjip-stamp").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stamp.get("pdf")) and stamp.get("pdf") == stamp.get("html")


def check_pdf_link(year_dir: Path, year: int) -> None:
    """A site published without its PDF (``--no-pdf``, none built before) says so instead
    of linking a missing file; one published with an older PDF says that the PDF is older."""
    current = pdf_is_current(year_dir, year)
    if current:
        return
    for page in (year_dir / "html").glob("*.html"):
        s = page.read_text(encoding="utf-8")
        if current is None:
            t = _PDF_LINK.sub('<span class="lkjip-unduh-pdf">PDF laporan tahun ini belum disusun</span>', s)
        else:  # the link stays; its words say that the PDF lacks the site's latest edits
            t = _PDF_LINK.sub(lambda m: m[0].replace("(PDF)", f"({PDF_LAMA})"), s)
        if t != s:
            write_atomic(page, t)  # replaced, not written in place: it may share the published file


# ---------------------------------------------------------------------------- landing page
LANDING_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b2330;background:#f4f6f9;line-height:1.5}
header{background:#1f3a68;color:#fff;padding:2rem 1.25rem}
header .wrap,main .wrap,footer .wrap{max-width:56rem;margin:0 auto}
header p{margin:.25rem 0 0;opacity:.85}
h1{margin:0;font-size:1.6rem;line-height:1.25}
main{padding:1.5rem 1.25rem}
h2{font-size:1.15rem;margin:0 0 1rem}
ul.tahun{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
ul.tahun li{background:#fff;border:1px solid #d8dee8;border-radius:.5rem;padding:1rem 1.25rem}
ul.tahun h3{margin:0 0 .5rem;font-size:1.1rem}
ul.tahun a{display:inline-block;margin:.25rem .75rem .25rem 0;color:#1f3a68;font-weight:600}
.ket{color:#5a6577;font-size:.875rem}
.status{display:inline-block;margin:0 0 .5rem;padding:0 .5rem;border-radius:.25rem;font-size:.8rem;vertical-align:middle}
.status.final{background:#e3f1e6;color:#1a5c2a;border:1px solid #1a5c2a}
.status.draf{background:#fff3cd;color:#6b4e00;border:2px dashed #6b4e00;font-weight:700;letter-spacing:.05em}
ul.tahun li.draf{border-style:dashed}
ul.tahun .triwulan{margin:.1rem 0}
footer{padding:1rem 1.25rem 2rem;color:#5a6577;font-size:.875rem}
"""


def _year_title(year_dir: Path) -> str:
    """The title of a built year, read from its site's home page."""
    index = year_dir / "html" / "index.html"
    if index.is_file():
        m = re.search(r"<title>(.*?)</title>", index.read_text(encoding="utf-8", errors="replace"), re.S)
        if m and m.group(1).strip():
            return html.unescape(m.group(1)).split("\u2014")[-1].strip()
    return f"Laporan Kinerja Tahun {year_dir.name}"


def year_status(year_dir: Path) -> str:
    """"final" or "draf", read from the built site's home page (``<meta name="lkjip-status">``)."""
    index = year_dir / "html" / "index.html"
    if index.is_file():
        m = re.search(r'<meta name="lkjip-status" content="(\w+)"', index.read_text(encoding="utf-8", errors="replace"))
        if m:
            return m.group(1)
    return "final"


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1e6:.1f} MB".replace(".", ",") if n >= 1e6 else f"{max(1, round(n / 1e3))} kB"


def _kuartal(build_root: Path, tahun: str) -> list[Path]:
    """The quarterly reports of a year that have a site: build/<tahun>-tw1 .. -tw4."""
    return [d for d in (build_root / f"{tahun}-tw{n}" for n in range(1, 5)) if (d / "html" / "index.html").is_file()]


def _tautan_triwulan(build_root: Path, d: Path) -> str:
    """One quarter's line on the landing page: its site, its PDF, its quality log."""
    e = html.escape
    label = fmt.triwulan(int(d.name.rsplit("-tw", 1)[1]))
    links = [f'<a href="{d.name}/html/index.html">{e(label)}</a>']
    pdf = d / pdf_name(d.name)
    if pdf.exists():
        links.append(f'<a href="{d.name}/{pdf.name}" type="application/pdf">PDF</a>'
                     f' <span class="ket">({_size(pdf)})</span>')
    if (d / "qa.html").exists():
        links.append(f'<a href="{d.name}/qa.html">Log mutu</a>')
    if year_status(d) != "final":
        links.append('<span class="status draf">DRAF</span>')
    return f'<div class="triwulan">{"".join(links)}</div>'


def landing_html(build_root: Path) -> str:
    names = {p.name for p in build_root.iterdir() if p.is_dir() and p.name.isdigit()}
    names |= {p.name.split("-tw")[0] for p in build_root.iterdir()
              if p.is_dir() and re.fullmatch(r"\d{4}-tw[1-4]", p.name)}
    years = sorted((build_root / n for n in names), key=lambda p: p.name, reverse=True)
    e = html.escape
    items = []
    unit = ""
    for y in years:
        kuartal = _kuartal(build_root, y.name)
        triwulan = ("<div class=\"ket\">Laporan triwulan:</div>"
                    + "".join(_tautan_triwulan(build_root, d) for d in kuartal)) if kuartal else ""
        if not (y / "html" / "index.html").is_file():
            if kuartal:  # only quarterly reports of this year so far
                items.append(f'<li class="final"><h3>Tahun {e(y.name)}</h3>'
                             f'<div class="ket">Laporan tahunan belum disusun.</div>{triwulan}</li>')
            continue  # only a quality log so far (`lkjip check`), no site
        title = _year_title(y)
        pdf = y / pdf_name(int(y.name))
        links = [f'<a href="{y.name}/html/index.html">Baca laporan (situs)</a>']
        if pdf.exists():
            lama = "" if pdf_is_current(y, int(y.name)) else "; versi lama, belum memuat perubahan terakhir"
            links.append(f'<a href="{y.name}/{pdf.name}" type="application/pdf">Unduh PDF</a>'
                         f' <span class="ket">({_size(pdf)}{lama})</span>')
        if (y / "qa.html").exists():
            links.append(f'<a href="{y.name}/qa.html">Log mutu data</a>')
        final = year_status(y) == "final"
        badge = ('<span class="status final">Final</span>' if final
                 else '<span class="status draf">DRAF</span>')
        ket = "" if final else '<div class="ket">Belum final: angka dan teks masih dapat berubah.</div>'
        items.append(f'<li class="{"final" if final else "draf"}"><h3>Tahun {e(y.name)}</h3>{badge}{ket}'
                     f'<div class="ket">{e(title)}</div><div>{"".join(links)}</div>{triwulan}</li>')
        if not unit:
            unit = title.split(" Tahun ")[0].replace("Laporan Kinerja ", "")
    body = "\n".join(items) if items else "<li>Belum ada laporan yang disusun.</li>"
    heading = f"Laporan Kinerja {unit}" if unit else "Laporan Kinerja"
    return (
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{e(heading)}</title><style>{LANDING_CSS}</style></head><body>"
        f"<header><div class=\"wrap\"><h1>{e(heading)}</h1>"
        "<p>Laporan Kinerja Instansi Pemerintah (LKjIP) per tahun anggaran</p></div></header>"
        "<main><div class=\"wrap\"><h2>Tahun anggaran</h2>"
        f"<ul class=\"tahun\">{body}</ul></div></main>"
        "<footer><div class=\"wrap\">Setiap laporan tersedia sebagai situs dan sebagai PDF; "
        "data setiap tabel dapat diunduh (CSV, Excel) dari halaman tabelnya.</div></footer>"
        "</body></html>\n")


def _reproducible_bytes(wb) -> bytes:
    """A workbook's file such that the same table gives the same bytes: openpyxl stamps
    the save time into docProps/core.xml and every zip entry, which would make each
    build's sources differ (and Sphinx rebuild every page)."""
    import zipfile

    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              rb"\g<1>2000-01-01T00:00:00Z\3", data)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def write_landing(build_root: Path) -> None:
    write_atomic(build_root / "index.html", landing_html(build_root))
    link_years(build_root)
