"""Excel for analysts: a year's data tables as one workbook, and back.

``export_year``: one sheet per CSV table of data/<year>/ (Indonesian column labels, numbers
as numbers with the decimals of the text file, drop-down lists for every closed set of
values such as satuan, arah, rumus, tingkat and peran, frozen header row). A hidden sheet
``_lkjip`` records which file and column each sheet and column is, so a sheet can be
renamed by its label and still come back to its file.

``import_year``: reads the workbook, turns each cell into the text the CSV file would
hold (numbers typed the Indonesian way as text, "92,28" or "1.046", are read; ambiguous
ones such as "1,046" are refused), validates the result with the very rules of
:func:`lkjip.data.load_year`, and names each problem by sheet and cell. Only when
everything is valid is data/<year>/ replaced, as a whole. Export then import with no edit
writes the same bytes.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import shutil
import tempfile
import typing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .berkas import csv_text, read_csv_rows, replace_dir
from .data import (AnggaranRow, IndikatorRow, KomponenRow, SasaranRow, available_years, data_root,
                   load_year, year_dir)
from .errors import DataValidationError, LkjipError, Problem

META_SHEET = "_lkjip"
LIST_SHEET = "_daftar"
MAX_ROWS = 500  # rows below the data that keep the drop-down lists, for new entries

# file -> (row model, column labels); other CSV tables of a year get labels from their names
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
SATUAN_UMUM = ["%", "Dokumen", "Rekomendasi", "Instansi Pemerintah", "Layanan", "Kab/Kota", "Laporan"]
_PLAIN = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")


# --------------------------------------------------------------------------- numbers


def baca_angka(text: str) -> Decimal:
    """A number typed in a cell as text, the Indonesian way or as in the CSV files.

    "92,28" -> 92.28; "1.046" -> 1046; "1.200.433.000" -> 1200433000; "1.046,5" -> 1046.5;
    "92.28" -> 92.28 (dot decimal, as the CSV files write it); "75%" -> 75.
    Refused: "1,046" (thousands or decimals?), "1,046,000", "1.046,5,3", words.
    """
    s = str(text).replace("\u00a0", " ").strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    if s.lower().startswith("rp"):
        s = s[2:].strip()
    sign, body = ("-", s[1:]) if s.startswith("-") else ("", s)
    if re.fullmatch(r"\d+", body):
        out = body
    elif re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", body):  # 1.046, 1.200.433.000: dots group thousands
        out = body.replace(".", "")
    elif re.fullmatch(r"\d+\.\d+", body):  # 92.28: the CSV files' own way
        out = body
    elif re.fullmatch(r"[1-9]\d{0,2},\d{3}", body):
        raise ValueError(f"angka {s!r} meragukan: bisa berarti {body.replace(',', '')} (koma sebagai pemisah "
                         f"ribuan) atau {body} (koma desimal); tulis tanpa pemisah ribuan "
                         f"(contoh {body.replace(',', '')}) atau isi sel sebagai angka")
    elif re.fullmatch(r"\d+,\d+", body):  # 92,28
        out = body.replace(",", ".")
    elif re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+,\d+", body):  # 1.046,5
        out = body.replace(".", "").replace(",", ".")
    else:
        raise ValueError(f"bukan angka yang dapat dibaca: {s!r}; tulis misalnya 92,28 atau 1.046 atau 1046")
    try:
        return Decimal(sign + out)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise ValueError(f"bukan angka: {s!r}") from None


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


def _label(fname: str, col: str) -> str:
    spec = TABEL.get(fname)
    if spec and col in spec[1]:
        return spec[1][col]
    return col.replace("_", " ").strip().capitalize()


def year_tables(year: int, root: Path | None = None) -> list[Path]:
    """The CSV tables of a year, the four of the PK first."""
    ydir = year_dir(year, root)
    files = sorted(p for p in ydir.glob("*.csv") if p.is_file())
    order = list(TABEL)
    return sorted(files, key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name))


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
    file: str  # CSV file name in the year folder
    columns: list[str]
    numeric: set[str]


def _sheet_name(stem: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", stem)[:31] or "tabel"
    base, n = name, 2
    while name.lower() in used:
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name.lower())
    return name


# --------------------------------------------------------------------------- export


def export_year(year: int, output: Path, root: Path | None = None) -> list[str]:
    """Write data/<year>/'s tables to ``output`` (.xlsx); returns the sheet names."""
    ydir = year_dir(year, root)
    if not ydir.is_dir():
        raise LkjipError(f"Data tahun {year} tidak ada ({ydir}); mulai dengan 'lkjip new-year {year}'.")
    wb = Workbook()
    wb.remove(wb.active)
    lists = wb.create_sheet(LIST_SHEET)
    meta = wb.create_sheet(META_SHEET)
    meta.append(["lkjip", "tahun", year])
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
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    names = []
    tables: list[tuple[_Sheet, type | None]] = []
    for path in year_tables(year, root):
        header, rows = read_csv_rows(path)
        model = TABEL.get(path.name, (None, {}))[0]
        if model is not None:
            numeric = {c for c in header if c in model.model_fields and _is_numeric_field(model, c)}
        else:
            numeric = set()
            for i, c in enumerate(header):
                vals = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
                if vals and all(_PLAIN.match(v) for v in vals):
                    numeric.add(c)
        sheet = _Sheet(_sheet_name(path.stem, used), path.name, header, numeric)
        names.append(sheet.name)
        tables.append((sheet, model))
        ws = wb.create_sheet(sheet.name, len(names) - 1)
        meta.append(["tabel", sheet.name, sheet.file, *header])
        meta.append(["angka", sheet.name, *[c for c in header if c in numeric]])
        for j, col in enumerate(header, 1):
            c = ws.cell(row=1, column=j, value=_label(path.name, col))
            c.font, c.fill = head_font, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(_label(path.name, col)) for col in header]
        for r, values in enumerate(rows, 2):
            for j, col in enumerate(header, 1):
                v = values[j - 1] if j - 1 < len(values) else ""
                cell = ws.cell(row=r, column=j)
                widths[j - 1] = max(widths[j - 1], min(len(v), 80))
                if v == "":
                    if col not in numeric:
                        cell.number_format = "@"
                    continue
                if col in numeric and _PLAIN.match(v.strip()):
                    t = v.strip()
                    dec = len(t.split(".")[1]) if "." in t else 0
                    num = int(t) if dec == 0 else float(t)
                    if dec == 0 or Decimal(repr(num)) == Decimal(t):
                        cell.value = num
                        cell.number_format = ("#,##0" if col == "anggaran" else "0") if dec == 0 \
                            else "0." + "0" * dec
                        continue
                cell.value = v
                cell.data_type = "s"  # text stays text, even "=..." or "007"
                cell.number_format = "@"
        for j, col in enumerate(header, 1):
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = max(8, min(widths[j - 1] + 2, 60))
            if widths[j - 1] > 58:
                for r in range(2, len(rows) + 2):
                    ws.cell(row=r, column=j).alignment = Alignment(wrap_text=True, vertical="top")
            choices = _choices(model, col)
            strict = True
            if col == "satuan":
                choices, strict = satuan_dikenal(root), False
            if choices:
                dv = DataValidation(type="list", formula1=list_range(choices), allow_blank=True,
                                    showErrorMessage=True, errorStyle="stop" if strict else "warning",
                                    errorTitle=_label(path.name, col),
                                    error=("Pilih salah satu dari: " + ", ".join(choices)) if strict else
                                    "Satuan ini belum pernah dipakai; periksa ejaannya.")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{len(rows) + MAX_ROWS}")
        ws.freeze_panes = "A2"
    _petunjuk(wb, year, tables, used)
    wb.active = 0
    lists.sheet_state = "hidden"
    meta.sheet_state = "hidden"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    wb.save(tmp)
    os.replace(tmp, output)
    return names


