"""Excel for analysts: a year's data tables as one workbook, and back.

``export_year``: one sheet per CSV table of data/<year>/, subfolders included (e.g.
``bab3/tabel/kerja_sama.csv``): Indonesian column labels, numbers as numbers with the
decimals of the text file, drop-down lists for every closed set of values such as satuan,
arah, rumus, tingkat and peran, frozen header row. Which columns hold numbers comes from
the row model of the module that reads the file, from Bab III.1's lampiran.yaml (columns
summed or drawn), else from the column's values in the file. A hidden sheet ``_lkjip``
records which file and column each sheet and column is, so a sheet can be renamed by its
label and still come back to its file, and the version of the data each sheet was
exported from (a hash of the file's cells). Cells as analysts meet them: the workbook's
font is named (Arial 10) and the column widths fit the numbers as their format shows them;
long text wraps and its row is as high as its lines; empty cells and the spare rows below
the data are text cells, so that what is typed there arrives as typed (LibreOffice Calc
and Excel would turn "3/12" into a date, "1,046" into 1046 in en-US, and a date typed into
a number-formatted cell into its serial number, tried in Calc 7.4, en-US and id-ID).
The export writes only an .xlsx, never inside data/ nor over a file that is not a workbook.

``import_year``: reads the workbook (read-only, refused before reading when it is .ods,
.xls, or its used range is absurd), turns each cell into the text the CSV file would hold
(numbers typed the Indonesian way as text, "92,28" or "1.046", are read; ambiguous ones
such as "1,046" are refused, and so are dates in number columns, formulas without a
stored value, and numbers that show fewer decimals than they hold). No lost update: a
sheet not edited since the export is left alone; a sheet edited on a file that changed
since the export is refused. Then it runs the complete check of ``lkjip check``
(:func:`lkjip.check.periksa.periksa`: every loader the build uses) on a scratch copy of the
data holding the sheets to be taken, and names each problem by sheet and cell. Only when
everything is valid is data/<year>/ replaced, as a whole; its other files (YAML, prose,
photos) are kept as they are. Export then import with no edit writes no byte.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import typing
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePosixPath

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation

from lkjip.check.audit import DinyatakanRow
from lkjip.core import angka
from lkjip.data.berkas import csv_text, read_csv_rows, replace_dir, write_atomic
from lkjip.data.pk import (AnggaranRow, IndikatorRow, KomponenRow, SasaranRow, available_years, data_root,
                           rumus_dikenal, year_dir)
from lkjip.errors import DataValidationError, LkjipError, Problem
from lkjip.data.pelengkap import (AnggaranIndikatorRow, IkpaRow, PengaduanRow, PosRow, PrioritasRow, SistematikaRow,
                        TarjaRow, UnitAnggaranRow, UprRow)

META_SHEET = "_lkjip"
LIST_SHEET = "_daftar"
SPARE_ROWS = 500  # rows below the data, formatted for new entries and keeping the drop-down lists
FONT = Font(name="Arial", size=10, family=2)  # the workbook's font: widths are counted in its characters
LINE_HEIGHT = 12.75  # points per line of FONT
TEXT_WIDTH = 60  # widest text column, in characters; longer text wraps

# file -> (row model, column labels): the PK tables, first in the workbook, in this order
TABEL: dict[str, tuple[type, dict[str, str]]] = {
    "sasaran.csv": (SasaranRow, {"id": "Kode Sasaran", "tingkat": "Tingkat", "nomor": "Nomor",
                                 "uraian": "Uraian Sasaran"}),
    "indikator.csv": (IndikatorRow, {"id": "Kode Indikator", "sasaran_id": "Kode Sasaran", "nomor": "Nomor",
                                     "kode": "Kode Tetap", "uraian": "Uraian Indikator", "satuan": "Satuan",
                                     "arah": "Arah", "target": "Target", "rumus": "Rumus",
                                     "realisasi": "Realisasi", "desimal": "Desimal Realisasi",
                                     "desimal_capaian": "Desimal Capaian"}),
    "komponen.csv": (KomponenRow, {"indikator_id": "Kode Indikator", "peran": "Peran", "label": "Keterangan",
                                   "nilai": "Nilai", "sumber": "Sumber Data"}),
    "anggaran_pk.csv": (AnggaranRow, {"program": "Program", "nomor": "Nomor", "kegiatan": "Kegiatan",
                                      "anggaran": "Anggaran (Rp)"}),
}
# the row models other loaders read a year's files with (lkjip.data.pelengkap, lkjip.check.audit): here
# only for the workbook's cell types, drop-down lists and Petunjuk; import validates every
# file with its loader whether it is listed or not. A file not listed (or no longer there)
# gets its cell types from its values.
MODEL: dict[str, type] = {
    **{f: m for f, (m, _) in TABEL.items()},
    "realisasi_anggaran.csv": UnitAnggaranRow,
    "realisasi_anggaran_indikator.csv": AnggaranIndikatorRow,
    "ikpa.csv": IkpaRow,
    "tarja.csv": TarjaRow,
    "prioritas_nasional.csv": PrioritasRow,
    "pengaduan.csv": PengaduanRow,
    "pos_pengaduan.csv": PosRow,
    "upr.csv": UprRow,
    "sistematika.csv": SistematikaRow,
    "dinyatakan.csv": DinyatakanRow,
}
SATUAN_UMUM = ["%", "Dokumen", "Rekomendasi", "Instansi Pemerintah", "Layanan", "Kab/Kota", "Laporan"]
_PLAIN = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_TANGGAL = re.compile(r"^\s*(\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?|\d{1,2}[-/ ][A-Za-z]{3,9}([-/ ]\d{2,4})?)\s*$")
# a workbook larger than this is not a year's tables: refused before it is read
MAX_SHEET_ROWS = 10_000
MAX_SHEET_COLUMNS = 100
MAX_UNZIPPED = 200 * 2**20  # bytes of XML inside the .xlsx


# --------------------------------------------------------------------------- numbers


AngkaMeragukan = angka.AngkaMeragukan  # a number that can be read two ways ("1,046": thousands or decimals?)


def baca_angka(text: str) -> Decimal:
    """A number typed in a cell as text, read by the one number reader, leniently as a workbook
    cell (lkjip.core.angka, ``sumber="sel"``): "92,28" -> 92.28; "1.046" -> 1046; "1.046,5";
    "92.28" (the CSV files' way); "75%"; "Rp 1.046". Refused: "1,046" (:class:`AngkaMeragukan`),
    exponent forms, words; "-" or an empty cell is not a number here."""
    d = angka.baca(text, sumber="sel")
    if d is None:
        raise ValueError(f"bukan angka: {str(text).strip()!r}")
    return d


def _decimals_of(number_format: str) -> int | None:
    """Decimals a cell's number format shows ("0.00" -> 2, "#,##0" -> 0, "General" -> None)."""
    fmt = (number_format or "").split(";")[0]
    if fmt in ("", "General", "@"):
        return None
    m = re.search(r"[0#]\.([0#]+)", fmt)
    return len(m.group(1)) if m else 0


def _plain(d: Decimal) -> str:
    return format(d, "f")


def _float_text(v: float, number_format: str) -> str:
    d = Decimal(format(v, ".15g"))  # Excel keeps 15 significant digits
    if "%" in (number_format or ""):
        d = d * 100
        d = Decimal(format(d, ".15g"))
    dec = _decimals_of(number_format)
    if dec is not None and d == d.quantize(Decimal(1).scaleb(-dec)):
        return _plain(d.quantize(Decimal(1).scaleb(-dec)))
    d = d.normalize()
    if d == d.to_integral_value():
        return _plain(d.quantize(Decimal(1)))
    return _plain(d)


def _as_number(text: str) -> tuple[int | float, str] | None:
    """The cell value and number format that give back exactly ``text`` (a number as the
    CSV files write it), or None when a cell could not hold it exactly (it then stays text)."""
    t = text.strip()
    if t != text or not _PLAIN.match(t):
        return None
    dec = len(t.split(".")[1]) if "." in t else 0
    if dec == 0 and len(t.lstrip("-")) > 15:  # beyond Excel's 15 digits
        return None
    num = int(t) if dec == 0 else float(t)
    fmt = ("#,##0" if abs(num) >= 10000 else "0") if dec == 0 else "0." + "0" * dec
    return (num, fmt) if _float_text(num, fmt) == t else None


def _tampil(num: int | float, number_format: str) -> str:
    """The text a number cell shows with its format ("#,##0" -> 32,488,985,000; "0.00" ->
    92.65); the Indonesian display (32.488.985.000) has the same length."""
    dec = _decimals_of(number_format) or 0
    grouping = "," if "," in number_format.split(".")[0] else ""
    d = Decimal(format(num, ".15g")).quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_UP)  # as Excel rounds
    return format(d, f"{grouping}.{dec}f")


