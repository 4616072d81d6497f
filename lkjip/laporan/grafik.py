"""Numbered charts (Grafik III.1 ...) drawn from data with matplotlib.

In a book build (`LKJIP_ASSET_DIR` set by `lkjip build`) the chart is saved as a PNG
next to the executed notebook and shown as a MyST figure with its number, caption,
alternative text and source line; in JupyterLab it shows inline.
"""
from __future__ import annotations

import base64
import html
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lkjip.laporan.tabel import md_escape

if TYPE_CHECKING:
    import matplotlib.figure

from lkjip.core.aset import GRAFIK as ASSET_SUBDIR  # noqa: E402
from lkjip import lingkungan
from lkjip.core.gaya import JENIS, GayaGrafik
from lkjip.data.grafik import baca_gaya


def _settings(matplotlib) -> None:
    matplotlib.use("Agg")
    # every text of a chart (title, category and series names) comes from data: a "$" in it is
    # a dollar sign, never the start of a formula ("$5 dan $10" would lose both and turn italic)
    matplotlib.rcParams["text.parse_math"] = False


def _off_screen() -> None:
    """Charts are drawn off screen (Agg), also in a kernel whose default is inline. matplotlib
    is not imported for this (about 0.35 s): most chapters draw no chart."""
    if "matplotlib" in sys.modules:
        import matplotlib

        _settings(matplotlib)
    else:  # read by matplotlib when it is first imported, as matplotlib.use would set it
        os.environ["MPLBACKEND"] = "Agg"


_off_screen()


def pyplot():
    """matplotlib.pyplot, imported on first use, with the settings of :func:`_settings`;
    every chart of lkjip is drawn through it."""
    import matplotlib
    import matplotlib.pyplot as plt

    if matplotlib.rcParams["text.parse_math"]:
        _settings(matplotlib)
    return plt


@dataclass
class Grafik:
    nomor: str  # e.g. "III.1"
    judul: str
    figure: "matplotlib.figure.Figure"
    label: str  # reference name, e.g. "grafik-iii-1"
    alt: str  # alternative text: what the chart shows, in words
    sumber: str = ""

    @property
    def caption(self) -> str:
        return f"Grafik {self.nomor}. {self.judul}"

    def png(self) -> bytes:
        buf = io.BytesIO()
        # fixed metadata keeps the file identical between builds
        self.figure.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
        pyplot().close(self.figure)
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = self.png()
        b64 = base64.b64encode(data).decode()
        bundle = {
            "image/png": b64,
            "text/plain": self.caption,
            "text/html": (f'<figure><img src="data:image/png;base64,{b64}" alt="{html.escape(self.alt)}"/>'
                          f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"),
        }
        asset_dir = lingkungan.folder_aset()
        if asset_dir:
            path = asset_dir / f"{self.label}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            src = f"{ASSET_SUBDIR}/{path.name}"
            md = [f"```{{figure}} {src}", f":name: {self.label}", f":alt: {md_escape(self.alt)}",
                  ":width: 90%", "", md_escape(self.caption), "```"]
            if self.sumber:
                md += ["", f"*Sumber data: {md_escape(self.sumber)}*"]
            bundle["text/markdown"] = "\n".join(md) + "\n"
        meta = {"lkjip": {"jenis": "grafik", "nomor": self.nomor, "judul": self.judul, "label": self.label}}
        return bundle, meta


def grafik(nomor: str, judul: str, kategori: list[str], seri: dict[str, list], label: str,
           gaya: GayaGrafik, sumber: str = "", teks_nilai=None, tahun: int | None = None,
           root=None) -> Grafik:
    """The one chart drawer: one or more series over categories (provinces, years, units ...)
    in the look ``gaya`` (the chart's default), changed by the year's grafik.yaml under the
    chart's name ``label`` (read each time, so a re-run cell shows an edit); the alternative
    text states every value. ``teks_nilai`` formats a value for labels and alt text."""
    from lkjip.core.fmt import angka

    if tahun is not None:
        gaya = gaya.dengan(baca_gaya(tahun, root).get(label, {}))
    judul = gaya.judul or judul
    teks = teks_nilai or (lambda x: angka(x, 0 if float(x).is_integer() else 2))
    urut = list(range(len(kategori)))
    pertama = next(iter(seri.values()), [])
    if gaya.urutan != "data" and pertama:
        urut.sort(key=lambda i: float(pertama[i] or 0), reverse=gaya.urutan == "menurun")
    kategori = [kategori[i] for i in urut]
    seri = {n: [v[i] for i in urut] for n, v in seri.items()}
    n, k = len(kategori), max(1, len(seri))
    horizontal = gaya.jenis == "batang_horizontal"
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.28 * n + 1)) if horizontal else (8, 4))
    width = 0.8 / k
    terbesar = 0.0
    for j, (nama, vals) in enumerate(seri.items()):
        warna = {"color": gaya.warna[j % len(gaya.warna)]} if gaya.warna else {}
        nums = [float(v) if v is not None else 0.0 for v in vals]
        terbesar = max([terbesar, *nums])
        if gaya.jenis == "garis":
            ax.plot(range(n), nums, marker="o", label=nama, **warna)
            pos = list(range(n))
        else:
            pos = [x + (j - (k - 1) / 2) * width for x in range(n)]
            if horizontal:
                ax.barh(pos, nums, height=width, label=nama, **warna)
            else:
                ax.bar(pos, nums, width=width, label=nama, **warna)
        if gaya.label_nilai:
            for p_, v in zip(pos, vals):
                if v is None:
                    continue
                if horizontal:
                    ax.text(float(v), p_, f" {teks(v)}", va="center", fontsize=8)
                else:
                    ax.text(p_, float(v), teks(v), ha="center", va="bottom", fontsize=8)
    if horizontal:
        ax.set_yticks(range(n), kategori, fontsize=8)
        ax.invert_yaxis()
    else:
        ax.set_xticks(range(n), kategori, fontsize=8)
    batas = gaya.batas_nilai or (terbesar * 1.15 if gaya.label_nilai and terbesar > 0 else None)
    if batas:
        (ax.set_xlim if horizontal else ax.set_ylim)(0, batas)
    if gaya.label_x:
        ax.set_xlabel(gaya.label_x)
    if gaya.label_y:
        ax.set_ylabel(gaya.label_y)
    if k > 1:
        ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(judul, fontsize=10)
    fig.tight_layout()
    parts = [f"{kat}: " + ", ".join(f"{nama} {teks(vals[i]) if vals[i] is not None else 'belum tersedia'}"
                                    for nama, vals in seri.items()) for i, kat in enumerate(kategori)]
    alt = f"{JENIS[gaya.jenis].capitalize()} {judul}. " + "; ".join(parts) + "."
    return Grafik(nomor=nomor, judul=judul, figure=fig, label=label, alt=alt, sumber=sumber)


