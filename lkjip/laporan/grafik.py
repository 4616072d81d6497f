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

from lkjip.core.aset import UNDUH
from lkjip.core.fmt import MISSING
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
    alt: str  # alternative text: what the chart shows, in a sentence or two (plain text)
    sumber: str = ""
    # the chart's data, its long description (a table under the chart, a CSV download):
    # {"kategori": [...], "seri": {name: [values]}, "satuan": "%", "kategori_judul": "..."}
    data: dict | None = None

    @property
    def caption(self) -> str:
        return f"Grafik {self.nomor}. {self.judul}"

    def png(self) -> bytes:
        buf = io.BytesIO()
        # fixed metadata keeps the file identical between builds
        self.figure.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
        pyplot().close(self.figure)
        return buf.getvalue()

    @property
    def id_data(self) -> str:
        """The id of the chart's data table (its long description, ``aria-describedby``)."""
        return f"data-{self.label}"

    def tabel_data_html(self) -> str:
        """The chart's data as an HTML table in a details element (closed), under the chart."""
        if not self.data:
            return ""
        e = html.escape
        d = self.data
        seri = d.get("seri") or {}
        kel = d.get("kelompok") or {}
        head = (f'<th scope="col">{e(kel["judul"])}</th>' if kel else "")
        head += f"<th scope=\"col\">{e(d.get('kategori_judul') or 'Kategori')}</th>" + "".join(
            f'<th scope="col">{e(judul_seri(str(n), d.get("satuan")))}</th>' for n in seri)
        rows = []
        for i, k in enumerate(d.get("kategori") or []):
            cells = "".join(f'<td style="text-align:right">{e(_teks(v[i]) if v[i] is not None else MISSING)}</td>'
                            for v in seri.values())
            grup = f"<td>{e(str(kel['nilai'][i]))}</td>" if kel else ""
            rows.append(f'<tr>{grup}<th scope="row">{e(str(k))}</th>{cells}</tr>')
        return (f'<details class="lkjip-data-grafik" id="{e(self.id_data)}"><summary>Data {e(self.caption)}</summary>'
                f'<table class="lkjip-tabel"><caption>Data {e(self.caption)}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></details>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = self.png()
        b64 = base64.b64encode(data).decode()
        desc = f' aria-describedby="{html.escape(self.id_data)}"' if self.data else ""
        bundle = {
            "image/png": b64,
            "text/plain": self.caption,
            "text/html": (f'<figure><img src="data:image/png;base64,{b64}" alt="{html.escape(self.alt)}"{desc}/>'
                          f"<figcaption>{html.escape(self.caption)}</figcaption></figure>{self.tabel_data_html()}"),
        }
        asset_dir = lingkungan.folder_aset()
        if asset_dir:
            path = asset_dir / f"{self.label}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            src = f"{ASSET_SUBDIR}/{path.name}"
            # a directive's option is plain text: the alt text is not Markdown-escaped (a
            # backslash there would be read aloud), only kept on one line
            md = [f"```{{figure}} {src}", f":name: {self.label}", f":alt: {alt_polos(self.alt)}",
                  ":width: 90%", "", md_escape(self.caption), "```"]
            if self.sumber:
                md += ["", f"*Sumber data: {md_escape(self.sumber)}*"]
            if self.data:
                # the long description: the data as a table under the chart (the site links the
                # image to it with aria-describedby, see lkjip.build.site), and its files
                md += ["", "```{raw} html", self.tabel_data_html(), "```", "",
                       "```{only} html", f"{{download}}`Unduh data grafik (CSV) <{UNDUH}/{self.label}.csv>` ·",
                       f"{{download}}`Unduh data grafik (Excel) <{UNDUH}/{self.label}.xlsx>`", "```"]
            bundle["text/markdown"] = "\n".join(md) + "\n"
        meta = {"lkjip": {"jenis": "grafik", "nomor": self.nomor, "judul": self.judul, "label": self.label,
                          "sumber": self.sumber, "data": self.data}}
        return bundle, meta


def judul_seri(nama: str, satuan: str | None) -> str:
    """A series' column header with its unit ("2023 (%)"), unless the name already says it."""
    return f"{nama} ({satuan})" if satuan and satuan.lower() not in nama.lower() else nama


def _teks(v) -> str:
    from lkjip.core.fmt import angka

    return angka(v, 0 if float(v).is_integer() else 2)


def alt_polos(text: str) -> str:
    """Alternative text for a directive option: one line, no markup characters that MyST or
    a screen reader would trip on (backquotes, backslashes)."""
    return " ".join(str(text).replace("\\", "/").replace("`", "'").split())


ALT_MAKS = 300  # characters: a sentence or two; the data itself is the long description


def ringkas_alt(jenis: str, judul: str, kategori: list[str], seri: dict[str, list], teks) -> str:
    """A short alternative text: the kind of chart, its title, and the highest and lowest
    value of the first series (the full data is the chart's table under it)."""
    awal = f"{JENIS[jenis].capitalize()} {judul}."
    n = len(kategori)
    nama = list(seri)
    isi = [f" {n} kategori" + (f", seri {' dan '.join(nama)}" if len(nama) > 1 else "") + "."]
    pertama = [(v, k) for k, v in zip(kategori, next(iter(seri.values()), [])) if v is not None]
    if len(pertama) > 1:
        hi, lo = max(pertama, key=lambda x: float(x[0])), min(pertama, key=lambda x: float(x[0]))
        isi.append(f" Tertinggi {hi[1]} ({teks(hi[0])}), terendah {lo[1]} ({teks(lo[0])})"
                   + (f" untuk {nama[0]}" if len(nama) > 1 else "") + ".")
    elif pertama:
        isi.append(f" {pertama[0][1]}: {teks(pertama[0][0])}.")
    akhir = " Data lengkap di tabel di bawah grafik."
    teks_alt = awal + "".join(isi) + akhir
    if len(teks_alt) > ALT_MAKS:
        teks_alt = awal + isi[0] + akhir
    if len(teks_alt) > ALT_MAKS:
        teks_alt = awal[:ALT_MAKS - len(akhir) - 1].rstrip() + "…" + akhir
    return alt_polos(teks_alt)


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
    if gaya.judul_di_grafik:
        ax.set_title(judul, fontsize=10)
    fig.tight_layout()
    alt = ringkas_alt(gaya.jenis, judul, kategori, seri, teks)
    nilai_sumbu = gaya.label_x if horizontal else gaya.label_y
    kategori_sumbu = gaya.label_y if horizontal else gaya.label_x
    data = {"kategori": [str(k) for k in kategori],
            "seri": {str(nm): [None if v is None else float(v) for v in vals] for nm, vals in seri.items()},
            "satuan": _satuan(nilai_sumbu, teks, next((v for vs in seri.values() for v in vs if v is not None), None)),
            "kategori_judul": kategori_sumbu or "Kategori"}
    return Grafik(nomor=nomor, judul=judul, figure=fig, label=label, alt=alt, sumber=sumber, data=data)


def _satuan(sumbu: str, teks, contoh) -> str:
    """The values' unit: "%" when the axis label or the value labels say so, else the axis
    label's words in brackets, else the axis label itself ("Jumlah kasus")."""
    import re

    if contoh is not None and str(teks(contoh)).strip().endswith("%"):
        return "%"
    m = re.search(r"\(([^()]+)\)\s*$", sumbu or "")
    if m:
        return m.group(1).strip()
    sumbu = (sumbu or "").strip()
    return sumbu if len(sumbu.split()) <= 3 else ""


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
                  f":alt: {alt_polos(self.judul)}", ":width: 80%", "", md_escape(self.caption), "```", "", src]
            bundle["text/markdown"] = "\n".join(md)
        return bundle, meta


