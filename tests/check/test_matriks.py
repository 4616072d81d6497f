"""A table-driven matrix of bad inputs, each run through `lkjip check` on a copy of the project
as an analyst would: the exit code (or, where the rule is a warning, the warning), the file and
place named on one line, no traceback, and the data folder exactly as the breaking step left it
(check reads, never writes data). Fast tier: check only, no build.

Beyond the 24 cases of tests/check/test_bad_input.py (build and check); the code-execution and path
cases are regression tests of issue 11.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from conftest import run_lkjip
from conftest import edit

D = "data/2023"
R = "data/renstra/2020-2024"


def tree_hash(d: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_symlink():
            h.update(str(p.relative_to(d)).encode() + b"->" + str(p.readlink()).encode())
        elif p.is_file():
            h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------- ways to break the data

def sub(rel: str, old: str, new: str):
    return lambda p: edit(p / rel, old, new)


def append(rel: str, line: str):
    """Add a line at the end; returns its line number."""
    def f(p: Path) -> int:
        path = p / rel
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
        path.write_text(text, encoding="utf-8")
        return text.count("\n")
    return f


def write(rel: str, text: str):
    def f(p: Path):
        (p / rel).parent.mkdir(parents=True, exist_ok=True)
        (p / rel).write_text(text, encoding="utf-8")
    return f


def header(rel: str, new_header: str):
    def f(p: Path):
        path = p / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[0] = new_header
        path.write_text("\n".join(lines), encoding="utf-8")
    return f


def keep_header(rel: str):
    def f(p: Path):
        path = p / rel
        path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    return f


def csv_cell(rel: str, row: int, column: str, value: str):
    """Set one cell (row 1 = first data row) with proper CSV quoting; returns the row's line."""
    def f(p: Path) -> int:
        path = p / rel
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows[row][rows[0].index(column)] = value
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
        reader = csv.reader(io.StringIO(buf.getvalue()))
        for _ in range(row):
            next(reader)
        return reader.line_num + 1
    return f


def symlink(rel: str, target: str):
    def f(p: Path):
        (p / rel).parent.mkdir(parents=True, exist_ok=True)
        (p / rel).symlink_to(target)
    return f


def mkdir(rel: str):
    return lambda p: (p / rel).mkdir(parents=True)


def both(*steps):
    def f(p: Path):
        out = None
        for s in steps:
            out = s(p) or out
        return out
    return f


BILLION_LAUGHS = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{c}: &{c} [{','.join(['*' + chr(ord(c) - 1)] * 9)}]\n" for c in "bcdefghi")
assert len(BILLION_LAUGHS) < 1024


