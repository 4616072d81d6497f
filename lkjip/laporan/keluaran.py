"""Output types the chapters hand to notebooks: Markdown text and an indicator's formatted figures."""
from __future__ import annotations

from lkjip.core import fmt
from lkjip.core.compute import Hasil
from lkjip.laporan.tabel import md_escape


class Markdown:
    """Markdown output that myst-nb parses as MyST and JupyterLab shows as Markdown."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self):
        return self.text

    def __repr__(self):  # the text, not an address that differs per run
        return self.text


class NilaiIndikator:
    """Formatted figures of one indicator, for narrative placeholders."""

    def __init__(self, h: Hasil):
        i = h.indikator
        self.uraian = md_escape(i.uraian)
        self.satuan = i.satuan
        self.target = fmt.nilai(i.target, i.satuan, fmt.desimal_perlu(i.target))
        self.realisasi = fmt.nilai(h.realisasi, i.satuan, i.desimal)
        self.capaian = fmt.persen(h.capaian, i.desimal_capaian)
