"""A new fiscal year without touching a notebook: `lkjip new-year`, partial data through the
build, and comparisons with other years read from the data."""
import csv
import shutil
from decimal import Decimal

import pytest

from conftest import run_lkjip
from conftest import page_text
from lkjip.core import fmt
from lkjip.core.compute import hasil
from lkjip.data.pk import load_year
from lkjip.laporan.konteks import Laporan
from lkjip.data.pembanding import Pembanding


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_new_year_refuses_an_existing_year(project):
    before = _snapshot(project / "data/2024")
    proc = run_lkjip(project, "new-year", "2024")
    assert proc.returncode != 0
    assert "Data tahun 2024 sudah ada" in proc.stderr and "Traceback" not in proc.stderr
    assert _snapshot(project / "data/2024") == before


def test_new_year_2025_carries_2024_structure_and_prints_checklist(project):
    proc = run_lkjip(project, "new-year", "2025", check=True)
    out = proc.stdout
    assert "dari struktur tahun 2024" in out
    assert "7 indikator belum ada targetnya" in out and "IKP-2.4" in out
    assert "Renstra: belum ada periode Renstra yang mencakup tahun 2025" in out
    assert "[ ]" in out and "lkjip build --year 2025" in out

    new, old = project / "data/2025", project / "data/2024"
    ind, ind_old = _rows(new / "indikator.csv"), _rows(old / "indikator.csv")
    assert [(r["id"], r["kode"], r["uraian"], r["satuan"], r["rumus"]) for r in ind] == \
        [(r["id"], r["kode"], r["uraian"], r["satuan"], r["rumus"]) for r in ind_old]
    assert all(r["target"] == "" and r["realisasi"] == "" for r in ind)
    assert (new / "sasaran.csv").read_bytes() == (old / "sasaran.csv").read_bytes()
    assert [r["anggaran"] for r in _rows(new / "anggaran_pk.csv")] == [""] * 7
    assert (new / "narasi/pk_pengantar.md").is_file()

    data = load_year(2025, project)
    o = data.organisasi
    assert o.tahun == 2025 and o.renstra is None and o.pk_tanggal == ""
    assert o.status == "draf"
    assert o.pimpinan.nama == "Dhahana Putra" and o.kementerian == "Kementerian Hukum dan Hak Asasi Manusia"
    assert all(hasil(i).realisasi is None and hasil(i).capaian is None for i in data.indikator)


@pytest.mark.lambat
def test_new_year_from_2023_takes_renstra_targets_and_skips_year_specific_files(project):
    """Without data/2024 the year is built from 2023; the PK 2024 targets the Renstra data
    holds are filled in, every realisasi and komponen nilai is empty, the figures the 2023
    report states are not carried, and a table added later is carried by the default rule."""
    shutil.rmtree(project / "data/2024")
    (project / "data/2023/tabel_tambahan.csv").write_text(
        "provinsi,nomor,jumlah\nAceh,1,12\nBali,2,7.5\n", encoding="utf-8")
    run_lkjip(project, "new-year", "2024", check=True)
    new = project / "data/2024"
    assert not (new / "dinyatakan.csv").exists()
    targets = {r["kode"]: r["target"] for r in _rows(new / "indikator.csv")}
    assert targets["kkp-ham-persen"] == "30" and targets["yankomas-persen"] == "50"
    assert targets["p2ham-persen"] == "100"
    assert targets["aksi-ham-pusat"] == ""  # no 2024 target in the data
    kom = _rows(new / "komponen.csv")
    assert len(kom) == len(_rows(project / "data/2023/komponen.csv"))
    assert all(r["nilai"] == "" and r["sumber"] == "" for r in kom)
    assert (new / "tabel_tambahan.csv").read_text(encoding="utf-8") == "provinsi,nomor,jumlah\nAceh,1,\nBali,2,\n"
    data = load_year(2024, project)
    assert data.organisasi.renstra == "2020-2024"
    # 2023 is final; the year started from it is a draft until declared final
    assert load_year(2023, project).organisasi.status == "final" and data.organisasi.status == "draf"
    ind = {i.id: i for i in data.indikator}
    assert ind["IKP-1.1"].target == Decimal(30)
    assert hasil(ind["IKK-4.1"]).realisasi is None  # rerata with empty periods
    # the facts the carried prose names: every key kept, no 2023 value
    from lkjip.data.pelengkap import load_fakta

    fakta_2023, fakta_2024 = load_fakta(2023, project).fakta, load_fakta(2024, project).fakta
    assert set(fakta_2024) == set(fakta_2023) and fakta_2023["p2ham_predikat"] == Decimal(241)
    assert set(fakta_2024.values()) == {None}


