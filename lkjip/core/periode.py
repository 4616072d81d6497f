"""A reporting period: the year's annual report, or a quarter of it (``tw1`` .. ``tw4``).

The one place that turns ``--periode tw3`` into what a report prints and where it is built:
"Triwulan III", "s.d. September 2023", build/2023-tw3/, lkjip-2023-tw3.pdf. Pure: no files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lkjip.core import fmt

BULAN_AKHIR = {1: "Maret", 2: "Juni", 3: "September", 4: "Desember"}  # the last month of each quarter
_POLA = re.compile(r"^tw([1-4])$")


class PeriodeSalah(ValueError):
    """A period other than tw1..tw4 (the message is Indonesian)."""


@dataclass(frozen=True)
class Periode:
    tahun: int
    triwulan: int | None = None  # None: the annual report

    @staticmethod
    def dari(tahun: int, periode: str | int | None) -> Periode:
        """``Periode.dari(2023, "tw3")``; None (or "") is the annual report."""
        if periode is None or periode == "":
            return Periode(int(tahun))
        if isinstance(periode, int) and 1 <= periode <= 4:
            return Periode(int(tahun), periode)
        m = _POLA.match(str(periode).strip().lower())
        if not m:
            raise PeriodeSalah(f"Periode '{periode}' tidak dikenal: harus tw1, tw2, tw3 atau tw4 "
                               "(triwulan I sampai IV), atau dikosongkan untuk laporan tahunan")
        return Periode(int(tahun), int(m.group(1)))

    @property
    def tahunan(self) -> bool:
        return self.triwulan is None

    @property
    def kode(self) -> str | None:
        """tw3 (the CLI's and the notebooks' value); None for the annual report."""
        return None if self.triwulan is None else f"tw{self.triwulan}"

    @property
    def nama(self) -> str:
        """build/<nama>/: "2023" or "2023-tw3"."""
        return str(self.tahun) if self.triwulan is None else f"{self.tahun}-tw{self.triwulan}"

    @property
    def label(self) -> str:
        """"Triwulan III" ("" for the annual report)."""
        return "" if self.triwulan is None else fmt.triwulan(self.triwulan)

    @property
    def sampai(self) -> str:
        """"s.d. September 2023"; "Tahun 2023" for the annual report."""
        if self.triwulan is None:
            return f"Tahun {self.tahun}"
        return f"s.d. {BULAN_AKHIR[self.triwulan]} {self.tahun}"

    @property
    def bulan_akhir(self) -> str:
        """The report's month: "2023-09" for TW III (organisasi.yaml's form of a date)."""
        return f"{self.tahun}-{3 * (self.triwulan or 4):02d}"

    def judul(self, unit: str) -> str:
        """'Laporan Kinerja <unit> Tahun 2023' / 'Laporan Kinerja <unit> Triwulan III Tahun 2023'."""
        mid = f" {self.label}" if self.triwulan else ""
        return f"Laporan Kinerja {unit}{mid} Tahun {self.tahun}"
