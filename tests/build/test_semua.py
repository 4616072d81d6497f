"""`lkjip build --all`: which reports a run builds (every year with its own data; each quarter
once builds take a period)."""
from lkjip.build.semua import Target, quarters, targets


def test_every_year_with_its_own_data_is_a_report(root):
    years = [t for t in targets(root) if t.periode is None]
    # data/2023 and data/2024 hold a PK (sasaran.csv); data/templat and data/renstra are not years
    assert [t.year for t in years] == [2023, 2024]
    assert Target(2023).nama == "2023" and Target(2023, "tw3").nama == "2023-tw3"


def test_the_quarters_are_those_the_quarterly_figures_report_on(project):
    assert quarters(project, 2023) == ["tw1", "tw2", "tw3", "tw4"]  # data/2023/triwulan.csv
    assert quarters(project, 2024) == []  # no quarterly figures
    assert [t.nama for t in targets(project)] == ["2023", "2023-tw1", "2023-tw2", "2023-tw3", "2023-tw4", "2024"]
    path = project / "data" / "2023" / "triwulan.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0]] + [r for r in rows[1:] if r.split(",")[1] in ("1", "3")]) + "\n",
                    encoding="utf-8")
    assert quarters(project, 2023) == ["tw1", "tw3"]
