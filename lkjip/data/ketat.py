"""Strict reading of the data's YAML and CSV files: what a lenient reader lets through silently.

YAML (:func:`muat_yaml`, a SafeLoader of our own):

- a key written twice in one mapping is refused (PyYAML keeps the later one silently);
- aliases (``*nama``) are refused: the data never needs them, and nested aliases make a
  1 kB file expand to gigabytes ("billion laughs");
- a document larger than :data:`BATAS_YAML` is refused before it is parsed;
- a float keeps the text it was written as (:class:`lkjip.core.angka.FloatTertulis`), so
  the strict number reader can refuse ``1.551`` (1551 or 1,551?) instead of printing "2";
- an unquoted date (``tanggal: 2023-06-26``, the documented form) stays the text written,
  as if it had been quoted.

CSV (:func:`masalah_judul`): a header named twice, or an empty header cell, is refused with
the column named (with a duplicated header the later column silently wins).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError

from lkjip.core.angka import FloatTertulis
from lkjip.errors import DataValidationError, Problem

BATAS_YAML = 1_000_000  # characters; the largest YAML file of the project is under 20 kB
BATAS_CSV = 20_000_000  # characters


class YamlSalah(ValueError):
    """A YAML document refused; ``baris`` is its 1-based line (or None), ``str()`` the reason."""

    def __init__(self, pesan: str, baris: int | None = None, kunci: str | None = None):
        self.baris = baris
        self.kunci = kunci
        super().__init__(pesan)


class _Ketat:
    """What both loaders refuse while constructing: a key written twice, a merge key (<<)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlSalah("kunci gabungan YAML (<<) tidak diizinkan di file data",
                                    key_node.start_mark.line + 1)
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue  # the base constructor reports an unhashable key
                if key in seen:
                    raise YamlSalah(f"kunci '{key}' ditulis dua kali (pertama di baris {seen[key]}); "
                                    "nilai yang kedua akan menimpa yang pertama tanpa peringatan: hapus salah satu",
                                    key_node.start_mark.line + 1, str(key))
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


