"""lkjip: the Laporan Kinerja Instansi Pemerintah, reproducible from data.

Core (no Jupyter, no plotting): model, compute, fmt, data, errors.
Presentation (used by notebooks): tables, narasi, laporan.
"""
from .errors import BuildError, DataValidationError, LkjipError, Problem

__all__ = ["LkjipError", "DataValidationError", "BuildError", "Problem", "__version__"]
__version__ = "0.1.0"
