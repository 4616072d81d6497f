"""`lkjip check`: validate a year's data completely and audit the figures the source states.

What is checked, in one pass, every problem collected before anything is reported:

- first the strict form of every file the year's build reads (lkjip.data.ketat): duplicated or
  empty CSV headers, duplicated YAML keys, YAML aliases, oversized documents, paths from data
  that leave the year's folder, symlinks out; when one is found nothing else reads the data;
- every data file of the year (data.load_year: columns, types, units, ranges, required
  values, duplicates, references between files);
- ``dinyatakan.csv`` (its columns, numbers, and that every key names something that exists);
- every narrative file (``data/<year>/narasi/*.md`` and the Renstra period's ``*.md``),
  rendered with the same context the notebooks use, so a placeholder naming an unknown
  value is found before a build;
- the tables beyond the PK with the rules of the modules that read them (``PERIKSA_DATA``:
  lkjip.data.pelengkap, Bab III.1's supporting tables in lkjip.laporan.bab3);
- the text cells of CSV files that a chapter renders as templates (``SUMBER_SEL``: the
  Prioritas Nasional's ``uraian``), in the same sandbox (lkjip.data.templat);
- then the audit (lkjip.check.audit): every stated figure recomputed. Disagreements are warnings,
  as is a realisasi anggaran above its pagu (``peringatan``).

Problems are errors (exit non-zero; ``lkjip build`` stops before it starts). The result
is printed and written as the analyst's quality log ``build/<year>/qa.html``.
"""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lkjip.check.audit import HasilAudit, audit, baca_dinyatakan
from lkjip.data.pk import load_year
from lkjip.data.berkas import write_atomic
from lkjip.data.narasi import tempat_narasi
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, Problem
from lkjip.core.model import TahunData


@dataclass
class Pemeriksaan:
    """The result of checking one year."""

    tahun: int
    masalah: list[Problem] = field(default_factory=list)
    audit: HasilAudit | None = None
    narasi: list[str] = field(default_factory=list)  # narrative files rendered
    data: TahunData | None = None
    belum_diisi: list[str] = field(default_factory=list)  # what a valid year still lacks
    sidik: str = ""  # SHA-256 over the year's input files: which data this log describes
    angka_diketik: list = field(default_factory=list)  # AngkaDiketik: numbers typed into the prose (warnings)
    peringatan: list[Problem] = field(default_factory=list)  # data that is valid but suspicious (warnings)
    catatan_susun: list[str] = field(default_factory=list)  # build notes kept off the pages (lkjip build)

    @property
    def valid(self) -> bool:
        return not self.masalah


# --------------------------------------------------------------------------- narrative

SumberNarasi = Callable[[object], Iterable[tuple[Path, dict]]]


def _narasi_dasar(lap) -> Iterable[tuple[Path, dict]]:
    """The prose blocks ``Laporan.narasi(name)`` reads, with the context it renders them with."""
    # the places Laporan.narasi looks in (the Renstra period's only when one covers the year)
    dirs = tempat_narasi(lap.proyek, lap.tahun, lap.org.renstra, periode=lap.periode.kode)
    ctx = lap.context()
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.glob("*.md")):
                yield p, ctx


def _narasi_bab3(lap) -> Iterable[tuple[Path, dict]]:
    """Bab III.1's prose (lkjip/bab3.py, when the report has it): each sasaran's blocks
    with that sasaran's context (a shared template once per sasaran), and the opening."""
    if not callable(getattr(lap, "bab3", None)):
        return
    import importlib

    bagian = getattr(importlib.import_module("lkjip.laporan.bab3"), "BAGIAN", None)
    b = lap.bab3()
    if bagian is None or not callable(getattr(b, "berkas", None)):
        return
    for s in lap.data.sasaran:
        ctx = None  # built once per sasaran, not per file
        for n, slug in bagian:
            p = b.berkas(s, n, slug)
            if p is not None:
                ctx = ctx or b.context(s)
                yield p, ctx
    from lkjip.data.lampiran import berkas_prosa

    p = berkas_prosa(lap.tahun, None, "pengantar_bab", lap.root, lap.periode.kode)
    if p is not None:
        yield p, b.context(None)


def _narasi_umum(lap) -> Iterable[tuple[Path, dict]]:
    """The other chapters' prose (lkjip/bab_umum.py): data/<tahun>/narasi/umum/*.md."""
    from lkjip.laporan.bab_umum import sumber_narasi

    return sumber_narasi(lap)


