"""lkjip: the Laporan Kinerja Instansi Pemerintah, reproducible from data.

Layers, each a subpackage, imports one way only (checked by the import contract in
pyproject.toml): ``core`` (pure) <- ``data`` (the only reader of data files) <- ``laporan``
(what notebooks display) <- ``check`` <- ``build`` | ``tools`` <- ``cli``.
"""
from lkjip.build.deps import install_from_env as _record_deps
from lkjip.errors import BuildError, DataValidationError, LkjipError, Problem

# Inside a notebook executed by `lkjip build` (LKJIP_DEPS_LOG set) this installs the build
# cache's file-read hook; elsewhere it does nothing. Installing it at kernel start instead
# changes the cache rule for notebooks that never import lkjip (tests/test_build_cache.py).
_record_deps()

__all__ = ["LkjipError", "DataValidationError", "BuildError", "Problem", "__version__"]
__version__ = "0.1.0"
