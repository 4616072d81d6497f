"""One edit, one page: the numbers shared across pages (Bab III's numbering plan) are made once
per build outside the kernels and handed to every page as its `penomoran` parameter, so a
sentence appended to one sasaran's prose re-executes that sasaran's page and no other.
Statuses come from the build's own report (build/.work/<year>/last-build.json)."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from conftest import run_lkjip

pytestmark = pytest.mark.lambat


def build(project) -> dict[str, str]:
    run_lkjip(project, "build", "--year", "2023", "--no-pdf", check=True)
    report = json.loads((project / "build" / ".work" / "2023" / "last-build.json").read_text(encoding="utf-8"))
    return {j["page"]: j["status"] for j in report["jobs"]}


def test_a_sentence_in_one_sasaran_s_prose_reexecutes_only_its_page(project):
    first = build(project)
    assert len(first) == 24 and set(first.values()) == {"dijalankan"}
    prosa = project / "data" / "2023" / "bab3" / "SK-3" / "5_penyebab.md"
    prosa.write_text(prosa.read_text(encoding="utf-8").rstrip("\n") + " Kalimat tambahan analis.\n",
                     encoding="utf-8")
    again = build(project)
    assert {p for p, s in again.items() if s == "dijalankan"} == {"bab3_sasaran_sk-3"}
    html = (project / "build" / "2023" / "html" / "bab3_sasaran_sk-3.html").read_text(encoding="utf-8")
    assert "Kalimat tambahan analis." in re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))

    # a new table placed in the prose shifts the numbers of every later page: those re-run
    lampiran = project / "data" / "2023" / "bab3" / "lampiran.yaml"  # a table no prose shows yet
    lampiran.write_text(lampiran.read_text(encoding="utf-8").replace("tabel:\n", (
        "tabel:\n  kl-uji-analis:\n    file: tabel/kl_nilai_maksimal.csv\n    judul: Tabel Tambahan Analis\n"
        "    sumber: Laporan Pelaksanaan Aksi HAM Tahun 2023\n    kolom: {kementerian_lembaga: Nama Kementerian/Lembaga}\n"), 1),
        encoding="utf-8")
    prosa.write_text(prosa.read_text(encoding="utf-8") + "\n{{ tabel('kl-uji-analis') }}\n", encoding="utf-8")
    shifted = build(project)
    assert len({p for p, s in shifted.items() if s == "dijalankan"}) > 1
