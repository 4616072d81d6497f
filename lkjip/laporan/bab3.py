"""Bab III.1 Capaian Kinerja Organisasi: one section per sasaran of the year's PK.

The chapter's structure comes from data:

- ``data/<tahun>/bab3/<sasaran id>/<n>_<slug>.md``: the prose of a sasaran, one file for
  its introduction (``0_pengantar``) and one per analysis (1 target-realisasi ... 6 kegiatan
  yang menunjang). A sasaran without its own file uses ``data/templat/bab3/<n>_<slug>.md``.
- Inside the prose, Jinja2 placeholders give every figure (``{{ ind['IKK-9.1'].realisasi }}``)
  and place the tables, charts and photos: ``{{ tabel('capaian') }}``,
  ``{{ tabel('tahun_sebelumnya') }}``, ``{{ tabel('jangka_menengah') }}``, ``{{ rumus() }}``,
  ``{{ tabel('<kunci>') }}`` / ``{{ grafik('<kunci>') }}`` / ``{{ gambar('<kunci>') }}`` for the
  supporting tables, charts and photos declared in ``data/<tahun>/bab3/lampiran.yaml``.
- Numbers (Tabel III.n, Grafik III.n, Gambar III.n) are computed once from the plan of the
  whole chapter (every sasaran's files in PK order), so each per-sasaran notebook numbers
  its tables the same way whatever order the notebooks run in.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from lkjip.core import angka, fmt
from lkjip.core.malas import Malas
from lkjip.data.buku import baca_buku
from lkjip.data.lampiran import baca_lampiran, berkas_prosa, teks
from lkjip.data.triwulan import tahun_lalu
from lkjip.data.narasi import render_file
from lkjip.core.compute import Hasil, capaian_dari, jumlah, persen, selisih
from lkjip.errors import DataValidationError, LkjipError, Problem
from lkjip.laporan.keluaran import Markdown, NilaiIndikator as NilaiLaporan
from lkjip.laporan.segar import Segar
from lkjip.core.gaya import GayaGrafik
from lkjip.core.model import TINGKAT, TINGKAT_LABEL, Sasaran
from lkjip.core.rumus import rumus_latex, rumus_sebagian
from lkjip.laporan.tabel import Mentah, Tabel, md_escape

PAGE = "bab3_sasaran"  # the notebook of a sasaran's page, whose parts the book plan lists
BAGIAN = (
    (0, "pengantar"),
    (1, "target_realisasi"),
    (2, "tahun_sebelumnya"),
    (3, "jangka_menengah"),
    (4, "standar_nasional"),
    (5, "penyebab"),
    (6, "kegiatan"),
)
TABEL_BAWAAN = ("capaian", "tahun_sebelumnya", "jangka_menengah")
RINGKASAN_SUFIKS = {"strategis": " (IKU Kementerian)", "program": " (IKU {singkat})", "kegiatan": ""}

_PENANDA = re.compile(r"\b(tabel|grafik|gambar)\(\s*['\"]([^'\"]+)['\"]\s*\)")
_SENTINEL = re.compile(r"@@LKJIP:(tabel|grafik|gambar|rumus):([^@]*)@@")


def judul_sasaran(sasaran: list[Sasaran], s: Sasaran, singkat: str) -> str:
    """The heading of a sasaran's section: '<Sasaran Kegiatan> 1 <short name>'; the number is
    given only when the PK has more than one sasaran of that level."""
    same = [x for x in sasaran if x.tingkat == s.tingkat]
    nomor = f" {s.nomor}" if len(same) > 1 else ""
    return f"{TINGKAT_LABEL[s.tingkat].sasaran}{nomor} {singkat}"


class _Nilai(NilaiLaporan):
    """Formatted figures of one indicator for Bab III.1's prose: those of every chapter
    (lkjip.laporan.konteks), the components, the previous year and the change between them."""

    def __init__(self, h: Hasil, lalu, tahun: int):
        super().__init__(h)
        i = h.indikator
        self.target = fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target))  # as the PK writes it
        self.realisasi_angka = fmt.angka(h.realisasi, i.desimal)  # without the unit
        kom = {k.peran: k for k in i.komponen}
        self.pembilang = fmt.angka(kom["pembilang"].nilai, fmt.desimal_ditulis(kom["pembilang"].nilai)) if "pembilang" in kom else fmt.MISSING
        self.penyebut = fmt.angka(kom["penyebut"].nilai, fmt.desimal_ditulis(kom["penyebut"].nilai)) if "penyebut" in kom else fmt.MISSING
        self.periode = [fmt.nilai(k.nilai, i.satuan, max(fmt.desimal_ditulis(k.nilai), i.desimal))
                        for k in i.komponen if k.peran == "periode"]
        self.tahun_lalu = tahun - 1
        if lalu is not None and lalu.realisasi is not None:
            d = selisih(h.realisasi, lalu.realisasi, max(i.desimal, fmt.desimal_ditulis(lalu.realisasi)))
            self.lalu_target = fmt.nilai(lalu.target, i.satuan, fmt.desimal_ditulis(lalu.target)) if lalu.target is not None else fmt.MISSING
            self.lalu_realisasi = fmt.nilai(lalu.realisasi, i.satuan, fmt.desimal_ditulis(lalu.realisasi))
            self.lalu_capaian = fmt.persen(capaian_dari(lalu.target, lalu.realisasi, i.arah, i.desimal_capaian),
                                           i.desimal_capaian)
        else:
            d = None
            self.lalu_target = self.lalu_realisasi = self.lalu_capaian = fmt.MISSING
        if d is None:
            self.perubahan, self.selisih = "belum dapat dibandingkan", fmt.MISSING
        else:
            self.perubahan = "kenaikan" if d > 0 else "penurunan" if d < 0 else "tidak berubah"
            self.selisih = fmt.nilai(abs(d), i.satuan, max(i.desimal, fmt.desimal_ditulis(lalu.realisasi)))
        self.tercapai = h.tercapai




def _realisasi(h: Hasil) -> str:
    """The realisasi as a table cell: the figure, "belum lengkap (2 dari 3 periode)" while some
    inputs are entered, else "belum tersedia"."""
    i = h.indikator
    return h.realisasi_keterangan or fmt.nilai(h.realisasi, i.satuan, i.desimal)


def _lebar(kolom: list[str]) -> list[int]:
    """Default relative widths (wrapped columns in the PDF): a narrow 'No.', the rest equal."""
    n = len(kolom) - (1 if kolom and kolom[0] == "No." else 0)
    rest = [max(1, 94 // max(1, n))] * n
    return ([6] if kolom and kolom[0] == "No." else []) + rest


def _angka_id(x) -> Decimal | None:
    """A number from data or from a formatted placeholder ('1.046', '63,9'); None for a
    value that is not there yet ("belum tersedia"): lkjip.core.angka, printed form."""
    return angka.baca_cetak(x)


def _persen_dari(bagian, keseluruhan, desimal: int = 0) -> str:
    """bagian / keseluruhan x 100 as the report prints it: 41 of 514 -> '8%'."""
    return fmt.persen(persen(_angka_id(bagian), _angka_id(keseluruhan), desimal), desimal)


class Bab3(Segar):
    """Bab III.1 of one year, built on a :class:`~lkjip.laporan.konteks.Laporan`."""

    def __init__(self, lap):
        self.lap = lap
        self.data = lap.data
        self.tahun = lap.tahun
        self.root = lap.root
        self.buku = baca_buku(self.tahun, self.root)
        self.singkat = lap.org.nama_keterangan
        self.bab = self.buku.bab(PAGE) or ""  # the chapter's number ("III"), from the plan
        self.lampiran = baca_lampiran(self.tahun, self.root)
        self._mulai_segar(self.tahun, self.root, lap.penomoran, lap.periode.kode)
        self._lalu = {i.id: self._nilai(i.kode, self.tahun - 1) for i in self.data.indikator}
        self.periode = lap.periode
        # a quarterly report compares with the same quarter of the previous year where it exists
        lalu_tw = (tahun_lalu(self.tahun, self.periode.triwulan, self.root)
                   if self.periode.triwulan else None)
        self._lalu_sama_periode = lalu_tw is not None
        if lalu_tw is not None:
            self._lalu = {i.id: (lalu_tw.get(i.kode) if lalu_tw.get(i.kode) and lalu_tw[i.kode].ada else None)
                          for i in self.data.indikator}
        if lap.penomoran:  # the build's plan, made once for every page (see penomoran())
            d = json.loads(lap.penomoran)
            self.nomor = {(sid, jenis, kunci): n for sid, jenis, kunci, n in d["nomor"]}
            self._berikut = dict(d["berikut"])
        else:
            self.nomor = self._penomoran()

    # ------------------------------------------------------------------ data
    def _nilai(self, kode: str, tahun: int):
        """Another year's figures of an indicator (lkjip.data.pembanding, whose rule gives its
        target); None when nothing is known."""
        v = self.lap.pembanding.nilai(kode, tahun)
        return v if v.ada else None

    def berkas(self, s: Sasaran, n: int, slug: str) -> Path | None:
        return berkas_prosa(self.tahun, s.id, f"{n}_{slug}", self.root, self.lap.periode.kode)

    # ------------------------------------------------------------------ numbering
    def _ada(self, s: Sasaran, jenis: str, kunci: str) -> bool:
        """Whether a placed table/chart/photo is shown (and so numbered)."""
        if jenis == "tabel" and kunci == "jangka_menengah":
            return bool(self._tahun_renstra(s))
        if jenis == "tabel" and kunci in TABEL_BAWAAN:
            return bool(s.indikator)
        return True

    def _bernomor(self, jenis: str, kunci: str) -> bool:
        return jenis != "tabel" or bool(self.lampiran.tabel.get(kunci, {}).get("bernomor", True))

    def _penomoran(self) -> dict:
        n = {"tabel": 0, "grafik": 0, "gambar": 0}
        nomor: dict = {}
        for t in TINGKAT:
            if self.data.sasaran_tingkat(t):
                n["tabel"] += 1
                nomor[("ringkasan", "tabel", t)] = f"{self.bab}.{n['tabel']}"
        halaman = self.buku.cari(PAGE)
        for s in self.data.sasaran:
            for k, slug in BAGIAN:
                if k and halaman is not None and not halaman.ada(slug):
                    continue  # an analysis the book plan leaves out: its tables are not numbered
                p = self.berkas(s, k, slug)
                if p is None:
                    continue
                for m in _PENANDA.finditer(teks(p)):
                    jenis, kunci = m.group(1), m.group(2)
                    if ((s.id, jenis, kunci) in nomor or not self._ada(s, jenis, kunci)
                            or not self._bernomor(jenis, kunci)):
                        continue
                    n[jenis] += 1
                    nomor[(s.id, jenis, kunci)] = f"{self.bab}.{n[jenis]}"
        self._berikut = {k: v + 1 for k, v in n.items()}
        return nomor

    def _segarkan(self) -> None:  # (Segar) the year's report anew, then this chapter on it
        lap = type(self.lap)(*self._args)
        self.__dict__.clear()
        self.__init__(lap)

    def penomoran(self) -> str:
        """The numbering plan as data (JSON): the number of every table, chart and photo of
        III.1 and the next free ones. Making it reads every Bab III prose file, so `lkjip
        build` makes it once and hands it to every page (the notebooks' ``penomoran``
        parameter): a page then depends on the prose it shows, not on all of it."""
        return json.dumps({"nomor": [[*k, v] for k, v in self.nomor.items()], "berikut": self._berikut},
                          ensure_ascii=False, sort_keys=True)

    def nomor_berikutnya(self) -> dict:
        """The next free number of each kind after III.1 (for III.2-III.4): {'tabel': 49, ...}."""
        return dict(self._berikut)

    # ------------------------------------------------------------------ summary tables
    def tabel_ringkasan(self, tingkat: str) -> Tabel | None:
        sasaran = self.data.sasaran_tingkat(tingkat)
        if not sasaran:
            return None
        s_label = TINGKAT_LABEL[tingkat].sasaran.upper()
        i_label = TINGKAT_LABEL[tingkat].indikator_kolom.upper()
        rows = []
        for s in sasaran:
            for j, i in enumerate(s.indikator):
                h = self.lap.hasil[i.id]
                rows.append([s.uraian if j == 0 else "", i.uraian, fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)),
                             fmt.persen(h.capaian, i.desimal_capaian), self._penjelasan(h)])
        judul = (f"Capaian Target {TINGKAT_LABEL[tingkat].sasaran} {self.singkat}"
                 + RINGKASAN_SUFIKS[tingkat].format(singkat=self.singkat))
        return Tabel(panjang=True, nomor=self.nomor[("ringkasan", "tabel", tingkat)], judul=judul,
                     kolom=[s_label, i_label, "TARGET", "CAPAIAN TARGET", "PENJELASAN"] if self.periode.tahunan
                     else [s_label, i_label, "TARGET TAHUNAN", f"CAPAIAN TARGET TAHUNAN S.D. {self.periode.label.upper()}",
                           "PENJELASAN"], baris=rows,
                     label=f"tabel-iii-ringkasan-{tingkat}", lebar=[17, 20, 12, 13, 38],
                     sumber=f"Pengukuran kinerja {self.singkat} Tahun {self.tahun}")

    def tabel_ringkasan_semua(self) -> list[Tabel]:
        return [t for t in (self.tabel_ringkasan(x) for x in TINGKAT) if t is not None]

    def _penjelasan(self, h: Hasil):
        i = h.indikator
        kapan = f"tahun {self.tahun}" if self.periode.tahunan else self.periode.sampai  # "s.d. September 2023"
        if h.realisasi is None:
            sebagian = rumus_sebagian(h)
            return f"Realisasi {kapan} {sebagian}." if sebagian else f"Realisasi {kapan} belum tersedia."
        r = rumus_latex(h)
        teks = f"Realisasi {kapan} adalah sebesar {fmt.nilai(h.realisasi, i.satuan, i.desimal)}."
        if r is None:
            return teks
        return Mentah(md_escape(teks) + f" Dengan rumus: ${r}$")

    # ------------------------------------------------------------------ per-sasaran tables
    def _label(self, s: Sasaran) -> str:
        return f"{TINGKAT_LABEL[s.tingkat].indikator_judul} {self.singkat}"

    def _id(self, s: Sasaran, kunci: str) -> str:
        return f"tabel-{s.id.lower()}-{kunci.replace('_', '-')}"

    def tabel_capaian(self, s: Sasaran) -> Tabel:
        if self.periode.triwulan:
            return self._tabel_capaian_periode(s)
        rows = []
        for i in s.indikator:
            h = self.lap.hasil[i.id]
            rows.append([i.uraian, fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)),
                         _realisasi(h), fmt.persen(h.capaian, i.desimal_capaian)])
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "capaian")],
                     judul=f"Capaian Target dan Realisasi {self._label(s)} Tahun {self.tahun}",
                     kolom=["Indikator", "Target", "Realisasi", "Capaian"], baris=rows,
                     label=self._id(s, "capaian"), lebar=[52, 16, 16, 16],
                     sumber=f"Perjanjian Kinerja dan pengukuran kinerja {self.singkat} Tahun {self.tahun}")

    def _tabel_capaian_periode(self, s: Sasaran) -> Tabel:
        """A quarterly report's table: the year's and the quarter's target, the realisasi to
        date, and the capaian against each target, labelled (not yet known: "belum tersedia")."""
        tw = self.periode.label
        rows = []
        for i in s.indikator:
            h = self.lap.hasil[i.id]
            rows.append([i.uraian, fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)),
                         fmt.nilai(i.target_periode, i.satuan, fmt.desimal_ditulis(i.target_periode)),
                         fmt.nilai(h.realisasi, i.satuan, i.desimal),
                         fmt.persen(h.capaian_periode, i.desimal_capaian), fmt.persen(h.capaian, i.desimal_capaian)])
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "capaian")],
                     judul=f"Capaian Target dan Realisasi {self._label(s)} {tw} Tahun {self.tahun} "
                           f"({self.periode.sampai})",
                     kolom=["Indikator", "Target Tahunan", f"Target {tw}", f"Realisasi s.d. {tw}",
                            f"Capaian terhadap Target {tw}", "Capaian terhadap Target Tahunan"], baris=rows,
                     label=self._id(s, "capaian"), lebar=[30, 14, 14, 14, 14, 14],
                     sumber=f"Rencana Aksi Perjanjian Kinerja dan pengukuran kinerja {self.singkat} "
                            f"{tw} Tahun {self.tahun}")

    def _fmt_lalu(self, i, v, catatan: list[str] | None = None):
        """Target, realisasi, capaian of an earlier year. A realisasi given as text (e.g.
        "survei tahun 2021 ditiadakan ...") goes to the table's notes when a list is
        given: a paragraph in a narrow cell would run off the PDF page."""
        if v is None:
            return ["-", "-", "-"]
        t = fmt.nilai(v.target, i.satuan, fmt.desimal_ditulis(v.target)) if v.target is not None else "-"
        if v.realisasi is not None:
            r = fmt.nilai(v.realisasi, i.satuan, fmt.desimal_ditulis(v.realisasi))
            c = fmt.persen(capaian_dari(v.target, v.realisasi, i.arah, i.desimal_capaian), i.desimal_capaian) \
                if v.target is not None else "-"
        elif v.realisasi_teks and catatan is not None:
            catatan.append(f"Realisasi {v.tahun}: {v.realisasi_teks}")
            r, c = f"lihat catatan {len(catatan)}", "-"
        else:
            r, c = (v.realisasi_teks or "-"), "-"
        return [t, r, c]

    def tabel_tahun_sebelumnya(self, s: Sasaran) -> Tabel:
        y0, y1 = self.tahun - 1, self.tahun
        rows = []
        for i in s.indikator:
            h = self.lap.hasil[i.id]
            rows.append([i.uraian, *self._fmt_lalu(i, self._lalu[i.id]),
                         fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)), _realisasi(h),
                         fmt.persen(h.capaian, i.desimal_capaian)])
        kolom = ["Indikator"] + [f"{k} {y}" for y in (y0, y1) for k in ("Target", "Realisasi", "Capaian")]
        if self.periode.triwulan:  # this year to date; the previous year to the same quarter where known
            tw = self.periode.label
            kolom = ["Indikator"] + [f"{k} {y}" for y in (y0, y1) for k in
                                     ("Target", f"Realisasi s.d. {tw}" if y == y1 or self._lalu_sama_periode
                                      else "Realisasi", "Capaian")]
        org0 = self.lap.pembanding.organisasi(y0)  # who published the previous year's report
        singkat0 = org0.nama_keterangan if org0 is not None else self.singkat
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "tahun_sebelumnya")],
                     judul=f"Perbandingan Realisasi dan Capaian {self._label(s)} Tahun {self.tahun} "
                           "dengan Tahun Sebelumnya",
                     kolom=kolom, baris=rows, label=self._id(s, "tahun_sebelumnya"),
                     lebar=[28, 12, 12, 12, 12, 12, 12],
                     sumber=f"Laporan Kinerja {singkat0} Tahun {y0}; pengukuran kinerja Tahun {y1}")

    def _tahun_renstra(self, s: Sasaran) -> list[int]:
        """The years (columns) of s's Renstra comparison: every year of the period, or, where the
        period shows it so (data/renstra/<periode>/tampilan.yaml ``berisi``), the years up to this
        one from the first with a value for an indicator of s. Empty only when no period covers
        the year or s has no indicator: a first year of a period and an indicator new in it show
        the period's targets all the same."""
        if not self.lap.org.renstra or not s.indikator:
            return []  # no Renstra period covers the year
        start, end = (int(x) for x in self.lap.org.renstra.split("-"))
        if self.lap.pembanding.tampilan() == "berisi":
            years = [y for y in range(start, self.tahun)
                     if any(self._nilai(i.kode, y) is not None for i in s.indikator)]
            if years:
                return list(range(years[0], self.tahun + 1))
        return list(range(start, end + 1))

    def tabel_jangka_menengah(self, s: Sasaran) -> Tabel | None:
        years = self._tahun_renstra(s)
        if not years:
            return None
        akhir = int(self.lap.org.renstra.split("-")[1])
        seluruh = years[-1] == akhir and years[0] == int(self.lap.org.renstra.split("-")[0]) \
            and self.lap.pembanding.tampilan() == "semua"
        rows: list = []
        catatan: list[str] = []
        for i in s.indikator:
            row = [i.uraian]
            for y in years:
                if y == self.tahun:
                    h = self.lap.hasil[i.id]
                    row += [fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)), _realisasi(h)]
                elif y < self.tahun:
                    row += self._fmt_lalu(i, self._nilai(i.kode, y), catatan)[:2]
                else:  # a later year of the period: its Renstra target
                    row += self._fmt_lalu(i, self._nilai(i.kode, y))[:1]
            rows.append(row)
        kolom = ["Indikator"]
        for y in years:
            akhir_teks = " (akhir Renstra)" if seluruh and y == akhir else ""
            kolom += [f"Target {y}{akhir_teks}", f"Realisasi {y}"] if y <= self.tahun else [f"Target {y}{akhir_teks}"]
        n = len(kolom) - 1
        sebelumnya = "; Laporan Kinerja tahun-tahun sebelumnya" if years[0] < self.tahun else \
            f"; pengukuran kinerja Tahun {self.tahun}"
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "jangka_menengah")],
                     judul=f"Perbandingan Realisasi dan Target {self._label(s)} Tahun {self.tahun} "
                           "dengan Target Jangka Menengah",
                     kolom=kolom, baris=rows, label=self._id(s, "jangka_menengah"), catatan=catatan,
                     lebar=[24] + [76 // n] * n,
                     sumber=f"Renstra {self.lap.org.unit} {self.lap.org.renstra}{sebelumnya}")

    def tabel_pendukung(self, s: Sasaran, kunci: str) -> Tabel:
        d = self.lampiran.tabel.get(kunci)
        if d is None:
            raise LkjipError(f"Tabel '{kunci}' tidak dideklarasikan di {self.lampiran.folder.relative_to(self.root)}/lampiran.yaml")
        header, rows = self.lampiran.csv(d["file"])
        kolom_map = d.get("kolom") or {h: h for h in header}
        keys = list(kolom_map)
        baris = [[r.get(k, "") or "-" for k in keys] for r in rows]
        if d.get("nomor_urut"):
            baris = [[f"{n}.", *b] for n, b in enumerate(baris, 1)]
        kolom = (["No."] if d.get("nomor_urut") else []) + list(kolom_map.values())
        dijumlah = d.get("jumlah") or []
        if dijumlah:
            total = []
            for k in keys:
                if k in dijumlah:
                    total.append(fmt.angka(jumlah(angka.baca(r[k]) for r in rows if (r.get(k) or "").strip())))
                else:
                    total.append("")
            total[0] = total[0] or "TOTAL"
            baris.append((["" ] if d.get("nomor_urut") else []) + total)
        nomor = self.nomor.get((s.id, "tabel", kunci))
        return Tabel(panjang=True, nomor=nomor or "", judul=d["judul"], kolom=kolom, baris=baris,
                     label=f"tabel-{kunci}", sumber=d.get("sumber", ""), lebar=d.get("lebar") or _lebar(kolom))

    # ------------------------------------------------------------------ charts and photos
    def grafik(self, s: Sasaran, kunci: str):
        from lkjip.laporan.grafik import grafik

        d = self.lampiran.grafik.get(kunci)
        if d is None:
            raise LkjipError(f"Grafik '{kunci}' tidak dideklarasikan di lampiran.yaml")
        nomor = self.nomor[(s.id, "grafik", kunci)]
        if d.get("jenis") == "riwayat":
            ind = next(i for i in self.data.indikator if i.kode == d["kode"])
            years = [y for y in self._tahun_renstra(next(x for x in self.data.sasaran if x.id == ind.sasaran_id))
                     if y <= self.tahun] or [self.tahun]  # realised years only: a later one has no bar
            seri = {"Target": [], "Realisasi": []}
            for y in years:
                v = self._nilai(ind.kode, y)
                seri["Target"].append(v.target if v and v.target is not None else 0)
                seri["Realisasi"].append(v.realisasi if v and v.realisasi is not None else 0)
            satuan = "%" if ind.satuan == "%" else ""
            return grafik(nomor, d["judul"], [str(y) for y in years], seri, f"grafik-{kunci}",
                          GayaGrafik(jenis="batang", label_y=ind.satuan), d.get("sumber", ""),
                          teks_nilai=lambda x: fmt.angka(x, 0 if float(x).is_integer() else 2) + satuan,
                          tahun=self.tahun, root=self.root)
        header, rows = self.lampiran.csv(d["file"])
        kat = [r[d["x"]] for r in rows]
        seri = {lbl: [angka.baca(r[k]) or 0 for r in rows] for k, lbl in d["y"].items()}
        return grafik(nomor, d["judul"], kat, seri, f"grafik-{kunci}", GayaGrafik(), d.get("sumber", ""),
                      tahun=self.tahun, root=self.root)

    def gambar(self, s: Sasaran, kunci: str):
        from lkjip.laporan.grafik import Gambar

        d = self.lampiran.gambar.get(kunci)
        if d is None:
            raise LkjipError(f"Gambar '{kunci}' tidak dideklarasikan di lampiran.yaml")
        return Gambar(nomor=self.nomor[(s.id, "gambar", kunci)], judul=d["judul"],
                      berkas=self.lampiran.berkas(d["file"]), berkas_rel=f"data/{self.tahun}/bab3/{d['file']}",
                      label=f"gambar-{kunci}", sumber=d.get("sumber", ""))

    # ------------------------------------------------------------------ prose
    def pengantar(self):
        """The opening sentence of III.1 (data/<tahun>/bab3/pengantar_bab.md, else the template)."""

        p = berkas_prosa(self.tahun, None, "pengantar_bab", self.root, self.lap.periode.kode)
        return Markdown(self._render(None, p).strip() + "\n", p, self.root) if p else Markdown("")

    def context(self, s: Sasaran | None) -> dict:
        ctx = self.lap.context()
        ctx["ind"] = self._ind()
        ctx["sasaran"] = s
        ctx["uraian_sasaran"] = md_escape(s.uraian) if s is not None else ""
        ctx["jumlah_indikator"] = len(s.indikator) if s is not None else 0
        ctx["jumlah_indikator_teks"] = fmt.angka_kata(ctx["jumlah_indikator"])
        ctx["tabel"] = lambda k: f"\n\n@@LKJIP:tabel:{k}@@\n\n"
        ctx["grafik"] = lambda k: f"\n\n@@LKJIP:grafik:{k}@@\n\n"
        ctx["gambar"] = lambda k: f"\n\n@@LKJIP:gambar:{k}@@\n\n"
        ctx["rumus"] = lambda k="": f"\n\n@@LKJIP:rumus:{k}@@\n\n"
        ctx["jumlah"] = self._jumlah
        ctx["persen_dari"] = _persen_dari
        ctx["riwayat"] = self._riwayat
        ctx["nomor_tabel"] = lambda k: f"Tabel {self.nomor[(s.id, 'tabel', k)]}"
        ctx["banyak"] = lambda k: fmt.angka(len(self.lampiran.csv(self.lampiran.tabel[k]["file"])[1]))
        return ctx

    def _ind(self) -> dict:
        """Every indicator's figures with the previous year's, made once (not per sasaran)."""
        if getattr(self, "_ind_nilai", None) is None:
            self._ind_nilai = Malas(self.lap.hasil, lambda k: _Nilai(self.lap.hasil[k], self._lalu[k], self.tahun))
        return self._ind_nilai

    def _riwayat(self, indikator_id: str, tahun: int) -> SimpleNamespace:
        """``{{ riwayat('IKK-3.1', 2021).realisasi }}``: an earlier year's target, realisasi
        and capaian of an indicator of this year, as its tables show them."""
        i = next((x for x in self.data.indikator if x.id == indikator_id), None)
        if i is None:
            raise LkjipError(f"riwayat('{indikator_id}', {tahun}): indikator tidak ada di indikator.csv")
        t, r, c = self._fmt_lalu(i, self._nilai(i.kode, int(tahun)))
        return SimpleNamespace(target=t, realisasi=r, capaian=c)

    def _jumlah(self, kunci: str, kolom: str) -> str:
        """``{{ jumlah('<tabel>', '<kolom>') }}``: the sum of a column of a supporting table."""
        rel = self.lampiran.tabel[kunci]["file"]
        header, rows = self.lampiran.csv(rel)
        berkas = str(self.lampiran.berkas(rel).relative_to(self.root))
        if kolom not in header:
            raise DataValidationError([Problem(berkas, None, kolom, None,
                                               f"kolom yang dijumlahkan jumlah('{kunci}', '{kolom}'); "
                                               f"kolom yang ada: {', '.join(header)}", "unknown_column")])
        nilai, masalah = [], []
        for n, r in enumerate(rows, start=2):
            v = (r.get(kolom) or "").strip()
            if not v:
                continue
            try:
                nilai.append(angka.baca(v))
            except angka.AngkaSalah:
                masalah.append(Problem(berkas, n, kolom, v, f"angka (titik desimal, tanpa pemisah ribuan) "
                                                            f"untuk jumlah('{kunci}', '{kolom}')", "number"))
        if masalah:
            raise DataValidationError(masalah)
        return fmt.angka(jumlah(nilai))

    def _render(self, s: Sasaran, p: Path) -> str:
        return render_file(p, self.context(s), self.root)

    def blok(self, s: Sasaran, n: int) -> list:
        """The displayable blocks of analysis n (0 = introduction) of sasaran s: Markdown
        prose, tables, formulas, charts and photos in the order the prose places them."""

        slug = dict(BAGIAN)[n]
        p = self.berkas(s, n, slug)
        if p is None:
            return [Markdown(f"*Analisis ini belum tersedia untuk tahun {self.tahun}.*\n")]
        text = self._render(s, p)
        out: list = []
        pos = 0
        for m in _SENTINEL.finditer(text):
            prosa = text[pos:m.start()].strip()
            if prosa:
                out.append(Markdown(prosa + "\n", p, self.root))
            pos = m.end()
            obj = self._objek(s, m.group(1), m.group(2))
            out += obj if isinstance(obj, list) else [obj] if obj is not None else []
        prosa = text[pos:].strip()
        if prosa:
            out.append(Markdown(prosa + "\n", p, self.root))
        return out

    def _objek(self, s: Sasaran, jenis: str, kunci: str):

        if jenis == "rumus":
            inds = [i for i in s.indikator if not kunci or i.id == kunci]
            parts = []
            for i in inds:
                h = self.lap.hasil[i.id]
                r = rumus_latex(h)
                sebagian = rumus_sebagian(h) if r is None else None
                if sebagian:
                    parts.append(f"- Formulasi perhitungan {md_escape(i.uraian)}: realisasi {md_escape(sebagian)}.\n")
                elif r is None:
                    parts.append(f"- Formulasi perhitungan {md_escape(i.uraian)}: realisasi belum tersedia.\n")
                else:
                    parts.append(f"- Formulasi perhitungan {md_escape(i.uraian)}\n\n$$\n{r}\n$$\n")
            return Markdown("\n".join(parts)) if parts else None
        if not self._ada(s, jenis, kunci):
            if jenis == "tabel" and kunci == "jangka_menengah" and not self.lap.org.renstra:
                return Markdown(self.lap.tanpa_renstra())  # said, not an empty section
            return None
        if jenis == "tabel":
            if kunci == "capaian":
                return self.tabel_capaian(s)
            if kunci == "tahun_sebelumnya":
                return self.tabel_tahun_sebelumnya(s)
            if kunci == "jangka_menengah":
                return self.tabel_jangka_menengah(s)
            return self.tabel_pendukung(s, kunci)
        if jenis == "grafik":
            return self.grafik(s, kunci)
        return self.gambar(s, kunci)

    # ------------------------------------------------------------------ page
    def sasaran(self, sasaran_id: str | None = None) -> Sasaran:
        """A sasaran of the year by id; None gives the first (JupyterLab default)."""
        if not self.data.sasaran:
            raise LkjipError(f"Perjanjian Kinerja tahun {self.tahun} tidak memuat sasaran.")
        if sasaran_id is None:
            return self.data.sasaran[0]
        for s in self.data.sasaran:
            if s.id == sasaran_id:
                return s
        raise LkjipError(f"Sasaran '{sasaran_id}' tidak ada di PK tahun {self.tahun}; "
                         f"yang ada: {', '.join(x.id for x in self.data.sasaran)}")

    def judul(self, s: Sasaran) -> str:
        return judul_sasaran(self.data.sasaran, s, self.singkat)
