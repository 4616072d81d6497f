"""One-off extraction of the Bab III.1 prose of the 2023 source into
data/2023/bab3/<sasaran>/<n>_<slug>.md, kept for provenance. The files have been edited by
hand since (figures replaced by placeholders), so the script refuses to write over an
existing file; `--out DIR` writes a fresh extraction elsewhere to compare.

Tables the report generates (capaian, tahun sebelumnya, jangka menengah) and the formula
blocks are replaced by placeholders; supporting tables, charts and photos by
``{{ tabel('...') }}`` / ``{{ grafik('...') }}`` / ``{{ gambar('...') }}``; the figures of each
sasaran's indicators (as the source prints them) by ``{{ ind[...] }}`` placeholders.

usage: python scripts/extract_bab3.py SOURCE.txt [--out DIR]
"""
from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "2023" / "bab3"

# (sasaran id, first line, last line) in the source, 1-based inclusive
BAGIAN_SUMBER = [
    ("SS-1", 655, 781), ("SP-1", 782, 1132), ("SK-1", 1133, 1226), ("SK-2", 1227, 1345),
    ("SK-3", 1346, 1444), ("SK-4", 1445, 1527), ("SK-5", 1528, 1612), ("SK-6", 1613, 1685),
    ("SK-7", 1686, 1778), ("SK-8", 1779, 1862), ("SK-9", 1863, 2025), ("SK-10", 2026, 2100),
    ("SK-11", 2101, 2193), ("SK-12", 2194, 2310),
]
SLUG = {0: "pengantar", 1: "target_realisasi", 2: "tahun_sebelumnya", 3: "jangka_menengah",
        4: "standar_nasional", 5: "penyebab", 6: "kegiatan"}
TABEL_KUNCI = {"5": "kl-nilai-maksimal", "9": "yankomas-locus", "10": "p2ham-semester-i", "20": "kerja-sama"}
GAMBAR_KUNCI = {"1": "workshop-iklim", "2": "peluncuran-stranas-bham", "3": "dialog-eks-mahid"}
GRAFIK_KUNCI = {"1": "yankomas-locus", "2": "yankomas-riwayat"}
# tables without a caption in the source: first line of the block -> key
TABEL_TANPA_JUDUL = {"\tTotal": "p2ham-penghargaan", "No\tNama Rancangan PUU": "rekomendasi-puu"}

HEAD = re.compile(r"^(#{1,6}\s*)?(\*\*)?\s*([1-6])\.\s+(Perbandingan|Penyebab|Analisis)")
CAPTION = re.compile(r"^\*\*Tabel (?:III|3)\.(\d+)\.?\s*(.*)")
GAMBAR = re.compile(r"^\*\*Gambar III\.(\d+)")
GRAFIK = re.compile(r"^\*\*Grafik III\.(\d+)")


def _id_num(x: Decimal, d: int | None = None) -> str:
    s = f"{x:.{d}f}" if d is not None else format(x.normalize(), "f")
    if "." in s:
        a, b = s.split(".")
    else:
        a, b = s, ""
    a = f"{int(a):,}".replace(",", ".")
    return a + ("," + b if b else "")


def split(lines: list[str]) -> dict[int, list[str]]:
    parts: dict[int, list[str]] = {0: []}
    cur = 0
    for ln in lines:
        m = HEAD.match(ln.strip())
        if m and int(m.group(3)) == cur + 1:
            cur = int(m.group(3))
            parts[cur] = []
            continue
        parts[cur].append(ln)
    return parts


def clean(lines: list[str]) -> str:
    out: list[str] = []
    i = 0
    rumus_done = False
    while i < len(lines):
        ln = lines[i].rstrip("\n")
        s = ln.strip()
        cap = CAPTION.match(s)
        tanpa = next((k for k in TABEL_TANPA_JUDUL if ln.startswith(k)), None)
        if cap or tanpa:
            if cap:
                num, title = cap.group(1), cap.group(2)
                if "Capaian Target dan Realisasi" in title:
                    key = "capaian"
                elif "Perbandingan Realisasi dan Capaian" in title:
                    key = "tahun_sebelumnya"
                elif "Perbandingan Realisasi dan Target" in title:
                    key = "jangka_menengah"
                else:
                    key = TABEL_KUNCI[num]
                if not s.endswith("**"):
                    i += 1
            else:
                key = TABEL_TANPA_JUDUL[tanpa]
            out.append(f"{{{{ tabel('{key}') }}}}")
            i += 1
            # skip the table body: blank lines, lines with tabs, rule lines, source line
            while i < len(lines):
                t = lines[i].rstrip("\n")
                if t.strip() == "" or "\t" in t or t.strip().startswith("---"):
                    i += 1
                    continue
                if t.strip().startswith("Sumber data"):
                    i += 1
                break
            continue
        g = GAMBAR.match(s) or GRAFIK.match(s)
        if g:
            jenis = "gambar" if s.startswith("**Gambar") else "grafik"
            key = (GAMBAR_KUNCI if jenis == "gambar" else GRAFIK_KUNCI)[g.group(1)]
            out.append(f"{{{{ {jenis}('{key}') }}}}")
            i += 1
            while i < len(lines) and (lines[i].strip() == "" or lines[i].strip().startswith("Sumber")):
                i += 1
            continue
        if "Formulasi perhitungan" in s or s.startswith("$$"):
            if not rumus_done:
                out.append("{{ rumus() }}")
                rumus_done = True
            i += 1
            while i < len(lines) and (lines[i].strip() == "" or lines[i].strip().startswith("$$")):
                i += 1
            continue
        # sub-headings inside an analysis become bold paragraphs (not sections)
        if s.startswith("#"):
            s2 = s.lstrip("#").strip().strip("*").strip()
            s2 = s2.replace("❖", "").strip()
            out.append(f"**{s2}**")
            i += 1
            continue
        if s.startswith("**") and s.endswith("**") and HEAD.match(s):
            i += 1
            continue
        ln = ln.replace("- ❖ ", "- ").replace("❖ ", "- ")
        out.append(ln)
        i += 1
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text