class _Loader(_Ketat, yaml.SafeLoader):
    """The reference reader (pure Python): refuses an alias at the alias, with its name and line."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            ev = self.peek_event()
            raise YamlSalah(f"alias YAML (*{ev.anchor}) tidak diizinkan di file data; tulis nilainya langsung",
                            ev.start_mark.line + 1)
        return super().compose_node(parent, index)


# the same reader on libyaml (about ten times faster), for a document its tokens show has no
# alias; anything else (an alias, a syntax error) is read again by _Loader, whose message is kept
_CLoader = type("_CLoader", (_Ketat, yaml.CSafeLoader), {}) if getattr(yaml, "__with_libyaml__", False) else None


def _float(loader, node):
    teks = loader.construct_scalar(node)
    nilai = yaml.SafeLoader.construct_yaml_float(loader, node)
    try:
        return FloatTertulis(teks.replace("_", "")) if float(teks.replace("_", "")) == nilai else nilai
    except ValueError:
        return nilai  # .inf, .nan, 1:30.5: the reader refuses them by value


def _as_text(loader, node):
    return loader.construct_scalar(node)


for _cls in (_Loader, _CLoader):
    if _cls is not None:
        _cls.add_constructor("tag:yaml.org,2002:float", _float)
        _cls.add_constructor("tag:yaml.org,2002:timestamp", _as_text)


def _tanpa_alias(text: str) -> bool:
    """Whether libyaml's scanner finds no alias in the document (False on a scanning error)."""
    try:
        return not any(isinstance(t, yaml.AliasToken) for t in yaml.scan(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return False


def muat_yaml(text: str):
    """The data of one YAML document, read strictly; raises :class:`YamlSalah` (a refused
    form, with its line) or ``yaml.YAMLError`` (a syntax error)."""
    if len(text) > BATAS_YAML:
        raise YamlSalah(f"file YAML terlalu besar ({len(text)} karakter; batas {BATAS_YAML}); "
                        "file data lkjip berukuran beberapa kB")
    if _CLoader is not None and _tanpa_alias(text):
        try:
            return yaml.load(text, Loader=_CLoader)  # noqa: S506 - a CSafeLoader
        except yaml.YAMLError:
            pass  # read again below: the pure reader's message and line
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def baca_yaml(path: Path, rel: str):
    """The data of one YAML data file, read strictly; any refusal is a DataValidationError
    naming ``rel`` (and the line)."""
    try:
        return muat_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataValidationError([Problem(rel, None, None, None, "teks UTF-8", "encoding")]) from None
    except (yaml.YAMLError, YamlSalah) as e:
        pesan, baris = pesan_yaml(e)
        raise DataValidationError([Problem(rel, baris, None, None, pesan, "yaml")]) from None


def pesan_yaml(e: Exception) -> tuple[str, int | None]:
    """An Indonesian line and the line number for a refused or broken YAML document."""
    if isinstance(e, YamlSalah):
        return str(e), e.baris
    mark = getattr(e, "problem_mark", None)
    return (f"YAML tidak valid ({getattr(e, 'problem', None) or e}); periksa indentasi dan tanda titik dua",
            None if mark is None else mark.line + 1)


def masalah_judul(header: list[str]) -> list[tuple[int, str, str]]:
    """(column number, column, what is wrong) for every header cell that is empty or repeats."""
    out = []
    seen: dict[str, int] = {}
    for n, h in enumerate(header, 1):
        h = h.strip()
        if not h:
            out.append((n, f"(kolom ke-{n})", f"judul kolom ke-{n} kosong (mungkin koma berlebih di akhir baris "
                        "judul); hapus kolom kosong itu atau beri nama"))
        elif h in seen:
            out.append((n, h, f"judul kolom '{h}' ditulis dua kali (kolom ke-{seen[h]} dan ke-{n}); "
                        "isi kolom yang kedua akan menimpa yang pertama: hapus atau ganti nama salah satu"))
        seen.setdefault(h, n)
    return out


def berkas_data(ydir: Path) -> list[Path]:
    """The files one year's build reads: its folder (recursively), the project-wide files of
    data/ (riwayat.csv, tahun_baru.yaml ...) and the Renstra periods."""
    data = ydir.parent
    out = sorted(ydir.rglob("*")) if ydir.is_dir() else []
    out += sorted(p for p in data.glob("*") if p.is_file())
    out += sorted((data / "renstra").rglob("*")) if (data / "renstra").is_dir() else []
    out += sorted((data / "templat").rglob("*")) if (data / "templat").is_dir() else []
    return out


def periksa_berkas(paths, rel) -> list[Problem]:
    """Every YAML and CSV file of ``paths`` read strictly: a YAML document with a duplicated
    key, an alias or too large; a CSV file with a duplicated or empty header. What a later
    reader (of any chapter) would read silently wrong is refused here first."""
    problems: list[Problem] = []
    for p in paths:
        if p.suffix.lower() not in (".yaml", ".yml", ".csv") or not p.is_file():
            continue
        if p.is_symlink():
            continue  # paths that leave the folder are the path checks' business
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the file's own reader, with its line
        if p.suffix.lower() == ".csv":
            if len(text) > BATAS_CSV:
                problems.append(Problem(rel(p), None, None, None, f"file CSV terlalu besar ({len(text)} karakter)",
                                        "too_large"))
                continue
            try:
                header = next(csv.reader(io.StringIO(text)), [])
            except csv.Error:
                continue
            for _, col, pesan in masalah_judul(header):
                problems.append(Problem(rel(p), 1, col, None, pesan, "header"))
            continue
        try:
            muat_yaml(text)
        except YamlSalah as e:
            problems.append(Problem(rel(p), e.baris, e.kunci, None, str(e), "yaml"))
        except yaml.YAMLError:
            continue  # a syntax error: reported by the file's own reader
        except (ConstructorError, RecursionError):
            continue
    return problems


def _di_dalam(p: Path, folder: Path) -> bool:
    try:
        return p.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _baris_nilai(text: str, nilai: str) -> int | None:
    for n, ln in enumerate(text.splitlines(), 1):
        if nilai in ln and ":" in ln:
            return n
    return None


def _jalur(text: str, rel_file: str, nilai, folder: Path, ydir: Path, kunci: str) -> Problem | None:
    """A path written in a data file: relative, and (symlinks followed) inside the year's folder."""
    s = str(nilai)
    where = _baris_nilai(text, s)
    if s.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", s) or Path(s).is_absolute():
        return Problem(rel_file, where, kunci, s, f"jalur berkas harus relatif terhadap folder {folder.name}/ "
                       "(contoh foto.jpg), bukan jalur mutlak", "path_outside")
    p = folder / s
    if not _di_dalam(p, ydir):
        return Problem(rel_file, where, kunci, s, f"jalur berkas keluar dari folder data tahun ini "
                       f"({ydir.name}/); letakkan berkasnya di {folder.name}/ dan tulis namanya saja", "path_outside")
    if p.is_dir():
        return Problem(rel_file, where, kunci, s, "jalur ini sebuah folder; tulis nama berkasnya", "not_a_file")
    if p.is_file() and p.suffix.lower() in GAMBAR:
        salah = _gambar_rusak(p)
        if salah:
            return Problem(rel_file, where, kunci, s, salah, "not_an_image")
    return None


GAMBAR = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
DICETAK = {"PNG", "JPEG"}  # what the PDF (xelatex) and every browser show


def _gambar_rusak(p: Path) -> str | None:
    """Why a photo cannot go into the report (corrupt, not a picture, a format the PDF cannot
    take), or None: read here, so LaTeX never stops on it with a name of its own."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(p) as im:
            fmt = im.format
            im.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "berkas gambar rusak atau bukan gambar; simpan ulang fotonya sebagai JPEG atau PNG"
    if fmt not in DICETAK:
        return f"gambar berformat {fmt}; simpan ulang sebagai JPEG atau PNG (yang dapat dimuat di PDF)"
    return None


def periksa_jalur(ydir: Path, rel) -> list[Problem]:
    """Every path a data file of the year names resolves inside the year's folder:
    ``gambar.yaml`` (``berkas``, under gambar/) and ``bab3/lampiran.yaml`` (``file``/``berkas``,
    under bab3/); a symlink anywhere under the folder may not point out of the project's data."""
    problems: list[Problem] = []
    g = ydir / "gambar.yaml"
    if g.is_file():
        try:
            text = g.read_text(encoding="utf-8-sig")
            d = muat_yaml(text)
        except (ValueError, yaml.YAMLError, OSError):
            d = None  # reported by the file's own reader
        if isinstance(d, dict):
            for k, v in d.items():
                if isinstance(v, dict) and v.get("berkas") is not None:
                    pr = _jalur(text, rel(g), v["berkas"], ydir / "gambar", ydir, f"{k}.berkas")
                    if pr:
                        problems.append(pr)
    lam = ydir / "bab3" / "lampiran.yaml"
    if lam.is_file():
        try:
            text = lam.read_text(encoding="utf-8-sig")
            d = muat_yaml(text)
        except (ValueError, yaml.YAMLError, OSError):
            d = None
        if isinstance(d, dict):
            for bagian, isi in d.items():
                if not isinstance(isi, dict):
                    continue
                for k, v in isi.items():
                    if not isinstance(v, dict):
                        continue
                    for f in ("file", "berkas"):
                        if v.get(f) is not None:
                            pr = _jalur(text, rel(lam), v[f], ydir / "bab3", ydir, f"{bagian}.{k}.{f}")
                            if pr:
                                problems.append(pr)
    data = ydir.parent
    for p in sorted(ydir.rglob("*")):
        if p.is_symlink() and not _di_dalam(p, data):
            problems.append(Problem(rel(p), None, None, None, "tautan (symlink) ini menunjuk ke luar folder data; "
                                    "salin berkasnya ke sini", "path_outside"))
    return problems


__all__ = ["berkas_data", "periksa_jalur", "BATAS_YAML", "YamlSalah", "masalah_judul", "muat_yaml", "pesan_yaml", "periksa_berkas"]
