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

import csv
import io
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from lkjip.core import fmt
from lkjip.data.templat import lingkungan
from lkjip.data.berkas import read_csv_rows
from lkjip.core.compute import Hasil, capaian_dari, selisih
from lkjip.data.pk import data_root
from lkjip.errors import DataValidationError, LkjipError, Problem
from lkjip.laporan.keluaran import Markdown, NilaiIndikator as NilaiLaporan
from lkjip.core.model import TINGKAT, Sasaran
from lkjip.core.rumus import rumus_latex
from lkjip.laporan.tabel import Mentah, Tabel, md_escape

BAB = "III"
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
# label of the indicators of each level in captions ("IKU Ditjen HAM", ...)
LABEL_INDIKATOR = {"strategis": "IKU", "program": "Indikator Kinerja Program",
                   "kegiatan": "Indikator Kinerja Kegiatan"}
LABEL_SASARAN = {"strategis": "Sasaran Strategis", "program": "Sasaran Program", "kegiatan": "Sasaran Kegiatan"}
RINGKASAN_SUFIKS = {"strategis": " (IKU Kementerian)", "program": " (IKU {singkat})", "kegiatan": ""}

_PENANDA = re.compile(r"\b(tabel|grafik|gambar)\(\s*['\"]([^'\"]+)['\"]\s*\)")
_SENTINEL = re.compile(r"@@LKJIP:(tabel|grafik|gambar|rumus):([^@]*)@@")


def singkatan(unit_singkat: str) -> str:
    """'Direktorat Jenderal HAM' -> 'Ditjen HAM' (the report's short name)."""
    return unit_singkat.replace("Direktorat Jenderal", "Ditjen")


def judul_sasaran(sasaran: list[Sasaran], s: Sasaran, unit_singkat: str) -> str:
    """The heading of a sasaran's section: 'Sasaran Kegiatan 1 Ditjen HAM'; the number is
    given only when the PK has more than one sasaran of that level."""
    same = [x for x in sasaran if x.tingkat == s.tingkat]
    nomor = f" {s.nomor}" if len(same) > 1 else ""
    return f"{LABEL_SASARAN[s.tingkat]}{nomor} {singkatan(unit_singkat)}"


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




