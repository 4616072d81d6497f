"""Excel for analysts: export and import a year's tables, lossless, validated by sheet and cell."""
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import run_lkjip
from lkjip.data import load_year
from lkjip.excel import baca_angka, read_workbook


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("year", [2023, 2024])
def test_export_import_round_trip_changes_no_byte(project, root, tmp_path, year):
    xlsx = tmp_path / f"data-{year}.xlsx"
    run_lkjip(project, "excel", "export", "--year", str(year), "--output", str(xlsx), check=True)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", str(year), check=True)
    assert "Tidak ada perubahan" in proc.stdout
    assert _snapshot(project / "data") == before == _snapshot(root / "data")
    # the tables are written the way the text files are: the workbook's text is their bytes
    texts = read_workbook(xlsx, year, project)
    for name in ("sasaran.csv", "indikator.csv", "komponen.csv", "anggaran_pk.csv"):
        assert texts[name].encode("utf-8") == (project / "data" / str(year) / name).read_bytes(), name

    # the workbook opened and saved again (openpyxl) still comes back identical
    wb = load_workbook(xlsx)
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", str(year), check=True)
    assert _snapshot(project / "data") == before


def test_exported_workbook_is_made_for_analysts(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:4] == ["sasaran", "indikator", "komponen", "anggaran_pk"]
    assert wb["_lkjip"].sheet_state == "hidden"
    petunjuk = [[c.value for c in r] for r in wb["Petunjuk"].iter_rows(min_row=4)]
    assert ["indikator", "Arah", "wajib diisi: naik (makin tinggi makin baik) atau turun (makin rendah makin baik)"] \
        in petunjuk
    ws = wb["indikator"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Kode Indikator", "Kode Sasaran", "Nomor", "Kode Tetap", "Uraian Indikator",
                          "Satuan", "Arah", "Target"]
    assert ws.freeze_panes == "A2"
    # IKK-9.1: target 109, realisasi 396, stored as numbers
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "IKK-9.1")
    assert row[7].value == 109 and row[9].value == 396
    kom = wb["komponen"]
    b08 = next(r for r in kom.iter_rows(min_row=2) if r[0].value == "IKSS-1.2" and r[2].value == "B08")
    assert b08[3].value == pytest.approx(73.9) and b08[3].number_format == "0.00"  # "73.90" kept
    assert isinstance(wb["anggaran_pk"]["D8"].value, int) and wb["anggaran_pk"]["D8"].value == 32488985000
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert {"F2", "G2", "I2"} <= set(lists)  # satuan, arah, rumus
    daftar = wb["_daftar"]
    arah = lists["G2"].formula1.split("!")[1].replace("$", "")
    assert [c.value for row in daftar[arah] for c in row] == ["naik", "turun"]
    assert lists["G2"].errorStyle == "stop" and lists["F2"].errorStyle == "warning"
    tingkat = {str(dv.sqref).split(":")[0] for dv in wb["sasaran"].data_validations.dataValidation}
    peran = {str(dv.sqref).split(":")[0] for dv in kom.data_validations.dataValidation}
    assert "B2" in tingkat and "B2" in peran
    assert ws.column_dimensions["E"].width > ws.column_dimensions["C"].width


