"""Ctrl-C and refusing disks end a command with one Indonesian line, no traceback, and the last
good output untouched."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import time

import pytest

from conftest import LKJIP

from lkjip.cli import pesan_disk


def test_a_full_or_read_only_disk_is_one_line():
    assert pesan_disk(OSError(errno.ENOSPC, "No space left on device", "build/2023/html/x.html")) == (
        "Tidak dapat menulis (build/2023/html/x.html): ruang disk penuh. Kosongkan ruang atau periksa izin "
        "folder, lalu ulangi.")
    assert "disk hanya-baca" in pesan_disk(OSError(errno.EROFS, "Read-only file system", "build"))
    assert pesan_disk(OSError(errno.ENOENT, "No such file")) is None  # not a disk refusal: lkjip's own bug


@pytest.mark.lambat
def test_ctrl_c_during_notebook_execution_is_one_line(project):
    """Ctrl-C in the terminal reaches the build, its workers and their kernels (one process group)."""
    env = dict(os.environ, LKJIP_ROOT=str(project))
    proc = subprocess.Popen([LKJIP, "build", "--year", "2023", "--no-pdf"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    line = ""
    while "[1/" not in line and time.monotonic() < deadline:  # notebooks are executing
        line = proc.stdout.readline()
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in out + err, err
    assert [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("[IPKernelApp]")] == [
        "Dihentikan (Ctrl-C); keluaran sebelumnya tidak diubah."], err
    assert not (project / "build" / "2023").exists()
    assert not list((project / "build").glob(".staging-*"))


@pytest.mark.parametrize("args, baris", [
    (["build"], "Opsi '--year' / '-y' wajib diisi. Lihat: lkjip build --help"),
    (["build", "--year", "dua"], "Nilai untuk '--year' / '-y' tidak valid: harus bilangan bulat (contoh 2023)."),
    (["check", "--yaer", "2023"], "Opsi --yaer tidak dikenal. Maksudnya --year? Lihat: lkjip check --help"),
    (["bangun"], "Perintah 'bangun' tidak dikenal; perintah yang ada: build, check"),
])
def test_a_mistyped_command_is_answered_in_indonesian(root, args, baris):
    proc = subprocess.run([LKJIP, *args], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "Error:" not in proc.stderr
    assert proc.stderr.strip().startswith(baris), proc.stderr
