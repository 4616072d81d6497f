"""`python -m lkjip.build.zygote SOCKET`: a warm parent that forks one fresh notebook kernel per
request (a zygote, as Android starts its apps).

A page's kernel spends most of its ~2 s starting: the interpreter, ipykernel, IPython,
matplotlib and lkjip's modules. This process imports them once and then, for every request
on its Unix socket, forks a child that becomes an ordinary ipykernel (``IPKernelApp``) with
the request's arguments, environment and working folder. The child is used for one page and
discarded, like a kernel started from scratch: nothing a page defines reaches another page,
because every child is forked from this parent, which never runs a page.

What must hold before fork: no ZMQ context and no thread exist here (ipykernel creates its
context and threads in the child, in ``IPKernelApp.initialize``); nothing here reads the
project's data (a child's reads are recorded by :mod:`lkjip.build.deps`, and a read made here
would be missed). The parent only imports.

``python -m lkjip.build.zygote SOCKET sphinx`` is the same for Sphinx: a parent that imported
Jupyter Book, Sphinx and the book's extensions, and forks one child per build of the book
(lkjip.build.runner.run_sphinx), which runs ``lkjip.build.jupyterbook``'s build as the
``python -m lkjip.build.jupyterbook`` process did, without paying its imports (most of a
one-page rebuild's Sphinx step).

Protocol, one connection per kernel: the client sends one JSON line ``{"argv", "env", "cwd"}``;
(for Sphinx ``{"book", "builder", "log", "env", "cwd"}``); the zygote answers ``pid N`` when forked and ``exit N`` when the child ended. The zygote stops
when its standard input closes (the build that started it ended) or on ``{"stop": true}``.
"""
from __future__ import annotations

import importlib
import json
import os
import pkgutil
import select
import signal
import socket
import sys

# imported ahead: what the pages' kernels import (ipykernel itself, matplotlib, lkjip's chapters
# and their data readers; lkjip does not use pandas)
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython", "matplotlib", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "lkjip.build.dalam_kernel", "lkjip.build.deps")
LKJIP_PACKAGES = ("lkjip.core", "lkjip.data", "lkjip.laporan")