def _lebar(kolom: list[str]) -> list[int]:
    """Default relative widths (wrapped columns in the PDF): a narrow 'No.', the rest equal."""
    n = len(kolom) - (1 if kolom and kolom[0] == "No." else 0)
    rest = [max(1, 94 // max(1, n))] * n
    return ([6] if kolom and kolom[0] == "No." else []) + rest


def _angka_id(x) -> Decimal | None:
    """A number from data or from a formatted placeholder ('1.046', '63,9'); None for a
    value that is not there yet ("belum tersedia")."""
    if x is None:
        return None
    if isinstance(x, (int, Decimal)):
        return Decimal(x)
    try:
        return Decimal(str(x).replace(".", "").replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        return None


def _persen_dari(bagian, keseluruhan, desimal: int = 0) -> str:
    """bagian / keseluruhan x 100 as the report prints it: 41 of 514 -> '8%'."""
    a, b = _angka_id(bagian), _angka_id(keseluruhan)
    return fmt.persen(a / b * 100 if a is not None and b else None, desimal)


@dataclass
class _Lampiran:
    """The supporting tables, charts and photos a year declares (lampiran.yaml)."""

    tabel: dict
    grafik: dict
    gambar: dict


class Bab3:
    """Bab III.1 of one year, built on a :class:`~lkjip.laporan.konteks.Laporan`."""

    def __init__(self, lap):
        self.lap = lap
        self.data = lap.data
        self.tahun = lap.tahun
        self.root = lap.root
        self.ydir = data_root(self.root) / str(self.tahun) / "bab3"
        self.templat = data_root(self.root) / "templat" / "bab3"
        self.singkat = singkatan(lap.org.unit_singkat)
        self.lampiran = self._baca_lampiran()
        self._lalu = {i.id: self._nilai(i.kode, self.tahun - 1) for i in self.data.indikator}
        self.nomor = self._penomoran()

    # ------------------------------------------------------------------ data
    def _nilai(self, kode: str, tahun: int):
        """Another year's figures of an indicator (lkjip.data.pembanding); None when nothing is
        known. A past year's target falls back to the Renstra target of that year."""
        v = self.lap.pembanding.nilai(kode, tahun)
        t = self.data.renstra_target.get((kode, tahun))
        if v.target is None and t is not None and tahun < self.tahun:
            v = replace(v, target=t)
        return v if v.ada else None

    def _baca_lampiran(self) -> _Lampiran:
        p = self.ydir / "lampiran.yaml"
        if not p.is_file():
            return _Lampiran({}, {}, {})
        d = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        return _Lampiran(d.get("tabel") or {}, d.get("grafik") or {}, d.get("gambar") or {})

    def _csv(self, rel: str) -> tuple[list[str], list[dict]]:
        p = self.ydir / rel
        if not p.is_file():
            raise LkjipError(f"Tabel pendukung tidak ditemukan: {p.relative_to(self.root)}")
        header, baris = read_csv_rows(p)  # UTF-8, with or without the BOM Excel writes
        return header, [dict(zip(header, r)) for r in baris]

    def berkas(self, s: Sasaran, n: int, slug: str) -> Path | None:
        for p in (self.ydir / s.id / f"{n}_{slug}.md", self.templat / f"{n}_{slug}.md"):
            if p.is_file():
                return p
        return None

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
                nomor[("ringkasan", "tabel", t)] = f"{BAB}.{n['tabel']}"
        for s in self.data.sasaran:
            for k, slug in BAGIAN:
                p = self.berkas(s, k, slug)
                if p is None:
                    continue
                for m in _PENANDA.finditer(p.read_text(encoding="utf-8")):
                    jenis, kunci = m.group(1), m.group(2)
                    if ((s.id, jenis, kunci) in nomor or not self._ada(s, jenis, kunci)
                            or not self._bernomor(jenis, kunci)):
                        continue
                    n[jenis] += 1
                    nomor[(s.id, jenis, kunci)] = f"{BAB}.{n[jenis]}"
        self._berikut = {k: v + 1 for k, v in n.items()}
        return nomor

    def nomor_berikutnya(self) -> dict:
        """The next free number of each kind after III.1 (for III.2-III.4): {'tabel': 49, ...}."""
        return dict(self._berikut)

    # ------------------------------------------------------------------ summary tables
    def tabel_ringkasan(self, tingkat: str) -> Tabel | None:
        sasaran = self.data.sasaran_tingkat(tingkat)
        if not sasaran:
            return None
        s_label = LABEL_SASARAN[tingkat].upper()
        i_label = {"strategis": "INDIKATOR KINERJA STRATEGIS", "program": "INDIKATOR KINERJA PROGRAM",
                   "kegiatan": "INDIKATOR KINERJA KEGIATAN"}[tingkat]
        rows = []
        for s in sasaran:
            for j, i in enumerate(s.indikator):
                h = self.lap.hasil[i.id]
                rows.append([s.uraian if j == 0 else "", i.uraian, fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)),
                             fmt.persen(h.capaian, i.desimal_capaian), self._penjelasan(h)])
        judul = (f"Capaian Target {LABEL_SASARAN[tingkat]} {self.singkat}"
                 + RINGKASAN_SUFIKS[tingkat].format(singkat=self.singkat))
        return Tabel(panjang=True, nomor=self.nomor[("ringkasan", "tabel", tingkat)], judul=judul,
                     kolom=[s_label, i_label, "TARGET", "CAPAIAN TARGET", "PENJELASAN"], baris=rows,
                     label=f"tabel-iii-ringkasan-{tingkat}", lebar=[17, 20, 12, 13, 38],
                     sumber=f"Pengukuran kinerja {self.singkat} Tahun {self.tahun}")

    def tabel_ringkasan_semua(self) -> list[Tabel]:
        return [t for t in (self.tabel_ringkasan(x) for x in TINGKAT) if t is not None]

    def _penjelasan(self, h: Hasil):
        i = h.indikator
        if h.realisasi is None:
            return f"Realisasi tahun {self.tahun} belum tersedia."
        r = rumus_latex(h)
        teks = f"Realisasi tahun {self.tahun} adalah sebesar {fmt.nilai(h.realisasi, i.satuan, i.desimal)}."
        if r is None:
            return teks
        return Mentah(md_escape(teks) + f" Dengan rumus: ${r}$")

    # ------------------------------------------------------------------ per-sasaran tables
    def _label(self, s: Sasaran) -> str:
        return f"{LABEL_INDIKATOR[s.tingkat]} {self.singkat}"

    def _id(self, s: Sasaran, kunci: str) -> str:
        return f"tabel-{s.id.lower()}-{kunci.replace('_', '-')}"

    def tabel_capaian(self, s: Sasaran) -> Tabel:
        rows = []
        for i in s.indikator:
            h = self.lap.hasil[i.id]
            rows.append([i.uraian, fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)),
                         fmt.nilai(h.realisasi, i.satuan, i.desimal), fmt.persen(h.capaian, i.desimal_capaian)])
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "capaian")],
                     judul=f"Capaian Target dan Realisasi {self._label(s)} Tahun {self.tahun}",
                     kolom=["Indikator", "Target", "Realisasi", "Capaian"], baris=rows,
                     label=self._id(s, "capaian"), lebar=[52, 16, 16, 16],
                     sumber=f"Perjanjian Kinerja dan pengukuran kinerja {self.singkat} Tahun {self.tahun}")

    def _fmt_lalu(self, i, v, catatan: list[str] | None = None):
        """Target, realisasi, capaian of an earlier year. A realisasi given as text (e.g.
        "KKP HAM tahun 2021 ditiadakan ...") goes to the table's notes when a list is
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
                         fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)), fmt.nilai(h.realisasi, i.satuan, i.desimal),
                         fmt.persen(h.capaian, i.desimal_capaian)])
        kolom = ["Indikator"] + [f"{k} {y}" for y in (y0, y1) for k in ("Target", "Realisasi", "Capaian")]
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "tahun_sebelumnya")],
                     judul=f"Perbandingan Realisasi dan Capaian {self._label(s)} Tahun {self.tahun} "
                           "dengan Tahun Sebelumnya",
                     kolom=kolom, baris=rows, label=self._id(s, "tahun_sebelumnya"),
                     lebar=[28, 12, 12, 12, 12, 12, 12],
                     sumber=f"Laporan Kinerja {self.singkat} Tahun {y0}; pengukuran kinerja Tahun {y1}")

    def _tahun_renstra(self, s: Sasaran) -> list[int]:
        """Years of the Renstra period up to this year with a value for an indicator of s,
        from the first year that has one; empty when no earlier year has any."""
        if not self.lap.org.renstra:
            return []  # no Renstra period covers the year
        start = int(self.lap.org.renstra.split("-")[0])
        years = []
        for y in range(start, self.tahun):
            if any(self._nilai(i.kode, y) is not None for i in s.indikator):
                years.append(y)
        if not years:
            return []
        return list(range(years[0], self.tahun + 1))

    def tabel_jangka_menengah(self, s: Sasaran) -> Tabel | None:
        years = self._tahun_renstra(s)
        if not years:
            return None
        rows: list = []
        catatan: list[str] = []
        for i in s.indikator:
            row = [i.uraian]
            for y in years:
                if y == self.tahun:
                    h = self.lap.hasil[i.id]
                    row += [fmt.nilai(i.target, i.satuan, fmt.desimal_ditulis(i.target)), fmt.nilai(h.realisasi, i.satuan, i.desimal)]
                else:
                    row += self._fmt_lalu(i, self._nilai(i.kode, y), catatan)[:2]
            rows.append(row)
        kolom = ["Indikator"] + [f"{k} {y}" for y in years for k in ("Target", "Realisasi")]
        return Tabel(panjang=True, nomor=self.nomor[(s.id, "tabel", "jangka_menengah")],
                     judul=f"Perbandingan Realisasi dan Target {self._label(s)} Tahun {self.tahun} "
                           "dengan Target Jangka Menengah",
                     kolom=kolom, baris=rows, label=self._id(s, "jangka_menengah"), catatan=catatan,
                     lebar=[24] + [76 // (2 * len(years))] * (2 * len(years)),
                     sumber=f"Renstra {self.lap.org.unit} {self.lap.org.renstra}; Laporan Kinerja tahun-tahun sebelumnya")

    def tabel_pendukung(self, s: Sasaran, kunci: str) -> Tabel:
        d = self.lampiran.tabel.get(kunci)
        if d is None:
            raise LkjipError(f"Tabel '{kunci}' tidak dideklarasikan di {self.ydir.relative_to(self.root)}/lampiran.yaml")
        header, rows = self._csv(d["file"])
        kolom_map = d.get("kolom") or {h: h for h in header}
        keys = list(kolom_map)
        baris = [[r.get(k, "") or "-" for k in keys] for r in rows]
        if d.get("nomor_urut"):
            baris = [[f"{n}.", *b] for n, b in enumerate(baris, 1)]
        kolom = (["No."] if d.get("nomor_urut") else []) + list(kolom_map.values())
        jumlah = d.get("jumlah") or []
        if jumlah:
            total = []
            for k in keys:
                if k in jumlah:
                    total.append(fmt.angka(sum((Decimal(r[k]) for r in rows if (r.get(k) or "").strip()),
                                               Decimal(0))))
                else:
                    total.append("")
            total[0] = total[0] or "TOTAL"
            baris.append((["" ] if d.get("nomor_urut") else []) + total)
        nomor = self.nomor.get((s.id, "tabel", kunci))
        return Tabel(panjang=True, nomor=nomor or "", judul=d["judul"], kolom=kolom, baris=baris,
                     label=f"tabel-{kunci}", sumber=d.get("sumber", ""), lebar=d.get("lebar") or _lebar(kolom))

    # ------------------------------------------------------------------ charts and photos
    def grafik(self, s: Sasaran, kunci: str):
        from lkjip.laporan.grafik import grafik_dari_data

        d = self.lampiran.grafik.get(kunci)
        if d is None:
            raise LkjipError(f"Grafik '{kunci}' tidak dideklarasikan di lampiran.yaml")
        nomor = self.nomor[(s.id, "grafik", kunci)]
        if d.get("jenis") == "riwayat":
            ind = next(i for i in self.data.indikator if i.kode == d["kode"])
            years = self._tahun_renstra(next(x for x in self.data.sasaran if x.id == ind.sasaran_id)) or [self.tahun]
            seri = {"Target": [], "Realisasi": []}
            for y in years:
                v = self._nilai(ind.kode, y)
                seri["Target"].append(float(v.target) if v and v.target is not None else 0.0)
                seri["Realisasi"].append(float(v.realisasi) if v and v.realisasi is not None else 0.0)
            return grafik_dari_data(nomor, d["judul"], [str(y) for y in years], seri, f"grafik-{kunci}",
                                    d.get("sumber", ""), satuan=ind.satuan, horizontal=False)
        header, rows = self._csv(d["file"])
        kat = [r[d["x"]] for r in rows]
        seri = {lbl: [float(r[k] or 0) for r in rows] for k, lbl in d["y"].items()}
        return grafik_dari_data(nomor, d["judul"], kat, seri, f"grafik-{kunci}", d.get("sumber", ""),
                                satuan="", horizontal=True)

    def gambar(self, s: Sasaran, kunci: str):
        from lkjip.laporan.grafik import Gambar

        d = self.lampiran.gambar.get(kunci)
        if d is None:
            raise LkjipError(f"Gambar '{kunci}' tidak dideklarasikan di lampiran.yaml")
        return Gambar(nomor=self.nomor[(s.id, "gambar", kunci)], judul=d["judul"],
                      berkas=self.ydir / d["file"], berkas_rel=f"data/{self.tahun}/bab3/{d['file']}",
                      label=f"gambar-{kunci}", sumber=d.get("sumber", ""))

    # ------------------------------------------------------------------ prose
    def pengantar(self):
        """The opening sentence of III.1 (data/<tahun>/bab3/pengantar_bab.md, else the template)."""

        for p in (self.ydir / "pengantar_bab.md", self.templat / "pengantar_bab.md"):
            if p.is_file():
                return Markdown(self._render(None, p).strip() + "\n")
        return Markdown("")

    def context(self, s: Sasaran | None) -> dict:
        ctx = self.lap.context()
        ctx["ind"] = dict(self._ind())
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
        ctx["banyak"] = lambda k: fmt.angka(len(self._csv(self.lampiran.tabel[k]["file"])[1]))
        return ctx

    def _ind(self) -> dict:
        """Every indicator's figures with the previous year's, made once (not per sasaran)."""
        if getattr(self, "_ind_nilai", None) is None:
            self._ind_nilai = {i.id: _Nilai(self.lap.hasil[i.id], self._lalu[i.id], self.tahun)
                               for i in self.data.indikator}
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
        header, rows = self._csv(rel)
        berkas = str((self.ydir / rel).relative_to(self.root))
        if kolom not in header:
            raise DataValidationError([Problem(berkas, None, kolom, None,
                                               f"kolom yang dijumlahkan jumlah('{kunci}', '{kolom}'); "
                                               f"kolom yang ada: {', '.join(header)}", "unknown_column")])
        total, masalah = Decimal(0), []
        for n, r in enumerate(rows, start=2):
            v = (r.get(kolom) or "").strip()
            if not v:
                continue
            try:
                total += Decimal(v)
            except InvalidOperation:
                masalah.append(Problem(berkas, n, kolom, v, f"angka (titik desimal, tanpa pemisah ribuan) "
                                                            f"untuk jumlah('{kunci}', '{kolom}')", "number"))
        if masalah:
            raise DataValidationError(masalah)
        return fmt.angka(total)

    def _render(self, s: Sasaran, p: Path) -> str:
        rel = str(p.relative_to(self.root))
        env = lingkungan(rel)
        try:
            return env.from_string(p.read_text(encoding="utf-8")).render(**self.context(s))
        except jinja2.TemplateSyntaxError as e:
            raise DataValidationError([Problem(rel, e.lineno, None, None,
                                               f"penanda {{{{ ... }}}} tidak lengkap: {e.message}",
                                               "template_syntax")]) from None
        except jinja2.UndefinedError as e:
            raise DataValidationError([Problem(rel, None, None, None,
                                               f"penanda merujuk nilai yang tidak dikenal ({e.message})",
                                               "unknown_placeholder")]) from None

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
                out.append(Markdown(prosa + "\n"))
            pos = m.end()
            obj = self._objek(s, m.group(1), m.group(2))
            out += obj if isinstance(obj, list) else [obj] if obj is not None else []
        prosa = text[pos:].strip()
        if prosa:
            out.append(Markdown(prosa + "\n"))
        return out

    def _objek(self, s: Sasaran, jenis: str, kunci: str):

        if jenis == "rumus":
            inds = [i for i in s.indikator if not kunci or i.id == kunci]
            parts = []
            for i in inds:
                h = self.lap.hasil[i.id]
                r = rumus_latex(h)
                if r is None:
                    parts.append(f"- Formulasi perhitungan {md_escape(i.uraian)}: realisasi belum tersedia.\n")
                else:
                    parts.append(f"- Formulasi perhitungan {md_escape(i.uraian)}\n\n$$\n{r}\n$$\n")
            return Markdown("\n".join(parts)) if parts else None
        if not self._ada(s, jenis, kunci):
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
        return judul_sasaran(self.data.sasaran, s, self.lap.org.unit_singkat)


# --------------------------------------------------------------------------- checking the supporting tables


@dataclass
class BerkasLampiran:
    """A CSV file that lampiran.yaml declares, with what the chapter needs of it."""

    file: str  # relative to data/<tahun>/bab3/
    kolom: dict  # column -> header shown in the report ('kolom' of a table)
    wajib: dict  # column -> where lampiran.yaml uses it ("tabel 'kunci'"): the column must exist
    angka: dict  # column -> why every filled cell must be a number ("dijumlahkan di baris TOTAL ...")


def _deklarasi(d: dict) -> tuple[dict[str, BerkasLampiran], list[tuple[str, str, str]]]:
    """The CSV files of lampiran.yaml's tables and charts; and the entries that are not
    well-formed, as (key path, value, what is expected)."""
    files: dict[str, BerkasLampiran] = {}
    salah: list[tuple[str, str, str]] = []
    for jenis in ("tabel", "grafik"):
        entries = d.get(jenis) or {}
        if not isinstance(entries, dict):
            salah.append((jenis, str(entries), "daftar 'kunci: {file: ..., judul: ...}'"))
            continue
        for kunci, spec in entries.items():
            where = f"{jenis} '{kunci}'"
            if not isinstance(spec, dict):
                salah.append((f"{jenis}.{kunci}", str(spec), "pasangan 'kunci: nilai' (file, judul, ...)"))
                continue
            if jenis == "grafik" and spec.get("jenis") == "riwayat":
                continue
            rel = spec.get("file")
            if not isinstance(rel, str) or not rel.strip():
                salah.append((f"{jenis}.{kunci}.file", "" if rel is None else str(rel),
                              "wajib diisi: berkas CSV relatif ke folder bab3 (contoh tabel/kerja_sama.csv)"))
                continue
            b = files.setdefault(rel.strip(), BerkasLampiran(rel.strip(), {}, {}, {}))
            if jenis == "tabel":
                kolom = spec.get("kolom") or {}
                if not isinstance(kolom, dict):
                    salah.append((f"tabel.{kunci}.kolom", str(kolom), "pasangan 'kolom CSV: judul kolom'"))
                    kolom = {}
                for k, label in kolom.items():
                    b.kolom.setdefault(str(k), str(label))
                    b.wajib.setdefault(str(k), where)
                for k in spec.get("jumlah") or []:
                    b.wajib.setdefault(str(k), where)
                    b.angka.setdefault(str(k), f"dijumlahkan di baris TOTAL {where}")
            else:
                if spec.get("x"):
                    b.wajib.setdefault(str(spec["x"]), where)
                y = spec.get("y") or {}
                for k in (y if isinstance(y, dict) else []):
                    b.wajib.setdefault(str(k), where)
                    b.angka.setdefault(str(k), f"digambar di {where}")
    return files, salah


def berkas_lampiran(tahun: int, root: Path | None = None) -> dict[str, BerkasLampiran]:
    """The CSV files data/<tahun>/bab3/lampiran.yaml declares, by path relative to
    data/<tahun>/ (e.g. ``bab3/tabel/kerja_sama.csv``); empty when there is none or it is
    unreadable (:func:`periksa_lampiran` says why)."""
    from lkjip.data.pk import project_root

    p = data_root(root or project_root()) / str(tahun) / "bab3" / "lampiran.yaml"
    try:
        d = yaml.safe_load(p.read_text(encoding="utf-8")) if p.is_file() else None
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(d, dict):
        return {}
    files, _ = _deklarasi(d)
    return {f"bab3/{rel}": b for rel, b in files.items()}


def periksa_lampiran(tahun: int, root: Path | None = None, kode_indikator: set[str] | None = None) -> list[Problem]:
    """The rules the chapter reads its supporting tables with (``lkjip check``): every file
    lampiran.yaml names exists, has the columns shown or used, and holds numbers where a
    TOTAL row or a chart adds or draws them; a history chart names an indicator's kode.
    Every problem names the file, row and column."""
    from lkjip.data.pk import _Collector, parse_number, project_root

    root = root or project_root()
    bdir = data_root(root) / str(tahun) / "bab3"
    path = bdir / "lampiran.yaml"
    col = _Collector(root)
    if not path.is_file():
        return []
    text = col.read_text(path)
    if text is None:
        return col.problems
    try:
        d = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        col.add(path, f"YAML tidak valid ({getattr(e, 'problem', e)}); periksa indentasi dan tanda titik dua",
                row=None if mark is None else mark.line + 1, code="yaml")
        return col.problems
    if not isinstance(d, dict):
        col.add(path, "isi file harus berupa pasangan 'kunci: nilai' (tabel, grafik, gambar)", code="yaml")
        return col.problems
    files, salah = _deklarasi(d)
    for key, value, expected in salah:
        col.add(path, expected, column=key, value=value, code="lampiran")
    for kunci, spec in (d.get("grafik") or {}).items():
        if isinstance(spec, dict) and spec.get("jenis") == "riwayat" and kode_indikator is not None \
                and spec.get("kode") not in kode_indikator:
            col.add(path, "kode tetap indikator yang ada di indikator.csv (kolom 'kode')",
                    column=f"grafik.{kunci}.kode", value=str(spec.get("kode")), code="unknown_reference")
    for rel, b in files.items():
        p = bdir / rel
        if not p.is_file():
            dipakai = sorted(set(b.wajib.values())) or ["lampiran.yaml"]
            col.add(p, f"file ini wajib ada: lampiran.yaml memakainya ({', '.join(dipakai)})", code="missing_file")
            continue
        text = col.read_text(p)
        if text is None:
            continue
        reader = csv.reader(io.StringIO(text))
        header = [h.strip() for h in next(reader)]
        missing = [c for c in b.wajib if c not in header]
        for c in missing:
            col.add(p, f"kolom '{c}' wajib ada: lampiran.yaml memakainya ({b.wajib[c]}); kolom yang ada: "
                    f"{', '.join(header)}", row=1, column=c, code="missing_column")
        for lineno, values in col.data_rows(p, reader, header):
            for c, where in b.angka.items():
                if c not in header:
                    continue
                v = values[header.index(c)]
                if not v.strip():
                    continue
                try:
                    parse_number(v)
                except ValueError as e:
                    col.add(p, f"{e}; kolom ini {where}", row=lineno, column=c, value=v, code="not_a_number")
    return col.problems
