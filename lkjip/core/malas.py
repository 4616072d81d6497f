"""Values made when first read: what lets a page depend on the figures it shows and not on
every figure its chapter could show (lkjip.build.deps records which indicators' figures a page
reads). A prose template's context holds many values; a template reads a few."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


class Tunda:
    """A context value computed when a template names it (see :func:`buka`)."""

    __slots__ = ("_buat",)

    def __init__(self, buat: Callable[[], object]):
        self._buat = buat

    def __call__(self):
        return self._buat()


def buka(v):
    """A context value as the template sees it: a :class:`Tunda` computed, anything else as is."""
    return v() if isinstance(v, Tunda) else v


class Malas(Mapping):
    """A mapping whose keys are known and whose values are made one at a time, on first read
    (``ind['IKSS-1.1']`` makes that indicator's figures only)."""

    def __init__(self, kunci: Iterable, buat: Callable[[object], object]):
        self._kunci = list(kunci)
        self._ada = set(self._kunci)
        self._buat = buat
        self._dibuat: dict = {}

    def __getitem__(self, k):
        if k not in self._dibuat:
            if k not in self._ada:
                raise KeyError(k)
            self._dibuat[k] = self._buat(k)
        return self._dibuat[k]

    def __iter__(self):
        return iter(self._kunci)

    def __len__(self) -> int:
        return len(self._kunci)

    def __contains__(self, k) -> bool:
        return k in self._ada