SUMBER_NARASI: list[SumberNarasi] = [_narasi_dasar, _narasi_bab3, _narasi_umum]
"""Where the narrative files are and their rendering context. A chapter module with its
own prose (and its own context) adds a function here, so `check` renders its files too."""


def periksa_narasi(data: TahunData, root: Path, periode: str | None = None) -> tuple[list[str], list[Problem]]:
    """Every prose file rendered as the report renders it; a quarterly report's (``periode``
    tw1..tw4) with the quarter's files and figures."""
    from lkjip.laporan.konteks import Laporan  # presentation layer: imported only when checking prose
    from lkjip.data.narasi import render_file

    lap = Laporan(data.tahun, root, periode=periode)
    seen, problems = [], []
    for sumber in SUMBER_NARASI:
        for path, ctx in sumber(lap):
            rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            if rel not in seen:
                seen.append(rel)
            try:
                render_file(path, ctx, root)
            except DataValidationError as e:
                problems += e.problems
            except UnicodeDecodeError:
                problems.append(Problem(rel, None, None, None,
                                        "file harus disimpan sebagai UTF-8 (tampaknya Windows-1252/ANSI); "
                                        "simpan ulang dengan encoding UTF-8", "encoding"))
    for sel in SUMBER_SEL:
        problems += sel(lap, root)
    return seen, list(dict.fromkeys(problems))


def _sel_prioritas(lap, root: Path) -> list[Problem]:
    """The text cells of prioritas_nasional.csv that Tabel III.50 renders (lkjip/laporan/bab_umum.py)."""
    from lkjip.data.narasi import render_csv_cells
    from lkjip.laporan.bab_umum import Bab

    path = Proyek.temukan(root).folder_tahun(lap.tahun) / "prioritas_nasional.csv"
    if not path.is_file():
        return []
    return render_csv_cells(path, "uraian", Bab(lap.tahun, root).context(), root)


SUMBER_SEL: list[Callable[[object, Path], list[Problem]]] = [_sel_prioritas]
"""Templates inside CSV cells that a chapter renders; each function renders them as the
chapter does and returns the problems (file, line, column)."""


def periksa_angka(data: TahunData, root: Path, narasi: list[str]):
    """Numbers typed into the narrative files instead of placeholders (lkjip.check.angka_narasi),
    with the phrases the year's and the Renstra period's ``angka_tetap.yaml`` allow."""
    from lkjip.check.angka_narasi import baca_istilah, periksa_berkas

    istilah, masalah = [], []
    proyek = Proyek.temukan(root)
    tempat = [proyek.folder_tahun(data.tahun)]
    if data.organisasi.renstra:
        tempat.append(proyek.folder_renstra(data.organisasi.renstra))
    for d in tempat:
        i, m = baca_istilah(d / "angka_tetap.yaml", root)
        istilah += i
        masalah += m
    if data.organisasi.renstra:  # the period's name ("2020-2024") is a name, not a figure
        istilah.append(data.organisasi.renstra)
    return periksa_berkas([root / n for n in narasi], root, data.tahun, istilah), masalah


# --------------------------------------------------------------------------- checking


def _data_pelengkap(data: TahunData, root: Path) -> list[Problem]:
    """The year's tables beyond the PK (budget, IKPA, Tarja, complaints ...: lkjip.data.pelengkap)."""
    from lkjip.data.pelengkap import load_pelengkap

    try:
        load_pelengkap(data.tahun, root, {i.id for i in data.indikator})
    except DataValidationError as e:
        return e.problems
    return []


def _data_bab3(data: TahunData, root: Path) -> list[Problem]:
    """Bab III.1's supporting tables declared in data/<tahun>/bab3/lampiran.yaml (lkjip.laporan.bab3)."""
    from lkjip.data.lampiran import periksa_lampiran

    return periksa_lampiran(data.tahun, root, {i.kode for i in data.indikator})


def _data_umum(data: TahunData, root: Path) -> list[Problem]:
    """umum.yaml (lkjip.data.umum)."""
    from lkjip.data.umum import periksa_umum

    return periksa_umum(data.tahun, root)


def _data_grafik(data: TahunData, root: Path) -> list[Problem]:
    """grafik.yaml, how the year's charts look (lkjip.data.grafik)."""
    from lkjip.data.grafik import periksa_gaya

    return periksa_gaya(data.tahun, root)


