"""Bab II: papermill executes the real notebook for 2023 and 2024; the built site and
PDF carry each year's PK figures."""
import papermill as pm
import pytest

from conftest import notebook_text, page_text, pdf_text

pytestmark = pytest.mark.lambat  # executes notebooks or builds books

BAB2 = "notebooks/bab2_perencanaan.ipynb"


@pytest.mark.parametrize("year,expected,absent", [
    (2023, ["Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target", "75\\%",
            "109 Instansi Pemerintah", "Rp 32.488.985.000", "Rp 18.123.254.000", "Yasonna H. Laoly"],
     ["Nilai AKIP"]),
    (2024, ["Persentase Satuan Kerja yang Nilai AKIP minimal", "Persentase Satuan Kerja yang nilai capaian RB minimal 90",
            "WBK/WBBM", "8\\%", "Rp 21.662.728.000", "27 Desember 2023"],
     ["Sasaran Strategis", "Aksi HAM Pemerintah Pusat"]),
])
def test_papermill_runs_bab2(root, tmp_path, year, expected, absent):
    out = tmp_path / f"bab2-{year}.ipynb"
    pm.execute_notebook(str(root / BAB2), str(out), parameters={"tahun": year}, cwd=str(root),
                        kernel_name="python3", progress_bar=False)
    text = notebook_text(out)
    for e in expected:
        assert e in text, e
    for a in absent:
        assert a not in text, a


@pytest.mark.parametrize("year,figures", [
    (2023, ["Mengoptimalkan peran dalam penghormatan, perlindungan, dan pemenuhan HAM",
            "Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target", "75%", "45%",
            "Jumlah pemerintah daerah yang melaksanakan program aksi HAM", "109 Instansi Pemerintah",
            "99 Rekomendasi", "1 Dokumen", "Rp 8.631.741.000"]),
    (2024, ["Persentase Satuan Kerja yang nilai capaian RB minimal 90", "95%", "30%", "100%", "8%",
            "Layanan Tata Kelola Pemerintah yang Efektif dan Efisien", "Rp 42.148.126.000"]),
])
def test_built_site_and_pdf_show_pk(built, year, figures):
    out = built / "build" / str(year)
    html = out / "html" / "bab2_perencanaan.html"
    assert (out / "html" / "index.html").is_file()
    page = page_text(html)
    pdf = pdf_text(out / f"lkjip-{year}.pdf")
    for f in figures:
        assert f in page, f"site {year}: {f}"
        assert f in pdf, f"PDF {year}: {f}"
    # papermill's injected parameters cell never reaches the reader
    assert "Parameters" not in page and "tahun = " not in page
    assert "tahun = " not in pdf
    landing = (built / "build" / "index.html").read_text(encoding="utf-8")
    assert f'{year}/html/index.html' in landing and f"{year}/lkjip-{year}.pdf" in landing
