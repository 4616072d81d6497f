"""`lkjip excel export --periode tw3`: the quarter's rows of triwulan.csv in the workbook, and its
import replacing those rows only, validated by sheet and cell."""
import csv
import io

import pytest
from openpyxl import load_workbook

from conftest import run_lkjip

pytestmark = pytest.mark.lambat  # three `lkjip excel` runs with the year's checks


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _sheet(wb):
    (name,) = [n for n in wb.sheetnames if n.lower().startswith("triwulan")]
    return wb[name]


def test_a_quarter_goes_to_excel_and_back(project, tmp_path):
    f = project / "data" / "2023" / "triwulan.csv"
    before = _rows(f)
    xlsx = tmp_path / "tw3.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--periode", "tw3", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = _sheet(wb)
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if any(c.value is not None for c in r)]
    assert got and {str(r[1]) for r in got} == {"3"}  # only Triwulan III
    assert len(got) == sum(1 for r in before[1:] if r[1] == "3")
    # IKK-9.1 to September: 288 -> 290
    (r,) = [r for r in ws.iter_rows(min_row=2) if r[0].value == "IKK-9.1"]
    r[3].value = 290
    wb.save(xlsx)
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = _rows(f)
    assert ["IKK-9.1", "3", "82", "290", "", "", "", ""] in after
    assert ["IKK-9.1", "2", "55", "143", "", "", "", ""] in after  # the other quarters stay
    assert len(after) == len(before)
    assert sorted(map(tuple, after)) == sorted(tuple(x) if x[:2] != ["IKK-9.1", "3"] else
                                               ("IKK-9.1", "3", "82", "290", "", "", "", "") for x in before)


def test_a_bad_quarter_cell_is_named_by_sheet_and_cell(project, tmp_path):
    xlsx = tmp_path / "tw3.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--periode", "tw3", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = _sheet(wb)
    (r,) = [r for r in ws.iter_rows(min_row=2) if r[0].value == "IKP-1.2"]
    r[4].value = 300  # pembilang 300 of 221
    wb.save(xlsx)
    before = (project / "data" / "2023" / "triwulan.csv").read_bytes()
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode == 2
    assert f"Sheet '{ws.title}', sel E{r[0].row}" in proc.stderr and "melebihi penyebut" in proc.stderr
    assert (project / "data" / "2023" / "triwulan.csv").read_bytes() == before
