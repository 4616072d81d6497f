"""lkjip: the Laporan Kinerja Instansi Pemerintah, reproducible from data.

Layers, each a subpackage, imports one way only (checked by the import contract in
pyproject.toml): ``core`` (pure) <- ``data`` (the only reader of data files) <- ``laporan``
(what notebooks display) <- ``check`` <- ``build`` | ``tools`` <- ``cli``.
"""
from lkjip.errors import BuildError, DataValidationError, LkjipError, Problem

__all__ = ["LkjipError", "DataValidationError", "BuildError", "Problem", "__version__"]
__version__ = "0.1.0"
