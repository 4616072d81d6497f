"""What a valid year still lacks, in the analysts' words (lkjip check and new-year's checklist)."""
from __future__ import annotations

from lkjip.core.model import TahunData


def belum_diisi(data: TahunData) -> list[str]:
    """What is still missing in a year's data, in the analysts' words."""
    items = []
    inds = data.indikator
    no_target = [i.id for i in inds if i.target is None]
    if no_target:
        items.append(f"indikator.csv, kolom 'target': {len(no_target)} indikator belum ada targetnya "
                     f"(isi dari Perjanjian Kinerja {data.tahun}): {', '.join(no_target)}")
    langsung = [i.id for i in inds if i.rumus == "langsung" and i.realisasi_input is None]
    if langsung:
        items.append(f"indikator.csv, kolom 'realisasi': {len(langsung)} indikator (rumus langsung) belum ada "
                     f"realisasinya: {', '.join(langsung)}")
    no_komp = [i.id for i in inds if i.rumus != "langsung" and not i.komponen]
    if no_komp:
        items.append(f"komponen.csv: {len(no_komp)} indikator (rumus rasio/rerata) belum punya baris komponen "
                     f"(rasio: pembilang dan penyebut; rerata: satu baris per periode): {', '.join(no_komp)}")
    empty_komp = sorted({i.id for i in inds for k in i.komponen if k.nilai is None})
    if empty_komp:
        items.append(f"komponen.csv, kolom 'nilai': nilai komponen belum diisi untuk {', '.join(empty_komp)}")
    no_pagu = [f"{a.program} no. {a.nomor}" for a in data.anggaran_pk if a.anggaran is None]
    if no_pagu:
        items.append(f"anggaran_pk.csv, kolom 'anggaran': {len(no_pagu)} kegiatan belum ada anggarannya")
    o = data.organisasi
    if not o.pk_tanggal:
        items.append("organisasi.yaml: tempat dan tanggal penandatanganan Perjanjian Kinerja (perjanjian_kinerja.tanggal)")
    if not o.laporan_tanggal:
        items.append("organisasi.yaml: tempat dan tanggal laporan (laporan.tanggal), diisi saat laporan selesai")
    if not o.renstra:
        items.append(f"Renstra: belum ada periode Renstra yang mencakup tahun {data.tahun}; bila sudah ditetapkan, "
                     "tambahkan data/renstra/<periode>/target.csv dan renstra.md (laporan menyebutnya sampai saat itu)")
    return items


def syarat_final(data: TahunData) -> str | None:
    """Why a year declared final cannot be built as final: what is still empty, each item
    naming its file and what is missing; None when nothing is (or the year is a draft)."""
    if data.organisasi.status != "final":
        return None
    items = belum_diisi(data)
    if not items:
        return None
    y = data.tahun
    lines = [f"Laporan tahun {y} dinyatakan final (data/{y}/organisasi.yaml, status: final), tetapi "
             f"{len(items)} hal wajib belum diisi:"]
    lines += [f"  {n}. data/{y}/{t}" if not t.startswith("Renstra") else f"  {n}. {t}"
              for n, t in enumerate(items, 1)]
    lines.append(f"Lengkapi data di atas, atau tulis 'status: draf' di data/{y}/organisasi.yaml untuk menyusun "
                 "laporan sebagai draf (setiap halaman dan sampul PDF bertanda DRAF).")
    return "\n".join(lines)
