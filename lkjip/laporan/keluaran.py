"""Output types the chapters hand to notebooks: Markdown text and an indicator's formatted figures."""
from __future__ import annotations

import re
from pathlib import Path

from lkjip import lingkungan
from lkjip.core import fmt
from lkjip.core.compute import Hasil
from lkjip.laporan.tabel import md_escape


_KOTAK = re.compile(r"^:::\{(\w+)\}[ \t]*(.*?)\n(.*?)^:::[ \t]*$", re.S | re.M)
_JUDUL_KOTAK = {"admonition": "", "note": "Catatan", "warning": "Perhatian", "tip": "Tips", "important": "Penting"}


def untuk_lab(text: str) -> str:
    """MyST boxes (``:::{note}`` ...) as quoted blocks with a bold title, which JupyterLab's
    Markdown shows as a box; the book keeps the MyST."""
    def kotak(m):
        judul = m.group(2).strip() or _JUDUL_KOTAK.get(m.group(1), m.group(1).capitalize())
        isi = [ln for ln in m.group(3).rstrip("\n").splitlines() if not ln.startswith(":")]
        return "\n".join([f"> **{judul}**" if judul else ">", ">", *[f"> {ln}" if ln else ">" for ln in isi]])

    return _KOTAK.sub(kotak, text)


_PAKET = Path(__file__).resolve().parents[1]  # lkjip/


def _jejak_kode() -> float:
    return max((p.stat().st_mtime for p in _PAKET.rglob("*.py")), default=0.0)


_KODE_SAAT_IMPOR = _jejak_kode()


def kode_berubah() -> bool:
    """Whether lkjip's code changed on disk since this kernel imported it (an edit that shows
    only after a kernel restart)."""
    return _jejak_kode() > _KODE_SAAT_IMPOR


PERINGATAN_KODE = ("> **Perhatian:** kode lkjip berubah sejak kernel ini dimulai; keluaran ini masih dari "
                   "kode lama. Mulai ulang kernel (Kernel > Restart Kernel and Run All Cells).\n\n")


class Markdown:
    """Markdown output that myst-nb parses as MyST and JupyterLab shows as Markdown.

    ``sumber`` is the data file the text came from (a prose file). In JupyterLab (outside a book
    build) the block ends with a link that opens that file, and MyST boxes show as boxes; the
    book gets the text alone."""

    def __init__(self, text: str, sumber: Path | None = None, root: Path | None = None):
        self.text = text
        self.sumber = sumber
        self.root = root

    def _repr_markdown_(self):
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None):
        if lingkungan.folder_aset() is not None:  # a book build: the formatters give the text alone
            return {}
        text = (PERINGATAN_KODE if kode_berubah() else "") + untuk_lab(self.text)
        if self.sumber is not None and self.root is not None:
            rel = Path(self.sumber).relative_to(self.root).as_posix()
            text = text.rstrip("\n") + f"\n\n<small>📄 Teks ini dari [{rel}](../{rel}) — sunting di sana.</small>\n"
        return {"text/markdown": text}

    def __repr__(self):  # the text, not an address that differs per run
        return self.text


class NilaiIndikator:
    """Formatted figures of one indicator, for narrative placeholders."""

    def __init__(self, h: Hasil):
        i = h.indikator
        self.uraian = md_escape(i.uraian)
        self.satuan = i.satuan
        self.target = fmt.nilai(i.target, i.satuan, fmt.desimal_perlu(i.target))
        self.realisasi = h.realisasi_keterangan or fmt.nilai(h.realisasi, i.satuan, i.desimal)  # "belum lengkap (...)"
        self.capaian = fmt.persen(h.capaian, i.desimal_capaian)