@pytest.mark.lambat
def test_new_year_2025_builds_and_says_belum_tersedia(project):
    run_lkjip(project, "new-year", "2025", check=True)
    # organisation facts are the year's data: a new ministry and minister need no code change
    org = project / "data/2025/organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8")
                   .replace("kementerian: Kementerian Hukum dan Hak Asasi Manusia", "kementerian: Kementerian Hak Asasi Manusia")
                   .replace("nama: Yasonna H. Laoly", "nama: Natalius Pigai")
                   .replace("jabatan: Menteri Hukum dan Hak Asasi Manusia", "jabatan: Menteri Hak Asasi Manusia"),
                   encoding="utf-8")
    proc = run_lkjip(project, "build", "--year", "2025", "--no-pdf")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = page_text(project / "build/2025/html/bab2_perencanaan.html")
    assert "Perjanjian Kinerja Tahun 2025" in page
    assert "Persentase Kab/Kota Peduli HAM belum tersedia" in page
    assert "Belum ada periode Renstra yang mencakup tahun 2025" in page
    assert "Jumlah belum tersedia" in page
    assert "Menteri Hak Asasi Manusia: Natalius Pigai" in page and "Yasonna" not in page
    cover = (project / "build/2025/html/index.html").read_text(encoding="utf-8")
    assert "Kementerian Hak Asasi Manusia" in cover and "Kementerian Hukum" not in cover
    # every chapter of the book, whichever are in it: missing figures never print as 0, NaN or None
    pages = [p for p in (project / "build/2025/html").glob("*.html") if p.name not in ("search.html", "genindex.html")]
    assert len(pages) >= 2
    for html_page in pages:
        text = page_text(html_page)
        for bad in ("NaN", "None", "Rp 0 ", " 0%", "Traceback"):
            assert bad not in text, f"{html_page.name}: {bad}"
    landing = (project / "build/index.html").read_text(encoding="utf-8")
    assert "2025/html/index.html" in landing


def test_partially_filled_year(project):
    """Filled in part way: what is there is computed, the rest says 'belum tersedia'."""
    run_lkjip(project, "new-year", "2025", check=True)
    y = project / "data/2025"
    text = (y / "indikator.csv").read_text(encoding="utf-8")
    text = text.replace("IKP-1.1,SP-1,1,kkp-ham-persen,Persentase Kab/Kota Peduli HAM,%,naik,,",
                        "IKP-1.1,SP-1,1,kkp-ham-persen,Persentase Kab/Kota Peduli HAM,%,naik,35,")
    text = text.replace("Layanan,naik,,langsung,,0,2", "Layanan,naik,1,langsung,1,0,2")
    (y / "indikator.csv").write_text(text, encoding="utf-8")
    (y / "komponen.csv").write_text(
        "indikator_id,peran,label,nilai,sumber\n"
        "IKP-1.1,pembilang,Kab/Kota predikat Peduli HAM,,\n"
        "IKP-1.1,penyebut,Total Kab/Kota,514,\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2025")
    assert proc.returncode == 0 and "Belum diisi" in proc.stdout
    target_line = next(ln for ln in proc.stdout.splitlines() if "belum ada targetnya" in ln)
    assert "5 indikator" in target_line and "IKP-1.2" in target_line and "IKP-1.1" not in target_line
    assert "nilai komponen belum diisi untuk IKP-1.1" in proc.stdout
    lap = Laporan(2025, project)
    kkp, tata = lap.hasil["IKP-1.1"], lap.hasil["IKP-2.4"]
    assert kkp.indikator.target == 35 and kkp.realisasi is None and kkp.capaian is None
    assert fmt.persen(kkp.capaian) == "belum tersedia"
    assert tata.realisasi == 1 and tata.capaian == 100
    ctx = lap.context()
    # the penyebut is entered, the pembilang not yet: said so, never refused, never blank
    assert ctx["ind"]["IKP-1.1"].realisasi == "belum lengkap (pembilang belum diisi)"
    assert ctx["ind"]["IKP-1.1"].target == "35%"
    assert ctx["renstra"] == "belum tersedia"
    assert lap.pembanding.tahun_sebelumnya("kkp-ham-persen").target == 30  # PK 2024, from data/2024