# (id, break, what one line must name ("{baris}": the line the step returned), galat|peringatan)
CASES = [
    # ---- numbers: the one strict reader
    ("count-dotted-thousands", sub(f"{D}/indikator.csv", "Instansi Pemerintah,naik,109,langsung,396,",
                                   "Instansi Pemerintah,naik,109,langsung,1.096,"),
     [f"{D}/indikator.csv", "baris 15", "kolom 'realisasi'", "'1.096'", "tulis 1096"], "galat"),
    ("count-target-dotted", sub(f"{D}/indikator.csv", "Instansi Pemerintah,naik,109,", "Instansi Pemerintah,naik,1.090,"),
     [f"{D}/indikator.csv", "baris 15", "kolom 'target'", "'1.090'"], "galat"),
    ("count-fraction-in-pembilang", sub(f"{D}/komponen.csv", "tanggapan dari pemangku kepentingan,184,Tabel III.2",
                                        "tanggapan dari pemangku kepentingan,18.4,Tabel III.2"),
     [f"{D}/komponen.csv", "baris 10", "kolom 'nilai'", "'18.4'", "pecahan"], "galat"),
    ("count-comma-in-penyebut", sub(f"{D}/komponen.csv", "dugaan pelanggaran HAM yang disampaikan,288,Tabel III.2",
                                    'dugaan pelanggaran HAM yang disampaikan,"288,0",Tabel III.2'),
     [f"{D}/komponen.csv", "baris 11", "kolom 'nilai'", "'288,0'"], "galat"),
    ("ambiguous-period-value", sub(f"{D}/komponen.csv", "IKSS-1.1,periode,B08,92.65", "IKSS-1.1,periode,B08,92.650"),
     [f"{D}/komponen.csv", "baris 3", "kolom 'nilai'", "'92.650'", "92.6500"], "galat"),
    ("exponent-period-value", sub(f"{D}/komponen.csv", "IKSS-1.1,periode,B08,92.65", "IKSS-1.1,periode,B08,9.265E+01"),
     [f"{D}/komponen.csv", "baris 3", "kolom 'nilai'", "eksponen"], "galat"),
    ("pk-budget-dotted", sub(f"{D}/anggaran_pk.csv", "Diseminasi dan Penguatan HAM,1200433000",
                             'Diseminasi dan Penguatan HAM,"1.200.433.000"'),
     [f"{D}/anggaran_pk.csv", "baris 2", "kolom 'anggaran'", "tulis 1200433000"], "galat"),
    ("pk-budget-exponent", sub(f"{D}/anggaran_pk.csv", "Diseminasi dan Penguatan HAM,1200433000",
                               "Diseminasi dan Penguatan HAM,1.20043E+09"),
     [f"{D}/anggaran_pk.csv", "baris 2", "kolom 'anggaran'", "'1.20043E+09'", "eksponen"], "galat"),
    ("budget-pagu-exponent", sub(f"{D}/realisasi_anggaran.csv", "Diseminasi dan Penguatan HAM,1042990000,",
                                 "Diseminasi dan Penguatan HAM,1.04299E+09,"),
     [f"{D}/realisasi_anggaran.csv", "baris 2", "kolom 'pagu'", "eksponen"], "galat"),
    ("budget-fraction-rupiah", sub(f"{D}/realisasi_anggaran.csv", "1042990000,1022505635,",
                                   "1042990000,1022505635.5,"),
     [f"{D}/realisasi_anggaran.csv", "baris 2", "kolom 'realisasi'", "pecahan"], "galat"),
    ("budget-percent-comma", sub(f"{D}/realisasi_anggaran_indikator.csv", "Kerja Sama HAM,,1612479376,98.82",
                                 'Kerja Sama HAM,,1612479376,"98,82"'),
     [f"{D}/realisasi_anggaran_indikator.csv", "baris 2", "kolom 'persen'", "tulis 98.82"], "galat"),
    ("ikpa-comma", sub(f"{D}/ikpa.csv", "Deviasi Halaman III DIPA,68.04,", 'Deviasi Halaman III DIPA,"68,04",'),
     [f"{D}/ikpa.csv", "baris 3", "kolom 'nilai'", "tulis 68.04"], "galat"),
    ("ikpa-ambiguous-weight", sub(f"{D}/ikpa.csv", "Revisi DIPA,100.00,10", "Revisi DIPA,100.00,1.000"),
     [f"{D}/ikpa.csv", "baris 2", "kolom 'bobot'", "'1.000'", "1,000"], "galat"),
    ("tarja-ambiguous", csv_cell(f"{D}/tarja.csv", 1, "capaian", "100.000"),
     [f"{D}/tarja.csv", "kolom 'capaian'", "'100.000'"], "galat"),
    ("pn-percent-exponent", sub(f"{D}/prioritas_nasional.csv", "1,Pelaksanaan Aksi HAM dalam RANHAM,75,1,25,",
                                "1,Pelaksanaan Aksi HAM dalam RANHAM,75,1,2.5E+01,"),
     [f"{D}/prioritas_nasional.csv", "baris 2", "kolom 'persen'", "eksponen"], "galat"),
    ("complaints-fraction", sub(f"{D}/pengaduan.csv", "Hak memperoleh keadilan,349", "Hak memperoleh keadilan,34.9"),
     [f"{D}/pengaduan.csv", "baris 2", "kolom 'jumlah'", "pecahan"], "galat"),
    ("posts-dotted", sub(f"{D}/pos_pengaduan.csv", "1,Pos Yankomas,747,", "1,Pos Yankomas,7.470,"),
     [f"{D}/pos_pengaduan.csv", "baris 2", "kolom 'jumlah'", "tulis 7470"], "galat"),
    ("upr-exponent", sub(f"{D}/upr.csv", "support,mendukung,205", "support,mendukung,2.05E+02"),
     [f"{D}/upr.csv", "baris 2", "kolom 'jumlah'", "eksponen"], "galat"),
    ("fakta-dotted", sub(f"{D}/fakta.yaml", "indeks_ham_responden: 1551 ", "indeks_ham_responden: 1.551 "),
     [f"{D}/fakta.yaml", "baris 10", "kolom 'nilai.indeks_ham_responden'", "'1.551'", "tulis 1551"], "galat"),
    ("fakta-comma", sub(f"{D}/fakta.yaml", "indeks_ham_responden: 1551 ", "indeks_ham_responden: 1,551 "),
     [f"{D}/fakta.yaml", "kolom 'nilai.indeks_ham_responden'", "1,551"], "galat"),
    ("budget-yaml-dotted", sub(f"{D}/anggaran.yaml", "pagu_awal: 41980498000", "pagu_awal: 41.980"),
     [f"{D}/anggaran.yaml", "kolom 'pagu_awal'", "41.980"], "galat"),
    ("budget-yaml-score-comma", sub(f"{D}/anggaran.yaml", "  nilai: 95.23", '  nilai: "95,23"'),
     [f"{D}/anggaran.yaml", "kolom 'smart_dja.nilai'", "tulis 95.23"], "galat"),
    ("stated-dotted", sub(f"{D}/dinyatakan.csv", "jumlah:pos_pengaduan.csv:jumlah,1046,",
                          "jumlah:pos_pengaduan.csv:jumlah,1.046,"),
     [f"{D}/dinyatakan.csv", "kolom 'nilai_tertulis'", "'1.046'"], "galat"),
    ("history-comma", sub("data/riwayat.csv", "aksi-ham-pusat,2021,65,89.09,", 'aksi-ham-pusat,2021,65,"89,09",'),
     ["data/riwayat.csv", "baris 2", "kolom 'realisasi'", "tulis 89.09"], "galat"),
    ("renstra-exponent", sub(f"{R}/target.csv", "aksi-ham-pusat,2021,65,", "aksi-ham-pusat,2021,6.5E+01,"),
     [f"{R}/target.csv", "baris 2", "kolom 'target'", "eksponen"], "galat"),
    ("bab3-table-ambiguous", sub(f"{D}/bab3/tabel/yankomas_locus.csv", "Sumatera Utara,46,", "Sumatera Utara,4.600,"),
     [f"{D}/bab3/tabel/yankomas_locus.csv", "baris 3", "kolom 'proses'", "'4.600'"], "galat"),

    # ---- CSV form
    ("dup-header-indikator", header(f"{D}/indikator.csv",
                                    "id,sasaran_id,nomor,kode,uraian,satuan,arah,target,rumus,target,desimal,desimal_capaian"),
     [f"{D}/indikator.csv", "baris 1", "kolom 'target'", "dua kali"], "galat"),
    ("trailing-empty-header", header(f"{D}/komponen.csv", "indikator_id,peran,label,nilai,sumber,"),
     [f"{D}/komponen.csv", "baris 1", "kolom ke-6", "kosong"], "galat"),
    ("dup-header-budget", header(f"{D}/realisasi_anggaran.csv", "unit,pagu,pagu,wilayah"),
     [f"{D}/realisasi_anggaran.csv", "baris 1", "kolom 'pagu'", "dua kali"], "galat"),
    ("dup-header-bab3-table", header(f"{D}/bab3/tabel/yankomas_locus.csv",
                                     "provinsi,proses,file,file,telaah_rekomendasi,rekomendasi,jumlah,jumlah_tanggapan"),
     [f"{D}/bab3/tabel/yankomas_locus.csv", "baris 1", "kolom 'file'", "dua kali"], "galat"),
    ("empty-header-history", header("data/riwayat.csv", "kode,tahun,target,,realisasi_teks,capaian_tertulis,catatan,sumber"),
     ["data/riwayat.csv", "baris 1", "kolom ke-4", "kosong"], "galat"),
    ("header-only-sasaran", keep_header(f"{D}/sasaran.csv"),
     [f"{D}/sasaran.csv", "baris 2", "hanya berisi baris judul"], "galat"),
    ("header-only-indikator", keep_header(f"{D}/indikator.csv"),
     [f"{D}/indikator.csv", "baris 2", "hanya berisi baris judul"], "galat"),
    ("unclosed-quote-sasaran", sub(f"{D}/sasaran.csv", "SP-1,program,1,", 'SP-1,program,1,"'),
     [f"{D}/sasaran.csv", "baris 3", "tanda kutip"], "galat"),
    ("unclosed-quote-indikator", sub(f"{D}/indikator.csv", "IKK-9.1,SK-9,1,", 'IKK-9.1,SK-9,1,"'),
     [f"{D}/indikator.csv", "baris 15", "tanda kutip"], "galat"),

    # ---- YAML form
    ("dup-key-organisasi", sub(f"{D}/organisasi.yaml", "unit_singkat: Direktorat Jenderal HAM",
                               "unit_singkat: Direktorat Jenderal HAM\nunit_singkat: Ditjen HAM"),
     [f"{D}/organisasi.yaml", "baris 6", "kolom 'unit_singkat'", "dua kali"], "galat"),
    ("dup-key-fakta", sub(f"{D}/fakta.yaml", "  indeks_ham_pakar: 16 ", "  indeks_ham_pakar: 16\n  indeks_ham_pakar: 61 "),
     [f"{D}/fakta.yaml", "baris 9", "kolom 'indeks_ham_pakar'", "dua kali"], "galat"),
    ("dup-key-gambar", append(f"{D}/gambar.yaml", "struktur-organisasi:\n  bab: I\n  judul: Lagi\n  berkas: lain.png"),
     [f"{D}/gambar.yaml", "kolom 'struktur-organisasi'", "dua kali"], "galat"),
    ("dup-key-lampiran", sub(f"{D}/bab3/lampiran.yaml", "  yankomas-locus:\n    file: tabel/yankomas_locus.csv\n    judul: Tindak",
                             "  yankomas-locus:\n    file: tabel/yankomas_locus.csv\n    file: tabel/lain.csv\n    judul: Tindak"),
     [f"{D}/bab3/lampiran.yaml", "baris 18", "kolom 'file'", "dua kali"], "galat"),
    ("billion-laughs", write(f"{D}/umum.yaml", BILLION_LAUGHS),
     [f"{D}/umum.yaml", "baris 2", "alias YAML"], "galat"),
    ("alias", both(sub(f"{D}/organisasi.yaml", "pimpinan:\n", "pimpinan: &p\n"),
                   sub(f"{D}/organisasi.yaml", "atasan:\n  nama: Yasonna H. Laoly\n  jabatan: Menteri Hukum dan Hak Asasi Manusia",
                       "atasan: *p")),
     [f"{D}/organisasi.yaml", "baris 13", "alias YAML (*p)"], "galat"),
    ("merge-key", sub(f"{D}/tarja.yaml", "  - kunci: b\n", "  - <<: {kunci: x}\n    kunci: b\n"),
     [f"{D}/tarja.yaml", "gabungan YAML"], "galat"),
    ("oversized-yaml", write(f"{D}/upr.yaml", "catatan: " + "a" * 1_100_000 + "\n"),
     [f"{D}/upr.yaml", "terlalu besar"], "galat"),
    ("capaian-lainnya-mapping", write(f"{D}/capaian_lainnya.yaml",
                                      "kick-off:\n  judul: Kick Off\n  narasi: bab3_lainnya_kick_off\n"),
     [f"{D}/capaian_lainnya.yaml", "baris 1", "daftar"], "galat"),
    ("capaian-lainnya-no-title", sub(f"{D}/capaian_lainnya.yaml", "- judul: Kick Off Penanganan Pelanggaran HAM Berat\n  narasi",
                                     "- narasi"),
     [f"{D}/capaian_lainnya.yaml", "kolom 'butir ke-1.judul'", "wajib diisi"], "galat"),
    ("yaml-number-for-text", sub(f"{D}/organisasi.yaml", "unit_singkat: Direktorat Jenderal HAM", "unit_singkat: 12"),
     [f"{D}/organisasi.yaml", "baris 6", "kolom 'unit_singkat'", "harus berupa teks"], "galat"),
    ("yaml-text-for-year", sub(f"{D}/organisasi.yaml", "tahun: 2023", "tahun: dua ribu"),
     [f"{D}/organisasi.yaml", "baris 3", "kolom 'tahun'", "tahun anggaran"], "galat"),
    ("yaml-date-form", sub(f"{D}/organisasi.yaml", 'tanggal: "2023-04"', "tanggal: April 2023"),
     [f"{D}/organisasi.yaml", "baris 18", "kolom 'perjanjian_kinerja.tanggal'", "YYYY-MM-DD"], "galat"),
    ("yaml-unknown-key", sub(f"{D}/organisasi.yaml", "tahun: 2023", "tahun: 2023\nsingkat: DJHAM"),
     [f"{D}/organisasi.yaml", "kolom 'singkat'", "tidak dikenal"], "galat"),
    ("budget-yaml-date", sub(f"{D}/anggaran.yaml", 'tanggal: "2023-06-26"', "tanggal: 26 Juni 2023"),
     [f"{D}/anggaran.yaml", "kolom 'tambahan.0.tanggal'"], "galat"),

    # ---- keys that must be unique
    ("unit-twice", append(f"{D}/realisasi_anggaran.csv", "Diseminasi dan Penguatan HAM,1042990000,1022505635,tidak"),
     [f"{D}/realisasi_anggaran.csv", "baris {baris}", "kolom 'unit'", "ganda"], "galat"),
    ("programme-quarter-twice", append(f"{D}/prioritas_nasional.csv", "1,Pelaksanaan Aksi HAM dalam RANHAM,75,2,60,lagi"),
     [f"{D}/prioritas_nasional.csv", "baris {baris}", "kolom 'triwulan'", "ganda"], "galat"),
    ("pk-budget-twice", append(f"{D}/anggaran_pk.csv", "Program Pemajuan dan Penegakan HAM,1,Diseminasi lagi,1"),
     [f"{D}/anggaran_pk.csv", "baris {baris}", "kolom 'nomor'", "ganda"], "galat"),
    ("sasaran-twice", append(f"{D}/sasaran.csv", "SK-1,kegiatan,13,Sasaran lain"),
     [f"{D}/sasaran.csv", "baris {baris}", "kolom 'id'", "ganda"], "galat"),

    # ---- paths from data
    ("picture-dotdot", sub(f"{D}/gambar.yaml", "berkas: struktur_organisasi.png", "berkas: ../../../../../../etc/passwd"),
     [f"{D}/gambar.yaml", "baris 8", "kolom 'struktur-organisasi.berkas'", "'../../../../../../etc/passwd'", "keluar"],
     "galat"),
    ("picture-absolute", sub(f"{D}/gambar.yaml", "berkas: struktur_organisasi.png", "berkas: /etc/passwd"),
     [f"{D}/gambar.yaml", "baris 8", "'/etc/passwd'", "mutlak"], "galat"),
    ("picture-symlink-out", symlink(f"{D}/gambar/struktur_organisasi.png", "/etc/passwd"),
     [f"{D}/gambar.yaml", "baris 8", "'struktur_organisasi.png'", "keluar"], "galat"),
    ("picture-folder", mkdir(f"{D}/gambar/struktur_organisasi.png"),
     [f"{D}/gambar.yaml", "baris 8", "folder"], "galat"),
    ("table-dotdot", sub(f"{D}/bab3/lampiran.yaml", "file: tabel/yankomas_locus.csv", "file: ../../../../etc/passwd"),
     [f"{D}/bab3/lampiran.yaml", "baris 17", "kolom 'tabel.yankomas-locus.file'", "keluar"], "galat"),
    ("table-absolute", sub(f"{D}/bab3/lampiran.yaml", "file: gambar/workshop_iklim.jpg", "file: /etc/passwd"),
     [f"{D}/bab3/lampiran.yaml", "kolom 'gambar.workshop-iklim.file'", "mutlak"], "galat"),
    ("symlink-out-anywhere", symlink(f"{D}/narasi/bocor.txt", "/etc/passwd"),
     [f"{D}/narasi/bocor.txt", "symlink"], "galat"),
    ("prose-folder", mkdir(f"{D}/narasi/pk_tambahan.md"),
     [f"{D}/narasi/pk_tambahan.md", "bukan folder"], "galat"),
    ("achievement-prose-path", sub(f"{D}/capaian_lainnya.yaml", "narasi: bab3_lainnya_kick_off", "narasi: ../../../etc/passwd"),
     [f"{D}/capaian_lainnya.yaml", "kolom 'butir ke-1.narasi'"], "galat"),

    # ---- templates are data
    ("prose-include", append(f"{D}/narasi/pk_pengantar.md", "{% include '/etc/passwd' %}"),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "include"], "galat"),
    ("prose-mro", append(f"{D}/narasi/pk_pengantar.md", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "__class__"], "galat"),
    ("cell-cycler", csv_cell(f"{D}/prioritas_nasional.csv", 3, "uraian",
                             "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
     [f"{D}/prioritas_nasional.csv", "baris {baris}", "kolom 'uraian'", "cycler"], "galat"),
    ("bab3-prose-reference", append(f"{D}/bab3/SK-1/1_target_realisasi.md", "{{ self._TemplateReference__context }}"),
     [f"{D}/bab3/SK-1/1_target_realisasi.md", "baris {baris}", "_TemplateReference__context"], "galat"),
    ("renstra-prose-exhaustion", append(f"{R}/renstra.md", "{{ 'a'*10**9 }}"),
     [f"{R}/renstra.md", "baris {baris}", "terlalu besar"], "galat"),
    ("general-prose-range", append(f"{D}/narasi/umum/bab1_latar_belakang.md", "{% for i in range(10**9) %}x{% endfor %}"),
     [f"{D}/narasi/umum/bab1_latar_belakang.md", "baris {baris}", "range()"], "galat"),
    ("prose-unknown-filter", append(f"{D}/narasi/pk_pengantar.md", "{{ 'x'|center(1000000000) }}"),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "filter 'center'"], "galat"),
    ("prose-format-width", append(f"{D}/narasi/pk_pengantar.md", "{{ '{:>999999999}'.format(1) }}"),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "format"], "galat"),

    # ---- warnings: valid, but the analyst is told
    ("realisasi-above-pagu", sub(f"{D}/realisasi_anggaran.csv", "Kerja Sama HAM,2480829000,2419887392",
                                 "Kerja Sama HAM,2480829000,4819887392"),
     [f"{D}/realisasi_anggaran.csv", "baris 4", "kolom 'realisasi'", "melebihi pagunya", "194,29%"], "peringatan"),
    ("realisasi-above-pagu-indicator", sub(f"{D}/realisasi_anggaran_indikator.csv",
                                           "Diseminasi dan Penguatan HAM,1042990000,1022505635,",
                                           "Diseminasi dan Penguatan HAM,1042990000,2022505635,"),
     [f"{D}/realisasi_anggaran_indikator.csv", "baris 5", "kolom 'realisasi'", "melebihi pagunya"], "peringatan"),
]

