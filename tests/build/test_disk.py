"""A full disk and a read-only disk, for real: the project's build/ on a small tmpfs (root and
mount, as on these machines). The build ends with one Indonesian line naming the file, no
traceback, and the last good output stays as it was."""
from __future__ import annotations

import hashlib
import subprocess

import pytest

from conftest import run_lkjip

pytestmark = pytest.mark.lambat


def tree_hash(d) -> str:
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture()
def disk(project):
    build = project / "build"
    build.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400m", "tmpfs", str(build)]).returncode != 0:
        pytest.skip("this machine does not let the tests mount a filesystem")
    yield build
    subprocess.run(["umount", "-l", str(build)])


def test_full_then_read_only_disk_is_one_line_and_keeps_the_last_build(project, disk):
    run_lkjip(project, "build", "--year", "2023", "--no-pdf", check=True)
    before = tree_hash(disk / "2023")
    pk = project / "data" / "2023" / "narasi" / "pk_pengantar.md"
    pk.write_text(pk.read_text(encoding="utf-8") + "\nKalimat baru.\n", encoding="utf-8")

    free = int(subprocess.run(["df", "--output=avail", "-B1", str(disk)], capture_output=True, text=True,
                              check=True).stdout.split()[-1])
    (disk / "pengisi").write_bytes(b"\0" * max(0, free - 64 * 1024))  # the disk is (nearly) full
    proc = run_lkjip(project, "build", "--year", "2023", "--no-pdf")
    err = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("[IPKernelApp]")]
    assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert len(err) == 2 and "ruang disk penuh" in err[0] and err[0].startswith("Tidak dapat menulis ("), err
    assert tree_hash(disk / "2023") == before

    (disk / "pengisi").unlink()
    assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
    proc = run_lkjip(project, "build", "--year", "2023", "--no-pdf")
    err = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("[IPKernelApp]")]
    assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert len(err) == 2 and "disk hanya-baca" in err[0], err
    assert tree_hash(disk / "2023") == before
