"""`lkjip preview` as an analyst uses it: the site is served on 127.0.0.1, a saved prose edit
reaches the page read over HTTP (and the open page is told to reload), a broken CSV shows
as an error naming file, row and column above the last good page, and fixing it recovers
without a restart. Ctrl-C ends it with one line."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import LKJIP

YEAR = "2023"
PAGE = "bab4_penutup.html"
PROSE = Path("data") / YEAR / "narasi" / "umum" / "bab4_saran.md"
SENTENCE = "Kalimat uji pratinjau: situs ini diperbarui tanpa memulai ulang."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def poll(url: str, proc: subprocess.Popen, ok, limit: float = 900) -> str:
    """The page body once `ok(status, body)` holds; fails if the preview died or never got there
    (the limit only bounds a broken run: no test here asserts on time)."""
    end = time.monotonic() + limit
    status, body = 0, ""
    while time.monotonic() < end:
        assert proc.poll() is None, f"preview stopped ({proc.returncode})"
        status, body = get(url)
        if ok(status, body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed what was expected (last status {status})")


@pytest.fixture()
def project(project: Path) -> Path:
    """The project copy with a book of Bab IV only: every rebuild below takes seconds."""
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    toc["chapters"] = [{"file": "bab4_penutup"}]
    (project / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.lambat
def test_preview_edit_error_and_recovery(project: Path, tmp_path: Path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    env = dict(os.environ, LKJIP_ROOT=str(project))
    log = open(tmp_path / "preview.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([LKJIP, "preview", "--year", YEAR, "--port", str(port)], cwd=project,
                            env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        # the site is built and served at the root under the pages' usual names
        page = poll(url, proc, lambda s, b: s == 200)
        assert "Perlunya sinergitas antar unit eselon II" in unescape(page)  # Bab IV's saran, 2023
        assert SENTENCE not in page
        served = re.search(r"/websocket-reload\?g=(\d+)", page)  # the page can be told to reload
        assert served, page[-500:]
        assert get(f"http://127.0.0.1:{port}/")[0] == 200

        from websockets.sync.client import connect

        with connect(f"ws://127.0.0.1:{port}/websocket-reload", open_timeout=30) as ws:
            prose = project / PROSE
            prose.write_text(prose.read_text(encoding="utf-8") + f"\n{SENTENCE}\n", encoding="utf-8")
            page = poll(url, proc, lambda s, b: SENTENCE in b)
            assert ws.recv(timeout=60) == "refresh"  # the open page reloads itself
        assert "lkjip-galat" not in page
        # a page served before that rebuild whose socket connects only now reloads at once
        with connect(f"ws://127.0.0.1:{port}/websocket-reload?g={served[1]}", open_timeout=30) as ws:
            assert ws.recv(timeout=30) == "refresh"

        # a broken CSV: the error (file, row, column) above the last good page
        csv = project / "data" / YEAR / "indikator.csv"
        good = csv.read_text(encoding="utf-8")
        lines = good.splitlines(keepends=True)
        assert lines[1].startswith("IKSS-1.1,") and ",75,rerata," in lines[1]
        csv.write_text(lines[0] + lines[1].replace(",75,rerata,", ",tujuh puluh,rerata,")
                       + "".join(lines[2:]), encoding="utf-8")
        page = unescape(poll(url, proc, lambda s, b: "lkjip-galat" in b))
        assert "data/2023/indikator.csv, baris 2, kolom 'target'" in page
        assert "'tujuh puluh'" in page
        assert SENTENCE in page  # the last good page is still there, below the error

        # fixing the data recovers without a restart
        csv.write_text(good, encoding="utf-8")
        page = poll(url, proc, lambda s, b: "lkjip-galat" not in b)
        assert SENTENCE in page
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=120)
        log.seek(0)
        out = log.read()
        log.close()
    assert rc == 0, out
    assert out.rstrip().splitlines()[-1] == "Pratinjau dihentikan.", out
    assert "data/2023/indikator.csv, baris 2, kolom 'target'" in out  # the terminal says it too


def test_port_in_use_is_refused_before_building(project: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = subprocess.run([LKJIP, "preview", "--year", YEAR, "--port", str(port)], cwd=project,
                              env=dict(os.environ, LKJIP_ROOT=str(project)), capture_output=True,
                              text=True, timeout=120)
    assert proc.returncode == 2
    assert f"Port {port} di 127.0.0.1 sudah dipakai" in proc.stderr
    assert not (project / "build").exists()


@pytest.mark.lambat
def test_no_pdf_build_says_the_pdf_is_older(project: Path):
    """After `--no-pdf` following an edit, the build does not print "PDF: ..." as if current,
    and the site's PDF link (and the landing page) say that the PDF is older than the site."""
    from conftest import run_lkjip
    from lkjip.build.site import PDF_LAMA

    page = project / "build" / YEAR / "html" / PAGE
    full = run_lkjip(project, "build", "--year", YEAR, check=True)
    assert f"PDF:   {project / 'build' / YEAR / f'lkjip-{YEAR}.pdf'}" in full.stdout
    html = page.read_text(encoding="utf-8")
    assert "(PDF)</a>" in html and PDF_LAMA not in html

    prose = project / PROSE
    prose.write_text(prose.read_text(encoding="utf-8") + f"\n{SENTENCE}\n", encoding="utf-8")
    quick = run_lkjip(project, "build", "--year", YEAR, "--no-pdf", check=True)
    assert not any(line.startswith("PDF:") for line in quick.stdout.splitlines()), quick.stdout
    assert "PDF lama (belum memuat perubahan terakhir di situs)" in quick.stdout
    html = page.read_text(encoding="utf-8")
    assert SENTENCE in html and f"Unduh Laporan Kinerja Tahun {YEAR} ({PDF_LAMA})</a>" in html
    assert "versi lama, belum memuat perubahan terakhir" in (project / "build" / "index.html").read_text(
        encoding="utf-8")

    # the same sources as the PDF again (the edit undone): the PDF is current, and said so
    prose.write_text(prose.read_text(encoding="utf-8").replace(f"\n{SENTENCE}\n", ""), encoding="utf-8")
    back = run_lkjip(project, "build", "--year", YEAR, "--no-pdf", check=True)
    assert f"PDF:   {project / 'build' / YEAR / f'lkjip-{YEAR}.pdf'}" in back.stdout
    assert PDF_LAMA not in page.read_text(encoding="utf-8")