def placeholders(text: str, sid: str, inds: list[dict], stated: dict) -> str:
    """Replace the indicator figures as the source prints them by placeholders."""
    repl: dict[str, str] = {}
    amb: set[str] = set()

    def add(s: str, ph: str):
        if s in repl and repl[s] != ph:
            amb.add(s)
        repl[s] = ph

    for ind in inds:
        iid, sat = ind["id"], ind["satuan"]
        unit = "%" if sat == "%" else f" {sat}"
        for kind in ("realisasi", "capaian", "target"):
            vals = set(stated.get((kind, iid), []))
            for v in vals:
                u = "%" if kind == "capaian" else unit
                add(_id_num(v) + u, f"{{{{ ind['{iid}'].{kind} }}}}")
        for k in ind["komponen"]:
            if k["peran"] in ("pembilang", "penyebut"):
                add(_id_num(Decimal(k["nilai"])) + " ", f"{{{{ ind['{iid}'].{k['peran']} }}}} ")
    for s in sorted(repl, key=len, reverse=True):
        if s in amb:
            continue
        text = re.sub(r"(?<![\d.,])" + re.escape(s) + (r"(?![\d])" if not s.endswith(" ") else ""),
                      repl[s].replace("\\", "\\\\"), text)
    return text


def years(text: str) -> str:
    def sub(m):
        before = text[max(0, m.start() - 30):m.start()]
        if re.search(r"Nomor|No\.|No |Perpres|\bPP\b", before):
            return m.group(0)
        return m.group(1) + (" {{ tahun }}" if m.group(2) == "2023" else " {{ tahun_sebelumnya }}")
    return re.sub(r"\b([Tt]ahun) (2023|2022)\b", sub, text)


def main(src: str, out: Path = OUT):
    lines = Path(src).read_text(encoding="utf-8").splitlines()
    inds = list(csv.DictReader((ROOT / "data/2023/indikator.csv").open(encoding="utf-8")))
    kom = list(csv.DictReader((ROOT / "data/2023/komponen.csv").open(encoding="utf-8")))
    for ind in inds:
        ind["komponen"] = [k for k in kom if k["indikator_id"] == ind["id"]]
    stated: dict = {}
    for r in csv.DictReader((ROOT / "data/2023/dinyatakan.csv").open(encoding="utf-8")):
        kind, _, iid = r["besaran"].partition(":")
        if kind in ("realisasi", "capaian", "target"):
            stated.setdefault((kind, iid), []).append(Decimal(r["nilai_tertulis"]))
    for sid, a, b in BAGIAN_SUMBER:
        chunk = lines[a - 1:b]
        # drop the sasaran heading and its uraian line (the page heading comes from data)
        body = chunk[1:]
        while body and (body[0].strip() == "" or body[0].strip().startswith(("**", "#"))) and \
                not HEAD.match(body[0].strip()):
            body = body[1:]
            if body and body[0].strip() and not body[0].strip().startswith(("**", "#")):
                break
        parts = split(body)
        d = out / sid
        d.mkdir(parents=True, exist_ok=True)
        my = [i for i in inds if i["sasaran_id"] == sid]
        for n, ls in parts.items():
            text = clean(ls)
            if n == 0:
                text = "**{{ uraian_sasaran }}**\n\n" + text
            text = placeholders(text, sid, my, stated)
            text = years(text)
            target = d / f"{n}_{SLUG[n]}.md"
            if target.exists():
                sys.exit(f"{target} sudah ada dan mungkin sudah disunting; tidak ditimpa (pakai --out DIR)")
            target.write_text(text, encoding="utf-8")
        print(sid, sorted(parts))


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    main(a.source, a.out)
