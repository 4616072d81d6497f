"""Bad data gives one clear list of problems (file, row, column, value, expected)."""
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError

import pytest

from conftest import run_lkjip


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_all_problems_reported_in_one_pass(project):
    ind = project / "data/2023/indikator.csv"
    _edit(ind, "IKSS-1.1,SS-1,1,aksi-ham-pusat,Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target,%,naik,75,",
          "IKSS-1.1,SS-1,1,aksi-ham-pusat,Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target,%,naik,tujuh,")
    _edit(ind, "IKK-2.1,SK-2,1,infodok-persen", "IKK-2.1,SK-99,1,infodok-persen")
    with pytest.raises(DataValidationError) as exc:
        load_year(2023, project)
    problems = exc.value.problems
    assert len(problems) == 2
    first = problems[0]
    assert first.file == "data/2023/indikator.csv" and first.row == 2 and first.column == "target"
    assert first.value == "tujuh" and "angka" in first.expected
    second = problems[1]
    assert second.row == 8 and second.column == "sasaran_id" and second.value == "SK-99"


def test_check_command_names_place_without_traceback(project):
    _edit(project / "data/2023/komponen.csv", "IKP-1.1,penyebut,Total Kab/Kota,514", "IKP-1.1,penyebut,Total Kab/Kota,514,5")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    assert "data/2023/komponen.csv" in proc.stderr and "baris 9" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_check_valid_year(project):
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode == 0, proc.stderr


def test_check_names_place_in_tables_beyond_the_pk(project):
    """Bab III.1's supporting tables (lampiran.yaml) and the budget tables are checked with
    their own rules: a problem is a line with file, row and column, never a traceback."""
    _edit(project / "data/2023/bab3/tabel/yankomas_locus.csv", "Sumatera Utara,46,", "Sumatera Utara,empat,")
    _edit(project / "data/2023/ikpa.csv", "Deviasi Halaman III DIPA,68.04,", "Deviasi Halaman III DIPA,abc,")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr + proc.stdout
    assert "Data tidak valid: 2 masalah" in proc.stderr
    assert "data/2023/bab3/tabel/yankomas_locus.csv, baris 3, kolom 'proses': nilai 'empat'" in proc.stderr
    assert "dijumlahkan di baris TOTAL tabel 'yankomas-locus'" in proc.stderr
    assert "data/2023/ikpa.csv, baris 3, kolom 'nilai': nilai 'abc'" in proc.stderr


def test_unquoted_date_in_the_documented_form_is_accepted(project):
    """`tanggal: 2023-06-26` without quotes (YAML would make it a date object) reads as written."""
    _edit(project / "data/2023/anggaran.yaml", 'tanggal: "2023-06-26"', "tanggal: 2023-06-26")
    _edit(project / "data/2023/organisasi.yaml", 'tanggal: "2023-12"', "tanggal: 2023-12-29")
    data = load_year(2023, project)
    assert data.organisasi.laporan_tanggal == "2023-12-29"
    from lkjip.data.pelengkap import load_pelengkap

    assert load_pelengkap(2023, project).anggaran.tambahan[0].tanggal == "2023-06-26"


def test_validation_library_messages_are_indonesian(project):
    """pydantic's own words never reach the analyst: the field, the line and what is expected."""
    _edit(project / "data/2023/organisasi.yaml", "unit_singkat: Direktorat Jenderal HAM", "unit_singkat: 12")
    _edit(project / "data/2023/organisasi.yaml", "  jabatan: Direktur Jenderal Hak Asasi Manusia\n",
          "  jabatan: [Direktur Jenderal]\n")
    with pytest.raises(DataValidationError) as exc:
        load_year(2023, project)
    text = str(exc.value)
    assert "Input should" not in text
    by_col = {p.column: p for p in exc.value.problems}
    lines = (project / "data/2023/organisasi.yaml").read_text(encoding="utf-8").splitlines()
    baris = {k: next(n for n, ln in enumerate(lines, 1) if ln.startswith(k)) for k in ("unit_singkat:", "  jabatan: [")}
    assert by_col["unit_singkat"].row == baris["unit_singkat:"] and "harus berupa teks" in by_col["unit_singkat"].expected
    assert (by_col["pimpinan.jabatan"].row == baris["  jabatan: ["]
            and "harus berupa teks" in by_col["pimpinan.jabatan"].expected)


def test_pesan_pydantic_covers_the_common_kinds():
    from pydantic import BaseModel, ValidationError

    from lkjip.data.pk import pesan_pydantic

    class M(BaseModel):
        a: int
        b: str
        c: list[int]
        d: bool

    try:
        M.model_validate({"a": "satu", "b": 3, "c": 5, "d": "mungkin"})
    except ValidationError as e:
        msgs = {x["loc"][0]: pesan_pydantic(x) for x in e.errors()}
    assert msgs == {"a": "harus bilangan bulat", "b": "harus berupa teks (bila perlu tulis di antara tanda kutip)",
                    "c": "harus berupa daftar (setiap butir diawali '- ')", "d": "harus ya/tidak (true/false)"}


def test_header_only_and_unclosed_quote_are_named_in_their_own_file(project):
    sas = project / "data/2023/sasaran.csv"
    sas.write_text(sas.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        load_year(2023, project)
    assert [(p.file, p.row) for p in exc.value.problems] == [("data/2023/sasaran.csv", 2)]


def test_billion_laughs_is_refused_at_the_first_alias():
    from lkjip.data.ketat import YamlSalah, muat_yaml

    doc = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
        f"{c}: &{c} [{','.join(['*' + chr(ord(c) - 1)] * 9)}]\n" for c in "bcdefghi")
    assert len(doc) < 1024
    with pytest.raises(YamlSalah) as e:
        muat_yaml(doc)
    assert e.value.baris == 2 and "alias" in str(e.value)
    with pytest.raises(YamlSalah, match="dua kali"):
        muat_yaml("a: 1\nb: 2\na: 3\n")