def _data_triwulan(data: TahunData, root: Path) -> list[Problem]:
    """triwulan.csv, the quarterly figures (lkjip.data.triwulan), whenever the year has it."""
    from lkjip.data.triwulan import baca

    try:
        baca(data, root)
    except DataValidationError as e:
        return e.problems
    return []


def _data_buku(data: TahunData, root: Path) -> list[Problem]:
    """buku.yaml, the year's chapters and parts (lkjip.data.buku)."""
    from lkjip.data.buku import periksa_buku

    return periksa_buku(data.tahun, root)


def _data_tahun_lalu(data: TahunData, root: Path) -> list[Problem]:
    """A past year's figures given twice, by data/riwayat.csv and data/<year>/, that differ
    (lkjip.data.pembanding.sumber_ganda: both places named); the Renstra period's tampilan.yaml."""
    from lkjip.data.pembanding import baca_tampilan, sumber_ganda

    out = sumber_ganda(data, root)
    try:
        baca_tampilan(data.organisasi.renstra, root)
    except DataValidationError as e:
        out += e.problems
    return out


PERIKSA_DATA: list[Callable[[TahunData, Path], list[Problem]]] = [_data_pelengkap, _data_bab3, _data_umum,
                                                                   _data_grafik, _data_triwulan, _data_buku,
                                                                   _data_tahun_lalu]
"""The data files beyond the PK, each with the rules of the module that reads it; checked
after the PK files are valid. A chapter module with tables of its own adds a function here."""


def berkas_ketat(year: int, root: Path) -> list[Problem]:
    """The strict reading of every file the year's build reads (lkjip.data.ketat)."""
    from lkjip.data.ketat import berkas_data, periksa_berkas, periksa_jalur

    ydir = Proyek.temukan(root).folder_tahun(year)
    if not ydir.is_dir():
        return []  # load_year says which years there are

    def rel(p: Path) -> str:
        return str(p.relative_to(root)) if p.is_relative_to(root) else str(p)

    return periksa_berkas(berkas_data(ydir), rel) + periksa_jalur(ydir, rel)


def peringatan_anggaran(data: TahunData, root: Path) -> list[Problem]:
    """Realisasi anggaran above its pagu (lkjip.data.pelengkap.peringatan_anggaran): a warning."""
    from lkjip.data.pelengkap import peringatan_anggaran as periksa_pagu

    return periksa_pagu(data.tahun, root)


