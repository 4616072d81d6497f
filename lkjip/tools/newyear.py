"""`lkjip new-year Y`: start a fiscal year's data from the structure of the year before.

Master data is carried forward by rule, not by a list in code: ``data/tahun_baru.yaml``
says for each file pattern of a year folder whether it is copied, copied with its value
columns emptied, reduced to its header, or skipped (year-specific). Files added to a
year later are carried by the same rules (a new CSV table keeps its rows and loses its
numbers by default). Organisation facts come from the previous year's organisasi.yaml;
the Renstra period is the one in data/renstra/ covering Y (none: the report says so);
targets come from that period's target.csv where it has one for Y, else stay empty until
the Perjanjian Kinerja of Y is entered. Every realisasi starts empty.

`lkjip new-year Y --dari-riwayat` starts a *past* year (one before every year with data, e.g. 2022)
from the structure of the earliest later year and the figures data/riwayat.csv holds for Y (what the
published report of Y gave): an indicator with a history row gets that row's target and realisasi
as a value entered as is (``rumus: langsung``, the decimals as the history writes them, no
komponen), so the year computes exactly the published figures and riwayat.csv stays their one
source (``lkjip check`` names both places if they ever differ). The later year's own prose is not
carried (it describes that year): Bab III uses the shared templates (data/templat/bab3/) and every
other prose file says that the year's text is not written yet.
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
    riwayat: bool = False  # a past year started from data/riwayat.csv
    dari_riwayat: list[str] = field(default_factory=list)  # indicator ids whose figures came from the history
    prosa_diganti: int = 0  # prose files of the base year not carried (a past year)


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


def base_year(year: int, root: Path | None = None, dari_riwayat: bool = False) -> int:
    """The year whose structure a new year starts from: the latest earlier one; for a past year
    from the history (``dari_riwayat``), the earliest later one."""
    ada = [y for y in available_years(root) if (year_dir(y, root) / "indikator.csv").is_file()]
    if dari_riwayat:
        later = [y for y in ada if y > year]
        if not later:
            raise LkjipError(f"Tidak ada data tahun sesudah {year} untuk dijadikan struktur tahun {year}.")
        return later[0]
    earlier = [y for y in ada if y < year]
    if not earlier:
        later = [y for y in ada if y > year]
        saran = (f" Untuk tahun lampau yang angkanya ada di data/riwayat.csv: "
                 f"lkjip new-year {year} --dari-riwayat (struktur dari tahun {later[0]}).") if later else ""
        raise LkjipError(f"Tidak ada data tahun sebelum {year} untuk dijadikan dasar tahun {year}.{saran}")
    return earlier[-1]


NARASI_BELUM = ("*Narasi tahun {tahun} belum ditulis. Angka tahun ini diambil dari data/riwayat.csv "
                "(Laporan Kinerja Tahun {tahun} yang diterbitkan).*\n")


def _riwayat_tahun(year: int, root: Path | None) -> dict[str, dict[str, str]]:
    """data/riwayat.csv's rows of ``year``, by kode, as text (the decimals as written)."""
    path = data_root(root) / "riwayat.csv"
    if not path.is_file():
        return {}
    header, rows = read_csv_rows(path)
    out = {}
    for r in rows:
        rec = dict(zip(header, r))
        if rec.get("tahun", "").strip() == str(year) and rec.get("kode", "").strip():
            out[rec["kode"].strip()] = {k: (v or "").strip() for k, v in rec.items()}
    return out


def _dari_riwayat(files: dict, year: int, riwayat: dict[str, dict[str, str]], result: "TahunBaru") -> None:
    """indikator.csv and komponen.csv of a past year from its history rows (see the module doc)."""
    header, rows = _rows_of(files["indikator.csv"])
    col = {h: n for n, h in enumerate(header)}
    langsung = set()
    for r in rows:
        rw = riwayat.get(r[col["kode"]].strip())
        if rw is None:
            continue
        r[col["rumus"]] = "langsung"
        r[col["target"]] = rw.get("target", "") or r[col["target"]]
        r[col["realisasi"]] = rw.get("realisasi", "")
        if rw.get("realisasi"):
            dec = rw["realisasi"].split(".")[1] if "." in rw["realisasi"] else ""
            r[col["desimal"]] = str(len(dec))
        langsung.add(r[col["id"]].strip())
        result.dari_riwayat.append(r[col["id"]].strip())
    result.target_renstra = [i for i in result.target_renstra if i not in langsung]
    files["indikator.csv"] = csv_text(header, rows)
    if "komponen.csv" in files:
        kh, krows = _rows_of(files["komponen.csv"])
        ki = kh.index("indikator_id")
        files["komponen.csv"] = csv_text(kh, [k for k in krows if k[ki].strip() not in langsung])


def _rows_of(text) -> tuple[list[str], list[list[str]]]:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text if isinstance(text, str) else text.decode("utf-8-sig"))))
    return rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]


def new_year(year: int, root: Path | None = None, dari_riwayat: bool = False) -> TahunBaru:
    """Create data/<year>/ from the latest earlier year (a past year ``dari_riwayat``: from the
    earliest later year and data/riwayat.csv); refuse when it exists."""
    target = year_dir(year, root)
    if target.exists():
        raise LkjipError(f"Data tahun {year} sudah ada ({target}); tidak ada yang ditimpa. "
                         f"Untuk mulai ulang, hapus atau pindahkan folder itu lebih dahulu.")
    base = base_year(year, root, dari_riwayat)
    riwayat = _riwayat_tahun(year, root) if dari_riwayat else {}
    if dari_riwayat and not riwayat:
        raise LkjipError(f"data/riwayat.csv tidak memuat baris tahun {year}; tidak ada angka untuk tahun itu.")
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

    result = TahunBaru(year, base, riwayat=dari_riwayat)
    files: dict[str, str | bytes] = {}
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        rel = path.relative_to(src).as_posix()
        rule = rule_for(rel, rules)
        if dari_riwayat and (rel.startswith("bab3/") or rel.endswith(".md")):
            # the later year's prose describes that year: not carried into a past year
            result.prosa_diganti += 1
            if rel.endswith(".md") and not rel.startswith("bab3/"):
                files[rel] = NARASI_BELUM.format(tahun=year)
            continue
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
    if dari_riwayat:
        _dari_riwayat(files, year, riwayat, result)
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
    lines = [f"Data tahun {y} dibuat di data/{y}/ dari struktur tahun {b}"
             + (" dan angka data/riwayat.csv." if result.riwayat else "."), ""]
    if result.riwayat:
        lines += [f"Angka dari data/riwayat.csv (target dan realisasi, rumus 'langsung'): "
                  f"{', '.join(result.dari_riwayat)}.",
                  f"data/riwayat.csv tetap satu-satunya sumber angka tahun {y} yang diterbitkan; "
                  f"bila data/{y} diubah sehingga berbeda, 'lkjip check' menyebut kedua tempat.",
                  f"Teks tahun {b} tidak dibawa ({result.prosa_diganti} berkas .md): Bab III memakai templat "
                  f"data/templat/bab3/, narasi lain berisi tanda 'belum ditulis'.", ""]
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
        f"organisasi.yaml: periksa unit ({o.unit}), kementerian ({o.kementerian or 'tidak ada: unit ini sendiri kementerian'}), pimpinan ({o.pimpinan.nama}) "
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