def _pendek(t: str, n: int = 52) -> str:
    """A long name cut at a word for a chart's axis (the data table keeps it whole)."""
    return t if len(t) <= n else t[:n - 1].rsplit(" ", 1)[0] + " …"


CAPAIAN_BATAS = 200.0  # percent: the axis ends here; a longer bar is cut with its value printed


def grafik_capaian(nomor: str, judul: str, kelompok: list[tuple[str, list[tuple[str, float | None, str]]]],
                   label: str, sumber: str = "") -> Grafik:
    """The capaian overview: each indicator's capaian against 100%, grouped by sasaran
    (``kelompok``: [(sasaran, [(indikator, capaian or None, capaian as printed), ...]), ...]).

    Readable without colour: the value is printed beside every bar, a bar below 100% is
    hatched and marked "di bawah target", the 100% line is drawn and named, a bar past the
    axis end is cut with a "»" and its value; an indicator without a realisasi says
    "belum tersedia". Every figure comes from the caller's data."""
    plt = pyplot()
    rows: list[tuple[str, float | None, str]] = []  # (indikator, capaian, sasaran)
    cetak = {}
    for sasaran, inds in kelompok:
        rows += [(ind, cap, sasaran) for ind, cap, _ in inds]
        cetak.update({ind: t for ind, _, t in inds})
    n = len(rows)
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.32 * n + 1.2)))
    batas = CAPAIAN_BATAS
    for y, (ind, cap, _) in enumerate(rows):
        if cap is None:
            ax.text(2, y, "belum tersedia", va="center", fontsize=7.5, style="italic")
            continue
        v = float(cap)
        kurang = v < 100
        ax.barh(y, min(v, batas), height=0.62, color="#ffffff" if kurang else "#1f4e79",
                edgecolor="#1f4e79", hatch="////" if kurang else None, linewidth=0.8)
        teks = cetak[ind] + (" (di bawah target)" if kurang else "") + (" »" if v > batas else "")
        x = min(v, batas)
        if v > batas:
            ax.text(x - 2, y, teks, va="center", ha="right", fontsize=7.5, color="#ffffff", fontweight="bold")
        else:
            ax.text(x + 2, y, teks, va="center", fontsize=7.5)
    ax.axvline(100, color="#000000", linestyle="--", linewidth=1)
    ax.text(100, -0.9, "target 100%", ha="center", va="bottom", fontsize=7.5,
            bbox={"facecolor": "#ffffff", "edgecolor": "none", "pad": 1}, zorder=5)
    # the sasaran of each group, written across the chart above its indicators, groups ruled off
    y = 0
    labels = []
    for sasaran, inds in kelompok:
        if y:
            ax.axhline(y - 0.5, color="#808080", linewidth=0.6)
        # the sasaran's code at the group's right end ("SK-9")
        ax.text(batas + 34, y, sasaran.split()[0], ha="right", va="center", fontsize=7, color="#404040")
        labels += [_pendek(ind) for ind, _, _ in inds]
        y += len(inds)
    ax.set_yticks(range(n), labels, fontsize=7.5)
    ax.set_ylim(n - 0.5, -1.2)
    ax.set_xlim(0, batas + 35)
    ax.set_xticks([0, 50, 100, 150, 200], ["0%", "50%", "100%", "150%", "200%"], fontsize=8)
    ax.set_xlabel("Capaian terhadap target (%)", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()

    nilai = [(ind, cap) for ind, cap, _ in rows if cap is not None]
    kurang = [ind for ind, cap in nilai if float(cap) < 100]
    alt = (f"Diagram batang horizontal {judul}. {len(rows)} indikator dalam {len(kelompok)} sasaran; "
           + ("capaiannya belum tersedia" if not nilai else f"{len(nilai)} mencapai 100% atau lebih" if not kurang
              else f"{len(nilai) - len(kurang)} mencapai 100% atau lebih, {len(kurang)} di bawah target")
           + (f", {len(rows) - len(nilai)} belum tersedia" if nilai and len(nilai) < len(rows) else "")
           + ". Data lengkap di tabel di bawah grafik.")
    data = {"kategori": [ind for ind, _, _ in rows],
            "seri": {"Capaian": [None if cap is None else float(cap) for _, cap, _ in rows]},
            "satuan": "%", "kategori_judul": "Indikator",
            "kelompok": {"judul": "Sasaran", "nilai": [s for _, _, s in rows]}}
    return Grafik(nomor=nomor, judul=judul, figure=fig, label=label, alt=alt_polos(alt), sumber=sumber, data=data)
