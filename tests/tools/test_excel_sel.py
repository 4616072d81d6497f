"""Cells as analysts meet them: spare rows that keep what is typed, widths that fit the
formatted numbers, wrapped text with its row height, a named font; and the workbooks an
import refuses (dates in number cells, formulas without a value, .ods/.xls, absurd used
ranges) or an export will not write (inside data/, over a file that is not a workbook)."""
import datetime as dt
import shutil
import zipfile
from pathlib import Path

import re

import pytest
from openpyxl import load_workbook

from conftest import run_lkjip

pytestmark = pytest.mark.lambat  # many `lkjip excel` runs (about 4 minutes): in `make test`, not in `make test-fast`

BERKAS = Path(__file__).parent / "berkas_excel"  # made by LibreOffice Calc 7.4 from an export of 2023


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def xlsx(project, tmp_path):
    path = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(path), check=True)
    return path


def _shown(value, number_format):
    """What a number cell shows (Excel, en-US): 32,488,985,000 or 92.65."""
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    return format(value, ("," if "," in number_format else "") + f".{decimals}f")


def test_spare_rows_keep_what_is_typed_and_the_font_is_named(xlsx):
    wb = load_workbook(xlsx)
    kom = wb["komponen"]
    assert kom["A28"].value == "IKK-11.1" and kom["A29"].value is None  # 27 komponen of 2023, rows 2 to 28
    # text in every column below the data, numbers too: a spreadsheet then keeps what is typed
    assert {kom.cell(row=r, column=j).number_format for r in (29, 300, 528) for j in range(1, 6)} == {"@"}
    assert kom["D2"].number_format == "0.00" and kom["D2"].value == 89.39  # the data keep their numbers
    ind = wb["indikator"]
    validations = {str(dv.sqref) for dv in ind.data_validations.dataValidation}
    assert "G2:G522" in validations  # arah: 21 indicators and 500 spare rows
    # a named font, the same in the data, the header and the spare rows
    assert {(c.font.name, c.font.sz) for c in (ind["A1"], ind["E5"], ind["H9"], kom["D300"])} == {("Arial", 10)}
    assert ind["A1"].font.b and not ind["E5"].font.b


def test_widths_fit_the_formatted_numbers(xlsx):
    wb = load_workbook(xlsx)
    ra = wb["realisasi_anggaran"]
    assert (ra["B2"].value, ra["B2"].number_format) == (1042990000, "#,##0")
    assert ra.column_dimensions["B"].width >= len("1,042,990,000") + 2
    ang = wb["anggaran_pk"]
    assert ang["D8"].value == 32488985000 and ang.column_dimensions["D"].width >= len("32,488,985,000") + 2
    too_narrow = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, (int, float)):
                    if ws.column_dimensions[c.column_letter].width < len(_shown(c.value, c.number_format)) + 1:
                        too_narrow.append(f"{ws.title}!{c.coordinate}")
    assert too_narrow == []


def test_long_text_wraps_and_its_row_is_high_enough(xlsx):
    ind = load_workbook(xlsx)["indikator"]
    long_row = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "IKP-1.3")
    uraian = long_row[4]
    assert uraian.value.startswith("Persentase instansi pemerintah yang menindaklanjuti hasil Diseminasi")
    width = ind.column_dimensions["E"].width
    assert len(uraian.value) > width and uraian.alignment.wrap_text
    lines = -(-len(uraian.value) // int(width - 2))
    assert ind.row_dimensions[uraian.row].height >= lines * 12.75
    short = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "IKK-9.1")  # one line
    assert len(short[4].value) < width and ind.row_dimensions[short[0].row].height is None


def _spare_komponen(wb, nilai):
    """A new komponen typed in the first spare row (29), its value in D29."""
    kom = wb["komponen"]
    kom["A29"], kom["B29"], kom["C29"], kom["D29"], kom["E29"] = "IKSS-1.1", "periode", "B10", nilai, "Tabel III.1"


