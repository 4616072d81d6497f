"""Bad input stops `lkjip build` and `lkjip check` with one clear line per problem (file,
row, column), never a traceback, and never changes the last good output.

Each case: a fresh copy of the project with the last good build of the session copied
in, the data broken one way, then both commands run as an analyst would.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import run_lkjip
from conftest import edit

pytestmark = pytest.mark.lambat  # executes notebooks or builds books


def tree_hash(d: Path) -> str:
    """A hash of every published file (path and content) under d: the build's own working
    state (build/.cache, build/.work: notebook cache and incremental book) is not output."""
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file() and not p.relative_to(d).parts[0].startswith("."):
            h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _drop_column(path: Path, column: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    j = rows[0].index(column)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:j] + r[j + 1:] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _add_column(path: Path, column: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([rows[0] + [column]] + [r + [value] for r in rows[1:]])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _append(path: Path, line: str) -> int:
    """Add a line at the end; its line number (the messages must name it)."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


D = "data/2023"


# (case id, how to break the data, what one line of the message must name; "{baris}" is the
# line the breaking step added)
CASES = [
    ("missing-file", lambda p: (p / D / "komponen.csv").unlink(),
     [f"{D}/komponen.csv", "wajib ada"]),
    ("missing-column", lambda p: _drop_column(p / D / "indikator.csv", "satuan"),
     [f"{D}/indikator.csv", "baris 1", "kolom 'satuan'", "wajib ada"]),
    ("unknown-column", lambda p: _add_column(p / D / "sasaran.csv", "keterangan", "x"),
     [f"{D}/sasaran.csv", "baris 1", "kolom 'keterangan'", "tidak dikenal"]),
    ("text-in-number", lambda p: edit(p / D / "komponen.csv", "Kab/Kota predikat Peduli HAM,267,Tabel III.2",
                                       "Kab/Kota predikat Peduli HAM,dua ratus,Tabel III.2"),
     [f"{D}/komponen.csv", "baris 8", "kolom 'nilai'", "'dua ratus'", "angka"]),
    ("indonesian-decimal", lambda p: edit(p / D / "komponen.csv", "IKSS-1.1,periode,B04,89.39",
                                           'IKSS-1.1,periode,B04,"89,39"'),
     [f"{D}/komponen.csv", "baris 2", "kolom 'nilai'", "'89,39'", "89.39"]),
    ("negative-count", lambda p: edit(p / D / "komponen.csv", "Total Kab/Kota,514,Tabel III.2",
                                       "Total Kab/Kota,-514,Tabel III.2"),
     [f"{D}/komponen.csv", "baris 9", "kolom 'nilai'", "'-514'"]),
    ("target-zero", lambda p: edit(p / D / "indikator.csv", "memenuhi target,%,naik,75,", "memenuhi target,%,naik,0,"),
     [f"{D}/indikator.csv", "baris 2", "kolom 'target'", "'0'", "lebih dari 0"]),
    ("realisasi-above-denominator", lambda p: edit(p / D / "komponen.csv", "IKP-1.1,pembilang,Kab/Kota predikat Peduli HAM,267",
                                                    "IKP-1.1,pembilang,Kab/Kota predikat Peduli HAM,600"),
     [f"{D}/komponen.csv", "baris 8", "kolom 'nilai'", "melebihi penyebut"]),
    ("duplicate-indicator", lambda p: _append(p / D / "indikator.csv",
                                              "IKK-12.3,SK-12,4,layanan-lain,Jumlah Layanan Lain,Layanan,naik,1,langsung,1,0,0"),
     [f"{D}/indikator.csv", "baris {baris}", "kolom 'id'", "ganda"]),
    ("duplicate-history-row", lambda p: _append(p / "data" / "riwayat.csv", "aksi-ham-pusat,2022,70,95,,,,Tabel X"),
     ["data/riwayat.csv", "baris {baris}", "kolom 'tahun'", "ganda"]),
    ("duplicate-component", lambda p: _append(p / D / "komponen.csv", "IKSS-1.1,periode,B04,90,Tabel X"),
     [f"{D}/komponen.csv", "baris {baris}", "kolom 'label'", "ganda"]),
    ("undefined-indicator", lambda p: _append(p / D / "komponen.csv", "IKK-99.1,pembilang,sesuatu,3,Tabel X"),
     [f"{D}/komponen.csv", "baris {baris}", "kolom 'indikator_id'", "'IKK-99.1'", "tidak dikenal"]),
    ("undefined-sasaran", lambda p: edit(p / D / "indikator.csv", "IKK-2.1,SK-2,", "IKK-2.1,SK-99,"),
     [f"{D}/indikator.csv", "baris 8", "kolom 'sasaran_id'", "'SK-99'"]),
    ("year-folder-missing", lambda p: (p / D).rename(p / "data" / "arsip-2023"),
     [D, "folder data tahun 2023 tidak ada"]),
    ("windows-1252", lambda p: (p / D / "sasaran.csv").write_bytes(
        (p / D / "sasaran.csv").read_text(encoding="utf-8")
        .replace("Pemenuhan Aksi HAM dalam RANHAM", "Pemenuhan Aksi HAM dalam RANHAM – Generasi V").encode("cp1252")),
     [f"{D}/sasaran.csv", "baris 7", "UTF-8"]),
    ("narrative-windows-1252", lambda p: (p / D / "narasi" / "pk_pengantar.md").write_bytes(
        "Perjanjian Kinerja – {{ tahun }}\n".encode("cp1252")),
     [f"{D}/narasi/pk_pengantar.md", "UTF-8"]),
    ("empty-file", lambda p: (p / D / "anggaran_pk.csv").write_text("", encoding="utf-8"),
     [f"{D}/anggaran_pk.csv", "kosong"]),
    ("broken-yaml", lambda p: edit(p / D / "organisasi.yaml", "renstra:", "renstra: [2020-2024\nx:"),
     [f"{D}/organisasi.yaml", "YAML tidak valid"]),
    ("unknown-placeholder", lambda p: _append(p / D / "narasi" / "pk_pengantar.md",
                                              "Capaian: {{ ind['IKK-99.1'].capaian }} oleh {{ kepala_biro }}."),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "tidak dikenal"]),
    ("placeholder-syntax", lambda p: _append(p / D / "narasi" / "pk_pengantar.md", "Tahun {{ tahun "),
     [f"{D}/narasi/pk_pengantar.md", "baris {baris}", "penanda"]),
    ("stated-unknown-indicator", lambda p: _append(p / D / "dinyatakan.csv", "Tabel X baris 1,capaian:IKK-99.1,100,"),
     [f"{D}/dinyatakan.csv", "baris {baris}", "kolom 'besaran'", "'capaian:IKK-99.1'", "IKK-99.1"]),
    ("stated-unknown-key", lambda p: _append(p / D / "dinyatakan.csv", "Tabel X baris 1,persentase:IKSS-1.1,100,"),
     [f"{D}/dinyatakan.csv", "baris {baris}", "kolom 'besaran'", "tidak dikenal"]),
    ("stated-indonesian-decimal", lambda p: edit(p / D / "dinyatakan.csv", "realisasi:IKSS-1.1,92.28,",
                                                  'realisasi:IKSS-1.1,"92,28",'),
     [f"{D}/dinyatakan.csv", "baris 3", "kolom 'nilai_tertulis'", "'92,28'", "92.28"]),
    ("stated-sum-of-missing-column", lambda p: _append(p / D / "dinyatakan.csv", "Lampiran PK,jumlah:anggaran_pk.csv:pagu,1,"),
     [f"{D}/anggaran_pk.csv", "kolom 'pagu'"]),
]