def test_watch_survives_editors_that_save_by_replacing(tmp_path: Path):
    """Each save of _toc.yml by replacing the file (as many editors do), and a prose save,
    is seen; build/ and editors' swap files are not."""
    import asyncio

    from lkjip.build.preview import changes

    root = tmp_path / "project"
    (root / "data" / YEAR / "narasi").mkdir(parents=True)
    (root / "build").mkdir()
    toc = root / "_toc.yml"
    toc.write_text("format: jb-book\n", encoding="utf-8")

    def save_by_replace(i: int):
        tmp = root / f".{toc.name}.tmp{i}"
        tmp.write_text(f"format: jb-book\n# {i}\n", encoding="utf-8")
        os.replace(tmp, toc)

    async def run() -> list[set[str]]:
        stop = asyncio.Event()
        seen: list[set[str]] = []
        edits = [lambda: save_by_replace(1), lambda: save_by_replace(2),
                 lambda: ((root / "build" / "x.html").write_text("x"),
                          (root / "data" / YEAR / "narasi" / ".pk.md.swp").write_text("x"),
                          (root / "data" / YEAR / "narasi" / "pk.md").write_text("Teks.", encoding="utf-8"))]
        gen = changes(root, stop, 50)
        await asyncio.sleep(0.5)  # the watchers are set up on the first step of the generator below
        nxt = asyncio.ensure_future(gen.__anext__())
        await asyncio.sleep(0.5)
        for edit in edits:
            edit()
            batch = await asyncio.wait_for(nxt, 60)
            seen.append({Path(p).relative_to(root).as_posix() for _, p in batch})
            nxt = asyncio.ensure_future(gen.__anext__())
        nxt.cancel()
        stop.set()
        await gen.aclose()
        return seen

    seen = asyncio.run(run())
    assert "_toc.yml" in seen[0] and "_toc.yml" in seen[1]
    assert seen[2] == {f"data/{YEAR}/narasi/pk.md"}
