"""Report tables: one object renders as MyST (for the book) and HTML (for JupyterLab).

Every cell is text from data and is escaped, so a name in a CSV file cannot inject
markup or script into the site or the PDF.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lkjip.core.aset import UNDUH
from lkjip import lingkungan

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|$~^:&%])")
_LIST_START = re.compile(r"^(\d+)([.)])")


def md_escape(text) -> str:
    """Escape text for MyST Markdown: every markup character gets a backslash and
    line breaks become spaces (CommonMark backslash escapes render the literal)."""
    s = "" if text is None else str(text)
    s = " ".join(s.split())
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return _LIST_START.sub(r"\1\\\2", s)  # "1. text" must not become a list


class Mentah(str):
    """A cell already written as MyST (e.g. text with $math$): not escaped again."""


def _cell(c) -> str:
    return str(c) if isinstance(c, Mentah) else md_escape(c)


@dataclass
class Tabel:
    """A numbered, captioned table with its source line."""

    nomor: str  # e.g. "II.1"
    judul: str
    kolom: list[str]
    baris: list[list[str]]
    label: str  # the reference name, e.g. "tabel-ii-1"
    sumber: str = ""
    lebar: list[int] | None = None  # relative column widths
    rata_kanan: set[int] = field(default_factory=set)  # numeric columns
    panjang: bool = False  # may break across PDF pages (LaTeX longtable)
    catatan: list[str] = field(default_factory=list)  # notes under the table ("Catatan 1: ...")

    @property
    def caption(self) -> str:
        return f"Tabel {self.nomor}. {self.judul}" if self.nomor else self.judul

    def to_myst(self) -> str:
        fence = "````"
        # longtable: a long table breaks across PDF pages with its header repeated
        lines = [f"{fence}{{list-table}} {md_escape(self.caption)}", ":header-rows: 1", f":name: {self.label}",
                 ":class: lkjip-tabel longtable"]
        if self.lebar:
            lines.append(":widths: " + " ".join(str(w) for w in self.lebar))
        lines.append("")
        for row in [self.kolom, *self.baris]:
            for j, cell in enumerate(row):
                lines.append(("* - " if j == 0 else "  - ") + (_cell(cell) or " "))
        lines.append(fence)
        for n, c in enumerate(self.catatan, 1):
            lines += ["", f"Catatan {n}: {md_escape(c)}"]
        if self.sumber:
            lines += ["", f"*Sumber data: {md_escape(self.sumber)}*"]
        if lingkungan.folder_aset():
            # in a book build, `lkjip build` writes the table's data to _unduh/ (site.py)
            lines += ["", "```{only} html", f"{{download}}`Unduh data (CSV) <{UNDUH}/{self.label}.csv>` ·",
                      f"{{download}}`Unduh data (Excel) <{UNDUH}/{self.label}.xlsx>`", "```"]
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        e = html.escape
        # JupyterLab right-aligns every cell of an HTML table: text reads from the left there,
        # numbers (rata_kanan) from the right, as in the book
        def rata(j: int) -> str:
            return "right" if j in self.rata_kanan else "left"

        head = "".join(f'<th style="text-align:{rata(j)}">{e(str(c))}</th>' for j, c in enumerate(self.kolom))
        body = "".join(
            "<tr>" + "".join(f'<td style="text-align:{rata(j)}">{e(str(c))}</td>' for j, c in enumerate(row))
            + "</tr>" for row in self.baris)
        src = "".join(f"<p>Catatan {n}: {e(c)}</p>" for n, c in enumerate(self.catatan, 1))
        src += f"<p><em>Sumber data: {e(self.sumber)}</em></p>" if self.sumber else ""
        return (f'<table class="lkjip-tabel"><caption>{e(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{src}")

    def metadata(self) -> dict:
        """What the build reads back from executed notebooks (lists of tables, downloads)."""
        return {"jenis": "tabel", "nomor": self.nomor, "judul": self.judul, "label": self.label,
                "kolom": [str(c) for c in self.kolom], "baris": [[str(c) for c in r] for r in self.baris],
                "sumber": self.sumber}

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/markdown": self.to_myst(), "text/html": self.to_html(),
                  "text/plain": self.caption}
        return bundle, {"lkjip": self.metadata()}
