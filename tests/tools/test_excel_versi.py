"""No lost update: a workbook records the data it was exported from; on import a sheet not
edited since the export is left alone, and a sheet edited on data that changed since the
export is refused, naming the sheet and the file."""
import csv
import io

import pytest
from openpyxl import load_workbook

from conftest import run_lkjip

pytestmark = pytest.mark.lambat  # many `lkjip excel` runs (about 4 minutes): in `make test`, not in `make test-fast`


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _export(project, path):
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(path), check=True)
    return path


def _row_of(ws, key):
    return next(r for r in ws.iter_rows(min_row=2) if r[0].value == key)


def _edit_indikator(xlsx, realisasi):
    """IKK-9.1 (pemerintah daerah yang melaksanakan program aksi HAM): realisasi 396 in 2023."""
    wb = load_workbook(xlsx)
    row = _row_of(wb["indikator"], "IKK-9.1")
    assert wb["indikator"]["J1"].value == "Realisasi" and row[9].value == 396
    row[9].value = realisasi
    wb.save(xlsx)


def _edit_komponen(xlsx, value):
    """IKSS-1.1's B08 component: 92.65 in 2023."""
    wb = load_workbook(xlsx)
    kom = wb["komponen"]
    assert (kom["A3"].value, kom["C3"].value, kom["D3"].value) == ("IKSS-1.1", "B08", 92.65)
    kom["D3"] = value
    wb.save(xlsx)


def _indikator(project, key):
    return next(r for r in _rows(project / "data/2023/indikator.csv") if r[0] == key)


def test_two_analysts_edit_different_sheets_both_edits_kept(project, tmp_path):
    a = _export(project, tmp_path / "analis-a.xlsx")
    b = _export(project, tmp_path / "analis-b.xlsx")
    _edit_indikator(a, 401)
    _edit_komponen(b, "92,7")

    proc = run_lkjip(project, "excel", "import", str(a), "--year", "2023", check=True)
    assert "Data tahun 2023 diperbarui dari sheet: 'indikator' (indikator.csv)." in proc.stdout
    assert "sheet lain tidak diubah di Excel dan dibiarkan" in proc.stdout
    assert _indikator(project, "IKK-9.1")[9] == "401"
    after_a = _snapshot(project / "data")

    proc = run_lkjip(project, "excel", "import", str(b), "--year", "2023", check=True)
    assert "Data tahun 2023 diperbarui dari sheet: 'komponen' (komponen.csv)." in proc.stdout
    assert ("Sheet 'indikator' tidak diubah di Excel sejak diekspor; data/2023/indikator.csv sudah berubah sejak "
            "itu (impor lain) dan dibiarkan seperti sekarang.") in proc.stdout
    # A's edit survives B's import, B's edit is taken, nothing else moved
    assert _indikator(project, "IKK-9.1")[9] == "401"
    assert _rows(project / "data/2023/komponen.csv")[2] == ["IKSS-1.1", "periode", "B08", "92.7", "Tabel III.1"]
    after_b = _snapshot(project / "data")
    assert {k for k in after_b if after_b[k] != after_a[k]} == {"2023/komponen.csv"}
    run_lkjip(project, "check", "--year", "2023", check=True)


