"""The book plan of a year, ``data/<tahun>/buku.yaml`` (else ``data/templat/buku.yaml``):
which pages, chapters and sections the year's report has, in their order, with their titles.

Every number of a heading is computed here from that order: a chapter (``bab:``) is
"BAB I", "BAB II" ...; a section of a chapter "I.1.", "I.2."; a page that continues the
chapter before it (``subbab:``) "III.2."; a section of such a page (or of an unnumbered page)
"1.", "2.". A section the plan leaves out is absent from the book and the numbers after it
close up; a page the plan leaves out is absent from the book. A part without ``judul`` has
no heading (a chart, a list of items) but can still be left out.

The notebooks mark their cells with the tag ``bagian:<kunci>``; the build keeps, titles or
drops them from this plan (lkjip.build.execute.tidy_executed).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lkjip.data.ketat import baca_yaml
from lkjip.data.proyek import Proyek
from lkjip.errors import DataValidationError, Problem

BUKU = "buku.yaml"
_KUNCI_HALAMAN = {"berkas", "judul", "bab", "subbab", "bernomor", "bagian"}
_KUNCI_BAGIAN = {"kunci", "judul", "bagian", "gambar"}


def romawi(n: int) -> str:
    """1 -> 'I', 4 -> 'IV', 9 -> 'IX'."""
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


@dataclass(frozen=True)
class Bagian:
    """One section (or unheaded part) of a page, as the plan places it."""

    kunci: str
    judul: str | None  # the heading as printed ("I.1. Latar Belakang"); None: no heading
    nomor: str | None  # "I.1", "1"; None for an unheaded part
    tingkat: int  # Markdown heading level: 2 = "##"
    berikut: int  # the next free number among its siblings (an unheaded list continues from it)
    gambar: tuple[str, ...] = ()  # the pictures (keys of gambar.yaml) the part shows


@dataclass(frozen=True)
class Halaman:
    """One page of the book (a notebook of notebooks/)."""

    berkas: str
    judul: str | None  # the page heading as printed ("BAB I PENDAHULUAN"); None: the notebook's own
    bagian: tuple[Bagian, ...] = ()
    bab: str | None = None  # the number of the chapter the page belongs to ("III"), if any

    def ada(self, kunci: str) -> bool:
        return any(b.kunci == kunci for b in self.bagian)

    def cari(self, kunci: str) -> Bagian | None:
        return next((b for b in self.bagian if b.kunci == kunci), None)

    def judul_bagian(self) -> tuple[tuple[str, str | None], ...]:
        """(kunci, heading Markdown or None) of every part, for the build's tidying."""
        return tuple((b.kunci, None if b.judul is None else "#" * b.tingkat + " " + b.judul) for b in self.bagian)


@dataclass(frozen=True)
class Buku:
    berkas: str  # the plan's file, relative to the project root
    halaman: tuple[Halaman, ...]

    def cari(self, berkas: str) -> Halaman | None:
        return next((h for h in self.halaman if h.berkas == berkas), None)

    def ada(self, berkas: str, kunci: str | None = None) -> bool:
        """Whether the page (and, given, its part ``kunci``) is in the book."""
        h = self.cari(berkas)
        return h is not None and (kunci is None or h.ada(kunci))

    def bab(self, berkas: str) -> str | None:
        """The number of the chapter a page belongs to ("III"); None when the book leaves it out."""
        h = self.cari(berkas)
        return None if h is None else h.bab

    def gambar(self) -> dict[str, str | None]:
        """Every picture a part of the book shows (``gambar:`` of the parts kept), with the
        number of the chapter it is shown in."""
        return {g: h.bab for h in self.halaman for b in h.bagian for g in b.gambar}


def _salah(rel: str, kunci: str, nilai, harap: str, kode: str = "invalid") -> Problem:
    return Problem(rel, None, kunci, None if nilai is None else str(nilai), harap, kode)


def _butir(d, rel: str, tempat: str, jenis: str, dikenal: set[str], harap: str, masalah: list) -> bool:
    """Whether the list item `d` is a mapping (else a problem); an unknown key is a problem too."""
    if not isinstance(d, dict):
        masalah.append(_salah(rel, tempat, d, harap))
        return False
    lain = sorted(set(map(str, d)) - dikenal)
    if lain:
        masalah.append(_salah(rel, f"{tempat}.{lain[0]}", None, f"kunci {jenis} yang dikenal: {', '.join(sorted(dikenal))}"))
    return True


