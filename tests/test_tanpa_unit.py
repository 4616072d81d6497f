"""The code and the notebooks serve any unit: no unit- or ministry-specific text in the strings
of lkjip/ or in the cells of notebooks/ (names, titles, applications of Ditjen HAM belong in
data/<tahun>/ or data/templat/)."""
from __future__ import annotations

import io
import json
import re
import tokenize

from conftest import ROOT

# what only Ditjen HAM's report (or its ministry) says
KHUSUS = re.compile(r"Ditjen|Direktorat Jenderal|Kementerian Hukum|Kemenkumham|Yankomas|SMART DJA|DJHAM"
                    r"|Hak Asasi Manusia|\bHAM\b")


def _strings(path):
    """(line, text) of every string literal of a Python file (docstrings included)."""
    toks = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for t in toks:
        if t.type == tokenize.STRING or t.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            yield t.start[0], t.string


def temuan() -> list[str]:
    out = []
    for p in sorted((ROOT / "lkjip").rglob("*.py")):
        for baris, s in _strings(p):
            for m in KHUSUS.finditer(s):
                out.append(f"{p.relative_to(ROOT)}:{baris}: {m.group(0)!r} in {s[:80]!r}")
    for p in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for n, c in enumerate(json.loads(p.read_text(encoding="utf-8"))["cells"]):
            src = "".join(c["source"])
            for m in KHUSUS.finditer(src):
                out.append(f"{p.relative_to(ROOT)} cell {n}: {m.group(0)!r}")
    return out


def test_no_unit_specific_text_in_code_or_notebooks():
    assert temuan() == []


def test_the_scan_finds_such_text(tmp_path):
    # the scan itself can fail: the 2023 data it would have found is still there
    text = (ROOT / "data" / "2023" / "buku.yaml").read_text(encoding="utf-8")
    assert KHUSUS.search(text) and KHUSUS.search("'Laporan Kinerja Ditjen HAM'")
    p = tmp_path / "x.py"
    p.write_text('"""Doc."""\nx = f"Sasaran {1} Direktorat Jenderal"\n', encoding="utf-8")
    assert any(KHUSUS.search(s) for _, s in _strings(p))
