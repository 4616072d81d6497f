"""The one template environment: every template the project renders (prose under ``narasi/``,
Bab III prose, the text cells of ``prioritas_nasional.csv``) and ``lkjip check`` alike.

Templates are data, not code. :func:`lingkungan` gives Jinja2's
``ImmutableSandboxedEnvironment`` narrowed further, so that a placeholder can only read the
report's values:

- what a template sees is the context lkjip passes (the report's figures and a few helpers
  such as ``tabel('kunci')``) plus ``range`` (at most :data:`BATAS_ULANG` items) and ``dict``;
  Jinja's ``lipsum``, ``cycler``, ``joiner`` and ``namespace`` are removed (their ``__init__``
  and ``__globals__`` are the classic ways out of the sandbox);
- attributes starting with ``_`` (``__class__``, ``__globals__``, ``__mro__``,
  ``_TemplateReference__context``) are refused by the sandbox; objects are read-only (no
  ``append``, ``update``, ``pop``);
- methods callable on the plain values are a short list (:data:`METODE`): ``'...'.format``
  (whose width field allocates memory at will), ``replace``, ``ljust`` ... are refused;
- only the report's filters (:data:`FILTER`); no ``{% include %}``, ``{% import %}``,
  ``{% extends %}``, ``{% block %}``, ``{% macro %}``, ``{% call %}``, recursive loops (no
  loader is configured, so nothing from disk can be read in any case);
- bounded work: every text or list an operator, a filter or a method builds holds at most
  :data:`BATAS_TEKS` items, whole numbers at most :data:`BATAS_BIT` bits, loops
  :data:`BATAS_ULANG` turns per render, the output :data:`BATAS_KELUARAN` characters;
  recursion ends as an error.

Every refusal, syntax error and unknown value ends as :class:`lkjip.errors.DataValidationError`
naming the file and line, in Indonesian. Output is not HTML-escaped: the prose is Markdown
written by the unit's own analysts and may hold raw HTML (data/README.md, "Narasi").
"""
from __future__ import annotations

import hashlib
import re
import sys
from decimal import Decimal
from pathlib import Path

import jinja2
import jinja2.sandbox
from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from lkjip.errors import DataValidationError, Problem

BATAS_TEKS = 200_000  # characters of one string (or items of one list) built by a template
BATAS_BIT = 4_096  # bits of a whole number built by a template
BATAS_ULANG = 10_000  # loop turns per render (and items of range())
BATAS_KELUARAN = 2_000_000  # characters one render may produce
BATAS_SUMBER = 1_000_000  # characters of one template

FILTER = ("length", "count", "first", "last", "join", "lower", "upper", "title", "capitalize", "trim",
          "round", "int", "float", "abs", "default", "d", "string", "list", "sort", "sum", "min", "max",
          "unique", "reverse", "e", "escape", "safe")
"""The filters a template may use (the report uses ``length``); the rest of Jinja's filters
(``center``, ``indent``, ``wordwrap``, ``format``, ``replace``, ``map``, ``attr`` ...) are absent."""

METODE = {
    str: {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith", "endswith",
          "split", "count", "isdigit"},
    dict: {"get", "items", "keys", "values"},
    list: {"index", "count"},
    tuple: {"index", "count"},
}
"""The methods of plain values a template may call; a method of any other plain value is refused."""

_DILARANG = {
    nodes.Include: "{% include %} (membaca berkas lain)",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
}

_FUNGSI_ULANG = "lkjip_ulang"
_FUNGSI_SAMBUNG = "lkjip_sambung"


class _Batas(SecurityError):
    """Work beyond the bounds (a SecurityError: the render stops)."""


def _ukuran(x) -> None:
    if isinstance(x, (str, bytes, list, tuple, dict, set)) and len(x) > BATAS_TEKS:
        raise _Batas(f"hasil terlalu besar ({len(x)} karakter/butir; batas {BATAS_TEKS})")
    if isinstance(x, int) and not isinstance(x, bool) and x.bit_length() > BATAS_BIT:
        raise _Batas(f"bilangan terlalu besar (lebih dari {BATAS_BIT} bit)")
    return x


def _range(*args):
    r = range(*args)
    if len(r) > BATAS_ULANG:
        raise _Batas(f"range() terlalu panjang ({len(r)} butir; batas {BATAS_ULANG})")
    return r