def _baris_teks(text: str, width: int) -> int:
    """Lines a text takes in a wrapped cell ``width`` characters wide."""
    width = max(width, 1)
    return sum(max(1, -(-len(line) // width)) for line in text.split("\n"))


# --------------------------------------------------------------------------- tables


def _is_numeric_field(model: type, name: str) -> bool:
    ann = model.model_fields[name].annotation
    args = typing.get_args(ann) or (ann,)
    return any(a in (Decimal, int) for a in args)


def _choices(model: type | None, name: str) -> list[str] | None:
    if model is None or name not in model.model_fields:
        return None
    ann = model.model_fields[name].annotation
    if typing.get_origin(ann) is typing.Literal:
        return [str(a) for a in typing.get_args(ann)]
    return None


def _default_label(col: str) -> str:
    return col.replace("_", " ").strip().capitalize()


def _lampiran(year: int, root: Path | None) -> dict:
    from lkjip.data.lampiran import berkas_lampiran

    return berkas_lampiran(year, root)


def _labels(rel: str, header: list[str], lampiran: dict) -> list[str]:
    """The column labels of a table: the PK tables' own, the headers Bab III.1 shows
    (lampiran.yaml 'kolom'), else the column name; a label that would be ambiguous is the
    column name."""
    own = dict(TABEL[rel][1]) if rel in TABEL else {}
    if rel in lampiran:
        own = {**lampiran[rel].kolom, **own}
    labels = [str(own.get(c) or _default_label(c)).strip() for c in header]
    keys = [x.lower() for x in labels]
    names = {c.lower() for c in header}
    return [lab if keys.count(lab.lower()) == 1 and (lab.lower() not in names or lab.lower() == c.lower())
            else c for lab, c in zip(labels, header)]


def year_tables(year: int, root: Path | None = None) -> list[str]:
    """The CSV tables of a year, subfolders included, as paths relative to data/<year>/:
    the four of the PK first, then the others of the folder, then those of subfolders."""
    ydir = year_dir(year, root)
    files = [p.relative_to(ydir).as_posix() for p in ydir.rglob("*.csv")
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ydir).parts)]
    order = list(TABEL)
    return sorted(files, key=lambda r: (r.count("/"), order.index(r) if r in order else len(order), r))


def satuan_dikenal(root: Path | None = None) -> list[str]:
    seen = list(SATUAN_UMUM)
    for y in available_years(root):
        f = year_dir(y, root) / "indikator.csv"
        if f.is_file():
            header, rows = read_csv_rows(f)
            if "satuan" in header:
                i = header.index("satuan")
                seen += [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
    return list(dict.fromkeys(seen))


@dataclass
class _Sheet:
    name: str  # sheet title
    file: str  # CSV file, relative to the year folder (bab3/tabel/kerja_sama.csv)
    columns: list[str]
    numeric: set[str]  # cells must be numbers (a loader's rule): text is read as a number or refused
    labels: list[str] = field(default_factory=list)  # header shown, per column
    loose: set[str] = field(default_factory=set)  # numbers by their values only: other text stays text
    versi: str | None = None  # the version (_versi) of the data file when exported; None: not recorded
    triwulan: int | None = None  # triwulan.csv exported for one quarter (--periode): only its rows

    def label(self, col: str) -> str:
        return self.labels[self.columns.index(col)] if col in self.columns and self.labels else _default_label(col)


def _sheet_stem(rel: str) -> str:
    """A table's sheet name before shortening: its file name, after its first folder when
    in a subfolder (bab3/tabel/kerja_sama.csv -> bab3_kerja_sama)."""
    p = PurePosixPath(rel)
    return p.stem if len(p.parts) == 1 else f"{p.parts[0]}_{p.stem}"


def _sheet_name(stem: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", stem)[:31].strip("'") or "tabel"
    base, n = name, 2
    while name.lower() in used or name.lower() in (META_SHEET, LIST_SHEET):
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name.lower())
    return name


def _isi(rows: list[list[str]]) -> list[list[str]]:
    """A table's cells as the workbook can hold them (header first): a carriage return
    becomes a line feed (a cell cannot keep one), trailing empty cells and empty rows are
    dropped. Two tables with the same cells have the same ``_isi`` whatever their CSV dialect."""
    out = []
    for r in rows:
        r = [v.replace("\r\n", "\n").replace("\r", "\n") for v in r]
        if not any(v.strip() for v in r):
            continue
        while r and r[-1] == "":
            r.pop()
        out.append(r)
    return out


def _versi(rows: list[list[str]] | None) -> str | None:
    """The version of a table's content (header and rows): a hash of its cells, the same
    for the data file and for the sheet it was exported to; None for a file that is not there."""
    if rows is None:
        return None
    h = hashlib.sha256()
    for r in _isi(rows):
        h.update(("\x1f".join(r) + "\x1e").encode("utf-8"))
    return "sha256:" + h.hexdigest()


def _versi_berkas(path: Path) -> str | None:
    if not path.is_file():
        return None
    header, rows = read_csv_rows(path)
    return _versi([header, *rows])


def _table_types(rel: str, header: list[str], rows: list[list[str]], lampiran: dict) -> tuple[set[str], set[str]]:
    """(columns that must hold numbers, columns that hold numbers by their values only)."""
    model = MODEL.get(rel)
    numeric = {c for c in header if model is not None and c in model.model_fields and _is_numeric_field(model, c)}
    if rel in lampiran:
        numeric |= {c for c in lampiran[rel].angka if c in header}
    loose = set()
    for i, c in enumerate(header):
        if c in numeric or (model is not None and c in model.model_fields):
            continue
        vals = [r[i] for r in rows if i < len(r) and r[i].strip()]
        if vals and all(_as_number(v) is not None for v in vals):
            loose.add(c)
    return numeric, loose


# --------------------------------------------------------------------------- export


TRIWULAN = "triwulan.csv"  # lkjip.data.triwulan: one row per indicator and quarter


def _baris_triwulan(header: list[str], rows: list[list[str]], tw: int, sama: bool = True) -> list[list[str]]:
    """The rows of triwulan.csv of quarter ``tw`` (``sama``), or those of the other quarters."""
    j = header.index("triwulan") if "triwulan" in header else None
    return [r for r in rows if j is None or ((j < len(r) and r[j].strip() == str(tw)) == sama)]


def export_year(year: int, output: Path, root: Path | None = None, periode: str | None = None) -> list[str]:
    """Write data/<year>/'s tables to ``output`` (.xlsx); returns the sheet names. With
    ``periode`` (tw1..tw4) the sheet of triwulan.csv holds that quarter's rows only, and
    importing the workbook replaces those rows only."""
    from lkjip.core.periode import Periode

    tw = Periode.dari(year, periode).triwulan
    ydir = year_dir(year, root)
    if not ydir.is_dir():
        raise LkjipError(f"Data tahun {year} tidak ada ({ydir}); mulai dengan 'lkjip new-year {year}'.")
    _tujuan(Path(output), year, root)
    wb = Workbook()
    wb._fonts = IndexedList([FONT])  # the default font (style "Normal"): named, so widths mean the same everywhere
    wb.remove(wb.active)
    lists = wb.create_sheet(LIST_SHEET)
    meta = wb.create_sheet(META_SHEET)
    meta.append(["lkjip", "tahun", year])
    if tw:
        meta.append(["triwulan", TRIWULAN, tw])
    list_col = 0
    list_ranges: dict[tuple[str, ...], str] = {}

    def list_range(values: list[str]) -> str:
        nonlocal list_col
        key = tuple(values)
        if key not in list_ranges:
            list_col += 1
            letter = get_column_letter(list_col)
            for i, v in enumerate(values, 1):
                lists.cell(row=i, column=list_col, value=v).data_type = "s"
            list_ranges[key] = f"'{LIST_SHEET}'!${letter}$1:${letter}${len(values)}"
        return list_ranges[key]

    used: set[str] = set()
    head_font = Font(name=FONT.name, size=FONT.sz, family=FONT.family, bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    names = []
    tables: list[tuple[_Sheet, type | None]] = []
    lampiran = _lampiran(year, root)
    satuan = None
    for rel in year_tables(year, root):
        header, rows = read_csv_rows(ydir / rel)
        if not header:
            continue  # an empty file has no table to show (lkjip check reports it)
        if tw and rel == TRIWULAN:
            rows = _baris_triwulan(header, rows, tw)
        model = MODEL.get(rel)
        numeric, loose = _table_types(rel, header, rows, lampiran)
        sheet = _Sheet(_sheet_name(_sheet_stem(rel), used), rel, header, numeric,
                       _labels(rel, header, lampiran), loose)
        names.append(sheet.name)
        tables.append((sheet, model))
        ws = wb.create_sheet(sheet.name, len(names) - 1)
        meta.append(["tabel", sheet.name, sheet.file, *header])
        meta.append(["judul", sheet.name, *sheet.labels])
        meta.append(["angka", sheet.name, *[c for c in header if c in numeric]])
        meta.append(["angka_dari_isi", sheet.name, *[c for c in header if c in loose]])
        meta.append(["versi", sheet.name, _versi([header, *rows])])  # the data this sheet was exported from
        for j, col in enumerate(header, 1):
            c = ws.cell(row=1, column=j, value=sheet.label(col))
            c.data_type = "s"
            c.font, c.fill = head_font, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        # widths in characters of the workbook's font: the longest text shown (numbers as
        # their format shows them, thousands separators and decimals included)
        widths = [len(sheet.label(col)) for col in header]
        cells: list[list] = []
        for r, values in enumerate(rows, 2):
            row_cells = []
            for j, col in enumerate(header, 1):
                v = values[j - 1] if j - 1 < len(values) else ""
                cell = ws.cell(row=r, column=j)
                row_cells.append(cell)
                if v == "":
                    cell.number_format = "@"  # typed later, kept as typed (see SPARE_ROWS)
                    continue
                num = _as_number(v) if col in numeric or col in loose else None
                if num is not None:
                    cell.value, cell.number_format = num
                    widths[j - 1] = max(widths[j - 1], len(_tampil(*num)) + 1)
                    continue
                try:
                    cell.value = v
                except IllegalCharacterError:
                    raise LkjipError(f"data/{year}/{rel}, baris {r}, kolom '{col}': teks berisi karakter kendali "
                                     "(tak terlihat) yang tidak dapat disimpan di Excel; hapus karakter itu dari "
                                     "file, lalu ekspor ulang.") from None
                cell.data_type = "s"  # text stays text, even "=..." or "007"
                cell.number_format = "@"
                widths[j - 1] = max(widths[j - 1], min(max(len(x) for x in v.split("\n")), TEXT_WIDTH))
            cells.append(row_cells)
        widths = [max(8, min(w + 2, TEXT_WIDTH + 2)) for w in widths]
        for j, col in enumerate(header, 1):
            ws.column_dimensions[get_column_letter(j)].width = widths[j - 1]
        # long text wrapped, and the row as high as its lines (a spreadsheet does not
        # grow a row by itself for a file it did not write)
        for r, row_cells in enumerate(cells, 2):
            lines = 1
            for j, cell in enumerate(row_cells, 1):
                if cell.data_type != "s" or not isinstance(cell.value, str):
                    continue
                n = _baris_teks(cell.value, widths[j - 1] - 2)
                if n > 1:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    lines = max(lines, n)
            if lines > 1:
                ws.row_dimensions[r].height = round(lines * LINE_HEIGHT + 3, 2)
        # spare rows below the data, for new entries: text cells, so that what is typed
        # arrives as typed (a spreadsheet would turn "3/12" into a date, "1,046" into 1046,
        # and a date typed into a number-formatted cell into its serial number); lkjip
        # reads the numbers (see _cell_text)
        for r in range(len(rows) + 2, len(rows) + 2 + SPARE_ROWS):
            for j in range(1, len(header) + 1):
                ws.cell(row=r, column=j).number_format = "@"
        for j, col in enumerate(header, 1):
            letter = get_column_letter(j)
            choices = _choices(model, col)
            strict = True
            if col == "satuan" and model is IndikatorRow:
                satuan = satuan if satuan is not None else satuan_dikenal(root)
                choices, strict = satuan, False
            if col == "rumus" and model is IndikatorRow:  # the built-in kinds and those declared in data
                choices = rumus_dikenal(year, root)
            if choices:
                dv = DataValidation(type="list", formula1=list_range(choices), allow_blank=True,
                                    showErrorMessage=True, errorStyle="stop" if strict else "warning",
                                    errorTitle=sheet.label(col)[:32],
                                    error=("Pilih salah satu dari: " + ", ".join(choices)) if strict else
                                    "Satuan ini belum pernah dipakai; periksa ejaannya.")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{len(rows) + 1 + SPARE_ROWS}")
        ws.freeze_panes = "A2"
    _petunjuk(wb, year, tables, used)
    wb.active = 0
    lists.sheet_state = "hidden"
    meta.sheet_state = "hidden"
    write_atomic(Path(output), save=wb.save)
    return names


def _tujuan(output: Path, year: int, root: Path | None) -> None:
    """Refuse to write a workbook inside the data folder, under another name than .xlsx, or
    over a file that is not a workbook."""
    data = data_root(root).resolve()
    target = output.resolve()
    if target == data or data in target.parents:
        raise LkjipError(f"{output} berada di dalam folder data ({data}); berkas Excel tidak ditulis di antara berkas "
                         f"data (bisa menimpa data). Tulis di luar folder data, misalnya --output isian-{year}.xlsx.")
    if output.suffix.lower() != ".xlsx":
        raise LkjipError(f"{output}: nama berkas keluaran harus berakhiran .xlsx (lkjip menulis buku kerja Excel "
                         f".xlsx), misalnya --output isian-{year}.xlsx.")
    if target.is_dir():
        raise LkjipError(f"{output} adalah folder; beri nama berkas .xlsx, misalnya --output isian-{year}.xlsx.")
    if target.exists() and not _buku_kerja(target):
        raise LkjipError(f"{output} sudah ada dan bukan berkas Excel (.xlsx); berkas itu tidak ditimpa. Pilih nama "
                         "lain, atau pindahkan berkas itu dulu.")


def _buku_kerja(path: Path) -> bool:
    """Whether a file is an .xlsx workbook (which an export may replace)."""
    try:
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _petunjuk(wb, year: int, tables, used: set[str]) -> None:
    """A last sheet telling the analyst what each column expects (the rules of the loaders)."""
    ws = wb.create_sheet(_sheet_name("Petunjuk", used))
    ws.append([f"Data tahun {year}: isi sel yang kosong; jangan ubah judul kolom atau nama sheet. "
               "Sel kosong berarti belum tersedia (bukan 0). Angka boleh diketik 92,28 atau 1.046. "
               "Baris kosong di bawah data berformat Teks, agar isian tidak diubah Excel: ketik angka seperti "
               "92,28 atau 1046; jangan ketik tanggal di kolom angka. "
               f"Lalu: lkjip excel import <berkas> --year {year}"])
    ws.append([])
    ws.append(["Sheet", "Kolom", "Isian yang diharapkan"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for sheet, model in tables:
        for col in sheet.columns:
            info = model.model_fields.get(col) if model is not None else None
            desc = (info.description or ("angka" if col in sheet.numeric else "teks")) if info is not None \
                else ("angka" if col in sheet.numeric or col in sheet.loose else "teks")
            if info is not None and info.is_required():
                desc = "wajib diisi: " + desc
            ws.append([sheet.name, sheet.label(col), desc])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 100


# --------------------------------------------------------------------------- import


def _where(sheet: str, row: int | None, col_index: int | None) -> str:
    if row is not None and col_index is not None:
        return f"Sheet '{sheet}', sel {get_column_letter(col_index)}{row}"
    if row is not None:
        return f"Sheet '{sheet}', baris {row}"
    return f"Sheet '{sheet}'"


def _safe_rel(rel: str) -> bool:
    p = PurePosixPath(rel)
    return (p.suffix.lower() == ".csv" and not p.is_absolute() and ".." not in p.parts
            and not any(part.startswith(".") for part in p.parts) and "\\" not in rel)


def _read_meta(wb, year: int, ydir: Path, lampiran: dict) -> list[_Sheet]:
    sheets: list[_Sheet] = []
    if META_SHEET in wb.sheetnames:
        extra: dict[str, dict[str, list[str]]] = {}
        for row in _baris(wb[META_SHEET]):
            vals = [c.value for c in row]
            while vals and vals[-1] is None:
                vals.pop()
            if not vals:
                continue
            if vals[0] == "lkjip" and len(vals) >= 3 and str(vals[2]) != str(year):
                raise LkjipError(f"Berkas Excel ini berisi data tahun {vals[2]}, bukan {year}; "
                                 f"impor dengan --year {vals[2]} atau ekspor ulang tahun {year}.")
            if vals[0] == "tabel" and len(vals) >= 3:
                rel = str(vals[2])
                if not _safe_rel(rel):
                    raise LkjipError(f"Sheet '{META_SHEET}' (tersembunyi) rusak: {rel!r} bukan berkas CSV di dalam "
                                     f"data/{year}/; ekspor ulang dengan 'lkjip excel export --year {year}'.")
                sheets.append(_Sheet(str(vals[1]), rel, ["" if v is None else str(v) for v in vals[3:]], set()))
            elif vals[0] == "triwulan" and len(vals) >= 3 and str(vals[2]) in ("1", "2", "3", "4"):
                extra.setdefault("", {})["triwulan"] = [str(vals[1]), str(vals[2])]
            elif vals[0] in ("judul", "angka", "angka_dari_isi", "versi") and len(vals) >= 2:
                extra.setdefault(str(vals[1]), {})[vals[0]] = ["" if v is None else str(v) for v in vals[2:]]
        per = extra.get("", {}).get("triwulan")
        for s in sheets:
            if per and s.file == per[0]:
                s.triwulan = int(per[1])
            e = extra.get(s.name, {})
            s.numeric = set(e.get("angka", []))
            s.loose = set(e.get("angka_dari_isi", []))
            s.versi = (e.get("versi") or [None])[0] or None
            labels = e.get("judul")
            s.labels = labels if labels and len(labels) == len(s.columns) else _labels(s.file, s.columns, lampiran)
        return sheets
    # a workbook made by hand: sheets named after the year's CSV files
    names: dict[str, str] = {}
    used: set[str] = set()
    for rel in year_tables(year, ydir.parent.parent):
        names.setdefault(_sheet_name(_sheet_stem(rel), used).lower(), rel)
        names.setdefault(PurePosixPath(rel).stem.lower(), rel)
    for ws in wb.worksheets:
        rel = names.get(ws.title.lower())
        if rel is None:
            continue
        header, rows = read_csv_rows(ydir / rel)
        numeric, loose = _table_types(rel, header, rows, lampiran)
        sheets.append(_Sheet(ws.title, rel, header, numeric, _labels(rel, header, lampiran), loose))
    return sheets


def _cell_text(value, number_format: str, numeric: bool, loose: bool = False) -> str:
    """The CSV text of one cell; ValueError (Indonesian) when it cannot be one. ``numeric``:
    the column must hold numbers; ``loose``: it holds numbers, but other text stays text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError("angka atau teks, bukan nilai benar/salah (TRUE/FALSE)")
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        if numeric or loose:
            raise ValueError("angka, bukan tanggal (Excel atau LibreOffice mengubah isian ini menjadi tanggal); "
                             "format sel sebagai Teks lalu ketik ulang angkanya, misalnya 92,28 atau 1046")
        if isinstance(value, _dt.datetime):
            return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat(sep=" ")
        return value.isoformat()
    if isinstance(value, (int, float)):
        text = _float_text(value, number_format)
        dec = _decimals_of(number_format)
        if dec is not None and len(text.partition(".")[2]) > dec:
            shown = _tampil(value, number_format).replace(",", "_").replace(".", ",").replace("_", ".")
            raise ValueError(f"sel ini menampilkan {shown} tetapi isinya {text} (titik sebagai desimal): format sel "
                             f"hanya menampilkan {dec} desimal. Bila maksudnya bilangan bulat (misalnya "
                             f"{text.replace('.', '')}), ketik tanpa titik; bila memang pecahan, tampilkan desimalnya "
                             "(format sel) lalu impor lagi")
        return text
    text = str(value)
    if numeric and text.strip().startswith("="):
        raise ValueError("angka, bukan rumus: di sel berformat Teks rumus tersimpan sebagai teks dan tidak dihitung; "
                         "ketik nilainya, misalnya 92,28 atau 1046")
    if numeric and _TANGGAL.match(text):
        raise ValueError(f"angka, bukan tanggal: {text.strip()!r} tampak seperti tanggal; ketik angkanya, "
                         "misalnya 92,28 atau 1046")
    if (numeric or loose) and text.strip():
        try:
            return _plain(baca_angka(text))
        except AngkaMeragukan:
            raise
        except ValueError:
            if numeric:
                raise
    return text


def _salin_data(src: Path, dest: Path) -> None:
    """A scratch copy of data/ to check: text files copied, anything else (photos) linked."""
    def copy(s, d):
        if Path(s).suffix.lower() in (".csv", ".yaml", ".yml", ".md", ".txt", ".json"):
            return shutil.copy2(s, d)
        try:
            os.symlink(os.path.abspath(s), d)
        except OSError:
            shutil.copy2(s, d)
        return d

    shutil.copytree(src, dest, copy_function=copy, ignore=shutil.ignore_patterns(".*"))


def _check(year: int, root: Path) -> list[Problem]:
    """Every problem ``lkjip check`` finds in a year (the loaders the build uses)."""
    from lkjip.check.periksa import periksa

    try:
        return list(periksa(year, root).masalah)
    except DataValidationError as e:
        return list(e.problems)
    except LkjipError as e:
        return [Problem(f"data/{year}", None, None, None, str(e), "check")]


_SIMPAN_XLSX = ("Buka berkas itu di Excel atau LibreOffice Calc, lalu simpan sebagai .xlsx (Excel: File > Save As > "
                "'Excel Workbook (*.xlsx)'; LibreOffice: File > Simpan Sebagai > 'Excel 2007-365 (.xlsx)'), "
                "lalu impor berkas .xlsx itu.")


def _jenis_berkas(path: Path) -> None:
    """Refuse what is not an .xlsx workbook, naming what it is (.xls, .ods, CSV...), and a
    workbook whose content would be far larger than a year's tables once unpacked."""
    if not path.exists():
        raise LkjipError(f"{path} tidak ada; periksa nama dan folder berkas Excel.")
    if path.is_dir():
        raise LkjipError(f"{path} adalah folder, bukan berkas Excel (.xlsx).")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise LkjipError(f"{path} tidak dapat dibaca: {e.strerror or type(e).__name__}.") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise LkjipError(f"{path} adalah berkas Excel lama (.xls, Excel 97-2003), yang tidak dibaca lkjip. "
                         + _SIMPAN_XLSX)
    if not zipfile.is_zipfile(path):
        raise LkjipError(f"{path} bukan berkas Excel (.xlsx) (mungkin CSV, teks, atau berkas rusak). " + _SIMPAN_XLSX)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mime = z.read("mimetype")[:80] if "mimetype" in names else b""
            size = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, KeyError):
        raise LkjipError(f"{path} rusak dan tidak dapat dibuka sebagai berkas Excel (.xlsx). " + _SIMPAN_XLSX) from None
    if mime.startswith(b"application/vnd.oasis.opendocument"):
        raise LkjipError(f"{path} adalah berkas OpenDocument (.ods, LibreOffice Calc), bukan .xlsx. " + _SIMPAN_XLSX)
    if "xl/workbook.xml" not in names:
        raise LkjipError(f"{path} bukan berkas Excel (.xlsx) (arsip zip tanpa buku kerja Excel). " + _SIMPAN_XLSX)
    if size > MAX_UNZIPPED:
        raise LkjipError(f"{path} berisi {size / 2**20:.0f} MB data setelah dibuka, jauh melebihi tabel data satu "
                         f"tahun (paling banyak {MAX_UNZIPPED // 2**20} MB): hapus sheet, baris, atau kolom yang "
                         "tidak perlu, simpan, lalu impor lagi.")


def _ukuran(ws) -> tuple[int, int]:
    """The rows and columns a sheet uses, as the sheet declares them (read before any cell
    is read); refused when absurd, e.g. one cell at XFD1048576."""
    max_row, max_col = ws.max_row or 1, ws.max_column or 1
    if max_row > MAX_SHEET_ROWS or max_col > MAX_SHEET_COLUMNS:
        last = f"{get_column_letter(min(max_col, 16384))}{max_row}"
        raise LkjipError(
            f"Sheet '{ws.title}' memakai rentang sel A1:{last} ({_ribuan(max_row)} baris x {_ribuan(max_col)} "
            f"kolom), jauh melebihi tabel data (paling banyak {_ribuan(MAX_SHEET_ROWS)} baris dan "
            f"{MAX_SHEET_COLUMNS} kolom). Biasanya ada isian atau format di sel yang jauh di bawah atau di kanan "
            f"data (sel {last}): hapus baris dan kolom kosong di bawah dan di kanan data, simpan, lalu impor lagi.")
    return max_row, max_col


def _baris(ws):
    """A sheet's rows, streamed: every row the sheet holds, whatever range it declares (a
    wrong declaration loses no row), cells past the last column a table can have left out;
    refused at the first row past the last a table can have."""
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS + 1, min_col=1,
                                         max_col=MAX_SHEET_COLUMNS), 1):
        if r > MAX_SHEET_ROWS:  # only reached when the sheet holds a row further down
            raise LkjipError(
                f"Sheet '{ws.title}' berisi sel di bawah baris {_ribuan(MAX_SHEET_ROWS)}, jauh melebihi tabel data "
                f"(paling banyak {_ribuan(MAX_SHEET_ROWS)} baris). Biasanya ada isian atau format di sel yang jauh "
                "di bawah data: hapus baris kosong di bawah data, simpan, lalu impor lagi.")
        yield row


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@contextmanager
def _buka(path: Path):
    """The workbook, read-only (cells streamed, never all held), with its cached values;
    and, per sheet, the formula cells ((row, column) -> formula) when it has any."""
    _jenis_berkas(path)
    f = open(path, "rb")
    try:
        try:
            wb = load_workbook(f, read_only=True, data_only=True)
        except Exception as e:  # damaged
            raise LkjipError(f"{path} tidak dapat dibuka sebagai berkas Excel (.xlsx): {type(e).__name__}. "
                             + _SIMPAN_XLSX) from None
        try:
            yield wb, _rumus(path)
        finally:
            wb.close()
    finally:
        f.close()


def _rumus(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(b"<f>" in x or b"<f " in x for x in map(z.read, parts)):
            return {}
    with open(path, "rb") as f:
        return _rumus_dari(load_workbook(f, read_only=True, data_only=False))


def _rumus_dari(wb) -> dict[str, dict[tuple[int, int], str]]:
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for ws in wb.worksheets:
            _ukuran(ws)
            for row in _baris(ws):
                for c in row:
                    if getattr(c, "data_type", None) == "f":
                        out.setdefault(ws.title, {})[(c.row, c.column)] = str(c.value)
        return out
    finally:
        wb.close()


@dataclass
class Bacaan:
    """What a workbook holds, sheet by sheet, against the year's data as it is now."""

    year: int
    texts: dict[str, str]  # file (relative to data/<year>/) -> CSV text, for every sheet read
    diambil: list[tuple[str, str]] = field(default_factory=list)  # (sheet, file): edited, to be written
    dibiarkan: list[tuple[str, str, bool]] = field(default_factory=list)  # (sheet, file, data changed since
    # the export): not edited in Excel since the export, left alone
    sama: list[tuple[str, str]] = field(default_factory=list)  # edited, but already what the data holds
    tanpa_versi: bool = False  # the workbook does not record the data it came from (made by hand)

    @property
    def changed(self) -> list[str]:
        return [f for _, f in self.diambil]

    def pesan(self) -> list[str]:
        """The lines ``lkjip excel import`` prints: which sheets were taken, which left alone."""
        y = self.year
        lines = []
        if self.diambil:
            lines.append(f"Data tahun {y} diperbarui dari sheet: "
                         + ", ".join(f"'{n}' ({f})" for n, f in self.diambil) + ".")
        else:
            lines.append(f"Tidak ada perubahan: data tahun {y} sudah sama dengan berkas Excel.")
        berubah = [(n, f) for n, f, b in self.dibiarkan if b]
        for n, f in berubah:
            lines.append(f"Sheet '{n}' tidak diubah di Excel sejak diekspor; data/{y}/{f} sudah berubah sejak itu "
                         "(impor lain) dan dibiarkan seperti sekarang.")
        lain = len(self.dibiarkan) - len(berubah)
        if lain and self.diambil:
            lines.append(f"{lain} sheet lain tidak diubah di Excel dan dibiarkan.")
        if self.tanpa_versi and self.diambil:
            lines.append("Catatan: berkas Excel ini tidak mencatat versi data asalnya (bukan hasil 'lkjip excel "
                         "export' versi ini), jadi setiap sheet yang berbeda dari data ditulis; bila orang lain "
                         "sudah mengimpor perubahan sejak itu, periksa bahwa perubahan mereka tidak tertimpa.")
        return lines


def read_workbook(path: Path, year: int, root: Path | None = None) -> dict[str, str]:
    """The CSV texts (path relative to data/<year>/ -> text) a workbook holds;
    DataValidationError naming sheet and cell when a cell cannot be read, when a sheet
    edited in Excel holds a table that changed since the export (someone else's import
    would be lost), or when the data, with the sheets to be taken, break a rule of
    ``lkjip check``."""
    return baca_workbook(Path(path), year, root).texts


def baca_workbook(path: Path, year: int, root: Path | None = None) -> Bacaan:
    """Read and validate a workbook (see :func:`read_workbook`); which sheets are taken."""
    ydir = year_dir(year, root)
    if not ydir.is_dir():
        raise LkjipError(f"Data tahun {year} tidak ada ({ydir}); mulai dengan 'lkjip new-year {year}', "
                         "lalu impor berkas Excel.")
    with _buka(path) as (wb, rumus):
        return _baca(wb, rumus, year, ydir, root)


def _baca(wb, rumus: dict[str, dict[tuple[int, int], str]], year: int, ydir: Path, root: Path | None) -> Bacaan:
    lampiran = _lampiran(year, root)
    if META_SHEET in wb.sheetnames:
        _ukuran(wb[META_SHEET])
    sheets = _read_meta(wb, year, ydir, lampiran)
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    where_of: dict[tuple[str, int, str], tuple[str, int, int | None]] = {}  # (file, csv record, col) -> cell
    bad_cells: set[tuple[str, int, int]] = set()
    known = [s for s in sheets if s.name in wb.sheetnames]
    for s in sheets:
        if s.name not in wb.sheetnames:
            problems.append(Problem(f"Sheet '{s.name}'", None, None, None,
                                    f"sheet ini hilang dari berkas Excel (berisi {s.file})", "missing_sheet"))
    for s in known:
        ws = wb[s.name]
        _ukuran(ws)
        formulas = rumus.get(s.name, {})
        labels = {s.label(c).strip().lower(): c for c in s.columns}
        labels.update({c.lower(): c for c in s.columns})
        col_of: dict[int, str] = {}
        rows_iter = _baris(ws)
        first = next(rows_iter, ())
        for j, cell in enumerate(first, 1):
            if cell.value is None or str(cell.value).strip() == "":
                continue
            key = str(cell.value).strip().lower()
            if key not in labels or labels[key] in col_of.values():
                problems.append(Problem(_where(s.name, 1, j), None, None, str(cell.value),
                                        ("judul kolom ganda" if key in labels else "judul kolom tidak dikenal")
                                        + "; yang diharapkan: " + ", ".join(s.label(c) for c in s.columns),
                                        "unknown_column"))
                continue
            col_of[j] = labels[key]
        present = set(col_of.values())
        missing = [c for c in s.columns if c not in present]
        for c in missing:
            problems.append(Problem(_where(s.name, 1, None), None, s.label(c), None,
                                    f"kolom '{s.label(c)}' wajib ada (jangan hapus kolom)", "missing_column"))
        index_of = {c: j for j, c in col_of.items()}
        out_rows: list[list[str]] = []
        for r, row in enumerate(rows_iter, 2):
            values = {col_of[c.column]: c for c in row if getattr(c, "column", None) in col_of}
            texts_row = []
            empty = True
            for col in s.columns:
                cell = values.get(col)
                if cell is not None and cell.value is None and (r, index_of[col]) in formulas:
                    problems.append(Problem(_where(s.name, r, index_of[col]), None, s.label(col),
                                            formulas[(r, index_of[col])],
                                            "rumus tanpa nilai tersimpan: berkas ini disimpan tanpa hasil rumusnya "
                                            "(misalnya oleh program selain Excel atau LibreOffice). Buka berkas di "
                                            "Excel atau LibreOffice Calc lalu simpan lagi sebagai .xlsx, atau ketik "
                                            "nilainya langsung", "formula_without_value"))
                    bad_cells.add((s.file, r, index_of[col]))
                    texts_row.append("")
                    continue
                try:
                    t = "" if cell is None else _cell_text(cell.value, cell.number_format, col in s.numeric,
                                                           col in s.loose)
                except ValueError as e:
                    problems.append(Problem(_where(s.name, r, index_of[col]), None, s.label(col),
                                            str(cell.value), str(e), "cell_value"))
                    bad_cells.add((s.file, r, index_of[col]))
                    t = str(cell.value)
                if t.strip():
                    empty = False
                texts_row.append(t)
            if empty:
                continue
            out_rows.append(texts_row)
            record = len(out_rows) + 1
            for col in s.columns:
                where_of[(s.file, record, col)] = (s.name, r, index_of.get(col))
            where_of[(s.file, record, "")] = (s.name, r, None)
        if s.triwulan and (ydir / s.file).is_file():
            # one quarter's rows: the other quarters' rows of the file stay, in front
            fh, frows = read_csv_rows(ydir / s.file)
            lain = _baris_triwulan(fh, frows, s.triwulan, sama=False) if fh == s.columns else []
            mine = {k: v for k, v in where_of.items() if k[0] == s.file}
            for k in mine:
                del where_of[k]
            where_of.update({(f, rec + len(lain), c): v for (f, rec, c), v in mine.items()})
            out_rows = lain + out_rows
        texts[s.file] = csv_text(s.columns, out_rows)

    # which sheets are taken: no lost update
    hasil = Bacaan(year, texts)
    taken: list[_Sheet] = []
    for s in known:
        if s.file not in texts:
            continue
        mine = _versi(list(csv.reader(io.StringIO(texts[s.file]))))
        now = _versi_berkas(ydir / s.file)
        if s.triwulan:  # the version of the quarter's rows, as exported
            h, *rr = list(csv.reader(io.StringIO(texts[s.file])))
            mine = _versi([h, *_baris_triwulan(h, rr, s.triwulan)])
            if (ydir / s.file).is_file():
                fh, frows = read_csv_rows(ydir / s.file)
                now = _versi([fh, *_baris_triwulan(fh, frows, s.triwulan)])
        if s.versi is not None and mine == s.versi:
            hasil.dibiarkan.append((s.name, s.file, now != s.versi))
        elif mine == now:
            hasil.sama.append((s.name, s.file))
        elif s.versi is None or now == s.versi:
            hasil.diambil.append((s.name, s.file))
            hasil.tanpa_versi |= s.versi is None
            taken.append(s)
        else:
            what = "sudah dihapus" if now is None else "sudah berubah"
            problems.append(Problem(
                _where(s.name, None, None), None, None, None,
                f"sheet ini diubah di Excel, tetapi data/{year}/{s.file} {what} sejak berkas Excel ini diekspor "
                "(ada impor atau suntingan lain sesudahnya); sheet ini tidak diambil agar perubahan itu tidak "
                f"hilang. Ekspor ulang ('lkjip excel export --year {year} --output <berkas baru>.xlsx'), salin "
                f"perubahan Anda di sheet '{s.name}' ke berkas baru itu, lalu impor berkas baru", "stale_sheet"))

    # lkjip check, on a scratch copy of data/ holding the sheets to be taken
    root_dir = data_root(root).parent
    with tempfile.TemporaryDirectory(prefix="lkjip-excel-") as tmp:
        troot = Path(tmp)
        _salin_data(data_root(root), troot / "data")
        tydir = troot / "data" / str(year)
        for s in taken:
            f = tydir / s.file
            f.parent.mkdir(parents=True, exist_ok=True)
            f.unlink(missing_ok=True)
            f.write_text(texts[s.file], encoding="utf-8", newline="")
        found = _check(year, troot)
    by_file = {s.file: s for s in taken}
    prefix = f"data/{year}/"
    for p in dict.fromkeys(found):
        p = Problem(p.file.replace(str(troot), str(root_dir)), p.row, p.column, p.value,
                    p.expected.replace(str(troot), str(root_dir)), p.code)
        rel = p.file[len(prefix):] if p.file.startswith(prefix) else None
        s = by_file.get(rel) if rel is not None else None
        if s is None:
            problems.append(p)  # a file the workbook does not hold (prose, YAML, other years)
            continue
        label = s.label(p.column) if p.column in s.columns else p.column
        if p.row is None:
            problems.append(Problem(_where(s.name, None, None), None, label, p.value, p.expected, p.code))
            continue
        sheet, r, j = where_of.get((rel, p.row, p.column or ""), (s.name, p.row, None))
        if p.row == 1 and p.column in s.columns:
            continue  # header problems are reported from the sheet above
        if (rel, r, j) in bad_cells:
            continue  # already reported as an unreadable cell
        problems.append(Problem(_where(sheet, r, j), None, label, p.value, p.expected, p.code))
    if problems:
        raise DataValidationError(problems)
    return hasil


def import_year(path: Path, year: int, root: Path | None = None) -> Bacaan:
    """Validate the workbook and write its edited sheets into data/<year>/; returns what was
    taken (``.changed``: the files written, relative to data/<year>/) and what was left alone.
    Nothing is written when anything is invalid or when a sheet edited in Excel holds a
    table that changed since the export; the year's files that are not in the workbook,
    and those of sheets not edited since the export, are kept as they are."""
    hasil = baca_workbook(Path(path), year, root)
    ydir = year_dir(year, root)
    if hasil.diambil:
        replace_dir(ydir, {f: hasil.texts[f] for f in hasil.changed}, base=ydir)
    return hasil
