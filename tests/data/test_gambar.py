"""A photo that is corrupt, not a picture, or in a format the PDF cannot take is refused by
`lkjip check`, naming gambar.yaml's line and key and the file, before LaTeX would stop on it
under a name of its own."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import run_lkjip


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, format="PNG")
    return buf.getvalue()


def gif() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, format="GIF")
    return buf.getvalue()


@pytest.mark.parametrize("isi, diharapkan", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "berkas gambar rusak atau bukan gambar"),
    (b"<html>bukan foto</html>", "berkas gambar rusak atau bukan gambar"),
    (None, "gambar berformat GIF"),
])
def test_a_bad_photo_is_named_by_check(project, isi, diharapkan):
    foto = project / "data" / "2023" / "gambar" / "struktur_organisasi.png"  # gambar.yaml: struktur-organisasi
    foto.parent.mkdir(exist_ok=True)
    foto.write_bytes(gif() if isi is None else isi)
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    line = next(ln for ln in out.splitlines() if "struktur_organisasi.png" in ln and "GALAT" in ln)
    assert "data/2023/gambar.yaml, baris 8, kolom 'struktur-organisasi.berkas'" in line and diharapkan in line, line


def test_a_good_photo_passes(project):
    foto = project / "data" / "2023" / "gambar" / "struktur_organisasi.png"
    foto.parent.mkdir(exist_ok=True)
    foto.write_bytes(png())
    assert run_lkjip(project, "check", "--year", "2023").returncode == 0