def test_wrong_values_refused_naming_sheet_and_cell(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = wb["indikator"]
    assert ws["A2"].value == "IKSS-1.1" and ws["H1"].value == "Target"
    ws["H2"] = "tujuh"  # target
    ws["G3"] = "miring"  # arah
    ws["B8"] = "SK-99"  # unknown sasaran
    wb["komponen"]["D2"] = "1,046"  # ambiguous
    wb.save(xlsx)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert "Data tidak valid: 4 masalah" in err
    assert "Sheet 'indikator', sel H2, kolom 'Target': nilai 'tujuh'" in err
    assert "Sheet 'indikator', sel G3, kolom 'Arah': nilai 'miring' — naik (makin tinggi makin baik) atau turun" in err
    assert "Sheet 'indikator', sel B8, kolom 'Kode Sasaran': nilai 'SK-99' — sasaran tidak dikenal" in err
    assert "Sheet 'komponen', sel D2, kolom 'Nilai': nilai '1,046' — angka '1,046' meragukan" in err
    assert "Tidak ada yang ditulis" in err
    assert _snapshot(project / "data") == before


def test_indonesian_typed_numbers_are_read(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    kom = wb["komponen"]
    assert (kom["A2"].value, kom["C2"].value) == ("IKSS-1.1", "B04")
    kom["D2"] = "89,39"
    kom["D3"] = "92,6"  # B08 changed, typed with a decimal comma
    ang = wb["anggaran_pk"]
    ang["D2"] = "1.200.433.000"
    ang["D3"] = "1.046"
    wb.save(xlsx)
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "komponen.csv" in proc.stdout and "anggaran_pk.csv" in proc.stdout
    kom_csv = (project / "data/2023/komponen.csv").read_text(encoding="utf-8").splitlines()
    assert kom_csv[1] == "IKSS-1.1,periode,B04,89.39,Tabel III.1"
    assert kom_csv[2] == "IKSS-1.1,periode,B08,92.6,Tabel III.1"
    data = load_year(2023, project)
    assert [a.anggaran for a in data.anggaran_pk][:2] == [Decimal(1200433000), Decimal(1046)]


@pytest.mark.parametrize("text,value", [
    ("92,28", "92.28"), ("1.046", "1046"), ("1.200.433.000", "1200433000"), ("1.046,5", "1046.5"),
    ("92.28", "92.28"), ("75%", "75"), ("0,046", "0.046"), ("-3", "-3"), (" 396 ", "396"),
])
def test_baca_angka(text, value):
    assert baca_angka(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,046", "1,046,000", "1.046,5,3", "tujuh", "12,5.3", ""])
def test_baca_angka_refuses_ambiguous_or_unreadable(text):
    with pytest.raises(ValueError):
        baca_angka(text)


def test_new_year_filled_in_through_excel(project, tmp_path):
    run_lkjip(project, "new-year", "2025", check=True)
    xlsx = tmp_path / "isian-2025.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2025", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = wb["indikator"]
    assert ws["A2"].value == "IKP-1.1" and ws["H2"].value is None
    ws["H2"] = 35  # target typed as a number
    ws["H8"] = "1"
    ws["J8"] = 1  # IKP-2.4 realisasi (langsung)
    wb["anggaran_pk"]["D2"] = "624.154.000"
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2025", check=True)
    data = load_year(2025, project)
    ind = {i.id: i for i in data.indikator}
    assert ind["IKP-1.1"].target == 35 and ind["IKP-2.4"].realisasi_input == 1
    assert data.anggaran_pk[0].anggaran == Decimal(624154000) and data.anggaran_pk[1].anggaran is None


def test_unchanged_table_keeps_its_bytes_in_any_csv_dialect(project, tmp_path):
    """A table typed by hand with quotes everywhere and CRLF line ends is left alone when its
    cells did not change, and written the project's way when they did."""
    import csv as _csv
    f = project / "data/2024/anggaran_pk.csv"
    rows = list(_csv.reader(f.read_text(encoding="utf-8").splitlines()))
    with open(f, "w", encoding="utf-8", newline="") as out:
        _csv.writer(out, quoting=_csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    odd = f.read_bytes()
    xlsx = tmp_path / "data-2024.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2024", "--output", str(xlsx), check=True)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2024", check=True)
    assert f.read_bytes() == odd
    wb = load_workbook(xlsx)
    wb["anggaran_pk"]["D2"] = 624154001
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2024", check=True)
    text = f.read_text(encoding="utf-8")
    assert "\r" not in text and text.splitlines()[1] == "Program Pemajuan dan Penegakan HAM,1,Diseminasi dan Penguatan HAM,624154001"