def _edit(change):
    def apply(path):
        wb = load_workbook(path)
        change(wb)
        wb.save(path)
    return apply


def _set(sheet, cell, value):
    def change(wb):
        wb[sheet][cell] = value
    return _edit(change)


def _text_formula(wb):
    """A formula typed into a text cell (a spare row): LibreOffice keeps it as text."""
    _spare_komponen(wb, "=D2+1")
    wb["komponen"]["D29"].data_type = "s"


def _far_cell_with_small_dimension(path):
    """One cell at XFD1048576 in komponen, the sheet declaring a small range."""
    _edit(lambda wb: wb["komponen"].cell(row=1048576, column=16384, value="x"))(path)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if b'<dimension ref="A1:XFD1048576"' in data:
                data = data.replace(b'<dimension ref="A1:XFD1048576"', b'<dimension ref="A1:E528"')
            out.writestr(item, data)
    tmp.replace(path)


REFUSED = {  # case -> (change to the exported workbook, what the analyst is told)
    "tanggal diketik di baris cadangan": (
        _edit(lambda wb: _spare_komponen(wb, "3/12/2023")),
        ["Sheet 'komponen', sel D29, kolom 'Nilai': nilai '3/12/2023' — angka, bukan tanggal"]),
    "tanggal di sel angka": (
        _set("komponen", "D3", dt.datetime(2023, 12, 3)),
        ["Sheet 'komponen', sel D3, kolom 'Nilai': nilai '2023-12-03 00:00:00' — angka, bukan tanggal (Excel atau "
         "LibreOffice mengubah isian ini menjadi tanggal)"]),
    "koma ribuan en-US di baris cadangan": (
        _edit(lambda wb: _spare_komponen(wb, "1,046")),
        ["Sheet 'komponen', sel D29, kolom 'Nilai': nilai '1,046' — angka '1,046' meragukan"]),
    "rumus tanpa nilai tersimpan": (
        _set("komponen", "D3", "=D2*2"),
        ["Sheet 'komponen', sel D3, kolom 'Nilai': nilai '=D2*2' — rumus tanpa nilai tersimpan",
         "simpan lagi sebagai .xlsx, atau ketik nilainya langsung"]),
    "rumus tanpa nilai di baris cadangan": (
        _edit(lambda wb: _spare_komponen(wb, "=SUM(D2:D3)")),
        ["Sheet 'komponen', sel D29, kolom 'Nilai': nilai '=SUM(D2:D3)' — rumus tanpa nilai tersimpan"]),
    "rumus di sel berformat Teks": (
        _edit(_text_formula),
        ["Sheet 'komponen', sel D29, kolom 'Nilai': nilai '=D2+1' — angka, bukan rumus"]),
    "pecahan yang tampil sebagai bilangan bulat": (  # 1.046 typed in en-US for 1046
        _set("anggaran_pk", "D3", 1.046),
        ["Sheet 'anggaran_pk', sel D3, kolom 'Anggaran (Rp)': nilai '1.046' — sel ini menampilkan 1 tetapi isinya "
         "1.046 (titik sebagai desimal): format sel hanya menampilkan 0 desimal"]),
    "dua desimal tampil, tiga tersimpan": (
        _set("komponen", "D3", 92.655),
        ["Sheet 'komponen', sel D3, kolom 'Nilai': nilai '92.655' — sel ini menampilkan 92,66 tetapi isinya 92.655"]),
    "satu sel di XFD1048576": (
        _set("indikator", "XFD1048576", "x"),
        ["Sheet 'indikator' memakai rentang sel A1:XFD1048576 (1.048.576 baris x 16.384 kolom)",
         "hapus baris dan kolom kosong di bawah dan di kanan data"]),
    "baris jauh di bawah data": (
        _set("ikpa", "B60000", 0),
        ["Sheet 'ikpa' memakai rentang sel A1:D60000 (60.000 baris x 4 kolom)"]),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_import_refuses_naming_sheet_and_cell(project, xlsx, case):
    change, expected = REFUSED[case]
    change(xlsx)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    for text in expected:
        assert text in proc.stderr, proc.stderr
    assert _snapshot(project / "data") == before


def test_far_cell_outside_the_declared_range_is_refused(project, xlsx):
    """A sheet declaring A1:E528 but holding a cell at XFD1048576: read as it streams, refused
    at the first row past a table's last, without holding the sheet."""
    _far_cell_with_small_dimension(xlsx)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Sheet 'komponen' berisi sel di bawah baris 10.000" in proc.stderr
    assert _snapshot(project / "data") == before


def test_sheet_declaring_too_small_a_range_loses_no_row(project, xlsx):
    """A workbook whose sheet declares A1:A1 (as a careless writer might) is read whole."""
    _set("komponen", "D3", 92.7)(xlsx)
    tmp = xlsx.with_suffix(".tmp")
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', src.read(item)))
    tmp.replace(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    rows = (project / "data/2023/komponen.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 28 and rows[2] == "IKSS-1.1,periode,B08,92.70,Tabel III.1"


@pytest.mark.parametrize("name,kind", [
    ("indikator-2023.ods", "berkas OpenDocument (.ods, LibreOffice Calc), bukan .xlsx"),
    ("indikator-2023.xls", "berkas Excel lama (.xls, Excel 97-2003)"),
])
def test_ods_and_xls_refused_with_the_advice_to_save_as_xlsx(project, tmp_path, name, kind):
    path = tmp_path / name
    shutil.copyfile(BERKAS / name, path)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(path), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{path} adalah {kind}" in proc.stderr
    assert "simpan sebagai .xlsx" in proc.stderr and "'Excel 2007-365 (.xlsx)'" in proc.stderr
    assert _snapshot(project / "data") == before


def test_csv_given_to_import_is_refused(project):
    f = project / "data/2023/indikator.csv"
    proc = run_lkjip(project, "excel", "import", str(f), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{f} bukan berkas Excel (.xlsx) (mungkin CSV, teks, atau berkas rusak)" in proc.stderr


def test_typed_number_in_a_spare_row_is_read(project, xlsx):
    _edit(lambda wb: _spare_komponen(wb, "92,75"))(xlsx)  # typed the Indonesian way into a text cell
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "'komponen' (komponen.csv)" in proc.stdout
    last = (project / "data/2023/komponen.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last == "IKSS-1.1,periode,B10,92.75,Tabel III.1"


@pytest.mark.parametrize("output,message", [
    ("data/2023/indikator.csv", "berada di dalam folder data"),
    ("data/isian-2023.xlsx", "berada di dalam folder data"),
    ("catatan.xlsx", "sudah ada dan bukan berkas Excel (.xlsx); berkas itu tidak ditimpa"),
    ("isian-2023.ods", "nama berkas keluaran harus berakhiran .xlsx"),
    ("bab", "nama berkas keluaran harus berakhiran .xlsx"),
])
def test_export_refuses_to_write_inside_data_or_over_another_file(project, output, message):
    (project / "catatan.xlsx").write_text("catatan rapat, bukan buku kerja\n", encoding="utf-8")
    (project / "bab").mkdir()
    before = _snapshot(project)
    proc = run_lkjip(project, "excel", "export", "--year", "2023", "--output", output)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert message in proc.stderr and output in proc.stderr
    assert _snapshot(project) == before


def test_export_replaces_an_earlier_workbook(project, xlsx):
    wb = load_workbook(xlsx)
    wb["komponen"]["D3"] = 1
    wb.save(xlsx)
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    assert load_workbook(xlsx)["komponen"]["D3"].value == 92.65


def test_petunjuk_says_how_to_type_in_the_spare_rows(xlsx):
    first = load_workbook(xlsx)["Petunjuk"]["A1"].value
    assert "Baris kosong di bawah data berformat Teks" in first and "jangan ketik tanggal di kolom angka" in first
