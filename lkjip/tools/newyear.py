"""`lkjip new-year Y`: start a fiscal year's data from the structure of the year before.

Master data is carried forward by rule, not by a list in code: ``data/tahun_baru.yaml``
says for each file pattern of a year folder whether it is copied, copied with its value
columns emptied, reduced to its header, or skipped (year-specific). Files added to a
year later are carried by the same rules (a new CSV table keeps its rows and loses its
numbers by default). Organisation facts come from the previous year's organisasi.yaml;
the Renstra period is the one in data/renstra/ covering Y (none: the report says so);
targets come from that period's target.csv where it has one for Y, else stay empty until
the Perjanjian Kinerja of Y is entered. Every realisasi starts empty.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lkjip.data.berkas import csv_text, read_csv_rows, replace_dir
from lkjip.data.pk import available_years, data_root, load_year, renstra_period, year_dir
from lkjip.check.kelengkapan import belum_diisi
from lkjip.errors import LkjipError
from lkjip.core.model import TahunData

MANIFEST = "tahun_baru.yaml"
RULES = ("organisasi", "salin", "kosongkan", "kosongkan-angka", "kosongkan-fakta", "judul", "lewati")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Aturan:
    pola: str
    aturan: str
    kolom: tuple[str, ...] = ()
    tetap: tuple[str, ...] = ()


@dataclass
class TahunBaru:
    """What `new-year` did: the base year and, per file, the rule applied."""

    tahun: int
    dasar: int
    berkas: dict[str, str] = field(default_factory=dict)  # relative path -> rule
    target_renstra: list[str] = field(default_factory=list)  # indicator ids given the Renstra target


def read_manifest(root: Path | None = None) -> list[Aturan]:
    path = data_root(root) / MANIFEST
    if not path.is_file():
        raise LkjipError(f"{path} tidak ada: aturan untuk membawa data ke tahun baru diperlukan.")
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = []
    for n, r in enumerate(doc.get("berkas") or [], 1):
        if not isinstance(r, dict) or r.get("aturan") not in RULES or not r.get("pola"):
            raise LkjipError(f"{path}: aturan ke-{n} tidak valid ({r!r}); "
                             f"tiap aturan butuh 'pola' dan 'aturan' (salah satu dari: {', '.join(RULES)})")
        rules.append(Aturan(str(r["pola"]), r["aturan"], tuple(r.get("kolom") or ()), tuple(r.get("tetap") or ())))
    return rules


def rule_for(rel: str, rules: list[Aturan]) -> Aturan:
    for r in rules:
        if fnmatch.fnmatch(rel, r.pola):
            return r
    return Aturan("*", "salin")


def _empty_columns(header: list[str], rows: list[list[str]], rule: Aturan) -> list[list[str]]:
    if rule.aturan == "kosongkan":
        cols = {i for i, h in enumerate(header) if h in rule.kolom}
    else:  # kosongkan-angka: columns holding numbers only
        cols = set()
        for i, h in enumerate(header):
            vals = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
            if h not in rule.tetap and vals and all(_PLAIN_NUMBER.match(v) for v in vals):
                cols.add(i)
    return [[("" if i in cols else v) for i, v in enumerate(r)] for r in rows]


def _kosongkan_fakta(text: str) -> str:
    """fakta.yaml for a new year: every key of `nilai` kept with an empty value (the carried
    prose then says "belum tersedia" until the analyst fills it in), comments and `turunan`
    kept as they are."""
    out, in_nilai = [], False
    for line in text.splitlines(keepends=True):
        if line[:1] not in ("", " ", "\t", "#", "\n"):  # a top-level key
            in_nilai = line.startswith("nilai:")
        elif in_nilai:
            m = re.match(r"^(\s+[^\s#:][^:#]*:)[^#\n]*?(\s*#.*)?(\n?)$", line)
            if m:
                line = m.group(1) + (f"  {m.group(2).strip()}" if m.group(2) else "") + m.group(3)
        out.append(line)
    return "".join(out)


def _organisasi(text: str, year: int, base: int, periode: str | None) -> str:
    doc = yaml.safe_load(text) or {}
    doc.pop("status", None)
    # a new year's report is a draft until the analyst declares it final
    doc = {"tahun": year, "status": "draf", **{k: v for k, v in doc.items() if k != "tahun"}}
    for key in ("perjanjian_kinerja", "laporan"):
        part = doc.get(key) or {}
        part["tanggal"] = None
        doc[key] = part
    doc["renstra"] = periode
    head = (f"# Organisation facts of fiscal year {year}: carried from {base} by `lkjip new-year`.\n"
            f"# Check unit, ministry, heads and the Perjanjian Kinerja {year} signature block; fill in the dates.\n"
            f"# status: draf (every page and the PDF cover say DRAF); final once the report is complete.\n")
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


TRIWULAN = "triwulan.csv"


def _triwulan_kosong(indikator_csv: str | bytes) -> str:
    """triwulan.csv for a new year: every indicator of indikator.csv in each quarter, its
    figures empty (lkjip.data.triwulan: "belum tersedia" until filled in)."""
    import csv
    import io

    from lkjip.data.triwulan import KOLOM

    text = indikator_csv.decode("utf-8-sig") if isinstance(indikator_csv, bytes) else indikator_csv
    ids = [r["id"].strip() for r in csv.DictReader(io.StringIO(text)) if (r.get("id") or "").strip()]
    return csv_text(list(KOLOM), [[i, str(n)] + [""] * (len(KOLOM) - 2) for i in ids for n in range(1, 5)])


def base_year(year: int, root: Path | None = None) -> int:
    earlier = [y for y in available_years(root) if y < year and (year_dir(y, root) / "indikator.csv").is_file()]
    if not earlier:
        raise LkjipError(f"Tidak ada data tahun sebelum {year} untuk dijadikan dasar tahun {year}.")
    return earlier[-1]


def new_year(year: int, root: Path | None = None) -> TahunBaru:
    """Create data/<year>/ from the latest earlier year; refuse when it exists."""
    target = year_dir(year, root)
    if target.exists():
        raise LkjipError(f"Data tahun {year} sudah ada ({target}); tidak ada yang ditimpa. "
                         f"Untuk mulai ulang, hapus atau pindahkan folder itu lebih dahulu.")
    base = base_year(year, root)
    src = year_dir(base, root)
    rules = read_manifest(root)
    periode = renstra_period(year, root)
    renstra_target: dict[str, str] = {}
    if periode:
        tfile = data_root(root) / "renstra" / periode / "target.csv"
        if tfile.is_file():
            h, rows = read_csv_rows(tfile)
            for r in rows:
                rec = dict(zip(h, r))
                if rec.get("tahun", "").strip() == str(year) and rec.get("target", "").strip():
                    renstra_target[rec["kode"].strip()] = rec["target"].strip()

    result = TahunBaru(year, base)
    files: dict[str, str | bytes] = {}
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        rel = path.relative_to(src).as_posix()
        rule = rule_for(rel, rules)
        result.berkas[rel] = rule.aturan
        if rule.aturan == "lewati":
            continue
        if rule.aturan == "organisasi":
            files[rel] = _organisasi(path.read_text(encoding="utf-8"), year, base, periode)
        elif rule.aturan == "kosongkan-fakta":
            files[rel] = _kosongkan_fakta(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv" and rule.aturan in ("kosongkan", "kosongkan-angka", "judul"):
            header, rows = read_csv_rows(path)
            rows = [] if rule.aturan == "judul" else _empty_columns(header, rows, rule)
            if rel == "indikator.csv" and "target" in header and "kode" in header:
                ti, ki, ii = header.index("target"), header.index("kode"), header.index("id")
                for r in rows:
                    if not r[ti].strip() and r[ki].strip() in renstra_target:
                        r[ti] = renstra_target[r[ki].strip()]
                        result.target_renstra.append(r[ii])
            files[rel] = csv_text(header, rows)
        else:
            files[rel] = path.read_bytes()  # copied as it is (text or a picture)
    if "indikator.csv" in files and TRIWULAN not in files:  # the quarter columns, one row per indicator and quarter
        files[TRIWULAN] = _triwulan_kosong(files["indikator.csv"])
        result.berkas[TRIWULAN] = "dibuat"
    replace_dir(target, files)
    return result


# --------------------------------------------------------------------------- checklist


def checklist(result: TahunBaru, root: Path | None = None) -> list[str]:
    """The lines `lkjip new-year` prints: what was carried, then what must be filled in."""
    data = load_year(result.tahun, root)
    o = data.organisasi
    y, b = result.tahun, result.dasar
    lines = [f"Data tahun {y} dibuat di data/{y}/ dari struktur tahun {b}.", ""]
    carried = [f for f, r in result.berkas.items() if r != "lewati"]
    skipped = [f for f, r in result.berkas.items() if r == "lewati"]
    lines.append(f"Dibawa dari {b}: {', '.join(carried)}.")
    if skipped:
        lines.append(f"Tidak dibawa (khusus tahun {b}): {', '.join(skipped)}.")
    lines.append(f"Periode Renstra tahun {y}: {o.renstra or 'tidak ada (belum ada periode yang mencakup tahun ini)'}.")
    if result.target_renstra:
        lines.append(f"Target dari Renstra {o.renstra}: {', '.join(result.target_renstra)}.")
    lines += ["", "Yang harus diperiksa dan diisi:"]
    todo = [
        f"organisasi.yaml: periksa unit ({o.unit}), kementerian ({o.kementerian}), pimpinan ({o.pimpinan.nama}) "
        f"dan atasan ({o.atasan.nama}), disalin dari {b}",
        f"sasaran.csv dan indikator.csv: sesuaikan dengan Perjanjian Kinerja {y} "
        f"({len(data.sasaran)} sasaran, {len(data.indikator)} indikator disalin dari {b})",
    ]
    if result.target_renstra:
        todo.append(f"indikator.csv, kolom 'target': cocokkan {len(result.target_renstra)} target dari Renstra "
                    f"dengan Perjanjian Kinerja {y}")
    todo += belum_diisi(data)
    narasi = [f for f, r in result.berkas.items() if r == "salin" and f.endswith(".md")]
    if narasi:
        todo.append(f"narasi: tinjau teks yang disalin dari {b}: {', '.join(narasi)}")
    lines += [f"  [ ] {t}" for t in todo]
    lines += ["", "Lalu:",
              f"  lkjip check --year {y}                                   (memeriksa data)",
              f"  lkjip excel export --year {y} --output isian-{y}.xlsx    (mengisi lewat Excel)",
              f"  lkjip excel import isian-{y}.xlsx --year {y}",
              f"  lkjip build --year {y}                                   (situs: build/{y}/html/index.html, "
              f"PDF: build/{y}/lkjip-{y}.pdf)"]
    return lines