def _teks(d: dict, k: str, rel: str, tempat: str, masalah: list) -> str | None:
    v = d.get(k)
    if v is None:
        return None
    if not isinstance(v, str) or not v.strip():
        masalah.append(_salah(rel, f"{tempat}.{k}", v, "teks judul (tidak kosong)"))
        return None
    return v.strip()


def _bagian(items, rel: str, tempat: str, awalan: str, tingkat: int, masalah: list, kunci_dipakai: set,
            out: list) -> None:
    """The parts of one level, numbered ``<awalan><n>`` in their order."""
    if items is None:
        return
    if not isinstance(items, list):
        masalah.append(_salah(rel, tempat, None, "daftar bagian (setiap butir diawali '- kunci: ...')"))
        return
    n = 0
    for j, b in enumerate(items):
        t = f"{tempat}[{j + 1}]"
        if not _butir(b, rel, t, "bagian", _KUNCI_BAGIAN, "bagian berupa 'kunci: ...' dengan 'judul: ...' (opsional)",
                      masalah):
            continue
        kunci = b.get("kunci")
        if not isinstance(kunci, str) or not kunci.strip():
            masalah.append(_salah(rel, f"{t}.kunci", kunci, "kunci bagian (contoh latar_belakang), sama dengan "
                                  "tag 'bagian:<kunci>' di notebook", "missing"))
            continue
        if kunci in kunci_dipakai:
            masalah.append(_salah(rel, f"{t}.kunci", kunci, "kunci bagian yang unik dalam satu halaman", "duplicate"))
            continue
        kunci_dipakai.add(kunci)
        judul = _teks(b, "judul", rel, t, masalah)
        gambar = b.get("gambar") or []
        if not isinstance(gambar, list) or not all(isinstance(g, str) and g for g in gambar):
            masalah.append(_salah(rel, f"{t}.gambar", None, "daftar kunci gambar.yaml (contoh [struktur-organisasi])"))
            gambar = []
        if judul is not None:
            n += 1
            nomor = f"{awalan}{n}"
            out.append(Bagian(kunci, f"{nomor}. {judul}", nomor, tingkat, n + 1, tuple(gambar)))
        else:
            out.append(Bagian(kunci, None, None, tingkat, n + 1, tuple(gambar)))
        _bagian(b.get("bagian"), rel, f"{t}.bagian", "", tingkat + 1, masalah, kunci_dipakai, out)


