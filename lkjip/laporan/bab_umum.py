"""The chapters around Bab II and Bab III.1: Kata Pengantar, Ikhtisar Eksekutif, Bab I,
Bab III.2-III.4, Bab IV and the Lampiran.

Notebooks call ``Bab(tahun)``; every figure comes from :mod:`lkjip.core.compute` (indicators)
or :mod:`lkjip.data.pelengkap` (budget, IKPA, Tarja ...), formatted here. A section whose data
is absent for the year shows a clearly marked "belum tersedia" note instead of failing.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from lkjip.core import fmt  # noqa: E402
from lkjip.core.malas import Tunda, buka  # noqa: E402
from lkjip.core.gaya import GayaGrafik  # noqa: E402
from lkjip.laporan.grafik import grafik  # noqa: E402
from lkjip.laporan.keluaran import Markdown  # noqa: E402
from lkjip.laporan.konteks import Laporan  # noqa: E402
from lkjip.laporan.segar import Segar  # noqa: E402
from lkjip.core.model import TINGKAT, TINGKAT_LABEL  # noqa: E402
from lkjip.data.narasi import cari_narasi, render_file, tempat_narasi  # noqa: E402
from lkjip.errors import DataValidationError  # noqa: E402
from lkjip.core.fmt import angka_kata, terbilang  # noqa: E402
from lkjip.data.pelengkap import Pelengkap, load_pelengkap  # noqa: E402
from lkjip.data.umum import baca_umum  # noqa: E402
from lkjip.data.buku import baca_buku  # noqa: E402
from lkjip.laporan.tabel import Tabel, md_escape  # noqa: E402

from lkjip.laporan.grafik import Gambar  # noqa: E402  (photos: a marked placeholder when the file is missing)

SUBFOLDER = "umum"  # data/<tahun>/narasi/umum/: the prose of these chapters (their own context)

class TabelPolos(Tabel):
    """A table the source leaves unnumbered (Ikhtisar, Tarja, IKPA, Sistematika, Lampiran):
    its caption is the title alone, and the lists of tables skip it (``nomor`` empty)."""

    @property
    def caption(self) -> str:
        return self.judul


class _Kosong:
    """A value the year's data does not have: any attribute or item of it is again missing,
    it prints as "belum tersedia" and is false in a condition, so prose carried from an
    earlier year renders instead of stopping the book."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __bool__(self):
        return False

    def __str__(self):
        return fmt.MISSING

    def __iter__(self):
        return iter(())


class _Isi(dict):
    """Facts from a YAML file: a key the file lacks is missing, not an error."""

    def __missing__(self, key):
        return _Kosong()


def _gabung(items: list[str], sep: str = ", ", akhir: str = " dan ") -> str:
    """'a, b dan c'; "belum tersedia" for an empty list."""
    if not items:
        return fmt.MISSING
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + akhir + items[-1]


def _catatan(teks: str) -> Markdown:
    """A clearly marked note where the year's data does not (yet) support a section."""
    return Markdown(f":::{{note}}\n{teks}\n:::\n")