def sidik_data(year: int, root: Path) -> str:
    """A fingerprint of the inputs of a year (its folder, history, Renstra): the quality
    log says which data it describes, without a clock time that would differ per run."""
    h = hashlib.sha256()
    droot = Proyek.temukan(root).data
    files = [p for p in sorted((droot / str(year)).rglob("*")) if p.is_file()]
    files += [p for p in sorted(droot.glob("*.csv")) if p.is_file()]
    files += [p for p in sorted((droot / "renstra").rglob("*")) if p.is_file()]
    for p in files:
        h.update(str(p.relative_to(droot)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def periksa(year: int, root: Path | None = None, periode: str | None = None) -> Pemeriksaan:
    """Check one year: every problem and the audit. Never raises for bad data. With ``periode``
    (tw1..tw4) the prose is rendered as the quarter's report renders it (its own files first)."""
    root = Proyek.temukan(root).akar
    hasil = Pemeriksaan(int(year))
    # strict form first (duplicated headers and keys, YAML aliases, paths leaving the folder):
    # every later reader would read such a file silently wrong, or expand it without end
    hasil.masalah += berkas_ketat(int(year), root)
    if hasil.masalah:
        return hasil
    try:
        data = load_year(year, root)
    except DataValidationError as e:
        hasil.masalah += e.problems
        # the form of dinyatakan.csv can still be checked without the rest
        hasil.masalah += baca_dinyatakan(year, root)[1]
        return hasil
    hasil.data = data
    for pemeriksa in PERIKSA_DATA:
        hasil.masalah += pemeriksa(data, root)
    if hasil.masalah:  # the audit and the prose read these tables: they would trip on the same data
        hasil.masalah += baca_dinyatakan(year, root)[1]
        return hasil
    hasil.audit, masalah = audit(data, root)
    hasil.masalah += masalah
    hasil.narasi, masalah = periksa_narasi(data, root, periode)
    hasil.masalah += masalah
    hasil.angka_diketik, masalah = periksa_angka(data, root, hasil.narasi)
    hasil.masalah += masalah
    from lkjip.check.kelengkapan import belum_diisi

    hasil.belum_diisi = belum_diisi(data)
    hasil.peringatan = peringatan_anggaran(data, root)
    hasil.sidik = sidik_data(int(year), root)
    return hasil


def validasi(year: int, root: Path | None = None, periode: str | None = None) -> Pemeriksaan:
    """What `lkjip build` runs first: the complete check; raises DataValidationError
    listing every problem."""
    hasil = periksa(year, root, periode)
    if hasil.masalah:
        raise DataValidationError(hasil.masalah)
    return hasil


# --------------------------------------------------------------------------- reporting


def ringkasan(hasil: Pemeriksaan) -> list[str]:
    """The terminal report: one line per problem (errors) and per distinct disagreement."""
    lines = [f"Pemeriksaan data tahun {hasil.tahun}"]
    if hasil.masalah:
        lines.append(f"Data tidak valid: {len(hasil.masalah)} masalah ditemukan.")
        lines += [f"  GALAT {p}" for p in hasil.masalah]
        return lines
    lines.append(f"Validasi: data valid; {len(hasil.narasi)} berkas narasi diperiksa.")
    if hasil.peringatan:
        lines.append(f"Peringatan data: {len(hasil.peringatan)}.")
        lines += [f"  PERINGATAN {p}" for p in hasil.peringatan]
    if hasil.angka_diketik:
        lines.append(f"Narasi: {len(hasil.angka_diketik)} angka diketik langsung (seharusnya dari data, "
                     "mis. {{ fakta.<kunci> }}; frasa yang memang bukan angka data: angka_tetap.yaml).")
        lines += [f"  PERINGATAN {a}" for a in hasil.angka_diketik]
    else:
        lines.append("Narasi: tidak ada angka yang diketik langsung; setiap angka berasal dari data.")
    a = hasil.audit
    if a is None or not a.berkas:
        lines.append("Audit: tidak ada dinyatakan.csv untuk tahun ini; tidak ada angka tertulis yang dibandingkan.")
        return lines
    groups = a.distinct()
    lines.append(f"Audit {a.berkas}: {a.diperiksa} angka tertulis diperiksa, {a.cocok} cocok, "
                 f"{len(a.selisih)} berbeda ({len(groups)} perbedaan yang berlainan).")
    for besaran, _, _, items in groups:
        s = items[0]
        where = "; ".join(f"{x.lokasi} (baris {x.pernyataan.baris})" for x in items)
        lines.append(f"  PERINGATAN {besaran}: tertulis {_t(s.tertulis)}, dihitung {s.teks_dihitung()} "
                     f"— {len(items)} tempat: {where}")
    return lines


def _t(d) -> str:
    from lkjip.check.audit import teks_angka

    return teks_angka(d)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2} td.n{text-align:right;white-space:nowrap}
.ok{color:#1a7f37}.warn{color:#9a6700}.err{color:#cf222e} code{font-size:.85rem}
"""


def qa_html(hasil: Pemeriksaan) -> str:
    """The quality log as a readable, self-contained HTML page; every text from data escaped."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="id"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Log mutu data tahun {hasil.tahun}</title><style>{_CSS}</style></head><body>",
           f"<h1>Log mutu data: Laporan Kinerja tahun {hasil.tahun}</h1>"]
    if hasil.sidik:
        out.append(f"<p>Data yang diperiksa (sidik SHA-256): <code>{e(hasil.sidik)}</code></p>")
    out.append("<h2>Validasi</h2>")
    if hasil.masalah:
        out.append(f'<p class="err">Data tidak valid: {len(hasil.masalah)} masalah.</p>')
        out.append("<table><thead><tr><th>No.</th><th>Berkas</th><th>Baris</th><th>Kolom</th><th>Nilai</th>"
                   "<th>Masalah</th></tr></thead><tbody>")
        for i, p in enumerate(hasil.masalah, 1):
            out.append(f'<tr><td class="n">{i}</td><td>{e(p.file)}</td><td class="n">{"" if p.row is None else p.row}'
                       f"</td><td>{e(p.column or '')}</td><td>{e(p.value or '')}</td><td>{e(p.expected)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append(f'<p class="ok">Data valid. Berkas narasi yang diperiksa ({len(hasil.narasi)}): '
                   + ", ".join(f"<code>{e(n)}</code>" for n in hasil.narasi) + ".</p>")
    if hasil.peringatan:
        out.append(f'<h3>Peringatan data</h3><p class="warn">{len(hasil.peringatan)} nilai sah tetapi patut '
                   "diperiksa.</p><table><thead><tr><th>Berkas</th><th>Kolom</th><th>Nilai</th><th>Peringatan</th>"
                   "</tr></thead><tbody>")
        for p in hasil.peringatan:
            out.append(f"<tr><td>{e(p.file)}</td><td>{e(p.column or '')}</td><td class=\"n\">{e(p.value or '')}</td>"
                       f"<td>{e(p.expected)}</td></tr>")
        out.append("</tbody></table>")
    if hasil.angka_diketik:
        out.append(f'<h3>Angka yang diketik di narasi</h3><p class="warn">{len(hasil.angka_diketik)} angka diketik '
                   "langsung di narasi; gantilah dengan penanda dari data (mis. <code>{{ fakta.&lt;kunci&gt; }}</code>) "
                   "atau, bila frasa itu nama/istilah, daftarkan di <code>angka_tetap.yaml</code> beserta alasannya.</p>"
                   "<table><thead><tr><th>Berkas</th><th>Baris</th><th>Angka</th><th>Konteks</th></tr></thead><tbody>")
        for a in hasil.angka_diketik:
            out.append(f'<tr><td>{e(a.berkas)}</td><td class="n">{a.baris}</td><td class="n">{e(a.angka)}</td>'
                       f"<td>{e(a.konteks)}</td></tr>")
        out.append("</tbody></table>")
    if hasil.belum_diisi:
        out.append("<h3>Belum diisi</h3><p>Laporan menulis &#8220;belum tersedia&#8221; untuk:</p><ul>"
                   + "".join(f"<li>{e(t)}</li>" for t in hasil.belum_diisi) + "</ul>")
    if hasil.catatan_susun:
        out.append("<h3>Catatan penyusunan</h3><p>Catatan untuk penyusun, tidak dimuat di situs maupun PDF:</p><ul>"
                   + "".join(f"<li>{e(t)}</li>" for t in hasil.catatan_susun) + "</ul>")
    a = hasil.audit
    out.append("<h2>Audit angka yang dinyatakan</h2>")
    if a is None or not a.berkas:
        out.append("<p>Tidak ada <code>dinyatakan.csv</code> untuk tahun ini.</p>")
    else:
        groups = a.distinct()
        out.append(f"<p>Sumber: <code>{e(a.berkas)}</code>. {a.diperiksa} angka tertulis diperiksa: "
                   f'<span class="ok">{a.cocok} cocok</span>, <span class="warn">{len(a.selisih)} berbeda</span> '
                   f"({len(groups)} perbedaan yang berlainan). Angka dibandingkan pada ketelitian tercetak; "
                   "laporan selalu memakai angka yang dihitung dari data.</p>")
        if groups:
            out.append("<h3>Ringkasan perbedaan</h3><table><thead><tr><th>Besaran</th><th>Tertulis</th>"
                       "<th>Dihitung</th><th>Jumlah tempat</th></tr></thead><tbody>")
            for besaran, _, _, items in groups:
                s = items[0]
                out.append(f"<tr><td><code>{e(besaran)}</code></td><td class=\"n\">{e(_t(s.tertulis))}</td>"
                           f"<td>{e(s.teks_dihitung())}</td><td class=\"n\">{len(items)}</td></tr>")
            out.append("</tbody></table>")
            out.append("<h3>Setiap perbedaan</h3><table><thead><tr><th>Baris</th><th>Lokasi</th><th>Besaran</th>"
                       "<th>Tertulis</th><th>Dihitung</th><th>Catatan</th></tr></thead><tbody>")
            for s in a.selisih:
                p = s.pernyataan
                out.append(f'<tr><td class="n">{p.baris}</td><td>{e(p.lokasi)}</td><td><code>{e(p.besaran)}</code></td>'
                           f'<td class="n">{e(_t(p.tertulis))}</td><td>{e(s.teks_dihitung())}</td>'
                           f"<td>{e(p.catatan)}</td></tr>")
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def tulis_qa(hasil: Pemeriksaan, path: Path) -> Path:
    """Write the quality log atomically (a temporary file in the same folder, then a rename)."""
    return write_atomic(path, qa_html(hasil))


__all__ = ["Pemeriksaan", "PERIKSA_DATA", "SUMBER_NARASI", "periksa", "validasi", "ringkasan", "qa_html", "tulis_qa"]
