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
    """A cell already written as MyST (e.g. text with $math$): not escaped again. Its plain
    text (for downloads, screen readers' lists) is :func:`teks_polos`."""


_MATH = re.compile(r"(?<!\\)\$([^$]+)(?<!\\)\$")
_MD_UNESCAPE = re.compile(r"\\(.)")
_TEX_SIMBOL = {r"\times": "×", r"\cdot": "×", r"\div": ":", r"\%": "%", r"\&": "&", r"\#": "#", r"\_": "_",
               r"\$": "$", r"\{": "{", r"\}": "}", r"\^{}": "^", r"\~{}": "~", r"\textbackslash{}": "\\",
               r"\leq": "≤", r"\geq": "≥", r"\pm": "±", r"\,": " ", r"\ ": " ", "{,}": ","}


def _grup(s: str, i: int) -> tuple[str, int]:
    """The text of the brace group starting at s[i] == "{" and the index after it."""
    depth, j = 0, i
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
        j += 1
    return s[i + 1:], len(s)


def _kurung(s: str) -> str:
    s = s.strip()
    return f"({s})" if re.search(r"[\s+\-×/]", s) else s


def tex_polos(tex: str) -> str:
    """The TeX of a formula (lkjip.core.rumus) as plain text: ``\\frac{a}{b}`` as
    ``(a) / (b)``, ``\\text{..}`` as its words, ``\\times`` as ×, ``\\%`` as %, ``{,}`` as ","."""
    out, i = [], 0
    while i < len(tex):
        if tex.startswith("\\frac", i):
            a, i = _grup(tex, tex.index("{", i))
            b, i = _grup(tex, tex.index("{", i))
            out.append(f"{_kurung(tex_polos(a))} / {_kurung(tex_polos(b))}")
            continue
        m = re.match(r"\\(?:text|mathrm|textrm|mbox)\s*(?=\{)", tex[i:])
        if m:
            a, i = _grup(tex, i + m.end())
            out.append(tex_polos(a))
            continue
        for k, v in _TEX_SIMBOL.items():
            if tex.startswith(k, i):
                out.append(v)
                i += len(k)
                break
        else:
            if tex[i] in "{}":
                i += 1
                continue
            if tex[i] == "\\":  # another command: its name dropped
                m = re.match(r"\\[A-Za-z]+\s*", tex[i:])
                i += m.end() if m else 1
                continue
            out.append(tex[i])
            i += 1
    return " ".join("".join(out).split())


def teks_polos(c) -> str:
    """A cell as plain text: a :class:`Mentah` cell's MyST without markup, its formulas as
    words and signs (no TeX); any other cell as it is."""
    if not isinstance(c, Mentah):
        return "" if c is None else str(c)
    parts, last = [], 0
    for m in _MATH.finditer(c):
        parts.append(_MD_UNESCAPE.sub(r"\1", c[last:m.start()]))
        parts.append(tex_polos(m.group(1)))
        last = m.end()
    parts.append(_MD_UNESCAPE.sub(r"\1", c[last:]))
    return " ".join("".join(parts).split())


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
                "kolom": [str(c) for c in self.kolom], "baris": [[teks_polos(c) for c in r] for r in self.baris],
                "sumber": self.sumber}

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/markdown": self.to_myst(), "text/html": self.to_html(),
                  "text/plain": self.caption}
        return bundle, {"lkjip": self.metadata()}
