"""Chapter objects that stay current in JupyterLab (see :class:`Segar`)."""
from __future__ import annotations

import time

from lkjip import lingkungan
from lkjip.data.proyek import Proyek


class Segar:
    """In JupyterLab (outside a book build): a chapter object whose year's data changed on disk
    since it was made reloads itself before a method runs, so a cell re-run after an edit of a
    CSV or YAML file shows the new figures without re-running the notebook from the top. A
    book build's data do not change while it runs: nothing is checked there."""

    _jejak = None
    _dilihat = 0.0  # when the files were last looked at (time.monotonic)

    def _mulai_segar(self, tahun: int, *args) -> None:
        self._args = (tahun, *args)
        self._jejak = None if lingkungan.folder_aset() is not None else self._jejak_kini()

    def _jejak_kini(self) -> tuple:
        return Proyek.temukan(self._args[1]).jejak(self._args[0])

    def _segarkan(self) -> None:
        args = self._args
        self.__dict__.clear()  # every figure made lazily from the old data goes too
        type(self).__init__(self, *args)

    def __getattribute__(self, name: str):
        v = object.__getattribute__(self, name)
        if name[0] != "_" and callable(v) and object.__getattribute__(self, "_jejak") is not None:
            now = time.monotonic()  # at most one look at the files per second: a person's pace
            if now - object.__getattribute__(self, "_dilihat") < 1.0:
                return v
            self._dilihat = now
            if object.__getattribute__(self, "_jejak_kini")() != object.__getattribute__(self, "_jejak"):
                object.__getattribute__(self, "_segarkan")()
                v = object.__getattribute__(self, name)
        return v