@pytest.fixture(scope="module")
def good_build(built) -> Path:
    """The last good output: the session's build folder (2023 and 2024, site and PDF)."""
    return built / "build"


@pytest.mark.parametrize("name,breaks,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input(project, good_build, name, breaks, expected):
    shutil.copytree(good_build, project / "build")
    before = tree_hash(project / "build")
    baris = breaks(project)
    expected = [e.replace("{baris}", str(baris)) for e in expected]
    for command in (["build", "--year", "2023", "--no-pdf"], ["check", "--year", "2023"]):
        proc = run_lkjip(project, *command)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0, f"lkjip {command[0]} accepted broken data ({name}):\n{out}"
        assert "Traceback" not in out, out
        lines = [ln for ln in proc.stderr.splitlines() if all(e in ln for e in expected)]
        assert lines, f"lkjip {command[0]}: no line names {expected}:\n{proc.stderr}"
    assert tree_hash(project / "build") == before, "the previous output changed"


def test_failing_notebook_cell_keeps_last_output(project, good_build):
    """A cell that raises inside papermill: chapter, cell and cause on one line, no
    traceback, the published site and PDF untouched."""
    shutil.copytree(good_build, project / "build")
    before = tree_hash(project / "build")
    nb_path = project / "notebooks" / "bab2_perencanaan.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "pk_pengantar" in "".join(c["source"]))
    cell["source"] = ["lap.narasi(\"tidak_ada\")"]
    nb_path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    proc = run_lkjip(project, "build", "--year", "2023", "--no-pdf")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stdout + proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if "tidak_ada" in ln)
    assert f"bab2_perencanaan, sel {cell['id']}" in line and "data/2023/narasi/tidak_ada.md" in line, line
    assert tree_hash(project / "build") == before
    assert not list((project / "build").glob(".staging-*")), "staging folder left behind"


