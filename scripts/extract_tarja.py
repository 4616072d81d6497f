"""Extract the four Tarja tables (Bab III.4 item 2, a-d) of the 2023 source into
data/2023/tarja.csv. Run once; the CSV is then maintained by hand.

    python scripts/extract_tarja.py ../shared/source/000_9717a6443eb3a633.txt > data/2023/tarja.csv
"""
import csv
import html
import re
import sys

HEAD = re.compile(r"^#*\s*([a-d])\. Capaian Tarja")


def clean(cell: str) -> str:
    cell = re.sub(r"<p>\s*Tutup\s*</p>", "", cell)
    cell = re.sub(r"</li>\s*<li>", "; ", cell)
    cell = re.sub(r"<[^>]+>", " ", cell)
    return " ".join(html.unescape(cell).split())


def main(path):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["tarja", "periode", "target_pencapaian", "capaian", "keterangan", "data_pendukung", "status"])
    kunci = None
    for line in open(path, encoding="utf-8"):
        m = HEAD.match(line)
        if m:
            kunci = m.group(1)
            continue
        if line.startswith("### 3. E-Monev"):
            break
        if kunci and line.startswith("T23-B"):
            cells = [clean(c) for c in line.rstrip("\n").split("\t")]
            out.writerow([kunci, *cells[:6]])


if __name__ == "__main__":
    main(sys.argv[1])
