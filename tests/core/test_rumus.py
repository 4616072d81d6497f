"""The printed formula of every pair of rumus and arah, as a table: the text a reader sees, and
the figures in it computed again from the printed text give the printed result (so the formula
of a lower-is-better indicator can never again read 15% / 20% = 125%)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from lkjip.core.compute import hasil
from lkjip.core.model import Indikator, JenisRumus, Komponen
from lkjip.core.rumus import rumus_latex, rumus_sebagian

D = Decimal
INDEKS = JenisRumus("indeks", "langsung", label="", desimal=2, desimal_capaian=2)


def _ind(rumus, arah, satuan, target, realisasi=None, komponen=(), desimal=2, desimal_capaian=2, jenis=None):
    kom = tuple(Komponen("X-1", p, lbl, None if v is None else D(v)) for p, lbl, v in komponen)
    return Indikator("X-1", "S-1", 1, "x", "uji", satuan, arah, None if target is None else D(target), rumus,
                     None if realisasi is None else D(realisasi), desimal, desimal_capaian, kom, jenis)


RASIO_2023 = [("pembilang", "Kab/Kota predikat Peduli HAM", "267"), ("penyebut", "Total Kab/Kota", "514")]
RERATA_2023 = [("periode", "B04", "89.39"), ("periode", "B08", "92.65"), ("periode", "B12", "94.81")]

# (rumus, arah, indicator, the formula printed, the capaian)
TABEL = [
    # the 2023 report's own formulas (Tabel III.2, III.1, III.3)
    ("rasio", "naik", _ind("rasio", "naik", "%", 25, komponen=RASIO_2023, desimal=0, desimal_capaian=0),
     r"\frac{267 \text{ Kab/Kota predikat Peduli HAM}}{514 \text{ Total Kab/Kota}} \times 100\% = 52\%", "208"),
    ("rerata", "naik", _ind("rerata", "naik", "%", 75, komponen=RERATA_2023),
     r"\frac{89{,}39 + 92{,}65 + 94{,}81}{3} = 92{,}28\%", "123.04"),
    ("langsung", "naik", _ind("langsung", "naik", "Instansi Pemerintah", 109, 396, desimal=0),
     r"\frac{396 \text{ Instansi Pemerintah}}{109 \text{ target Instansi Pemerintah}} \times 100\% = 363{,}30\%",
     "363.30"),
    # lower is better: (2 x target - realisasi) / target x 100
    ("rasio", "turun", _ind("rasio", "turun", "%", 20, komponen=[("pembilang", "aduan berulang", "30"),
                                                              ("penyebut", "aduan", "200")]),
     r"\frac{30 \text{ aduan berulang}}{200 \text{ aduan}} \times 100\% = 15{,}00\%; \quad \text{capaian} = "
     r"\frac{2 \times 20\% - 15{,}00\%}{20\%} \times 100\% = 125{,}00\%", "125.00"),
    ("rerata", "turun", _ind("rerata", "turun", "%", 10, komponen=[("periode", "TW I", "8"), ("periode", "TW II", "9")]),
     r"\frac{8{,}00 + 9{,}00}{2} = 8{,}50\%; \quad \text{capaian} = \frac{2 \times 10\% - 8{,}50\%}{10\%} "
     r"\times 100\% = 115{,}00\%", "115.00"),
    ("langsung", "turun", _ind("langsung", "turun", "%", 20, 15),
     r"\frac{2 \times 20\% - 15{,}00\%}{20\%} \times 100\% = 125{,}00\%", "125.00"),
    ("langsung", "turun", _ind("langsung", "turun", "Hari", 14, 10, desimal=0),
     r"\frac{2 \times 14 - 10}{14} \times 100\% = 128{,}57\%", "128.57"),
    ("langsung", "naik", _ind("langsung", "naik", "%", 20, 15),
     r"\frac{15{,}00\%}{20\% \text{ target}} \times 100\% = 75{,}00\%", "75.00"),
    # a kind declared in data: an index read directly, two decimals
    ("indeks", "naik", _ind("indeks", "naik", "Indeks", "3.2", "3.45", jenis=INDEKS),
     r"\frac{3{,}45 \text{ Indeks}}{3{,}2 \text{ target Indeks}} \times 100\% = 107{,}81\%", "107.81"),
    ("indeks", "turun", _ind("indeks", "turun", "Indeks", "3.2", "3.45", jenis=INDEKS),
     r"\frac{2 \times 3{,}2 - 3{,}45}{3{,}2} \times 100\% = 92{,}19\%", "92.19"),
]


def _hitung_ulang(tex: str) -> list[Decimal]:
    """Every '... = value' of the printed formula, its left side computed from the printed text."""
    out = []
    for part in tex.split(r"; \quad \text{capaian} = "):
        kiri, _, kanan = part.rpartition(" = ")
        e = re.sub(r"\\text\{[^}]*\}", "", kiri).replace("{,}", ".").replace(r"\%", "").replace(r"\times", "*")
        while r"\frac" in e:
            e = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", e)
        hasil_kiri = eval(e, {"__builtins__": {}})  # noqa: S307 (digits and + - * / only)
        out.append((Decimal(str(hasil_kiri)), Decimal(kanan.replace("{,}", ".").replace(r"\%", ""))))
    return out


@pytest.mark.parametrize("rumus,arah,ind,teks,capaian", TABEL,
                         ids=[f"{r}-{a}-{i.satuan}" for r, a, i, _, _ in TABEL])
def test_formula_of_every_rumus_and_arah(rumus, arah, ind, teks, capaian):
    h = hasil(ind)
    assert (ind.rumus, ind.arah) == (rumus, arah)
    assert h.capaian == Decimal(capaian)
    tex = rumus_latex(h)
    assert tex == teks
    for kiri, kanan in _hitung_ulang(tex):
        setengah = Decimal(5) * Decimal(10) ** (kanan.as_tuple().exponent - 1)  # half of the last place printed
        assert abs(kiri - kanan) <= setengah, (tex, kiri, kanan)
    assert tex.endswith(f"{capaian.replace('.', '{,}')}\\%") or h.indikator.rumus_dasar != "langsung"


def test_every_pair_is_in_the_table():
    pairs = {(r, a) for r, a, *_ in TABEL}
    assert pairs >= {(r, a) for r in ("rasio", "rerata", "langsung", "indeks") for a in ("naik", "turun")}


@pytest.mark.parametrize("komponen,teks", [
    (RERATA_2023[:2] + [("periode", "B12", None)],
     "belum lengkap (2 dari 3 periode): B04 89,39%; B08 92,65%; B12 belum diisi"),
    ([("pembilang", "Kab/Kota predikat Peduli HAM", "267")],
     "belum lengkap (penyebut belum diisi): Kab/Kota predikat Peduli HAM 267; penyebut belum diisi"),
    ([("pembilang", "Kab/Kota predikat Peduli HAM", None), ("penyebut", "Total Kab/Kota", "514")],
     "belum lengkap (pembilang belum diisi): Kab/Kota predikat Peduli HAM belum diisi; Total Kab/Kota 514"),
])
def test_partial_inputs_say_how_far_they_are(komponen, teks):
    rumus = "rerata" if komponen[0][0] == "periode" else "rasio"
    h = hasil(_ind(rumus, "naik", "%", 75, komponen=komponen))
    assert h.realisasi is None and h.capaian is None and rumus_latex(h) is None
    assert rumus_sebagian(h) == teks
    assert h.realisasi_keterangan == teks.split(":")[0]


def test_nothing_entered_is_not_partial():
    h = hasil(_ind("rerata", "naik", "%", 75, komponen=[("periode", "B04", None), ("periode", "B08", None)]))
    assert h.sebagian is None and h.realisasi_keterangan is None and rumus_sebagian(h) is None