def preload() -> list[str]:
    """Import what a page's kernel imports; returns the modules that could not be imported."""
    # the charts are drawn with Agg (lkjip.laporan.grafik sets it too); read when matplotlib is imported
    os.environ.setdefault("MPLBACKEND", "Agg")
    # ipykernel's debugger (debugpy) warns on import about frozen modules: not the analyst's business
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    failed = []
    names = list(PRELOAD)
    for pkg in LKJIP_PACKAGES:
        try:
            mod = importlib.import_module(pkg)
        except Exception:
            failed.append(pkg)
            continue
        names += [m.name for m in pkgutil.walk_packages(mod.__path__, pkg + ".")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
    os.environ.pop("MPLBACKEND", None)
    os.environ.pop("PYDEVD_DISABLE_FILE_VALIDATION", None)
    return failed


# the Sphinx side (``python -m lkjip.build.zygote SOCKET sphinx``): Jupyter Book, Sphinx, its
# builders and every extension the book's configuration loads, for lkjip.build.jupyterbook
SPHINX_PRELOAD = ("jupyter_book.sphinx", "jupyter_book.config", "sphinx.application", "sphinx.builders.html",
                  "sphinx.builders.latex", "sphinx_external_toc", "sphinx_external_toc.parsing", "myst_nb",
                  "myst_parser", "sphinx_book_theme", "pydata_sphinx_theme", "sphinx_design", "sphinx_togglebutton",
                  "sphinx_copybutton", "sphinx_comments", "sphinx_thebe", "sphinx_multitoc_numbering",
                  "sphinx_jupyterbook_latex", "sphinxcontrib.bibtex", "lkjip.build.jupyterbook",
                  "lkjip.build.sphinx_escape", "lkjip.build.sphinx_lokal", "lkjip.build.sphinx_terbit")


# what Sphinx's start-up imports besides: myst-nb's Sphinx side (it imports it in its setup),
# jupyter-cache and its database layer, the markdown parser and its plugins
SPHINX_MORE = ("myst_nb.sphinx_ext", "myst_nb.sphinx_", "myst_nb.core.execute", "myst_nb.ext.download",
               "myst_nb.core.render", "myst_parser.sphinx_ext.main", "myst_parser.parsers.sphinx_",
               "myst_parser.mdit_to_docutils.sphinx_", "jupyter_cache", "jupyter_cache.cache.main", "sqlalchemy",
               "markdown_it", "mdit_py_plugins", "linkify_it", "nbclient", "nbformat", "IPython.lib.lexers",
               "docutils.parsers.rst.directives.admonitions", "docutils.parsers.rst.directives.misc",
               "docutils.parsers.rst.directives.tables", "docutils.parsers.rst.directives.images",
               "docutils.parsers.rst.directives.body", "docutils.parsers.rst.directives.parts",
               "docutils.languages.en", "sphinx_design.extension", "myst_nb.ext.glue", "myst_nb.ext.execution_tables",
               "myst_parser.sphinx_ext.directives", "myst_parser.sphinx_ext.mathjax", "myst_parser.sphinx_ext.myst_refs",
               "sphinx.ext.mathjax", "sphinx_external_toc.events", "sphinx_jupyterbook_latex.events",
               "sphinx_jupyterbook_latex.transforms", "sphinx.builders.html.transforms",
               "sphinx.builders.latex.transforms", "email.policy", "a11y_pygments", "jinja2.ext")


def preload_sphinx() -> list[str]:
    from lkjip.build.jupyterbook import skip_slow_optional_imports

    skip_slow_optional_imports()
    failed = []
    import sphinx.application

    # the extensions every Sphinx application loads at its start (their modules, not their setup)
    for name in (*SPHINX_PRELOAD, *sphinx.application.builtin_extensions, *SPHINX_MORE):
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
    return failed


def _run_child(body) -> None:
    """In a forked child: run `body`, then end the process with its exit status (SystemExit's
    code, 1 on any other error, printed), streams flushed; never returns."""
    code = 1
    try:
        body()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _sphinx_child(req: dict, close: list) -> None:
    """In the forked child: Jupyter Book's build of ``req["book"]`` with ``req["builder"]``, its
    output into ``req["log"]``, as ``python -m lkjip.build.jupyterbook build`` would; never returns."""
    def body():
        for s in close:
            s.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops it, as the process it replaces
        os.setsid()  # its own group: the zygote can stop it with everything it started
        out = os.open(req["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        from lkjip.build import jupyterbook

        jupyterbook.main(["build", req["book"], "--builder", req["builder"]])

    _run_child(body)


def fork_safe() -> bool:
    """No thread besides this one and no ZMQ context: what a forked child may inherit."""
    import threading

    zmq = sys.modules.get("zmq")
    return threading.active_count() == 1 and (zmq is None or zmq.Context._instance is None)


def _child(req: dict, close: list) -> None:
    """In the forked child: become the kernel of `req`; never returns."""
    def body():
        for s in close:
            s.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()  # its own process group, as jupyter_client starts kernels
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        import random

        random.seed()  # not the parent's sequence
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        # as ipykernel_launcher: the working folder is put back on sys.path by IPython
        if sys.path and sys.path[0] in ("", os.getcwd()):
            del sys.path[0]
        # the kernel's parent is this zygote: it ends when the zygote ends (ipykernel's
        # class-level default of this setting was read before the fork, so it is given here)
        sys.argv = ["ipykernel_launcher", *req["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()

    _run_child(body)


# the build side (``python -m lkjip.build.zygote SOCKET build``, lkjip.build.server): what
# `lkjip build` imports before its first page, so a build forked from here starts at once
BUILD_PRELOAD = ("lkjip.build.pipeline", "lkjip.build.runner", "lkjip.build.cache",
                 "lkjip.build.execute", "lkjip.build.kernel", "lkjip.build.site", "lkjip.build.latex",
                 "lkjip.build.unduh", "lkjip.check.periksa", "lkjip.check.kelengkapan", "lkjip.check.audit",
                 "lkjip.data.pk", "lkjip.data.pelengkap", "lkjip.data.buku", "lkjip.data.triwulan",
                 "lkjip.laporan.konteks", "lkjip.laporan.bab3", "lkjip.laporan.bab_umum",
                 "papermill", "papermill.engines", "papermill.iorw", "nbformat", "nbclient", "jupyter_client",
                 "jupyter_client.asynchronous", "concurrent.futures.process", "multiprocessing.popen_fork")


def preload_build() -> list[str]:
    from lkjip.build.jupyterbook import skip_slow_optional_imports

    skip_slow_optional_imports()
    failed = []
    for name in BUILD_PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
    return failed


def _build_child(req: dict, close: list, fds: list[int], warm: str, jalankan, code: str) -> None:
    """In the forked child: `lkjip <argv>` with the client's standard streams (``fds``), working
    folder and environment, as the process the client would have run itself; never returns."""
    def body():
        for s in close:
            s.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # forwarded by the client (Ctrl-C)
        os.setsid()  # its own group: what it starts is stopped with it
        for target, fd in zip((0, 1, 2), fds):
            os.dup2(fd, target)
            os.close(fd)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the client's streams, as fd 0-2 now
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        from lkjip import lingkungan
        from lkjip.build import kernel as kernels

        # the server's warm parents serve this build (they are not its own to stop)
        kernels._zygote = kernels._sphinx = None
        # the digest of the lkjip source the server imported (the build's cache keys): not hashed again
        lingkungan.atur(HANGAT=warm, SERVER="0", DARI_SERVER="1", KODE_SERVER=code)
        sys.argv = ["lkjip", *req["argv"]]
        jalankan()

    _run_child(body)


def _read_line(conn: socket.socket) -> bytes:
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


def _read_request(conn: socket.socket) -> tuple[bytes, list[int]]:
    """One request line and the file descriptors sent with it (a build's standard streams)."""
    buf, fds = b"", []
    while not buf.endswith(b"\n"):
        chunk, more, _, _ = socket.recv_fds(conn, 65536, 3)
        fds += more
        if not chunk:
            break
        buf += chunk
    return buf, fds


def serve(path: str, kind: str = "kernel", jalankan=None) -> None:
    """Serve forks on the socket at `path`. The build kind (lkjip.build.server) runs `jalankan`
    in each child: the `lkjip` command itself (lkjip.cli.console, given by the command that
    starts the server: the build layer does not import the command line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it closes stdin
    if kind == "build":  # the lkjip it serves, taken before it imports it (lkjip.build.server)
        from lkjip.build.server import sidik_kode

        sidik = sidik_kode()
    {"sphinx": preload_sphinx, "build": preload_build}.get(kind, preload)()
    child = _sphinx_child if kind == "sphinx" else _child
    warm = code = ""
    idle = None  # seconds without a request after which the server stops (the build kind)
    if kind == "build":  # the build server keeps both warm parents, for every build it forks
        from lkjip import lingkungan
        from lkjip.build import kernel as kernels
        from lkjip.build.cache import code_dir, tree_digest

        code = tree_digest(code_dir())
        warm = kernels.warm_env(code, str(code_dir().parent))
        idle = lingkungan.server_diam()
        kernels._zygote = kernels._sphinx = None  # kept by their Zygote objects below, not stopped at exit
    if not fork_safe():  # never opens its socket: the build starts its kernels as usual
        print("lkjip.build.zygote: thread atau konteks ZMQ ada sebelum fork; kernel dimulai biasa",
              file=sys.stderr)
        return
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    tmp = f"{path}.{os.getpid()}.tmp"
    srv.bind(tmp)
    srv.listen(64)
    os.replace(tmp, path)  # the socket appears ready to accept
    children: dict[int, socket.socket] = {}
    import stat
    import time

    stdin = sys.stdin.fileno()
    # started detached (the build server): its standard input is /dev/null, and only time stops it
    watch = [stdin] if not (kind == "build" and not stat.S_ISFIFO(os.fstat(stdin).st_mode)) else []
    last = time.monotonic()
    closing, watch_srv = False, [srv]
    # a child's end wakes the loop at once (SIGCHLD through a pipe), so the build learns that a
    # page's kernel stopped without waiting for a polling interval
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    try:
        while True:
            r, _, _ = select.select([*watch_srv, *watch, wake_r], [], [], 1.0)
            if not children and (closing or (idle is not None and time.monotonic() - last > idle)):
                return
            if wake_r in r:
                try:
                    os.read(wake_r, 4096)
                except BlockingIOError:
                    pass
            while children:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                conn = children.pop(pid, None)
                if conn is not None:
                    try:
                        conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                    except OSError:
                        pass
                    conn.close()
            if stdin in r and not os.read(stdin, 4096):
                return
            if watch_srv and srv in r:
                conn, _ = srv.accept()
                last = time.monotonic()
                fds: list[int] = []
                try:
                    line, fds = _read_request(conn) if kind == "build" else (_read_line(conn), [])
                    req = json.loads(line or b"{}")
                except (ValueError, OSError):
                    req = {}
                if kind == "build" and req.get("kode") != sidik:  # another lkjip source: stop serving
                    if "kode" in req:
                        try:
                            conn.sendall(b"stale\n")
                        except OSError:
                            pass
                    for fd in fds:
                        os.close(fd)
                    conn.close()
                    if "kode" in req:  # no new build here; the running ones finish first
                        closing = True
                        srv.close()
                        try:
                            os.unlink(path)
                        except OSError:
                            pass
                        watch_srv = []
                    continue
                if req.get("stop") or "env" not in req or (kind == "build" and len(fds) != 3):
                    for fd in fds:
                        os.close(fd)
                    conn.close()
                    if req.get("stop"):
                        return
                    continue
                pid = os.fork()
                if pid == 0:
                    signal.set_wakeup_fd(-1)
                    for fd in (wake_r, wake_w):
                        os.close(fd)
                    if kind == "build":
                        _build_child(req, [srv, *children.values(), conn], fds, warm, jalankan, code)
                    child(req, [srv, *children.values(), conn])
                for fd in fds:
                    os.close(fd)
                children[pid] = conn
                conn.sendall(f"pid {pid}\n".encode())
    finally:
        srv.close()
        try:
            if not closing:  # a closing server's path may be a newer server's already
                os.unlink(path)
        except OSError:
            pass
        for pid in children:  # the build that started them is gone: so are they
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


if __name__ == "__main__":
    serve(sys.argv[1], *sys.argv[2:3])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # without tearing down the imports (half a second): nothing is left to write