def _petunjuk(wb, year: int, tables, used: set[str]) -> None:
    """A last sheet telling the analyst what each column expects (the rules of data.py)."""
    ws = wb.create_sheet(_sheet_name("Petunjuk", used))
    ws.append([f"Data tahun {year}: isi sel yang kosong; jangan ubah judul kolom atau nama sheet. "
               "Sel kosong berarti belum tersedia (bukan 0). Angka boleh diketik 92,28 atau 1.046. "
               f"Lalu: lkjip excel import <berkas> --year {year}"])
    ws.append([])
    ws.append(["Sheet", "Kolom", "Isian yang diharapkan"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for sheet, model in tables:
        for col in sheet.columns:
            info = model.model_fields.get(col) if model is not None else None
            desc = (info.description or "") if info is not None else ("angka" if col in sheet.numeric else "teks")
            if info is not None and info.is_required():
                desc = "wajib diisi: " + desc
            ws.append([sheet.name, _label(sheet.file, col), desc])
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


def _read_meta(wb, year: int, ydir: Path) -> list[_Sheet]:
    sheets: list[_Sheet] = []
    if META_SHEET in wb.sheetnames:
        numeric: dict[str, set[str]] = {}
        for row in wb[META_SHEET].iter_rows(values_only=True):
            vals = [v for v in row if v is not None]
            if not vals:
                continue
            if vals[0] == "lkjip" and len(vals) >= 3 and int(vals[2]) != year:
                raise LkjipError(f"Berkas Excel ini berisi data tahun {vals[2]}, bukan {year}; "
                                 f"impor dengan --year {vals[2]} atau ekspor ulang tahun {year}.")
            if vals[0] == "tabel":
                sheets.append(_Sheet(str(vals[1]), str(vals[2]), [str(v) for v in vals[3:]], set()))
            if vals[0] == "angka":
                numeric[str(vals[1])] = {str(v) for v in vals[2:]}
        for s in sheets:
            s.numeric = numeric.get(s.name, set())
        return sheets
    # a workbook made by hand: sheets named after the year's CSV files
    for ws in wb.worksheets:
        path = ydir / f"{ws.title}.csv"
        if path.is_file():
            header, _ = read_csv_rows(path)
            model = TABEL.get(path.name, (None, {}))[0]
            num = {c for c in header if model is not None and c in model.model_fields and _is_numeric_field(model, c)}
            sheets.append(_Sheet(ws.title, path.name, header, num))
    return sheets


def _cell_text(value, number_format: str, numeric: bool) -> str:
    """The CSV text of one cell; ValueError (Indonesian) when it cannot be one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError("angka atau teks, bukan nilai benar/salah (TRUE/FALSE)")
    if isinstance(value, (_dt.datetime, _dt.date)):
        if numeric:
            raise ValueError("angka, bukan tanggal (Excel mengubah isian ini menjadi tanggal; "
                             "format sel sebagai angka lalu ketik ulang)")
        return value.date().isoformat() if isinstance(value, _dt.datetime) else value.isoformat()
    if isinstance(value, (int, float)):
        return _float_text(value, number_format)
    text = str(value)
    if numeric:
        if not text.strip():
            return ""
        return _plain(baca_angka(text))
    return text


def read_workbook(path: Path, year: int, root: Path | None = None) -> dict[str, str]:
    """The CSV texts (file name -> text) a workbook holds; DataValidationError naming sheet
    and cell when a cell cannot be read or the data break a rule of the text files."""
    ydir = year_dir(year, root)
    if not ydir.is_dir():
        raise LkjipError(f"Data tahun {year} tidak ada ({ydir}); mulai dengan 'lkjip new-year {year}', "
                         "lalu impor berkas Excel.")
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as e:  # not a workbook, or damaged
        raise LkjipError(f"{path} tidak dapat dibuka sebagai berkas Excel (.xlsx): {type(e).__name__}") from None
    sheets = _read_meta(wb, year, ydir)
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    where_of: dict[tuple[str, int, str], tuple[str, int, int | None]] = {}  # (file, csv line, col) -> cell
    bad_cells: set[tuple[str, int, int]] = set()
    known = [s for s in sheets if s.name in wb.sheetnames]
    for s in sheets:
        if s.name not in wb.sheetnames:
            problems.append(Problem(f"Sheet '{s.name}'", None, None, None,
                                    f"sheet ini hilang dari berkas Excel (berisi {s.file})", "missing_sheet"))
    for s in known:
        ws = wb[s.name]
        labels = {_label(s.file, c).strip().lower(): c for c in s.columns}
        labels.update({c.lower(): c for c in s.columns})
        col_of: dict[int, str] = {}
        for j, cell in enumerate(next(ws.iter_rows(min_row=1, max_row=1)), 1):
            if cell.value is None or str(cell.value).strip() == "":
                continue
            key = str(cell.value).strip().lower()
            if key not in labels:
                problems.append(Problem(_where(s.name, 1, j), None, None, str(cell.value),
                                        "judul kolom tidak dikenal; yang diharapkan: "
                                        + ", ".join(_label(s.file, c) for c in s.columns), "unknown_column"))
                continue
            col_of[j] = labels[key]
        present = set(col_of.values())
        missing = [c for c in s.columns if c not in present]
        for c in missing:
            problems.append(Problem(_where(s.name, 1, None), None, _label(s.file, c), None,
                                    f"kolom '{_label(s.file, c)}' wajib ada (jangan hapus kolom)", "missing_column"))
        index_of = {c: j for j, c in col_of.items()}
        out_rows: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows(min_row=2), 2):
            values = {col_of[c.column]: c for c in row if c.column in col_of}
            texts_row = []
            empty = True
            for col in s.columns:
                cell = values.get(col)
                try:
                    t = "" if cell is None else _cell_text(cell.value, cell.number_format, col in s.numeric)
                except ValueError as e:
                    problems.append(Problem(_where(s.name, r, index_of[col]), None, _label(s.file, col),
                                            str(cell.value), str(e), "cell_value"))
                    bad_cells.add((s.file, r, index_of[col]))
                    t = str(cell.value)
                if t.strip():
                    empty = False
                texts_row.append(t)
            if empty:
                continue
            out_rows.append(texts_row)
            line = len(out_rows) + 1
            for col in s.columns:
                where_of[(s.file, line, col)] = (s.name, r, index_of.get(col))
            where_of[(s.file, line, "")] = (s.name, r, None)
        texts[s.file] = csv_text(s.columns, out_rows)

    # the text files' own rules, on a scratch copy of the year with the workbook's tables
    with tempfile.TemporaryDirectory(prefix="lkjip-excel-") as tmp:
        troot = Path(tmp)
        tdata = troot / "data"
        shutil.copytree(ydir, tdata / str(year))
        for extra in ("renstra", "riwayat.csv"):
            src = data_root(root) / extra
            if src.is_dir():
                shutil.copytree(src, tdata / extra)
            elif src.is_file():
                shutil.copy2(src, tdata / extra)
        for fname, text in texts.items():
            (tdata / str(year) / fname).write_text(text, encoding="utf-8", newline="")
        try:
            load_year(year, troot)
        except DataValidationError as err:
            by_file = {s.file: s for s in known}
            for p in err.problems:
                fname = Path(p.file).name
                s = by_file.get(fname)
                if s is None or not p.file.startswith(f"data/{year}/"):
                    problems.append(p)
                    continue
                if p.row is not None:
                    sheet, r, j = where_of.get((fname, p.row, p.column or ""), (s.name, p.row, None))
                    if j is None and p.row == 1 and p.column in s.columns:
                        continue  # header problems are reported from the sheet above
                    if (fname, r, j) in bad_cells:
                        continue  # already reported as an unreadable cell
                    problems.append(Problem(_where(sheet, r, j), None,
                                            _label(fname, p.column) if p.column else None,
                                            p.value, p.expected, p.code))
                else:
                    problems.append(Problem(_where(s.name, None, None), None,
                                            _label(fname, p.column) if p.column else None,
                                            p.value, p.expected, p.code))
    if problems:
        raise DataValidationError(problems)
    return texts


def import_year(path: Path, year: int, root: Path | None = None) -> list[str]:
    """Validate the workbook and write its tables into data/<year>/; returns the files
    whose content changed. Nothing is written when anything is invalid."""
    texts = read_workbook(Path(path), year, root)
    ydir = year_dir(year, root)

    def same(f: str, text: str) -> bool:
        # a file whose cells are unchanged keeps its bytes, even if written by hand in
        # another CSV dialect (quotes everywhere, CRLF)
        if not (ydir / f).is_file():
            return False
        old = (ydir / f).read_bytes()
        if old == text.encode("utf-8"):
            return True
        h, rows = read_csv_rows(ydir / f)
        return [h, *[r for r in rows if any(v.strip() for v in r)]] == list(csv.reader(io.StringIO(text)))

    changed = [f for f, t in texts.items() if not same(f, t)]
    if changed:
        replace_dir(ydir, {f: texts[f] for f in changed}, base=ydir)
    return changed
