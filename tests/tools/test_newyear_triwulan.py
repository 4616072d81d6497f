"""`lkjip new-year` scaffolds the quarter columns: data/<tahun>/triwulan.csv with every
indicator in each quarter, its figures empty ("belum tersedia" until filled in)."""
import csv

from lkjip.core.compute import hasil
from lkjip.data import triwulan
from lkjip.data.pk import load_year
from lkjip.tools.newyear import new_year


def test_a_new_year_gets_its_quarter_file(project):
    new_year(2025, project)  # from 2024, which has no triwulan.csv yet
    with open(project / "data" / "2025" / "triwulan.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(triwulan.KOLOM)
    ids = [i.id for i in load_year(2025, project).indikator]
    assert sorted((r[0], r[1]) for r in rows[1:]) == sorted((i, str(n)) for i in ids for n in range(1, 5))
    assert all(c == "" for r in rows[1:] for c in r[2:])
    d = triwulan.terapkan(load_year(2025, project), 2, project)
    assert all(hasil(i).realisasi is None for i in d.indikator)


def test_the_quarters_of_2023_carry_into_2024_without_figures(project):
    import shutil

    shutil.rmtree(project / "data" / "2024")
    new_year(2024, project)
    with open(project / "data" / "2024" / "triwulan.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with open(project / "data" / "2023" / "triwulan.csv", encoding="utf-8", newline="") as f:
        lama = list(csv.reader(f))
    assert [r[:2] for r in rows] == [r[:2] for r in lama]  # id, triwulan kept
    assert all(c == "" for r in rows[1:] for c in r[2:])  # target, realisasi ... emptied
