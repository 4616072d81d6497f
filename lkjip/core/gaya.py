"""How a chart looks: its kind, colours, order, title, axis labels and value labels.

Every chart of the report has a default look (given where the chart is made); the year's
``data/<tahun>/grafik.yaml`` may change any of these per chart, by the chart's name
(``grafik-pengaduan-hak-dasar: {jenis: batang, warna: ["#1f4e79"]}``), read and validated by
:mod:`lkjip.data.grafik`. Pure: no files, no plotting.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

JENIS = {"batang": "diagram batang", "batang_horizontal": "diagram batang horizontal", "garis": "diagram garis"}
URUTAN = ("data", "menurun", "menaik")  # as the data gives it; by the first series, largest or smallest first


@dataclass(frozen=True)
class GayaGrafik:
    jenis: str = "batang_horizontal"  # a key of JENIS; several series give grouped bars
    warna: tuple[str, ...] = ()  # one colour per series ("#1f4e79"); empty: the standard palette
    urutan: str = "data"  # one of URUTAN
    judul: str | None = None  # the chart's title and caption; None: the one the data gives
    judul_di_grafik: bool = True  # draw the title inside the chart too (the caption always has it)
    label_x: str = ""
    label_y: str = ""
    label_nilai: bool = False  # print each value beside its bar or point
    batas_nilai: float | None = None  # the value axis ends here; None: from the data

    def dengan(self, ubah: dict) -> GayaGrafik:
        """This look with the fields ``ubah`` gives (validated by lkjip.data.grafik)."""
        ubah = dict(ubah)
        if "warna" in ubah:
            ubah["warna"] = tuple(ubah["warna"])
        return replace(self, **ubah)


KOLOM = {f.name for f in fields(GayaGrafik)}
