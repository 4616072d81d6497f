"""The warm build server (lkjip.build.server): after one `lkjip build`, the next ones are forked
from a process that has made a build's imports and keeps the warm parents; the build is the same
command, with the analyst's streams, working folder, environment and exit status; a server of
another lkjip source is never used; it stops when told."""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import LKJIP

pytestmark = pytest.mark.lambat

YEAR = "2023"


@pytest.fixture()
def served(project: Path, monkeypatch):
    """A project with a book of Bab II only, and the server on for these builds (also under CI)."""
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    toc["chapters"] = [{"file": "bab2_perencanaan"}]
    (project / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("LKJIP_SERVER", "1")
    monkeypatch.setenv("LKJIP_SERVER_IDLE", "120")
    from lkjip.build import server

    server.stop()
    _wait(lambda: not server.socket_path().exists(), "server lama berhenti")
    yield project
    server.stop()
    _wait(lambda: not server.socket_path().exists(), "server berhenti")


def _wait(cond, what: str, limit: float = 60.0) -> None:
    end = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < end, f"tidak terjadi dalam {limit:.0f} dtk: {what}"
        time.sleep(0.1)


def _build(project: Path, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run([LKJIP, "build", "--year", YEAR, "--no-pdf", *more], cwd=project,
                          env=dict(os.environ, LKJIP_ROOT=str(project)), capture_output=True, text=True)


def _report(project: Path) -> dict:
    return json.loads((project / "build" / ".work" / YEAR / "last-build.json").read_text(encoding="utf-8"))


def _page(project: Path) -> str:
    s = (project / "build" / YEAR / "html" / "bab2_perencanaan.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", s)))


def test_the_second_build_is_forked_by_the_server_and_is_the_same_build(served):
    from lkjip.build import server

    first = _build(served)
    assert first.returncode == 0, first.stderr
    assert _report(served)["server"] is False
    _wait(server.socket_path().exists, "server siap")

    md = served / "data" / YEAR / "narasi" / "pk_pengantar.md"
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + " Kalimat lewat server.\n", encoding="utf-8")
    second = _build(served)
    assert second.returncode == 0, second.stderr
    rep = _report(served)
    assert rep["server"] is True
    assert [j["status"] for j in rep["jobs"]] == ["dijalankan"]
    assert "Kalimat lewat server." in _page(served)
    # the build's own lines reached the caller's standard output
    assert "Menyusun Laporan Kinerja tahun 2023" in second.stdout and "Waktu:" in second.stdout

    # bad data: the same refusal, on the caller's standard error, with the build's exit status
    csv = served / "data" / YEAR / "indikator.csv"
    good = csv.read_text(encoding="utf-8")
    assert ",naik,75," in good
    csv.write_text(good.replace(",naik,75,", ",naik,tujuh puluh lima,", 1), encoding="utf-8")
    bad = _build(served)
    assert bad.returncode == 2
    assert "data/2023/indikator.csv" in bad.stderr and "keluaran sebelumnya tidak diubah" in bad.stderr
    assert "Kalimat lewat server." in _page(served)  # the last good site stays
    csv.write_text(good, encoding="utf-8")


def test_a_server_of_another_lkjip_source_is_not_used(served):
    from lkjip.build import server

    assert _build(served).returncode == 0
    _wait(server.socket_path().exists, "server siap")
    # a client of another lkjip source: the server answers stale and stops, nothing runs
    assert server.run(["build", "--year", YEAR, "--no-pdf"], "0" * 64) is None
    _wait(lambda: not server.socket_path().exists(), "server lama berhenti")
    assert server.run(["build", "--year", YEAR, "--no-pdf"], server.sidik_kode()) is None
