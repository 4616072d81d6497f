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
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .tables import md_escape  # noqa: E402

ASSET_SUBDIR = "_grafik"


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
        plt.close(self.figure)
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
        asset_dir = os.environ.get("LKJIP_ASSET_DIR")
        if asset_dir:
            path = Path(asset_dir) / f"{self.label}.png"
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