@dataclass
class Gambar:
    """A numbered photo declared in data (caption, source, expected file). A missing file
    shows a clearly marked placeholder (a draft) or is left out (a final report, see
    lkjip.build.site.bersihkan) and is reported by the build."""

    nomor: str  # e.g. "III.1"
    judul: str
    berkas: Path  # absolute path of the expected image
    berkas_rel: str  # the same, relative to the project (for messages)
    label: str
    sumber: str = ""

    @property
    def caption(self) -> str:
        return f"Gambar {self.nomor}. {self.judul}"

    @property
    def ada(self) -> bool:
        return self.berkas.is_file()

    def _repr_mimebundle_(self, include=None, exclude=None):
        meta = {"lkjip": {"jenis": "gambar", "nomor": self.nomor, "judul": self.judul, "label": self.label,
                          "berkas": self.berkas_rel, "ada": self.ada}}
        src = f"*Sumber: {md_escape(self.sumber)}*\n" if self.sumber else ""
        if not self.ada:
            # for the reader only "not yet available"; where the file belongs (berkas, in the
            # metadata) goes to the analyst through the build's terminal and quality log
            md = (f":::{{admonition}} {md_escape(self.caption)}\n:class: warning lkjip-gambar-kosong\n\n"
                  "**[Foto belum tersedia]**\n:::\n\n" + src)
            return {"text/markdown": md, "text/plain": f"{self.caption} [foto belum tersedia]"}, meta
        data = self.berkas.read_bytes()
        b64 = base64.b64encode(data).decode()
        mime = "image/png" if self.berkas.suffix.lower() == ".png" else "image/jpeg"
        bundle = {mime: b64, "text/plain": self.caption,
                  "text/html": (f'<figure><img src="data:{mime};base64,{b64}" alt="{html.escape(self.judul)}"/>'
                                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")}
        asset_dir = lingkungan.folder_aset()
        if asset_dir:
            path = asset_dir / f"{self.label}{self.berkas.suffix.lower()}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            md = [f"```{{figure}} {ASSET_SUBDIR}/{path.name}", f":name: {self.label}",
                  f":alt: {md_escape(self.judul)}", ":width: 80%", "", md_escape(self.caption), "```", "", src]
            bundle["text/markdown"] = "\n".join(md)
        return bundle, meta