def _saring(f):
    def aman(*args, **kwargs):
        return _ukuran(f(*args, **kwargs))

    aman.__name__ = getattr(f, "__name__", "filter")
    # Jinja passes the environment or context to filters that ask for it
    for attr in ("jinja_pass_arg",):
        if hasattr(f, attr):
            setattr(aman, attr, getattr(f, attr))
    return aman


class Lingkungan(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox every template of the project renders in (see the module's docstring)."""

    intercepted_binops = frozenset({"+", "*", "**", "%", "//", "/", "-"})

    def __init__(self, berkas: str | None = None):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
        self.berkas = berkas or "templat"
        self.template_class = Templat
        self.globals.clear()
        self.globals.update({"range": _range, "dict": dict})
        self.filters = {n: _saring(self.filters[n]) for n in FILTER}
        self._ulang = 0

    # ---- bounded operations
    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float, Decimal)) and not isinstance(right, bool):
            if abs(right) > 256 or (isinstance(left, int) and left.bit_length() * abs(right) > BATAS_BIT):
                raise _Batas(f"pangkat terlalu besar ({right})")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * max(n, 0) > BATAS_TEKS:
                    raise _Batas(f"hasil terlalu besar ({len(seq)} x {n}; batas {BATAS_TEKS})")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > BATAS_BIT:
                raise _Batas(f"bilangan terlalu besar (lebih dari {BATAS_BIT} bit)")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("format teks dengan '%' tidak diizinkan; tulis penanda {{ ... }} langsung")
        return _ukuran(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        owner = getattr(__obj, "__self__", None)
        if owner is not None and type(owner) in (str, dict, list, tuple, int, float, Decimal, bytes, set):
            name = getattr(__obj, "__name__", "")
            if name not in METODE.get(type(owner), set()):
                raise SecurityError(f"metode '{name}' dari nilai {type(owner).__name__} tidak diizinkan di templat")
        return _ukuran(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj, attribute):
        if not attribute.startswith("_") and (type(obj) in METODE or isinstance(obj, (int, float, Decimal, bytes, set))):
            if attribute not in METODE.get(type(obj), set()) and callable(getattr(type(obj), attribute, None)):
                raise SecurityError(f"metode '{attribute}' dari nilai {type(obj).__name__} tidak diizinkan di templat")
        return super().getattr(obj, attribute)

    def _lkjip_ulang(self, iterable):
        for x in iterable:
            self._ulang += 1
            if self._ulang > BATAS_ULANG:
                raise _Batas(f"perulangan terlalu banyak (lebih dari {BATAS_ULANG} kali)")
            yield x

    @staticmethod
    def _lkjip_sambung(*parts):
        return _ukuran("".join(str(p) for p in parts))

    # ---- parsing: refused forms, bounded loops and concatenations
    def from_string(self, source, globals=None, template_class=None):
        if isinstance(source, str):
            if len(source) > BATAS_SUMBER:
                raise _galat(self.berkas, None, f"templat terlalu besar ({len(source)} karakter)", "template_size")
            code = _kode_tersimpan(source)
            if code is None:
                try:
                    ast = self.parse(source)
                except TemplateSyntaxError as e:
                    raise _galat(self.berkas, e.lineno,
                                 f"penanda {{{{ ... }}}} tidak lengkap: {pesan_sintaks(e.message)}",
                                 "template_syntax") from None
                try:
                    code = self.compile(self._awasi(ast))
                except TemplateSyntaxError as e:  # an unknown filter is found when compiling
                    raise _galat(self.berkas, e.lineno, pesan_kompilasi(e.message), "template_syntax") from None
                _simpan_kode(source, code)
            cls = template_class or self.template_class
            return cls.from_code(self, code, self.make_globals(globals), None)
        try:
            return super().from_string(source, globals, template_class)
        except TemplateSyntaxError as e:  # an unknown filter is found when compiling
            raise _galat(self.berkas, e.lineno, pesan_kompilasi(e.message), "template_syntax") from None

    def _awasi(self, ast: nodes.Template) -> nodes.Template:
        for kind, what in _DILARANG.items():
            for n in ast.find_all(kind):
                raise _galat(self.berkas, n.lineno, f"{what} tidak diizinkan di templat data; templat hanya "
                             "boleh membaca nilai laporan", "template_security")
        for n in ast.find_all(nodes.For):
            if n.recursive:
                raise _galat(self.berkas, n.lineno, "perulangan 'recursive' tidak diizinkan di templat data",
                             "template_security")
            n.iter = nodes.Call(nodes.Name(_FUNGSI_ULANG, "load", lineno=n.lineno), [n.iter], [], None, None,
                                lineno=n.lineno)
        for n in list(ast.find_all(nodes.Concat)):
            call = nodes.Call(nodes.Name(_FUNGSI_SAMBUNG, "load", lineno=n.lineno), list(n.nodes), [], None,
                              None, lineno=n.lineno)
            _ganti(ast, n, call)
        return ast

    def make_globals(self, d):
        g = super().make_globals(d)
        g[_FUNGSI_ULANG] = self._lkjip_ulang
        g[_FUNGSI_SAMBUNG] = self._lkjip_sambung
        return g


def _ganti(root: nodes.Node, old: nodes.Node, new: nodes.Node) -> None:
    """Replace one node of the tree by another, wherever it hangs."""
    for parent in [root, *root.find_all(nodes.Node)]:
        for field in parent.fields:
            v = getattr(parent, field, None)
            if v is old:
                setattr(parent, field, new)
                return
            if isinstance(v, list):
                for i, x in enumerate(v):
                    if x is old:
                        v[i] = new
                        return


def pesan_kompilasi(message: str | None) -> str:
    """Jinja's compile-time message in Indonesian (an unknown filter or test)."""
    m = re.search(r"No (filter|test) named '([^']+)'", message or "")
    if m:
        return (f"filter '{m.group(2)}' tidak dikenal di templat data; filter yang tersedia: {', '.join(FILTER)}"
                if m.group(1) == "filter" else f"uji '{m.group(2)}' tidak dikenal di templat data")
    return f"penanda {{{{ ... }}}} tidak lengkap: {pesan_sintaks(message)}"


_SINTAKS = [
    (r"^Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. The innermost block "
     r"that needs to be closed is '([^']+)'", r"blok {% \2 %} tidak ditutup (yang dicari: \1)"),
    (r"^(?i:unexpected end of template)", "templat berakhir sebelum penanda ditutup ('}}' atau '%}' kurang)"),
    (r"^Encountered unknown tag '([^']+)'", r"perintah {% \1 %} tidak dikenal"),
    (r"^expected token '([^']+)', got '([^']+)'", r"diharapkan '\1', ditemukan '\2'"),
    (r"^unexpected '([^']+)'", r"tanda '\1' tidak pada tempatnya"),
    (r"^unexpected char '([^']+)'", r"karakter '\1' tidak pada tempatnya"),
    (r"^unexpected end of", "penanda terpotong"),
]


def pesan_sintaks(message: str | None) -> str:
    """Jinja's syntax message in Indonesian (its own words kept after it, for the curious)."""
    m = message or ""
    for pat, rep in _SINTAKS:
        if re.search(pat, m):
            return f"{re.sub(pat + '.*', rep, m, count=1, flags=re.S)} (Jinja: {m})"
    return f"bentuk penanda tidak dikenal (Jinja: {m})"


def _template_line(tb) -> int | None:
    """The template line an error was raised at: Jinja maps its frames to '<template>'."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _galat(berkas: str, baris: int | None, pesan: str, kode: str, nilai: str | None = None) -> DataValidationError:
    return DataValidationError([Problem(berkas, baris, None, nilai, pesan, kode)])


def _pesan_keamanan(e: BaseException) -> str:
    m = str(getattr(e, "message", None) or e)
    a = re.search(r"access to attribute '([^']+)' of '([^']+)' object is unsafe", m)
    if a:
        return (f"penanda mencoba membuka atribut tersembunyi '{a.group(1)}' dari nilai {a.group(2)}; "
                "templat data hanya boleh membaca nilai laporan")
    if "is not safely callable" in m or "unsafe" in m:
        return "penanda memanggil sesuatu yang tidak diizinkan di templat data; templat hanya boleh membaca nilai laporan"
    return f"penanda ditolak: {m}"


class Templat(jinja2.Template):
    """A template whose render is bounded and whose every failure is a data error (file, line)."""

    def render(self, *args, **kwargs) -> str:
        env: Lingkungan = self.environment  # type: ignore[assignment]
        berkas = getattr(env, "berkas", "templat")
        env._ulang = 0
        out, n = [], 0
        try:
            for part in self.generate(*args, **kwargs):
                n += len(part)
                if n > BATAS_KELUARAN:
                    raise _Batas(f"keluaran templat terlalu panjang (lebih dari {BATAS_KELUARAN} karakter)")
                out.append(part)
        except _Batas as e:
            raise _galat(berkas, _template_line(e.__traceback__), f"penanda ditolak: {e}; templat data hanya "
                         "boleh membaca nilai laporan", "template_limit") from None
        except SecurityError as e:
            raise _galat(berkas, _template_line(e.__traceback__), _pesan_keamanan(e), "template_security") from None
        except UndefinedError as e:
            line = _template_line(e.__traceback__)
            m = re.search(r"has no attribute '([^']+)'", str(e.message))
            what = f"'{m.group(1)}' tidak ada" if m else str(e.message)
            raise DataValidationError([Problem(berkas, line, None, m.group(1) if m else None,
                                               f"penanda merujuk nilai yang tidak dikenal ({what})",
                                               "unknown_placeholder")]) from None
        except RecursionError as e:
            raise _galat(berkas, _template_line(e.__traceback__), "penanda memanggil dirinya sendiri tanpa akhir",
                         "template_limit") from None
        except (OverflowError, MemoryError) as e:
            raise _galat(berkas, _template_line(e.__traceback__), f"penanda ditolak: hasil terlalu besar ({e})",
                         "template_limit") from None
        except jinja2.TemplateError as e:
            raise _galat(berkas, _template_line(e.__traceback__), f"penanda tidak dapat diisi: {e}",
                         "template_error") from None
        except (TypeError, ValueError, ArithmeticError, KeyError, IndexError, AttributeError) as e:
            raise _galat(berkas, _template_line(e.__traceback__), f"penanda tidak dapat diisi ({type(e).__name__}: "
                         f"{e})", "template_error") from None
        return "".join(out)


# A template accepted once is compiled once: its code (what Jinja compiles the checked and
# bounded template to) is kept by the source text it came from, in this process and, in a
# build, in build/.cache/jinja/narasi/ (as Jinja's own bytecode cache keeps the theme's
# templates). A template that is refused is never kept, so it is refused again with its line.
_KODE: dict[str, object] = {}


_VERSI = hashlib.sha256(f"{jinja2.__version__}\n{sys.version}\n".encode()
                        + Path(__file__).read_bytes()).hexdigest()  # Jinja, Python and these rules


def _kunci_kode(source: str) -> str:
    return hashlib.sha256((_VERSI + "\n" + source).encode()).hexdigest()


def _folder_kode() -> Path | None:
    from lkjip import lingkungan as env

    d = env.cache_jinja()
    return Path(d) / "narasi" if d else None


def _kode_tersimpan(source: str):
    key = _kunci_kode(source)
    if key in _KODE:
        return _KODE[key]
    d = _folder_kode()
    if d is not None:
        import marshal

        try:
            code = marshal.loads((d / key).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        _KODE[key] = code
        return code
    return None


def _simpan_kode(source: str, code) -> None:
    key = _kunci_kode(source)
    _KODE[key] = code
    d = _folder_kode()
    if d is not None:
        import marshal
        import os

        try:
            d.mkdir(parents=True, exist_ok=True)
            tmp = d / f".{key}.{os.getpid()}"
            tmp.write_bytes(marshal.dumps(code))
            os.replace(tmp, d / key)
        except OSError:
            pass  # a cache that cannot be written: compiled again next time


def lingkungan(berkas: str | None = None) -> Lingkungan:
    """The sandboxed environment for templates from ``berkas`` (the file named in errors)."""
    return Lingkungan(berkas)


__all__ = ["pesan_kompilasi", "pesan_sintaks", "BATAS_KELUARAN", "BATAS_TEKS", "BATAS_ULANG", "FILTER", "METODE", "Lingkungan", "Templat", "lingkungan"]