def test_matrix_is_large_enough():
    assert len(CASES) >= 60, len(CASES)
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.lambat  # 73 runs of `lkjip check` (3-4 minutes): in `make test`, not in `make test-fast`
@pytest.mark.parametrize("name,breaks,expected,kind", CASES, ids=[c[0] for c in CASES])
def test_bad_input_matrix(project, name, breaks, expected, kind):
    baris = breaks(project)
    expected = [e.replace("{baris}", str(baris)) for e in expected]
    before = tree_hash(project / "data")
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert "Input should" not in out and "validation error" not in out, out  # the library's English
    if kind == "galat":
        assert proc.returncode != 0, f"lkjip check accepted broken data ({name}):\n{out}"
        stream = proc.stderr
    else:
        assert proc.returncode == 0, out
        stream = proc.stdout
        assert any(ln.strip().startswith("PERINGATAN") and all(e in ln for e in expected)
                   for ln in stream.splitlines()), stream
    lines = [ln for ln in stream.splitlines() if all(e in ln for e in expected)]
    assert lines, f"no line names {expected}:\n{stream}"
    assert tree_hash(project / "data") == before, "lkjip check changed the data folder"
    if kind == "peringatan":
        qa = (project / "build" / "2023" / "qa.html").read_text(encoding="utf-8")
        assert "Peringatan data" in qa and "melebihi pagunya" in qa
