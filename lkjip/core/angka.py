"""Every number lkjip reads, read one way: the one reader (pure: no files).

Three sources, one function (:func:`baca`), the source a parameter:

``sumber="berkas"`` (strict, the default): the text files under ``data/`` (CSV cells, YAML
    scalars). The files write a dot decimal and no thousands separator (``92.28``, ``1200433000``).
    Refused, each with what to write instead:

    - an ambiguous form, a single dot group of three digits (``1.096``: one thousand and
      ninety-six, or one point zero nine six?), naming both readings; a fraction that really
      has three decimals is written with a fourth (``1.0960``);
    - a fraction in a count column (``bulat=True``): a count never takes a fraction;
    - an exponent form (``1.20043E+09``: what Excel shows of 1200433000 in a narrow cell, digits
      lost);
    - the comma decimal and dotted thousands (``89,39``, ``1.200.433.000``).

``sumber="sel"`` (lenient): a workbook cell. Typed cells arrive as int/float and are taken
    as they are; a cell holding text is read the Indonesian way (``92,28`` -> 92.28,
    ``1.046`` -> 1046, ``1.046,5`` -> 1046.5) or the CSV way (``92.28``); ``1,046`` is refused
    (thousands or decimals?); exponent forms are refused too.

``sumber="cetak"``: a figure as lkjip itself prints it (``1.046``, ``63,9``, ``63,9%``): dots
    group thousands, the comma is the decimal mark; never ambiguous.

In every source ``-`` (the report's "nothing") and an empty cell read as ``None``; a
trailing ``%`` is dropped. Errors are :class:`AngkaSalah` (a ``ValueError``) carrying what
was expected, in Indonesian; the caller adds file, row and column.

One-line use elsewhere::

    baca_angka = lambda teks: angka.baca(teks, sumber="sel")        # a workbook cell (tools/excel)
    teks_csv = angka.tulis(nilai)                                    # a number written into a CSV file
    _angka_id = angka.baca_cetak                                     # printed figures (laporan/bab3)
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

Sumber = Literal["berkas", "sel", "cetak"]

KOSONG = {"", "-", "\u2013", "\u2014"}  # empty, hyphen, en dash, em dash: "nothing"


class AngkaSalah(ValueError):
    """A value that is not a number of the expected form; ``str()`` says what was expected."""

    def __init__(self, teks: str, harapan: str):
        self.teks = teks
        self.harapan = harapan
        super().__init__(harapan)


class AngkaMeragukan(AngkaSalah):
    """A form with two readings (``1.096``, ``1,046``); ``bacaan`` holds both."""

    def __init__(self, teks: str, harapan: str, bacaan: tuple[Decimal, Decimal]):
        self.bacaan = bacaan
        super().__init__(teks, harapan)


class FloatTertulis(float):
    """A YAML float that remembers how it was written (``1.551`` stays readable as text, so
    the strict reader can refuse it instead of printing "2")."""

    teks: str

    def __new__(cls, teks: str):
        obj = super().__new__(cls, float(teks))
        obj.teks = teks
        return obj


_EXP = re.compile(r"^[+-]?(\d+[.,]?\d*|[.,]\d+)[eE][+-]?\d+$")
_SATU_KELOMPOK = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")  # 1.096: thousands, or three decimals?
_RIBUAN_TITIK = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")  # 1.046, 1.200.433.000
_RIBUAN_KOMA = re.compile(r"^[1-9]\d{0,2},\d{3}$")  # 1,046: English thousands, or Indonesian decimals?
_KOMA_DESIMAL = re.compile(r"^\d+,\d+$")
_ID_LENGKAP = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+,\d+$")  # 1.046,5


def _teks_id(d: Decimal) -> str:
    """A Decimal written the Indonesian way (for messages)."""
    s = format(d, "f")
    whole, _, frac = s.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def _bulat(d: Decimal, teks: str, bulat: bool) -> Decimal:
    if not d.is_finite():
        raise AngkaSalah(teks, "angka biasa (bukan NaN/Infinity)")
    if bulat and d != d.to_integral_value():
        raise AngkaSalah(teks, "bilangan bulat: kolom ini berisi jumlah (cacah), tidak boleh pecahan")
    return d.quantize(Decimal(1)) if bulat else d


def _eksponen(teks: str) -> AngkaSalah:
    return AngkaSalah(teks, "angka lengkap tanpa bentuk eksponen: bentuk seperti 1.20043E+09 adalah tampilan "
                      "Excel untuk sel yang terlalu sempit dan sudah kehilangan angka; tulis angka utuhnya "
                      "(contoh 1200433000)")


def _berkas(s: str, bulat: bool) -> Decimal:
    sign, body = ("-", s[1:]) if s.startswith("-") else ("", s.lstrip("+"))
    if re.fullmatch(r"\d+", body):
        return Decimal(sign + body)
    if _SATU_KELOMPOK.match(body):
        ribuan = Decimal(sign + body.replace(".", ""))
        pecahan = Decimal(sign + body)
        if bulat:
            raise AngkaMeragukan(s, f"bilangan bulat tanpa titik ribuan: kolom ini berisi jumlah (cacah) dan "
                                    f"tidak menerima pecahan ({_teks_id(pecahan)}); bila maksudnya {ribuan}, "
                                    f"tulis {ribuan}", (ribuan, pecahan))
        raise AngkaMeragukan(s, f"angka meragukan: {s} bisa berarti {ribuan} (titik sebagai pemisah ribuan) "
                                f"atau {_teks_id(pecahan)} (titik sebagai tanda desimal); tulis {ribuan} tanpa "
                                f"titik, atau {body}0 bila memang pecahan", (ribuan, pecahan))
    if re.fullmatch(r"\d+\.\d+", body):
        return Decimal(sign + body)
    if _RIBUAN_TITIK.match(body):
        return _tolak(s, f"angka tanpa titik ribuan (tulis {sign}{body.replace('.', '')})")
    if _RIBUAN_KOMA.match(body):
        ribuan, pecahan = Decimal(sign + body.replace(",", "")), Decimal(sign + body.replace(",", "."))
        raise AngkaMeragukan(s, f"angka meragukan: {s} bisa berarti {ribuan} (koma sebagai pemisah ribuan) "
                                f"atau {_teks_id(pecahan)} (koma desimal); di file data tulis {ribuan} "
                                f"atau {pecahan} (titik desimal, tanpa pemisah ribuan)", (ribuan, pecahan))
    if _KOMA_DESIMAL.match(body) or _ID_LENGKAP.match(body):
        saran = sign + body.replace(".", "").replace(",", ".")
        return _tolak(s, f"angka ditulis dengan koma desimal; di file CSV gunakan titik (tulis {saran})")
    return _tolak(s, "angka dengan titik sebagai pemisah desimal (contoh 92.28)")


def _tolak(s: str, harapan: str):
    raise AngkaSalah(s, harapan)


def _sel(s: str) -> Decimal:
    if s.lower().startswith("rp"):
        s = s[2:].strip()
    sign, body = ("-", s[1:]) if s.startswith("-") else ("", s)
    if re.fullmatch(r"\d+", body):
        return Decimal(sign + body)
    if _RIBUAN_TITIK.match(body):  # 1.046, 1.200.433.000: dots group thousands
        return Decimal(sign + body.replace(".", ""))
    if re.fullmatch(r"\d+\.\d+", body):  # 92.28: the CSV files' own way
        return Decimal(sign + body)
    if _RIBUAN_KOMA.match(body):
        ribuan, pecahan = Decimal(sign + body.replace(",", "")), Decimal(sign + body.replace(",", "."))
        raise AngkaMeragukan(s, f"angka {s!r} meragukan: bisa berarti {ribuan} (koma sebagai pemisah "
                                f"ribuan) atau {body} (koma desimal); tulis tanpa pemisah ribuan "
                                f"(contoh {ribuan}) atau isi sel sebagai angka", (ribuan, pecahan))
    if _KOMA_DESIMAL.match(body):  # 92,28
        return Decimal(sign + body.replace(",", "."))
    if _ID_LENGKAP.match(body):  # 1.046,5
        return Decimal(sign + body.replace(".", "").replace(",", "."))
    raise AngkaSalah(s, f"bukan angka yang dapat dibaca: {s!r}; tulis misalnya 92,28 atau 1.046 atau 1046")


def _cetak(s: str) -> Decimal:
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        raise AngkaSalah(s, "angka seperti yang dicetak laporan (contoh 1.046 atau 63,9)") from None


def baca(x, *, sumber: Sumber = "berkas", bulat: bool = False) -> Decimal | None:
    """The number ``x`` stands for, or None for an empty cell or ``-``.

    ``sumber``: "berkas" (strict, text files), "sel" (lenient, workbook cells) or "cetak"
    (lkjip's own printed figures). ``bulat``: the column holds a count (or whole rupiah): a
    fraction is refused. Raises :class:`AngkaSalah` (:class:`AngkaMeragukan` for two readings).
    """
    if x is None:
        return None
    if isinstance(x, bool):  # YAML's yes/no/true: not a number
        raise AngkaSalah(str(x), "angka, bukan ya/tidak (true/false)")
    if isinstance(x, FloatTertulis) and sumber == "berkas":
        x = x.teks
    elif isinstance(x, int):
        return Decimal(x)
    elif isinstance(x, Decimal):
        return _bulat(x, str(x), bulat)
    elif isinstance(x, float):
        return _bulat(Decimal(repr(x)), repr(x), bulat)
    s = str(x).replace("\u00a0", " ").strip()
    if s in KOSONG:
        return None
    if s.endswith("%"):
        s = s[:-1].strip()
    s = s.replace(" ", "") if sumber != "berkas" else s
    if _EXP.match(s):
        raise _eksponen(s)
    if sumber == "berkas":
        d = _berkas(s, bulat)
    elif sumber == "sel":
        d = _sel(s)
    else:
        d = _cetak(s)
    return _bulat(d, s, bulat)


def tulis(d: Decimal | int | float | None) -> str:
    """The CSV form of a number that :func:`baca` (strict) reads back to the same value: dot
    decimal, no thousands separator, and a fourth decimal where three would be ambiguous
    (1.096 -> "1.0960"). For writers of data files (``lkjip excel import``)."""
    if d is None:
        return ""
    if isinstance(d, float):
        d = Decimal(repr(d))
    s = format(Decimal(d), "f")
    return s + "0" if _SATU_KELOMPOK.match(s.lstrip("-")) else s


def baca_cetak(x) -> Decimal | None:
    """A figure as lkjip prints it ('1.046', '63,9', '63,9%'), or None when it is not one."""
    try:
        return baca(x, sumber="cetak")
    except AngkaSalah:
        return None


__all__ = ["AngkaMeragukan", "AngkaSalah", "FloatTertulis", "baca", "baca_cetak", "tulis"]