def test_sheet_edited_on_data_changed_since_export_is_refused(project, tmp_path):
    a = _export(project, tmp_path / "analis-a.xlsx")
    b = _export(project, tmp_path / "analis-b.xlsx")
    _edit_indikator(a, 401)
    _edit_indikator(b, 402)  # the same sheet, in the other copy
    _edit_komponen(b, "92,7")
    run_lkjip(project, "excel", "import", str(a), "--year", "2023", check=True)
    before = _snapshot(project / "data")

    proc = run_lkjip(project, "excel", "import", str(b), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Data tidak valid: 1 masalah" in proc.stderr
    assert ("Sheet 'indikator' — sheet ini diubah di Excel, tetapi data/2023/indikator.csv sudah berubah sejak "
            "berkas Excel ini diekspor") in proc.stderr
    assert "Ekspor ulang ('lkjip excel export --year 2023 --output <berkas baru>.xlsx')" in proc.stderr
    assert "Tidak ada yang ditulis ke data/2023/." in proc.stderr
    assert _snapshot(project / "data") == before  # A's 401 kept, B's komponen not half-taken
    assert _indikator(project, "IKK-9.1")[9] == "401"

    # exported again, the same edit goes in
    c = _export(project, tmp_path / "analis-b-baru.xlsx")
    _edit_indikator_from(c, 401, 402)
    proc = run_lkjip(project, "excel", "import", str(c), "--year", "2023", check=True)
    assert "'indikator' (indikator.csv)" in proc.stdout
    assert _indikator(project, "IKK-9.1")[9] == "402"


def _edit_indikator_from(xlsx, old, new):
    wb = load_workbook(xlsx)
    row = _row_of(wb["indikator"], "IKK-9.1")
    assert row[9].value == old
    row[9].value = new
    wb.save(xlsx)


def test_hand_edit_of_a_data_file_survives_an_unedited_sheet(project, tmp_path):
    xlsx = _export(project, tmp_path / "data-2023.xlsx")
    _edit_komponen(xlsx, 92.7)
    f = project / "data/2023/indikator.csv"
    f.write_text(f.read_text(encoding="utf-8").replace(",396,0,2\n", ",398,0,2\n"), encoding="utf-8")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "'komponen' (komponen.csv)" in proc.stdout and "'indikator'" in proc.stdout
    assert _indikator(project, "IKK-9.1")[9] == "398"
    assert _rows(project / "data/2023/komponen.csv")[2][3] == "92.70"  # the cell shows two decimals


def test_same_edit_made_twice_is_no_conflict(project, tmp_path):
    a = _export(project, tmp_path / "analis-a.xlsx")
    b = _export(project, tmp_path / "analis-b.xlsx")
    _edit_indikator(a, 401)
    _edit_indikator(b, 401)
    run_lkjip(project, "excel", "import", str(a), "--year", "2023", check=True)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(b), "--year", "2023", check=True)
    assert "Tidak ada perubahan" in proc.stdout
    assert _snapshot(project / "data") == before


def test_workbook_records_the_version_of_each_sheet(project, tmp_path):
    wb = load_workbook(_export(project, tmp_path / "data-2023.xlsx"))
    meta = list(wb["_lkjip"].iter_rows(values_only=True))
    tables = [r[1] for r in meta if r[0] == "tabel"]
    versi = {r[1]: r[2] for r in meta if r[0] == "versi"}
    assert set(versi) == set(tables) and all(v.startswith("sha256:") and len(v) == 71 for v in versi.values())
    assert len(set(versi.values())) == len(versi)  # each table its own content


def test_workbook_without_versions_takes_what_differs_and_says_so(project, tmp_path):
    """A workbook exported before versions were recorded: a sheet that differs from the data is
    taken, the others are already the same, and the import warns that it could not tell."""
    xlsx = _export(project, tmp_path / "lama.xlsx")
    wb = load_workbook(xlsx)
    meta = wb["_lkjip"]
    for r in range(meta.max_row, 0, -1):
        if meta.cell(row=r, column=1).value == "versi":
            meta.delete_rows(r)
    wb.save(xlsx)
    _edit_komponen(xlsx, "92,7")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "Data tahun 2023 diperbarui dari sheet: 'komponen' (komponen.csv)." in proc.stdout
    assert "tidak mencatat versi data asalnya" in proc.stdout
    assert _rows(project / "data/2023/komponen.csv")[2][3] == "92.7"


def test_missing_workbook_named_in_indonesian(project, tmp_path):
    proc = run_lkjip(project, "excel", "import", str(tmp_path / "tidak-ada.xlsx"), "--year", "2023")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{tmp_path / 'tidak-ada.xlsx'} tidak ada; periksa nama dan folder berkas Excel." in proc.stderr
