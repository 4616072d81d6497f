"""The project: where it is and what it holds, resolved once.

A :class:`Proyek` is the project folder (``_toc.yml`` and ``data/`` beside ``notebooks/``)
with the places every layer asks for: the data folder, a year's folder, the years with
data, the Renstra periods, the build folder. Every "where is ..." of lkjip is answered
here; nothing else joins ``data`` and a year by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lkjip import lingkungan

PAKET = Path(__file__).resolve().parents[2]  # the folder holding the lkjip package (a checkout)


@dataclass(frozen=True)
class Proyek:
    akar: Path

    @staticmethod
    def temukan(akar: Path | str | None = None) -> Proyek:
        """The project at ``akar``; else $LKJIP_ROOT; else the nearest parent of the working
        directory holding ``_toc.yml`` and ``data/``; else the checkout lkjip is installed from."""
        if akar is not None:
            return Proyek(Path(akar))
        env = lingkungan.akar()
        if env:
            return Proyek(env)
        here = Path.cwd().resolve()
        for d in (here, *here.parents):
            if (d / "_toc.yml").is_file() and (d / "data").is_dir():
                return Proyek(d)
        return Proyek(PAKET)

    @property
    def data(self) -> Path:
        return self.akar / "data"

    @property
    def build(self) -> Path:
        return self.akar / "build"

    def folder_tahun(self, tahun: int) -> Path:
        """data/<tahun>/"""
        return self.data / str(tahun)

    def folder_renstra(self, periode: str) -> Path:
        """data/renstra/<periode>/"""
        return self.data / "renstra" / periode

    def tahun(self) -> list[int]:
        """The years with a folder under data/."""
        if not self.data.is_dir():
            return []
        return sorted(int(p.name) for p in self.data.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name))

    def ada_data(self, tahun: int) -> bool:
        """Whether data/<tahun>/ holds a Perjanjian Kinerja (its indikator.csv)."""
        return (self.folder_tahun(tahun) / "indikator.csv").is_file()

    def tahun_berdata(self) -> list[int]:
        return [y for y in self.tahun() if self.ada_data(y)]

    def jejak(self, tahun: int) -> tuple:
        """What the files a year's report reads look like now (path, size, modification time):
        data/<tahun>/, the history files beside it, the Renstra periods. Cheap (no reading)."""
        files = []
        for d in (self.folder_tahun(tahun), self.data / "renstra", self.data / "templat"):
            if d.is_dir():
                files += [p for p in d.rglob("*") if p.is_file()]
        files += [p for p in self.data.glob("*.csv")]
        out = []
        for p in sorted(files):
            st = p.stat()
            out.append((str(p), st.st_size, st.st_mtime_ns))
        return tuple(out)

    def periode_renstra(self) -> list[tuple[int, int]]:
        """The Renstra periods with a folder under data/renstra/, as (first, last) years."""
        d = self.data / "renstra"
        if not d.is_dir():
            return []
        out = []
        for p in d.iterdir():
            m = re.fullmatch(r"(\d{4})-(\d{4})", p.name)
            if p.is_dir() and m:
                out.append((int(m[1]), int(m[2])))
        return sorted(out)
