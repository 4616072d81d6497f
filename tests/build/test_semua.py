"""`lkjip build --all`: which reports a run builds (every year with its own data; each quarter
once builds take a period)."""
from lkjip.build.semua import Target, quarters, targets


def test_every_year_with_its_own_data_is_a_report(root):
    years = [t for t in targets(root) if t.periode is None]
    # data/2023 and data/2024 hold a PK (sasaran.csv); data/templat and data/renstra are not years
    assert [t.year for t in years] == [2023, 2024]
    assert Target(2023).nama == "2023" and Target(2023, "tw3").nama == "2023-tw3"


def test_the_quarters_are_those_the_quarterly_figures_report_on(tmp_path):
    d = tmp_path / "data" / "2023"
    d.mkdir(parents=True)
    assert quarters(tmp_path, 2023) == []
    (d / "triwulan.csv").write_text("id,triwulan,target,realisasi\nIKSS-1.1,1,,\nIKSS-1.1,3,75,80\n",
                                    encoding="utf-8")
    assert quarters(tmp_path, 2023) == ["tw1", "tw3"]
