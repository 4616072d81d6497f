"""The report's data for download: every table and every chart as CSV and Excel, and one
zip with all of them and a README naming each file's columns and units.

A table's cells are the figures as the report prints them ("63,9%", "Rp 1.234", "12 Layanan");
the downloads hold them as numbers:

- CSV: a dot decimal and no thousands separator (``63.9``, ``1234``); the unit goes into the
  column's header when the column has one ("Capaian (%)", "Pagu (Rp)"), or into a column of its
  own beside it when the column mixes units ("Target" and "Target - satuan": ``75`` and ``%``,
  ``12`` and ``Layanan``); "-" and "belum tersedia" are an empty cell; a text in a column of
  numbers (a note) goes to the unit column, so the number column holds numbers only;
- Excel: one typed cell per cell of the table, shown as the report shows it (a percent is the
  fraction with a % format, a count with its unit in the cell's number format).
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

# a figure as lkjip prints it (lkjip.core.fmt): dots group thousands, the comma is the decimal mark
_ANGKA = r"-?(?:\d{1,3}(?:\.\d{3})+|[1-9]\d*|0)(?:,\d+)?"
_NUM = re.compile(rf"^(Rp\s?)?({_ANGKA})(\s?%)?$")
# a count with its unit, as the PK prints targets ("12 Layanan", "50 Instansi Pemerintah")
_NUM_SATUAN = re.compile(rf"^({_ANGKA})\s+([A-Za-z][A-Za-z/.()\- ]{{0,40}})$")
KOSONG = {"", "-", "\u2013", "\u2014", "belum tersedia"}


@dataclass(frozen=True)
class Sel:
    """One cell of a table read back as data: ``nilai`` (int or float, None for text or
    nothing), ``satuan`` ("%", "Rp", a unit word, "" for a plain number) and ``desimal``."""

    teks: str
    nilai: float | int | None = None
    satuan: str = ""
    desimal: int = 0

    @property
    def angka(self) -> bool:
        return self.nilai is not None

    @property
    def kosong(self) -> bool:
        return self.nilai is None and self.teks.strip() in KOSONG

    def csv(self) -> str:
        """The number with a dot decimal, as many decimals as printed."""
        if self.nilai is None:
            return ""
        return f"{self.nilai:.{self.desimal}f}" if self.desimal else str(int(self.nilai))


def _baca_angka(num: str) -> tuple[float | int, int]:
    dec = len(num.split(",")[1]) if "," in num else 0
    x = float(num.replace(".", "").replace(",", "."))
    return (x if dec else int(x)), dec


def sel(teks) -> Sel:
    """The cell ``teks`` (text as the report prints it) as data."""
    s = " ".join(str(teks if teks is not None else "").split())
    m = _NUM.match(s)
    if m:
        rp, num, pct = m.groups()
        if not rp and not pct and re.fullmatch(r"0\d+", num):
            return Sel(s)  # "001": a code, not a number
        x, dec = _baca_angka(num)
        return Sel(s, x, "%" if pct else "Rp" if rp else "", dec)
    m = _NUM_SATUAN.match(s)
    if m:
        x, dec = _baca_angka(m.group(1))
        return Sel(s, x, m.group(2).strip(), dec)
    return Sel(s)


def excel(teks) -> tuple[object, str | None]:
    """A cell as Excel should hold it: the value and its number format (None: text)."""
    c = sel(teks)
    if not c.angka:
        return c.teks, None
    zeros = ("." + "0" * c.desimal) if c.desimal else ""
    if c.satuan == "%":
        return round(c.nilai / 100, c.desimal + 2), f"0{zeros}%"
    if c.satuan == "Rp":
        return c.nilai, f'"Rp "#,##0{zeros}'
    base = f"#,##0{zeros}" if abs(c.nilai) >= 10000 or c.desimal else "0"
    if c.satuan:
        return c.nilai, base + ' "' + c.satuan.replace('"', "") + '"'
    return c.nilai, base


@dataclass
class Kolom:
    """How one column of a table goes into the CSV: its header, and the header of the unit
    column beside it (None: none)."""

    judul: str
    angka: bool
    satuan_kolom: str | None = None
    keterangan: str = ""  # the README's words on the column


def rencana_kolom(kolom: list[str], sel_sel: list[list[Sel]]) -> list[Kolom]:
    out = []
    for j, k in enumerate(kolom):
        col = [r[j] for r in sel_sel if j < len(r)]
        nums = [c for c in col if c.angka]
        # a column of numbers: most of its filled cells are numbers (a year, a row number's
        # "1." and a note stay text in a column of text)
        isi = [c for c in col if not c.kosong]
        if not nums or len(nums) * 2 < len(isi):
            out.append(Kolom(str(k), False, keterangan="teks"))
            continue
        satuan = {c.satuan for c in nums}
        teks_lain = any(not c.angka and not c.kosong for c in col)
        if len(satuan) == 1 and not teks_lain:
            u = satuan.pop()
            judul = f"{k} ({u})" if u and not str(k).rstrip().endswith(f"({u})") else str(k)
            ket = f"angka, satuan {u}" if u else "angka"
            out.append(Kolom(judul, True, keterangan=ket))
        else:
            out.append(Kolom(str(k), True, f"{k} - satuan",
                             keterangan=f"angka; satuannya (atau keterangan) di kolom '{k} - satuan'"))
    return out


def tabel_csv(kolom: list[str], baris: list[list[str]]) -> tuple[str, list[Kolom]]:
    """A table as CSV text (see the module's docstring) and the plan of its columns."""
    sel_sel = [[sel(c) for c in r] for r in baris]
    plan = rencana_kolom(kolom, sel_sel)
    header = []
    for k in plan:
        header += [k.judul] + ([k.satuan_kolom] if k.satuan_kolom else [])
    rows = []
    for r in sel_sel:
        row = []
        for j, k in enumerate(plan):
            c = r[j] if j < len(r) else Sel("")
            if not k.angka:
                row.append(c.teks)
                continue
            row.append(c.csv())
            if k.satuan_kolom:
                row.append(c.satuan if c.angka else ("" if c.kosong else c.teks))
        rows.append(row)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue(), plan


def grafik_csv(g: dict) -> tuple[str, list[Kolom]]:
    """A chart's data (the ``data`` of its metadata: categories, series, unit) as CSV."""
    from lkjip.laporan.grafik import judul_seri

    d = g.get("data") or {}
    kat_judul = d.get("kategori_judul") or "Kategori"
    seri = d.get("seri") or {}
    satuan = d.get("satuan") or ""
    kel = d.get("kelompok") or {}
    plan = [Kolom(kel["judul"], False, keterangan="teks")] if kel else []
    plan += [Kolom(kat_judul, False, keterangan="teks")]
    plan += [Kolom(judul_seri(str(n), satuan), True,
                   keterangan=f"angka, satuan {satuan}" if satuan else "angka") for n in seri]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([k.judul for k in plan])
    for i, kat in enumerate(d.get("kategori") or []):
        row = ([kel["nilai"][i]] if kel else []) + [kat]
        for vals in seri.values():
            v = vals[i] if i < len(vals) else None
            row.append("" if v is None else _teks_titik(v))
        w.writerow(row)
    return buf.getvalue(), plan


def _teks_titik(v) -> str:
    x = float(v)
    return str(int(x)) if x.is_integer() else repr(round(x, 6))


def grafik_baris(g: dict) -> tuple[list[str], list[list[str]]]:
    """A chart's data as the columns and rows of a table (for its workbook)."""
    from lkjip.laporan.grafik import judul_seri

    d = g.get("data") or {}
    seri = d.get("seri") or {}
    satuan = d.get("satuan") or ""
    kel = d.get("kelompok") or {}
    kolom = ([kel["judul"]] if kel else []) + [d.get("kategori_judul") or "Kategori"]
    kolom += [judul_seri(str(n), satuan) for n in seri]
    rows = []
    for i, kat in enumerate(d.get("kategori") or []):
        rows.append(([kel["nilai"][i]] if kel else []) + [kat] + [None if i >= len(v) or v[i] is None else float(v[i]) for v in seri.values()])
    return kolom, rows


def readme(tahun, judul_laporan: str, entri: list[tuple[str, str, str, list[Kolom]]]) -> str:
    """README.txt of the zip: what each file holds, its columns and their units.
    ``entri``: (file, title, source, columns)."""
    lines = [judul_laporan, "=" * len(judul_laporan), "",
             "Berkas ini memuat data setiap tabel dan grafik laporan, masing-masing sebagai CSV",
             "(UTF-8, pemisah koma) dan Excel (.xlsx).", "",
             "Cara membaca CSV:",
             "- angka ditulis dengan titik desimal tanpa pemisah ribuan (63.9 berarti 63,9);",
             "- satuan kolom tertulis di judul kolom, misalnya 'Capaian (%)' atau 'Pagu (Rp)';",
             "- kolom yang satuannya berbeda per baris diikuti kolom '<nama kolom> - satuan'",
             "  (misalnya Target 75 dengan satuan %, Target 12 dengan satuan Layanan);",
             "  keterangan berupa teks di kolom angka juga ditulis di kolom satuan itu;",
             "- sel kosong: belum tersedia atau tidak ada;",
             "- persen ditulis sebagai angka persen (63.9 = 63,9%); di Excel persen disimpan sebagai",
             "  pecahan dengan format persen (0,639 tampil 63,9%).",
             "", "Daftar berkas", "-------------", ""]
    for berkas, judul, sumber, plan in entri:
        lines.append(f"{berkas}: {judul}")
        if sumber:
            lines.append(f"  Sumber data: {sumber}")
        for k in plan:
            lines.append(f"  - {k.judul}: {k.keterangan}")
            if k.satuan_kolom:
                lines.append(f"  - {k.satuan_kolom}: satuan atau keterangan kolom sebelumnya")
        lines.append("")
    return "\n".join(lines)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (name -> bytes) whose bytes depend on the files alone (fixed dates)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files, key=lambda n: (n != "README.txt", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    return out.getvalue()


_FIGURE_IMG = re.compile(r'(<figure[^>]*\bid="([^"]+)"[^>]*>(?:(?!</figure>).)*?<img\b)(?![^>]*aria-describedby)', re.S)


def hubungkan_deskripsi(page: str) -> str:
    """Each chart's image described by its data table (``aria-describedby="data-<label>"``),
    where the page has that table (:meth:`lkjip.laporan.grafik.Grafik.tabel_data_html`)."""
    def sub(m):
        target = f"data-{m.group(2)}"
        return f'{m.group(1)} aria-describedby="{target}"' if f'id="{target}"' in page else m.group(0)

    return _FIGURE_IMG.sub(sub, page)
