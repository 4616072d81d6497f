"""lkjip: the Laporan Kinerja Instansi Pemerintah, reproducible from data.

Core (no Jupyter, no plotting): model, compute, fmt, data, errors.
Presentation (used by notebooks): tables, narasi, laporan.
"""
from ._deps import install_from_env as _record_deps
from .errors import BuildError, DataValidationError, LkjipError, Problem

_record_deps()  # only inside a notebook executed by `lkjip build` (LKJIP_DEPS_LOG set)

__all__ = ["LkjipError", "DataValidationError", "BuildError", "Problem", "__version__"]
__version__ = "0.1.0"
