"""Reading what the build made as a reader reads it, for the tests: a page's text, the
text of a notebook's outputs, the PDF's text; and changing a data file of a test's copy
of the project."""
from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path


def main_html(html: str) -> str:
    """The page's main content as HTML (the part a reader reads, without the theme)."""
    start = html.find("<main")
    end = html.rfind("</main>")
    return html[start:end] if start >= 0 else html


def html_text(fragment: str) -> str:
    """HTML as the text it shows: tags dropped, entities read, white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def page_text(path: Path) -> str:
    """The text of a built page from its main content on (the theme's navigation before it
    left out), white space collapsed."""
    s = Path(path).read_text(encoding="utf-8")
    s = s[s.find("<main"):]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", s)))


def tables(html: str) -> list[str]:
    """The text of each table of a page's HTML."""
    return [html_text(t) for t in re.findall(r"<table.*?</table>", html, flags=re.S)]


def pdf_text(pdf: Path, dehyphenate: bool = False) -> str:
    """The PDF's text (pdftotext), white space collapsed; with `dehyphenate`, words broken
    with a hyphen at a line end are joined again."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if dehyphenate:
        out = re.sub(r"-\n(?=[a-z])", "", out)
    return re.sub(r"\s+", " ", out)


def notebook_text(nb) -> str:
    """The Markdown and plain-text outputs of an executed notebook (a path, a dict or an
    nbformat node), one per line; an error output fails the test with its message."""
    if isinstance(nb, (str, Path)):
        nb = json.loads(Path(nb).read_text(encoding="utf-8"))
    text = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                raise AssertionError(f"{o['ename']}: {o['evalue']}")
            for mime in ("text/markdown", "text/plain"):
                if mime in o.get("data", {}):
                    text.append("".join(o["data"][mime]))
    return "\n".join(text)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file by `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
