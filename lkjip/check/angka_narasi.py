"""Figures typed by hand into the prose: what `lkjip check` warns about.

The rule of the project is that every figure in the report comes from data. The prose is
Markdown with placeholders (``{{ ind['IKK-9.1'].realisasi }}``, ``{{ fakta.<kunci> }}``);
a number typed into it instead is not checked, not carried to the Ikhtisar or Bab IV, and
silently wrong the year it is copied. This module finds such numbers.

Not figures, and therefore allowed:

- anything inside ``{{ }}``, ``{% %}`` and ``{# #}``;
- references to regulations: ``Nomor 22 Tahun 2021``, ``No. 60 Tahun 2023``,
  ``nomor 20 dan 77 Tahun 2021``, ``Permenkumham 24/2017``, ``Pasal 290``, ``Bab IX``;
- calendar dates and months: ``6 Juni 2023``, ``27-28 November``, ``Januari-Desember 2023``;
- years other than the report's own (history, regulations); the report's own year is a
  figure of the report and is written ``{{ tahun }}`` so the text follows the data;
- numbers inside names and codes: ``P2KM``, ``B04``, ``Covid-19``, ``UM-HA.01.04-21``;
- list numbering at the start of a line: ``1.``, ``- 1).``, ``**2.``;
- the name of the Renstra period covering the year (``2020-2024``);
- the phrases listed in ``data/<year>/angka_tetap.yaml`` and ``data/renstra/<period>/angka_tetap.yaml`` (names and fixed terms that
  contain a number, such as "SIMAS 2.0" or "tarif 0 (nol) rupiah"), each with a reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lkjip.errors import Problem

BULAN = ("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember")

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<!--.*?-->", re.S)
_IZINKAN = [
    # regulations: Nomor 22 Tahun 2021, No. 60 Tahun 2023, nomor 20 dan 77 Tahun 2021, Nomor M.HH-03... Tahun 2023
    re.compile(r"\b(?:(?:Nomor|No)\.?:?\s*)?[\w.\-]*\d[\w.\-]*(?:\s*(?:,|dan)\s*[\w.\-]*\d[\w.\-]*)*"
               r"\s+Tahun\s+\d{4}", re.I),
    re.compile(r"\b(?:nomor|no\.)\s*\d+\b", re.I),  # "misi nomor 7": a label, not a quantity
    re.compile(r"\bke-\d+\b|\b\d+(?:st|nd|rd|th)\b"),  # ordinals: RPJMN ke-3, The 12th Forum
    re.compile(r"\b(?:Permen\w*|Kepmen\w*|Perpres|Keppres|Inpres|PP|UU|Perda)\s+(?:No\.?\s*|Nomor\s+)?\d+\s*/\s*\d{4}"),
    re.compile(r"\b(?:Pasal|Ayat|Bab|Lampiran)\s+\d+[A-Z]?\b", re.I),
    # dates: 6 Juni 2023, 27-28 November, 24 s.d. 29 Oktober, 1 dan 2 Mei; months: Januari-Desember 2023
    re.compile(rf"\b\d{{1,2}}(?:\s*(?:-|–|s\.d\.?|sampai dengan|dan)\s*\d{{1,2}})?\s+(?:{BULAN})\b(?:\s+\d{{4}})?",
               re.I),
    re.compile(rf"\b(?:{BULAN})(?:\s*(?:-|–|s\.d\.?|sampai dengan)\s*(?:{BULAN}))?\s+\d{{4}}\b", re.I),
    # names and codes with digits: P2HAM, B04, Covid-19, HAM-HA.01.04-21, M.HH-03.HA.02.01.01
    re.compile(r"\b[A-Za-z][\w]*(?:[.\-/][\w]+)*\d[\w]*(?:[.\-/]\w+)*"),
    # list numbering at the start of a line
    re.compile(r"(?m)^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?\(?\d{1,2}[.)]+(?=\s|\*)"),
]
_ANGKA = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class AngkaDiketik:
    """One number typed into a prose file."""

    berkas: str  # relative to the project root
    baris: int
    angka: str
    konteks: str

    def __str__(self) -> str:
        return f"{self.berkas} baris {self.baris}: angka {self.angka!r} diketik di narasi (\u2026{self.konteks}\u2026)"


def _tutup(teks: str, span: tuple[int, int]) -> str:
    a, b = span
    return teks[:a] + re.sub(r"[^\n]", " ", teks[a:b]) + teks[b:]


def cari(teks: str, tahun: int, istilah: list[str] = ()) -> list[tuple[int, str, str]]:
    """(line, number, context) of each number typed in `teks` that is not allowed."""
    sisa = teks
    for pola in [_JINJA, *(re.compile(re.escape(i)) for i in sorted(istilah, key=len, reverse=True)), *_IZINKAN]:
        for m in list(pola.finditer(sisa)):
            sisa = _tutup(sisa, m.span())
    out = []
    for m in _ANGKA.finditer(sisa):
        token = m.group()
        if re.fullmatch(r"(19|20)\d\d", token) and int(token) != tahun:
            continue  # another year: history, a regulation's year
        baris = teks.count("\n", 0, m.start()) + 1
        a, b = max(0, m.start() - 40), min(len(teks), m.end() + 25)
        out.append((baris, token, re.sub(r"\s+", " ", teks[a:b]).strip()))
    return out


def baca_istilah(path: Path, root: Path) -> tuple[list[str], list[Problem]]:
    """The allowed phrases of an ``angka_tetap.yaml`` (a list of ``istilah`` with ``alasan``),
    and the problems of the file's form."""
    import yaml

    if not path.is_file():
        return [], []
    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        return [], [Problem(rel, None, None, None, f"YAML tidak valid: {e}", "yaml")]
    if d is None:
        return [], []
    if not isinstance(d, list):
        return [], [Problem(rel, None, None, None, "daftar butir '- istilah: ...' dengan 'alasan'", "yaml")]
    istilah, masalah = [], []
    for n, e in enumerate(d, 1):
        if not (isinstance(e, dict) and str(e.get("istilah") or "").strip() and str(e.get("alasan") or "").strip()):
            masalah.append(Problem(rel, n, "istilah/alasan", str(e),
                                   "setiap butir berisi 'istilah' (frasa berangka) dan 'alasan' (mengapa bukan angka data)",
                                   "required"))
            continue
        istilah.append(str(e["istilah"]))
    return istilah, masalah


def periksa_berkas(paths: list[Path], root: Path, tahun: int, istilah: list[str]) -> list[AngkaDiketik]:
    out = []
    for p in paths:
        rel = str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
        try:
            teks = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the narrative check
        out += [AngkaDiketik(rel, baris, angka, konteks) for baris, angka, konteks in cari(teks, tahun, istilah)]
    return out


__all__ = ["AngkaDiketik", "cari", "baca_istilah", "periksa_berkas"]