class Bab(Segar):
    """One fiscal year's chapters other than Bab II and Bab III.1."""

    def __init__(self, tahun: int | None = None, root: Path | str | None = None, penomoran: str | None = None,
                 periode: str | None = None):
        self.lap = Laporan(tahun, root, penomoran, periode)
        self._mulai_segar(self.lap.tahun, self.lap.root, penomoran, periode)
        self.root = self.lap.root
        self.tahun = self.lap.tahun
        self.data = self.lap.data
        self.org = self.lap.org
        self.pel: Pelengkap = load_pelengkap(self.tahun, self.root, {i.id for i in self.data.indikator})
        self.ydir = self.lap.proyek.folder_tahun(self.tahun)
        self.buku = baca_buku(self.tahun, self.root)  # which chapters and parts the year has

    # ------------------------------------------------------------------ numbering
    def _nomor_awal_bab3(self) -> dict:
        """The first free Tabel/Grafik/Gambar number after Bab III.1: from Bab III.1's own plan
        (lkjip.laporan.bab3), so the numbers follow the year's PK."""
        return dict(self.lap.bab3().nomor_berikutnya())

    def nomor(self) -> dict[str, str]:
        """Every number this class gives, by key; the same in every notebook. A table, chart or
        picture of a part the book plan (buku.yaml) leaves out gets none, and those after it
        close up; the chapter numbers come from the plan too."""
        if getattr(self, "_nomor", None) is not None:
            return self._nomor
        awal = self._nomor_awal_bab3()
        b = self.buku
        n: dict[str, str] = {"grafik-capaian": "1"}  # the Ikhtisar's (front matter, before Bab I): its own series
        t, g = awal["tabel"], awal["grafik"]
        bab = b.bab("bab3_realisasi_anggaran")
        if bab:
            n["tabel-realisasi-anggaran"] = f"{bab}.{t}"
            n["grafik-realisasi-anggaran"] = f"{bab}.{g}"
            t += 1
        bab = b.bab("bab3_kinerja_lainnya")
        if bab and b.ada("bab3_kinerja_lainnya", "prioritas_nasional"):
            n["tabel-prioritas-nasional"] = f"{bab}.{t}"
        bab, k = b.bab("bab1_pendahuluan"), 1
        for kelompok in ("hak_dasar", "tematik"):
            if bab and b.ada("bab1_pendahuluan", f"pengaduan_{kelompok}"):
                n[f"grafik-pengaduan-{kelompok.replace('_', '-')}"] = f"{bab}.{k}"
                k += 1
        # a picture is numbered in the chapter that shows it (gambar.yaml's `bab` otherwise)
        tampil = b.gambar()
        if b.ada("bab3_kinerja_lainnya", "capaian_lainnya"):
            tampil.update({i.gambar: b.bab("bab3_kinerja_lainnya") for i in self.pel.capaian_lainnya or [] if i.gambar})
        bab3 = b.bab("bab3_akuntabilitas")
        per_bab = {bab3: awal["gambar"]} if bab3 else {}
        for kunci, gb in (self.pel.gambar or {}).items():
            if kunci not in tampil:
                continue
            bab = tampil[kunci] or str(gb.get("bab", bab3))
            n[f"gambar-{kunci}"] = f"{bab}.{per_bab.setdefault(bab, 1)}"
            per_bab[bab] += 1
        self._nomor = n
        return n

    # ------------------------------------------------------------------ prose
    def _berkas_narasi(self, name: str) -> Path | None:
        return self._berkas_narasi_for(self.lap, name)

    def _render(self, name: str, ctx: dict | None = None) -> str | None:
        p = self._berkas_narasi(name)
        return None if p is None else render_file(p, ctx or self.context(), self.root)

    def _sumber(self, name: str) -> Path | None:
        return self._berkas_narasi(name)

    def narasi(self, name: str) -> Markdown:
        """data/<tahun>/narasi/<name>.md with its figures filled in; a note when absent. Prose
        naming a value the year's data does not have (e.g. prose carried from the previous
        year) shows a marked warning with the file and line instead of stopping the book."""
        try:
            text = self._render(name)
        except DataValidationError as e:
            return Markdown(":::{warning}\nNarasi ini belum dapat ditampilkan: "
                            + md_escape("; ".join(str(p) for p in e.problems)) + "\n:::\n")
        if text is None:
            return _catatan(f"Narasi bagian ini untuk tahun {self.tahun} belum tersedia "
                            f"(data/{self.tahun}/narasi/{SUBFOLDER}/{name}.md).")
        return Markdown(text, self._sumber(name), self.root)

    def context(self) -> dict:
        if getattr(self, "_ctx", None) is not None:
            return self._ctx
        ctx = self.lap.context()
        hasil = self.lap.hasil
        jml_ind = {t: sum(len(s.indikator) for s in self.data.sasaran_tingkat(t)) for t in TINGKAT}
        jml_sas = {t: len(self.data.sasaran_tingkat(t)) for t in TINGKAT}
        def _semua(hs):  # True / False, or None while a realisasi is missing
            vals = [h.tercapai for h in hs]
            return None if any(v is None for v in vals) else all(vals)

        # made when a template names them: they read every indicator's figures
        def tercapai():
            return {t: _semua(hasil[i.id] for s in self.data.sasaran_tingkat(t) for i in s.indikator)
                    for t in TINGKAT}

        def jumlah_tercapai():
            lengkap = all(h.tercapai is not None for h in hasil.values())
            return sum(1 for h in hasil.values() if h.tercapai) if lengkap else None

        programs = list(dict.fromkeys(a.program for a in self.data.anggaran_pk))
        ctx.update({
            "jumlah_indikator": jml_ind,
            "jumlah_indikator_kata": {t: angka_kata(n) for t, n in jml_ind.items()},
            "jumlah_sasaran_kata": {t: angka_kata(n) for t, n in jml_sas.items()},
            "jumlah_indikator_total": sum(jml_ind.values()),
            "jumlah_tercapai": Tunda(jumlah_tercapai),
            "semua_tercapai": Tunda(lambda: _semua(hasil.values())),
            "tercapai_tingkat": Tunda(tercapai),
            "tingkat_ada": [t for t in TINGKAT if jml_ind[t] and t != "kegiatan"],
            "label_indikator": {t: TINGKAT_LABEL[t].indikator for t in TINGKAT},
            "program_kata": terbilang(len(programs)),
            "program_daftar": md_escape(" serta ".join(programs)),
            "umum": _Isi(baca_umum(self.tahun, self.root)),
            **{k: _Kosong() for k in ("anggaran", "anggaran_rincian", "smart_dja", "ikpa", "tarja", "pn",
                                      "pengaduan", "pos", "upr")},
            "nomor": self.nomor(),
        })
        a = self.pel.anggaran
        if a is not None:
            ctx["anggaran"] = SimpleNamespace(
                pagu_awal=fmt.rupiah(a.pagu_awal), pagu_ditjen=fmt.rupiah(a.pagu_ditjen),
                pagu_total=fmt.rupiah(a.pagu_total), realisasi=fmt.rupiah(a.realisasi_total),
                persen=fmt.persen(a.persen_total), cut_off=fmt.tanggal(a.cut_off),
                tambahan=[SimpleNamespace(revisi=f"{t.revisi:02d}", tanggal=fmt.tanggal(t.tanggal),
                                          nomor_seri=md_escape(t.nomor_seri), jumlah=fmt.rupiah(t.jumlah),
                                          keperluan=md_escape(t.keperluan)) for t in a.tambahan])
        if self.pel.smart_dja is not None:
            s = self.pel.smart_dja
            ctx["smart_dja"] = SimpleNamespace(nilai=fmt.angka(s.nilai, 2), cut_off=fmt.tanggal(s.cut_off))
        if self.pel.ikpa is not None:
            ctx["ikpa"] = SimpleNamespace(nilai=fmt.angka(self.pel.ikpa.nilai_akhir, 2),
                                          cut_off=fmt.tanggal(self.pel.ikpa.cut_off))
        if self.pel.tarja is not None:
            info = self.pel.tarja_info or {}
            ctx["tarja"] = SimpleNamespace(
                keputusan=md_escape(info.get("keputusan", "")), jumlah_pusat=angka_kata(len(self.pel.tarja)),
                jumlah_pusat_angka=len(self.pel.tarja),
                jumlah_wilayah=angka_kata(info["jumlah_wilayah"]) if info.get("jumlah_wilayah") is not None
                else fmt.MISSING,
                semua_maksimal=all(t.maksimal for t in self.pel.tarja))
        if self.pel.prioritas is not None:
            names = [p.program for p in self.pel.prioritas]
            daftar = _gabung(names)
            ctx["pn"] = SimpleNamespace(jumlah=angka_kata(len(names)), jumlah_angka=len(names),
                                        daftar=md_escape(daftar),
                                        rujukan=f"Tabel {self.nomor().get('tabel-prioritas-nasional', '')}")
        if self.pel.pengaduan is not None:
            def _teratas(k):
                return _gabung([f"{md_escape(kat)} ({fmt.angka(j)} kasus)" for kat, j in self.pel.pengaduan_teratas(k)])
            ctx["pengaduan"] = SimpleNamespace(
                periode=md_escape((self.pel.pengaduan_info or {}).get("periode", str(self.tahun))),
                teratas={k: _teratas(k) for k in self.pel.pengaduan})
        if self.pel.pos_pengaduan is not None:
            pos = self.pel.pos_pengaduan
            parts = [f"{p.nomor}). {fmt.angka(p.jumlah)} {md_escape(p.jenis)} {md_escape(p.lokasi)}".strip() for p in pos]
            rincian = _gabung(parts, "; ", "; dan ")
            ctx["pos"] = SimpleNamespace(total=fmt.angka(self.pel.pos_total), rincian=rincian)
        if self.pel.upr is not None:
            info = self.pel.upr_info or {}
            parts = [f"{md_escape(u.keterangan)} (*{md_escape(u.tanggapan)}*) {fmt.angka(u.jumlah)} rekomendasi"
                     for u in self.pel.upr]
            rincian = _gabung(parts, ", ", ", dan ")
            ctx["upr"] = SimpleNamespace(putaran=info.get("putaran", ""), tanggal_sidang=md_escape(info.get("tanggal_sidang", "")),
                                         jumlah_negara=fmt.angka(info.get("jumlah_negara")),
                                         total=fmt.angka(self.pel.upr_total), rincian=rincian)
        self._ctx = ctx
        if a is not None and a.pagu_awal is not None:
            try:
                ctx["anggaran_rincian"] = (self._render("anggaran_rincian", ctx) or "").strip()
            except DataValidationError:
                pass  # the prose that uses it then shows a marked warning
        return ctx

    # ------------------------------------------------------------------ Kata Pengantar
    def penandatangan_laporan(self) -> Markdown:
        o = self.org
        tempat = md_escape(o.laporan_tempat or "")
        tanggal = fmt.tanggal(o.laporan_tanggal) if o.laporan_tanggal else f"(tanggal {fmt.MISSING})"
        return Markdown(f"{tempat}, {tanggal}\n\n{md_escape(o.pimpinan.jabatan)},\n\n"
                        f"**{md_escape(o.pimpinan.nama)}**\n")

    # ------------------------------------------------------------------ Ikhtisar
    def _anggaran_sel(self, ind_id: str) -> str:
        a = self.pel.anggaran
        x = a.untuk_indikator(ind_id) if a is not None else None
        if x is None or x.realisasi is None:
            return fmt.MISSING
        cut = f" (Cut off {fmt.tanggal(a.cut_off)})" if a.cut_off else ""
        return f"{fmt.rupiah(x.realisasi)} ({fmt.persen(x.persen)}){cut}"

    def tabel_ikhtisar(self, tingkat: str) -> Tabel | None:
        """Target, realisasi, capaian and realisasi anggaran of every indicator of one level."""
        sasaran = self.data.sasaran_tingkat(tingkat)
        if not sasaran:
            return None
        s_label, i_label = TINGKAT_LABEL[tingkat].sasaran, TINGKAT_LABEL[tingkat].indikator
        rows = []
        for awal, i in self.lap.baris_indikator(tingkat):
            h = self.lap.hasil[i.id]
            rows.append([*awal, fmt.nilai(i.target, i.satuan, fmt.desimal_perlu(i.target)),
                         h.realisasi_keterangan or fmt.nilai(h.realisasi, i.satuan, i.desimal), fmt.persen(h.capaian, i.desimal_capaian),
                         self._anggaran_sel(i.id)])
        per = self.lap.periode  # a quarterly report: figures to date against the year's target
        kolom = (["No.", s_label, i_label, "Target", "Realisasi", "Capaian", "Realisasi Anggaran (Rp)"] if per.tahunan
                 else ["No.", s_label, i_label, "Target Tahunan", f"Realisasi s.d. {per.label}",
                       "Capaian terhadap Target Tahunan", "Realisasi Anggaran (Rp)"])
        return TabelPolos(nomor="", judul=f"Capaian {s_label} Tahun {self.tahun}"
                          + ("" if per.tahunan else f" {per.sampai}"),
                          kolom=kolom,
                          baris=rows, label=f"tabel-ikhtisar-{tingkat}", lebar=[5, 20, 25, 10, 10, 10, 20],
                          rata_kanan={3, 4, 5, 6},
                          sumber=f"Pengukuran kinerja dan {self.pel.anggaran.sumber if self.pel.anggaran else 'realisasi anggaran'}")

    def tabel_ikhtisar_semua(self) -> list[Tabel]:
        return [t for t in (self.tabel_ikhtisar(x) for x in TINGKAT) if t is not None]

    def grafik_capaian(self):
        """The Ikhtisar's capaian overview (lkjip.laporan.grafik.grafik_capaian): every indicator of
        the PK against 100%, grouped by sasaran, level by level."""
        from lkjip.laporan.grafik import grafik_capaian

        kelompok = [(f"{s.id} {s.uraian}", [(f"{i.id} {i.uraian}", self.lap.hasil[i.id].capaian,
                                               fmt.persen(self.lap.hasil[i.id].capaian, i.desimal_capaian))
                                              for i in s.indikator])
                    for t in TINGKAT for s in self.data.sasaran_tingkat(t)]
        return grafik_capaian(self.nomor()["grafik-capaian"], f"Capaian Indikator Kinerja per Sasaran Tahun {self.tahun}",
                              kelompok, "grafik-capaian", f"Pengukuran kinerja {self.org.nama_keterangan} Tahun {self.tahun}")

    def ikhtisar_anggaran(self) -> Markdown:
        if self.pel.anggaran is None or self.pel.anggaran.pagu_awal is None:
            return _catatan(f"Data pagu dan realisasi anggaran tahun {self.tahun} belum tersedia "
                            f"(data/{self.tahun}/anggaran.yaml, realisasi_anggaran.csv).")
        return self.narasi("ikhtisar_anggaran")

    # ------------------------------------------------------------------ Bab I
    def grafik_pengaduan(self, kelompok: str):
        """Complaints of the year by the 10 basic rights (``hak_dasar``) or by theme (``tematik``)."""
        if not self.pel.pengaduan or kelompok not in self.pel.pengaduan:
            return _catatan(f"Data pengaduan tahun {self.tahun} belum tersedia (data/{self.tahun}/pengaduan.csv).")
        info = self.pel.pengaduan_info or {}
        rows = [r for r in self.pel.pengaduan[kelompok] if r[1] is not None]
        if not rows:
            return _catatan(f"Jumlah pengaduan tahun {self.tahun} belum tersedia (data/{self.tahun}/pengaduan.csv).")
        judul = (info.get("kelompok") or {}).get(kelompok, kelompok)
        judul = f"{judul} Periode {info.get('periode', self.tahun)}"
        key = f"grafik-pengaduan-{kelompok.replace('_', '-')}"
        gaya = GayaGrafik(warna=("#1f4e79",), urutan="menurun", label_x="Jumlah kasus", label_nilai=True,
                          judul_di_grafik=False)
        return grafik(self.nomor().get(key, ""), judul, [r[0] for r in rows], {"Jumlah kasus": [r[1] for r in rows]},
                      key, gaya, info.get("sumber", ""), teks_nilai=fmt.angka, tahun=self.tahun, root=self.root)

    def gambar(self, kunci: str):
        g = (self.pel.gambar or {}).get(kunci)
        if g is None:
            return _catatan(f"Gambar '{kunci}' tidak dideklarasikan di data/{self.tahun}/gambar.yaml.")
        berkas = self.ydir / "gambar" / str(g.get("berkas", f"{kunci}.png"))
        rel = str(berkas.relative_to(self.root))
        return Gambar(nomor=self.nomor().get(f"gambar-{kunci}", ""), judul=str(g.get("judul", "")), berkas=berkas,
                   berkas_rel=rel, label=f"gambar-{kunci}", sumber=str(g.get("sumber", "")))

    def gambar_bagian(self, halaman: str, bagian: str) -> list:
        """The pictures the book plan gives a part (``gambar:`` in buku.yaml), in order."""
        h = self.buku.cari(halaman)
        b = h.cari(bagian) if h is not None else None
        return [self.gambar(k) for k in (b.gambar if b is not None else ())]

    def tabel_sistematika(self):
        if self.pel.sistematika is None:
            return _catatan(f"Sistematika laporan tahun {self.tahun} belum tersedia (data/{self.tahun}/sistematika.csv).")
        return TabelPolos(nomor="", judul="Sistematika Laporan Kinerja", kolom=["Bagian", "Isi"],
                          baris=[[r.bagian, r.isi] for r in self.pel.sistematika], label="tabel-sistematika",
                          lebar=[25, 75], sumber="Permenpan RB Nomor 53 Tahun 2014")

    # ------------------------------------------------------------------ Bab III.2
    def tabel_realisasi_anggaran(self):
        """Tabel III.49: pagu, realisasi and percentage per unit, with the computed total."""
        a = self.pel.anggaran
        if a is None or not a.unit:
            return _catatan(f"Data realisasi anggaran tahun {self.tahun} belum tersedia "
                            f"(data/{self.tahun}/realisasi_anggaran.csv).")
        rows = [[u.unit, fmt.angka(u.pagu), fmt.angka(u.realisasi), fmt.persen(u.persen)] for u in a.unit]
        rows.append([self.org.unit, fmt.angka(a.pagu_total), fmt.angka(a.realisasi_total), fmt.persen(a.persen_total)])
        return Tabel(nomor=self.nomor().get("tabel-realisasi-anggaran", ""),
                     judul=f"Realisasi Anggaran {self.org.unit} Tahun {self.tahun}",
                     kolom=["Unit", "Pagu (Rp)", "Realisasi (Rp)", "Persentase"], baris=rows,
                     label="tabel-realisasi-anggaran", lebar=[40, 22, 22, 16], rata_kanan={1, 2, 3},
                     sumber=a.sumber)

    def grafik_realisasi_anggaran(self):
        """Grafik III.3: realisasi per unit, this year beside the previous year where the data has it."""
        a, lalu = self.pel.anggaran, self.pel.anggaran_sebelumnya
        if a is None or not a.unit or all(u.persen is None for u in a.unit):
            return _catatan(f"Grafik realisasi anggaran: data tahun {self.tahun} belum tersedia.")
        units = [u.unit for u in a.unit]
        seri = {}
        if lalu is not None:
            by = {u.unit: u for u in lalu.unit}
            seri[str(self.tahun - 1)] = [by[u].persen if u in by else None for u in units]
        seri[str(self.tahun)] = [u.persen for u in a.unit]
        tahun_judul = f"{self.tahun - 1}-{self.tahun}" if lalu is not None else str(self.tahun)
        judul = (f"Perbandingan Realisasi Anggaran {self.org.unit} Tahun {tahun_judul}" if lalu is not None
                 else f"Realisasi Anggaran per Unit {self.org.unit} Tahun {tahun_judul}")
        gaya = GayaGrafik(label_x="Persentase realisasi terhadap pagu (%)", label_nilai=True, batas_nilai=115,
                          judul_di_grafik=False)
        return grafik(self.nomor().get("grafik-realisasi-anggaran", ""), judul, units, seri, "grafik-realisasi-anggaran",
                      gaya, a.sumber, teks_nilai=fmt.persen, tahun=self.tahun, root=self.root)

    def catatan_realisasi_anggaran_lalu(self):
        if self.pel.anggaran_sebelumnya is None and self.pel.anggaran is not None and self.pel.anggaran.unit:
            return _catatan(f"Data realisasi anggaran tahun {self.tahun - 1} per unit belum tersedia "
                            f"(data/{self.tahun - 1}/realisasi_anggaran.csv), sehingga grafik hanya memuat tahun {self.tahun}.")
        return Markdown("")

    # ------------------------------------------------------------------ Bab III.3
    def smart_dja(self):
        if self.pel.smart_dja is None or self.pel.smart_dja.nilai is None:
            return _catatan(f"Nilai kinerja anggaran (smart_dja) tahun {self.tahun} belum tersedia "
                            f"(data/{self.tahun}/anggaran.yaml).")
        out = self.narasi("bab3_smart_dja").text
        return Markdown(out + f"\n\n*Sumber data: {md_escape(self.pel.smart_dja.sumber)}*\n")

    def ikpa(self):
        if self.pel.ikpa is None:
            return _catatan(f"Nilai IKPA tahun {self.tahun} belum tersedia (data/{self.tahun}/ikpa.csv).")
        return self.narasi("bab3_ikpa")

    def tabel_ikpa(self):
        """The IKPA table: value, weight and weighted value per indicator, aspect values, total."""
        ik = self.pel.ikpa
        if ik is None:
            return _catatan(f"Nilai IKPA tahun {self.tahun} belum tersedia (data/{self.tahun}/ikpa.csv).")
        rows = []
        for asp in ik.aspek:
            ks = [k for k in ik.komponen if k.aspek == asp]
            for j, k in enumerate(ks):
                rows.append([asp if j == 0 else "", k.indikator, fmt.angka(k.nilai, 2), fmt.angka(k.bobot),
                             fmt.angka(k.nilai_akhir, 2), fmt.angka(ik.nilai_aspek(asp), 2) if j == 0 else ""])
        rows.append(["Nilai Total", "", "", fmt.persen(ik.konversi_bobot, 0), fmt.angka(ik.nilai_total, 2), ""])
        rows.append(["Nilai Akhir (Nilai Total/Konversi Bobot)", "", "", "", fmt.angka(ik.nilai_akhir, 2), ""])
        return TabelPolos(nomor="", judul=f"Nilai IKPA {ik.satker or self.org.unit} Tahun Anggaran {self.tahun}",
                          kolom=["Aspek", "Indikator", "Nilai", "Bobot", "Nilai Akhir", "Nilai Aspek"], baris=rows,
                          label="tabel-ikpa", lebar=[26, 26, 12, 10, 13, 13], rata_kanan={2, 3, 4, 5},
                          sumber=ik.sumber)

    # ------------------------------------------------------------------ Bab III.4
    def tabel_tarja_semua(self) -> list:
        """The Tarja tables (a, b, c ...), each after its own title."""
        if not self.pel.tarja:
            return [_catatan(f"Data Target Kinerja (Tarja) tahun {self.tahun} belum tersedia (data/{self.tahun}/tarja.yaml).")]
        out = []
        sumber = (self.pel.tarja_info or {}).get("sumber", "")
        for t in self.pel.tarja:
            out.append(Markdown(f"**{md_escape(t.kunci)}. {md_escape(t.judul)}**\n"))
            out.append(TabelPolos(nomor="", judul=t.judul,
                                  kolom=["Periode", "Target Pencapaian", "Capaian", "Keterangan", "Data Pendukung", "Status"],
                                  baris=[[b.periode, b.target_pencapaian, fmt.angka(b.capaian), b.keterangan,
                                          b.data_pendukung, b.status] for b in t.baris],
                                  label=f"tabel-tarja-{t.kunci}", lebar=[9, 22, 8, 30, 19, 12], rata_kanan={2},
                                  sumber=sumber))
        return out

    def tabel_prioritas_nasional(self):
        """Tabel III.50: the RKP national priorities' percentage per quarter with what was done."""
        pn = self.pel.prioritas
        if not pn:
            return _catatan(f"Data Prioritas Nasional tahun {self.tahun} belum tersedia "
                            f"(data/{self.tahun}/prioritas_nasional.csv).")
        from lkjip.data.templat import lingkungan

        env = lingkungan(f"data/{self.tahun}/prioritas_nasional.csv")
        ctx = self.context()
        rows = []
        for p in pn:
            judul = p.program + (f" : Target : {fmt.persen(p.target, fmt.desimal_perlu(p.target))}" if p.target is not None else "")
            rows.append([f"{p.nomor}.", judul] + [fmt.persen(p.triwulan[t][0], 0) if t in p.triwulan else ""
                                                  for t in (1, 2, 3, 4)])
            rows.append(["", ""] + [env.from_string(p.triwulan[t][1]).render(**{k: buka(v) for k, v in ctx.items()})
                                    if t in p.triwulan else ""
                                    for t in (1, 2, 3, 4)])
        return Tabel(nomor=self.nomor().get("tabel-prioritas-nasional", ""),
                     judul=(f"Persentase Capaian Per Triwulan Rencana Kerja Pemerintah Prioritas Nasional "
                            f"{self.org.unit} Tahun {self.tahun}"),
                     kolom=["No", "Program Prioritas", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
                     baris=rows, label="tabel-prioritas-nasional", lebar=[5, 19, 19, 19, 19, 19],
                     sumber="Aplikasi e-Monev Kemen PPN/Bappenas")

    def capaian_lainnya(self, nomor_awal: int | None = None) -> list:
        """The year's other achievements (capaian_lainnya.yaml): numbered title, prose, photo;
        numbered after the parts of III.4 the book plan keeps before them."""
        if nomor_awal is None:
            h = self.buku.cari("bab3_kinerja_lainnya")
            b = h.cari("capaian_lainnya") if h is not None else None
            nomor_awal = b.berikut if b is not None else 1
        items = self.pel.capaian_lainnya
        if items is None:
            return [_catatan(f"Capaian kinerja lainnya tahun {self.tahun} belum tersedia (data/{self.tahun}/capaian_lainnya.yaml).")]
        out = []
        for n, item in enumerate(items, start=nomor_awal):
            out.append(Markdown(f"**{n}. {md_escape(item.judul)}**\n"))
            out.append(self.narasi(item.narasi))
            if item.gambar:
                out.append(self.gambar(item.gambar))
        return out

    # ------------------------------------------------------------------ Lampiran
    def tahun_lampiran(self) -> list[int]:
        """PK of the year and of the next year where its data exists."""
        ys = [self.tahun]
        if self.lap.proyek.ada_data(self.tahun + 1):
            ys.append(self.tahun + 1)
        return ys

    def lampiran_pk(self, tahun: int) -> list:
        """The PK of ``tahun``: statement, signatures, the targets per level, the budget per kegiatan."""
        lap = self.lap if tahun == self.tahun else Laporan(tahun, self.root)
        out = [Markdown(f"**PERJANJIAN KINERJA TAHUN {tahun}  \n{md_escape(lap.org.pimpinan.jabatan.upper())}**\n")]
        p = self._berkas_narasi_for(lap, "pk_pernyataan")
        out.append(Markdown(render_file(p, lap.context(), self.root), p, self.root) if p else
                   _catatan("Teks pernyataan Perjanjian Kinerja belum tersedia (pk_pernyataan.md)."))
        out.append(lap.penandatangan_pk())
        for t in [*lap.tabel_pk_semua(), lap.tabel_anggaran_pk()]:
            out.append(TabelPolos(nomor="", judul=t.judul, kolom=t.kolom, baris=t.baris,
                                  label=f"lampiran-{tahun}-{t.label}", sumber=t.sumber, lebar=t.lebar,
                                  rata_kanan=t.rata_kanan))
        return out

    def lampiran_pk_berikut(self) -> list:
        """The next year's PK where data/<tahun+1>/ exists; else a note."""
        ys = self.tahun_lampiran()
        if len(ys) < 2:
            return [_catatan(f"Perjanjian Kinerja tahun {self.tahun + 1} belum tersedia (data/{self.tahun + 1}/).")]
        return self.lampiran_pk(ys[1])

    def _berkas_narasi_for(self, lap: Laporan, name: str) -> Path | None:
        return cari_narasi(lap.proyek, lap.tahun, lap.org.renstra, name, SUBFOLDER, lap.periode.kode)[0]


def sumber_narasi(lap) -> list[tuple[Path, dict]]:
    """For ``lkjip check`` (lkjip.check.periksa.SUMBER_NARASI): every prose file of these chapters
    (data/<tahun>/narasi/umum/*.md) with the context the notebooks render it with."""
    kode = lap.periode.kode  # a quarterly report: the quarter's folder (narasi/tw3/umum/) too
    dirs = [d for d in tempat_narasi(lap.proyek, lap.tahun, lap.org.renstra, SUBFOLDER, kode)
            if d.name == SUBFOLDER and d.is_dir()]
    if not dirs:
        return []
    ctx = Bab(lap.tahun, lap.root, periode=kode).context()
    return [(p, ctx) for d in dirs for p in sorted(d.glob("*.md"))]