def test_killed_build_keeps_last_output(project, good_build):
    """A build killed mid-way (SIGKILL: no clean-up runs) leaves build/2023 as it was; the
    next command removes what it left."""
    import os
    import signal
    import subprocess
    import time

    from conftest import LKJIP

    shutil.copytree(good_build, project / "build")
    before = tree_hash(project / "build" / "2023")
    # an edit, so that this build has work to do (with none it would stop at once: nothing changed)
    md = project / "data" / "2023" / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " Kalimat build yang dihentikan.\n",
                  encoding="utf-8")
    env = dict(os.environ, LKJIP_ROOT=str(project))
    proc = subprocess.Popen([LKJIP, "build", "--year", "2023", "--no-pdf"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    # wait until the build is under way: its staging folder holds an executed page
    while time.monotonic() < deadline and proc.poll() is None:
        if list((project / "build").glob(".staging-2023-*/book/*.ipynb")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tree_hash(project / "build" / "2023") == before
    assert list((project / "build").glob(".staging-2023-*")), "expected the killed build's staging folder"
    check = run_lkjip(project, "check", "--year", "2023", check=True)
    assert "Log mutu" in check.stdout
    assert not list((project / "build").glob(".staging-2023-*")), "stale staging folder not removed"


def test_interrupted_publish_is_recovered(project, good_build):
    """Killed between the two renames of publish: build/2023 was moved aside and not yet
    replaced. The next command puts the last good output back."""
    shutil.copytree(good_build, project / "build")
    before = tree_hash(project / "build" / "2023")
    (project / "build" / "2023").rename(project / "build" / ".old-2023-999999999")
    run_lkjip(project, "check", "--year", "2023", check=True)
    qa = (project / "build" / "2023" / "qa.html").read_bytes()
    assert (project / "build" / "2023" / "html" / "index.html").is_file()
    assert (project / "build" / "2023" / "lkjip-2023.pdf").is_file()
    # everything but the rewritten quality log is exactly the last good output
    (project / "build" / "2023" / "qa.html").write_bytes((good_build / "2023" / "qa.html").read_bytes())
    assert tree_hash(project / "build" / "2023") == before
    assert b"Log mutu data" in qa


def test_failing_book_build_is_summarised(project, good_build):
    """Jupyter Book itself fails (an extension that does not exist): the cause in a few
    lines, no Python traceback, the last output untouched."""
    shutil.copytree(good_build, project / "build")
    before = tree_hash(project / "build")
    edit(project / "_config.yml", "extra_extensions: [lkjip.build.sphinx_escape]",
         "extra_extensions: [lkjip.build.sphinx_escape, ekstensi_tidak_ada]")
    proc = run_lkjip(project, "build", "--year", "2023", "--no-pdf")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stdout + proc.stderr and 'File "' not in proc.stderr
    assert "jupyter-book (html) gagal" in proc.stderr and "ekstensi_tidak_ada" in proc.stderr
    ours = [ln for ln in proc.stderr.splitlines() if not ln.startswith("[IPKernelApp]")]  # kernel start-up notes
    assert len(ours) < 20, proc.stderr
    assert tree_hash(project / "build") == before


def test_validation_error_inside_a_cell_lists_its_problems(project):
    """A cell that raises lkjip's own DataValidationError: each of its problems on a line
    of its own with chapter and cell, not papermill's traceback."""
    nb_path = project / "notebooks" / "bab2_perencanaan.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "pk_pengantar" in "".join(c["source"]))
    cell["source"] = ["from lkjip.laporan.konteks import Laporan\n", "Laporan(1999)"]
    nb_path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    proc = run_lkjip(project, "build", "--year", "2023", "--no-pdf")
    assert proc.returncode != 0 and "Traceback" not in proc.stdout + proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if "data/1999" in ln)
    assert line.startswith(f"[bab2_perencanaan, sel {cell['id']} (from lkjip.laporan.konteks import Laporan)] data/1999 — "), line
    assert "folder data tahun 1999 tidak ada" in line
    assert not (project / "build" / "2023").exists()
