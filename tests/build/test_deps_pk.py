"""A page depends on the figures it reads (lkjip.build.deps): in a recording process, a loaded
year records its structure and each indicator figure field read, not its files; the build's
digests of those entries move with exactly the edits that change them."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lkjip.build.cache import Inputs

RECORD = textwrap.dedent("""
    import copy, sys
    from lkjip.build import deps
    deps.install(sys.argv[1], sys.argv[2])
    from lkjip.data.pk import load_year
    from lkjip.errors import LkjipError
    d = load_year(2023, sys.argv[2])
    i = d.indikator_by_id("IKSS-1.1")
    print(i.uraian)                                  # structure: no entry of its own
    print(i.target)                                  # one field of one indicator
    copy.copy(d.indikator_by_id("IKP-1.1"))          # a copy reads every field
    try:
        load_year(2024, sys.argv[2])                 # broken below: its files, as read
    except LkjipError:
        pass
""")


def _record(project: Path, tmp_path: Path) -> list[str]:
    log = tmp_path / "deps.log"
    subprocess.run([sys.executable, "-c", RECORD, str(log), str(project)], check=True, capture_output=True)
    return log.read_text(encoding="utf-8").splitlines()


def test_a_load_records_its_structure_and_the_figures_read_not_its_files(project, tmp_path):
    bad = project / "data" / "2024" / "indikator.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace(",naik,", ",naik-turun,", 1), encoding="utf-8")
    lines = _record(project, tmp_path)
    assert "pk\t2023\tstruktur" in lines
    assert "file\tdata/2023/komponen.csv" not in lines and "file\tdata/2023/indikator.csv" not in lines
    nilai = sorted(ln for ln in lines if ln.startswith("nilai\t"))
    assert nilai == ["nilai\t2023\tIKP-1.1\tkomponen", "nilai\t2023\tIKP-1.1\trealisasi_input",
                     "nilai\t2023\tIKP-1.1\ttarget", "nilai\t2023\tIKP-1.1\ttarget_periode",
                     "nilai\t2023\tIKSS-1.1\ttarget"]
    # the failed load of 2024 depends on the files it read
    assert "file\tdata/2024/indikator.csv" in lines and "pk\t2024\tstruktur" not in lines


def test_the_digests_move_with_exactly_the_edits_that_change_them(project):
    deps = ["pk\t2023\tstruktur", "nilai\t2023\tIKSS-1.1\tkomponen", "nilai\t2023\tIKSS-1.2\tkomponen",
            "nilai\t2023\tIKSS-1.1\ttarget"]

    def digests():
        inputs = Inputs(project, 2023)
        return {d: inputs.dep_digest(d) for d in deps}

    before = digests()
    assert "-" not in before.values()
    kom = project / "data" / "2023" / "komponen.csv"
    kom.write_text(kom.read_text(encoding="utf-8").replace("89.39", "89.40", 1), encoding="utf-8")
    after = digests()
    assert [d for d in deps if after[d] != before[d]] == ["nilai\t2023\tIKSS-1.1\tkomponen"]
    ind = project / "data" / "2023" / "indikator.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace("Persentase capaian Aksi HAM Pemerintah Pusat",
                                                           "Capaian Aksi HAM Pusat", 1), encoding="utf-8")
    assert [d for d in deps if digests()[d] != after[d]] == ["pk\t2023\tstruktur"]
    # an indicator that left the year, or a year that cannot be loaded: never equal to a recorded digest
    assert Inputs(project, 2023).dep_digest("nilai\t2023\tIKSS-9.9\ttarget") == "-"
    assert Inputs(project, 2023).dep_digest("pk\t1999\tstruktur") == "-"
