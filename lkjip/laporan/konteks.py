"""The notebooks' entry point: ``Laporan(tahun)`` loads a year once and hands each
chapter its prose, tables and charts. Notebooks call it; they compute nothing.
"""
from __future__ import annotations

from pathlib import Path

from lkjip.core import fmt
from lkjip.core.compute import hasil, jumlah
from lkjip.core.periode import Periode
from lkjip.core.malas import Malas
from lkjip.data.pk import latest_year_with_realisasi, load_year
from lkjip.errors import LkjipError
from lkjip.core.model import TINGKAT, TINGKAT_LABEL, TahunData
from lkjip.data.narasi import ada_di_renstra, cari_narasi, render_file
from lkjip.data.proyek import Proyek
from lkjip.laporan.segar import Segar
from lkjip.laporan.keluaran import Markdown, NilaiIndikator
from lkjip.laporan.tabel import Tabel, md_escape

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Laporan(Segar):
    def __init__(self, tahun: int | None = None, root: Path | str | None = None, penomoran: str | None = None,
                 periode: str | None = None):
        self.penomoran = penomoran  # Bab III's numbering plan from the build (Bab3.penomoran); None: made here
        self.proyek = Proyek.temukan(root)
        self.root = self.proyek.akar
        if tahun is None:  # JupyterLab default: the latest year that has realisasi
            tahun = latest_year_with_realisasi(self.root)
        self.data: TahunData = load_year(tahun, self.root)
        self.periode = Periode.dari(self.data.tahun, periode)  # the annual report, or a quarter (tw1..tw4)
        if self.periode.triwulan:  # the year's figures as of the quarter (data/<tahun>/triwulan.csv)
            from lkjip.data.triwulan import terapkan

            self.data = terapkan(self.data, self.periode.triwulan, self.root)
        self.tahun = self.data.tahun
        self.org = self.data.organisasi
        # each indicator's result made when first read: a page depends on the figures it shows
        indikator = {i.id: i for i in self.data.indikator}
        self.hasil = Malas(indikator, lambda k: hasil(indikator[k]))
        self._bab3 = None
        self._mulai_segar(self.tahun, self.root, penomoran, self.periode.kode)
        self._nomor: dict[str, int] = {}

    @property
    def pembanding(self):
        """Other years of this report's indicators (previous year, Renstra period): see
        lkjip.data.pembanding. Loaded on first use."""
        if not hasattr(self, "_pembanding"):
            from lkjip.data.pembanding import Pembanding
            self._pembanding = Pembanding(self.data, self.root)
        return self._pembanding

    # ------------------------------------------------------------------ helpers
    def _tabel_nomor(self, bab: int) -> str:
        n = self._nomor.get(bab, 0) + 1
        self._nomor[bab] = n
        return f"{ROMAWI[bab]}.{n}"

    def context(self) -> dict:
        o = self.org
        return {
            "tahun": self.tahun,
            "tahun_sebelumnya": self.tahun - 1,
            "unit": md_escape(o.unit),
            "unit_singkat": md_escape(o.unit_singkat),
            "kementerian": md_escape(o.induk),  # the unit itself when it is the ministry
            "pimpinan": md_escape(o.pimpinan.nama),
            "jabatan_pimpinan": md_escape(o.pimpinan.jabatan),
            "atasan": md_escape(o.atasan.nama),
            "jabatan_atasan": md_escape(o.atasan.jabatan),
            "renstra": o.renstra or fmt.MISSING,
            # a quarterly report: "Triwulan III", "s.d. September 2023"; the annual: "", "Tahun 2023"
            "triwulan": self.periode.label,
            "sampai": self.periode.sampai,
            "ind": self._ind(),
            **self._konteks_fakta(),
        }

    def _ind(self) -> dict:
        """Every indicator's formatted figures, made once: the prose of a report is rendered
        with many contexts (`lkjip check` renders over a hundred files)."""
        if getattr(self, "_ind_nilai", None) is None:
            self._ind_nilai = Malas(self.hasil, lambda k: NilaiIndikator(self.hasil[k]))
        return self._ind_nilai

    def _konteks_fakta(self) -> dict:
        """``fakta`` (e.g. 1.551, 91%) and ``fakta_kata`` (e.g. 3 (tiga)): the quantities of
        data/<tahun>/fakta.yaml, the one place the prose of every chapter takes them from.
        A key the file does not declare is an unknown placeholder (an error); a declared
        key without a value is shown as not yet available."""
        if not hasattr(self, "_fakta"):
            from lkjip.data.pelengkap import load_fakta

            f = load_fakta(self.tahun, self.root)
            self._fakta = {
                "fakta": {k: (fmt.persen(v, 0) if k in f.fakta_persen else fmt.angka(v)) for k, v in f.fakta.items()},
                "fakta_kata": {k: (fmt.MISSING if v is None else fmt.angka_kata(v))
                               for k, v in f.fakta.items() if k not in f.fakta_persen},
            }
        return self._fakta

    def bab3(self):
        """Bab III.1 (Capaian Kinerja Organisasi): per-sasaran analyses, tables, numbering."""
        if getattr(self, "_bab3", None) is None:
            from lkjip.laporan.bab3 import Bab3

            self._bab3 = Bab3(self)
        return self._bab3

    # ------------------------------------------------------------------ prose
    def narasi(self, name: str) -> Markdown:
        """Prose block ``name``: data/<tahun>/narasi/<name>.md, else the Renstra
        period's data/renstra/<periode>/<name>.md."""
        p, candidates = cari_narasi(self.proyek, self.tahun, self.org.renstra, name,
                                    periode=self.periode.kode)
        if p is not None:
            return Markdown(render_file(p, self.context(), self.root), p, self.root)
        if not self.org.renstra and ada_di_renstra(self.proyek, name):
            return Markdown(self.tanpa_renstra())  # a Renstra text, and no period covers the year
        raise LkjipError(f"Narasi '{name}' tidak ditemukan; diharapkan di "
                         + " atau ".join(str(p.relative_to(self.root)) for p in candidates))

    def tanpa_renstra(self) -> str:
        """What a chapter says when no Renstra period covers the year."""
        return (f"*Belum ada periode Renstra yang mencakup tahun {self.tahun} dalam data "
                f"(data/renstra/). Perbandingan jangka menengah belum tersedia.*\n")

    # ------------------------------------------------------------------ Bab II
    def baris_indikator(self, tingkat: str) -> list:
        """The indicators of one level as the tables by level show them: (the sasaran's number and
        text on its first indicator's row only, the indicator's number and text), indicator."""
        return [((f"{s.nomor}." if j == 0 else "", s.uraian if j == 0 else "", f"{i.nomor}. {i.uraian}"), i)
                for s in self.data.sasaran_tingkat(tingkat) for j, i in enumerate(s.indikator)]

    def tabel_pk(self, tingkat: str, bab: int = 2) -> Tabel | None:
        """The PK table of one level (strategis/program/kegiatan); None when the
        year's PK has no sasaran at that level."""
        sasaran = self.data.sasaran_tingkat(tingkat)
        if not sasaran:
            return None
        s_label, i_label = TINGKAT_LABEL[tingkat].sasaran, TINGKAT_LABEL[tingkat].indikator
        rows = [[*awal, fmt.nilai(i.target, i.satuan, fmt.desimal_perlu(i.target))]
                for awal, i in self.baris_indikator(tingkat)]
        return Tabel(
            nomor=self._tabel_nomor(bab),
            judul=f"Perjanjian Kinerja Tahun {self.tahun}: {s_label}",
            kolom=["No.", s_label, i_label, "Target"], baris=rows,
            label=f"tabel-pk-{tingkat}", lebar=[6, 37, 39, 18],
            sumber=f"Perjanjian Kinerja Tahun {self.tahun} {self.org.unit}")

    def tabel_pk_semua(self, bab: int = 2) -> list[Tabel]:
        return [t for t in (self.tabel_pk(x, bab) for x in TINGKAT) if t is not None]

    def tabel_anggaran_pk(self, bab: int = 2) -> Tabel:
        rows = []
        programs: dict[str, list] = {}
        for a in self.data.anggaran_pk:
            programs.setdefault(a.program, []).append(a)
        for program, items in programs.items():
            rows.append(["", program, fmt.rupiah(jumlah(a.anggaran for a in items))])
            rows += [[f"{a.nomor}.", a.kegiatan, fmt.rupiah(a.anggaran)] for a in items]
        rows.append(["", "Jumlah", fmt.rupiah(jumlah(a.anggaran for a in self.data.anggaran_pk))])
        return Tabel(nomor=self._tabel_nomor(bab),
                     judul=f"Anggaran Perjanjian Kinerja Tahun {self.tahun} per Kegiatan",
                     kolom=["No.", "Kegiatan", "Anggaran"], baris=rows, label="tabel-pk-anggaran",
                     lebar=[6, 64, 30], sumber=f"Perjanjian Kinerja Tahun {self.tahun}")

    def penandatangan_pk(self) -> Markdown:
        o = self.org
        a, p = o.atasan, o.pimpinan
        nip = f"  \nNIP. {md_escape(p.nip)}" if p.nip else ""
        tanggal = fmt.tanggal(o.pk_tanggal) if o.pk_tanggal else f"tanggal {fmt.MISSING}"
        text = (f"{md_escape(o.pk_tempat)}, {tanggal}\n\n"
                f"**Pihak Kedua**, {md_escape(a.jabatan)}: {md_escape(a.nama)}\n\n"
                f"**Pihak Pertama**, {md_escape(p.jabatan)}: {md_escape(p.nama)}{nip}\n")
        return Markdown(text)
