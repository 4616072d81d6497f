"""The warm build server: `lkjip build` forked from a process that has made its imports.

A build pays, before its first page, Python's start, lkjip's and papermill's imports and the
imports of the two warm parents it starts (kernels, Sphinx: lkjip.build.zygote): about a second
of a one-page rebuild. The first `lkjip build` of a session runs as always, and then leaves a
server behind (``python -m lkjip.cli server-build SOCKET``, detached: lkjip.build.zygote's
"build" kind): it has imported what a
build imports and keeps both warm parents. Each later `lkjip build` is a thin client: it sends its
arguments, working folder, environment and its three standard streams (file descriptors, over the
Unix socket) and the server forks a child that runs the very same command with them, prints
straight to the analyst's terminal and exits with the build's status. Nothing passes from one
build to the next: every build is a fresh fork of a process that only imported.

The server serves one lkjip source: the client sends the fingerprint of the lkjip it would run
(:func:`sidik_kode`), and
a server of another source (lkjip edited, or another checkout) answers ``stale`` and stops once
its running builds end; the client then builds itself and starts a new one. It stops by itself
after :func:`lkjip.lingkungan.server_diam` seconds without a build (15 minutes), and is not used
under CI (``CI`` set) or with ``LKJIP_SERVER=0``. Its socket is private to the user
(``$TMPDIR/lkjip-<uid>/``, mode 0700) and named after the Python and the lkjip folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def socket_path() -> Path:
    """The server's socket for this Python and this lkjip folder, in a folder only this user reads."""
    from lkjip.build.cache import code_dir

    folder = Path(tempfile.gettempdir()) / f"lkjip-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise OSError(f"{folder} bukan milik pengguna ini saja")
    key = hashlib.sha256(f"{os.path.realpath(sys.executable)}\n{code_dir()}".encode()).hexdigest()[:16]
    return folder / f"build-{key}.sock"


def sidik_kode() -> str:
    """What tells a server it runs the lkjip on disk, cheaply: every file of the package with its
    size and time (no reading; a file saved again unchanged makes a new server, nothing worse).
    The server takes it before its imports, so an edit made while it imports is never missed."""
    from lkjip.build.cache import code_dir

    base = code_dir()
    parts = []
    for d, dirs, files in os.walk(base):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for f in sorted(files):
            if not f.endswith(".pyc"):
                st = os.stat(os.path.join(d, f))
                parts.append(f"{os.path.relpath(os.path.join(d, f), base)}\t{st.st_size}\t{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def run(argv: list[str], code_digest: str) -> int | None:
    """`lkjip <argv>` in a child of the running server; its exit status, or None when no server of
    this lkjip source runs (the caller builds itself)."""
    try:
        path = socket_path()
    except OSError:
        return None
    if not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
        req = {"kode": code_digest, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
        socket.send_fds(conn, [json.dumps(req).encode() + b"\n"], [0, 1, 2])
        f = conn.makefile("rb")
        first = f.readline()
    except OSError:
        conn.close()
        return None
    if not first.startswith(b"pid "):  # "stale": a server of another lkjip source, now stopping
        conn.close()
        return None
    pid = int(first.split()[1])

    def forward(sig, _frame):  # Ctrl-C and termination reach the build, which unwinds itself
        try:
            os.kill(pid, sig)
        except OSError:
            pass

    old = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        while True:
            line = f.readline()
            if not line:  # the server was killed: so was the build
                return 1
            if line.startswith(b"exit "):
                return int(line.split()[1])
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        conn.close()


def start() -> None:
    """Start a server in the background for the next builds (none when one runs already)."""
    try:
        path = socket_path()
    except OSError:
        return
    if path.exists():
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.connect(str(path))
            return  # one runs (this connection without a request is ignored by it)
        except OSError:
            path.unlink(missing_ok=True)  # left by one that was killed
    from lkjip.build.cache import code_dir

    subprocess.Popen([sys.executable, "-m", "lkjip.cli", "server-build", str(path)],
                     cwd=str(code_dir().parent), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def stop() -> bool:
    """Stop the running server (after its running builds); whether one was running."""
    try:
        path = socket_path()
    except OSError:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(path))
            s.sendall(json.dumps({"kode": "-", "stop": True}).encode() + b"\n")
            s.recv(16)
        return True
    except ConnectionRefusedError:  # left by a server that was killed
        path.unlink(missing_ok=True)
        return False
    except OSError:
        return False