def test_comparisons_read_other_years_from_data(root):
    """Tabel III.6 and III.7 of the source: 2022 from the history, 2023 computed from data."""
    p = Pembanding(load_year(2023, root), root)
    prev = p.tahun_sebelumnya("aksi-ham-pusat")
    assert (prev.tahun, prev.target, prev.realisasi) == (2022, Decimal(70), Decimal("93.25"))
    assert prev.capaian == Decimal("133.21") and prev.sumber == "data/riwayat.csv"
    jm = p.jangka_menengah("aksi-ham-pusat")
    assert jm.periode == "2020-2024" and not jm.catatan
    shown = [(n.tahun, n.target, n.realisasi) for n in jm.tahun if n.ada]
    assert shown == [(2021, Decimal(65), Decimal("89.09")), (2022, Decimal(70), Decimal("93.25")),
                     (2023, Decimal(75), Decimal("92.28"))]
    assert jm.tahun[-1].sumber == "data/2023"
    kkp = {n.tahun: n for n in p.jangka_menengah("kkp-ham-persen").tahun}
    assert kkp[2020].realisasi == Decimal(59) and kkp[2021].realisasi is None
    assert "ditiadakan" in kkp[2021].realisasi_teks
    assert p.jangka_menengah("kkp-ham-persen").target_akhir == Decimal(30)

    # 2024 compares with 2023 computed from data/2023 (267 / 514 = 52%, capaian 208%)
    p24 = Pembanding(load_year(2024, root), root)
    prev = p24.tahun_sebelumnya("kkp-ham-persen")
    assert (prev.realisasi, prev.capaian, prev.sumber) == (Decimal(52), Decimal("208.00"), "data/2023")


def test_renstra_period_outside_and_added_later(project):
    run_lkjip(project, "new-year", "2025", check=True)
    p = Pembanding(load_year(2025, project), project)
    jm = p.jangka_menengah("kkp-ham-persen")
    assert jm.periode is None and jm.tahun == ()
    assert "Belum ada periode Renstra yang mencakup tahun 2025" in jm.catatan
    prev = p.tahun_sebelumnya("kkp-ham-persen")
    assert (prev.tahun, prev.target, prev.realisasi, prev.sumber) == (2024, Decimal(30), None, "data/2024")

    # a new period's data, once added, is used without editing the year
    period = project / "data/renstra/2025-2029"
    period.mkdir()
    (period / "target.csv").write_text("kode,tahun,target,sumber\nkkp-ham-persen,2025,35,Renstra 2025-2029\n"
                                       "kkp-ham-persen,2029,55,Renstra 2025-2029\n", encoding="utf-8")
    data = load_year(2025, project)
    assert data.organisasi.renstra == "2025-2029"
    jm = Pembanding(data, project).jangka_menengah("kkp-ham-persen")
    assert jm.periode == "2025-2029" and jm.tahun[0].target == Decimal(35) and jm.target_akhir == Decimal(55)