def _baca(d, rel: str, dimuat: set[str] | None = None, notebook: set[str] | None = None) -> Buku:
    masalah: list[Problem] = []
    if not isinstance(d, dict) or not isinstance(d.get("halaman"), list) or not d["halaman"]:
        raise DataValidationError([_salah(rel, "halaman", None, "daftar halaman buku ('halaman:' lalu butir "
                                          "'- berkas: <nama notebook>')", "missing")])
    lain = sorted(set(map(str, d)) - {"halaman"})
    if lain:
        masalah.append(_salah(rel, lain[0], None, "kunci yang dikenal: halaman (nama singkat unit: "
                                                  "'singkatan' di organisasi.yaml)"))
    halaman: list[Halaman] = []
    dipakai: set[str] = set()
    bab = 0  # the current chapter's number
    sub = 0  # the current chapter's last section number
    for i, h in enumerate(d["halaman"]):
        t = f"halaman[{i + 1}]"
        if not _butir(h, rel, t, "halaman", _KUNCI_HALAMAN, "halaman berupa 'berkas: <nama notebook>'", masalah):
            continue
        berkas = h.get("berkas")
        if not isinstance(berkas, str) or not berkas.strip():
            masalah.append(_salah(rel, f"{t}.berkas", berkas, "nama notebook halaman ini (contoh bab1_pendahuluan)",
                                  "missing"))
            continue
        if berkas in dipakai:
            masalah.append(_salah(rel, f"{t}.berkas", berkas, "setiap halaman sekali saja", "duplicate"))
            continue
        dipakai.add(berkas)
        if dimuat is not None and berkas not in dimuat:
            if notebook is not None and berkas not in notebook:
                masalah.append(_salah(rel, f"{t}.berkas", berkas, "nama notebook di notebooks/ dan _toc.yml (yang ada: "
                                      f"{', '.join(sorted(dimuat))})"))
            continue  # a page _toc.yml leaves out is not in the book: the numbers close up
        jenis = [k for k in ("judul", "bab", "subbab") if h.get(k) is not None]
        if len(jenis) > 1:
            masalah.append(_salah(rel, f"{t}.{jenis[1]}", None, f"satu dari judul, bab atau subbab (bukan {' dan '.join(jenis)})"))
        judul = None
        bagian: list[Bagian] = []
        kunci_dipakai: set[str] = set()
        if "bab" in jenis:
            bab, sub = bab + 1, 0
            judul = f"BAB {romawi(bab)} {_teks(h, 'bab', rel, t, masalah)}"
            _bagian(h.get("bagian"), rel, f"{t}.bagian", f"{romawi(bab)}.", 2, masalah, kunci_dipakai, bagian)
            sub = max([0, *(int(b.nomor.rsplit(".", 1)[-1]) for b in bagian if b.tingkat == 2 and b.nomor)])
        elif "subbab" in jenis:
            if bab == 0:
                masalah.append(_salah(rel, f"{t}.subbab", h.get("subbab"), "subbab sesudah halaman bab ('bab: ...')"))
                continue
            sub += 1
            judul = f"{romawi(bab)}.{sub}. {_teks(h, 'subbab', rel, t, masalah)}"
            _bagian(h.get("bagian"), rel, f"{t}.bagian", "", 2, masalah, kunci_dipakai, bagian)
        else:
            judul = _teks(h, "judul", rel, t, masalah)
            _bagian(h.get("bagian"), rel, f"{t}.bagian", "", 2, masalah, kunci_dipakai, bagian)
            if h.get("bernomor", True) is False:
                bagian = [Bagian(b.kunci, None if b.judul is None else b.judul.split(". ", 1)[1], None, b.tingkat,
                                 b.berikut, b.gambar) for b in bagian]
            elif h.get("bernomor") not in (None, True):
                masalah.append(_salah(rel, f"{t}.bernomor", h.get("bernomor"), "true atau false"))
        bab_ini = romawi(bab) if bab and ("bab" in jenis or "subbab" in jenis or not jenis) else None
        halaman.append(Halaman(berkas.strip(), judul, tuple(bagian), bab_ini))
    if masalah:
        raise DataValidationError(masalah)
    return Buku(rel, tuple(halaman))


def lokasi_buku(tahun: int, root: Path | str | None = None) -> tuple[Path, str]:
    """The plan file of the year (its own, else the template's) and its name for messages."""
    proyek = Proyek.temukan(root)
    own = proyek.folder_tahun(tahun) / BUKU
    if own.is_file():
        return own, f"data/{tahun}/{BUKU}"
    return proyek.data / "templat" / BUKU, f"data/templat/{BUKU}"


def baca_buku(tahun: int, root: Path | str | None = None) -> Buku:
    """The year's book plan, read strictly; a DataValidationError naming the file and key."""
    path, rel = lokasi_buku(tahun, root)
    if not path.is_file():
        raise DataValidationError([Problem(f"data/{tahun}/{BUKU}", None, None, None,
                                           f"rencana buku tahun ini (atau data/templat/{BUKU})", "missing_file")])
    root_ = Proyek.temukan(root).akar
    dimuat = notebook = None
    toc = root_ / "_toc.yml"
    if toc.is_file():
        dimuat = _halaman_toc(baca_yaml(toc, "_toc.yml"))
        notebook = {p.stem for p in (root_ / "notebooks").glob("*.ipynb")}
    return _baca(baca_yaml(path, rel), rel, dimuat, notebook)


def _halaman_toc(toc) -> set[str]:
    """The pages _toc.yml lists (files of chapters, sections and parts)."""
    out: set[str] = set()

    def walk(entries):
        for e in entries or []:
            if isinstance(e, dict):
                if isinstance(e.get("file"), str):
                    out.add(e["file"])
                walk(e.get("sections"))
                walk(e.get("chapters"))
    if isinstance(toc, dict):
        walk(toc.get("chapters"))
        for part in toc.get("parts") or []:
            if isinstance(part, dict):
                walk(part.get("chapters"))
    return out


def periksa_buku(tahun: int, root: Path | str | None = None) -> list[Problem]:
    """The problems of the year's book plan (``lkjip check``)."""
    try:
        baca_buku(tahun, root)
    except DataValidationError as e:
        return list(e.problems)
    return []


__all__ = ["BUKU", "Bagian", "Buku", "Halaman", "baca_buku", "lokasi_buku", "periksa_buku", "romawi"]
