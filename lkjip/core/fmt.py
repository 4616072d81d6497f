"""Indonesian formatting of the report's figures, through Babel.

Babel rounds half-to-even; the report rounds half-up. Every number is therefore
quantized here with ROUND_HALF_UP first and handed to Babel already rounded, so
Babel only places the separators.
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id"
MISSING = "belum tersedia"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def to_decimal(x) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(x)


def round_half_up(x, decimals: int) -> Decimal:
    """Round as the report does: 169.865 -> 169.87, 0.5 -> 1."""
    q = Decimal(1).scaleb(-decimals)
    return to_decimal(x).quantize(q, rounding=ROUND_HALF_UP)


def angka(x, decimals: int = 0) -> str:
    """A number the Indonesian way: 1.046; 92,28."""
    if x is None:
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round_half_up(x, decimals), format=pattern, locale=LOCALE)


def persen(x, decimals: int = 2) -> str:
    """92,28%"""
    if x is None:
        return MISSING
    return angka(x, decimals) + "%"


def rupiah(x) -> str:
    """Rp 68.391.151.860"""
    if x is None:
        return MISSING
    return "Rp " + angka(x, 0)


def nilai(x, satuan: str, decimals: int = 0) -> str:
    """A value with its unit: 92,28% ; 396 Instansi Pemerintah."""
    if x is None:
        return MISSING
    if satuan == "%":
        return persen(x, decimals)
    return f"{angka(x, decimals)} {satuan}"


def tanggal(d) -> str:
    """8 Januari 2024; a month-only date ("2023-04") gives "April 2023"."""
    if d is None:
        return MISSING
    if isinstance(d, str):
        parts = d.split("-")
        if len(parts) == 2:
            return format_date(_dt.date(int(parts[0]), int(parts[1]), 1), "MMMM y", locale=LOCALE)
        d = _dt.date.fromisoformat(d)
    return format_date(d, "d MMMM y", locale=LOCALE)


def triwulan(n: int) -> str:
    """Triwulan I .. Triwulan IV"""
    return f"Triwulan {_ROMAN[int(n)]}"



def desimal_ditulis(x) -> int:
    """Decimals of a number as the data writes it: 92.70 -> 2, 75 -> 0 (None -> 0)."""
    if x is None:
        return 0
    return max(0, -Decimal(x).as_tuple().exponent)


def desimal_perlu(x) -> int:
    """Decimals needed to show a number without trailing zeros: 92.50 -> 1, 75 -> 0 (None -> 0)."""
    if x is None:
        return 0
    return max(0, -Decimal(x).normalize().as_tuple().exponent)

# ---------------------------------------------------------------- number words

_SATUAN = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
           "sepuluh", "sebelas"]


def terbilang(n: int) -> str:
    """Indonesian number words: 2 -> 'dua', 12 -> 'dua belas', 16 -> 'enam belas', 1046 -> 'seribu empat puluh enam'."""
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"), (100, "ratus")):
        if n >= besar:
            depan, sisa = divmod(n, besar)
            if depan == 1 and besar in (100, 1000):
                kata = "seratus" if besar == 100 else "seribu"
            else:
                kata = f"{terbilang(depan)} {nama}"
            return kata + (f" {terbilang(sisa)}" if sisa else "")
    raise AssertionError(n)


def angka_kata(n: int) -> str:
    """'2 (dua)', as the report writes counts."""
    return f"{int(n)} ({terbilang(n)})"
