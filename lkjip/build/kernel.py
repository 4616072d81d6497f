"""The kernel manager the build's notebooks run under, and the warm parent its kernels are
forked from.

Jupyter's default transport is TCP on ports picked at random and bound later by the
kernel; with several kernels starting at once (one per worker) another process can take
a picked port in between, and the kernel dies with "Address already in use" (seen in CI).
Unix domain sockets at a path unique to each kernel cannot collide; jupyter_client
removes them when the kernel stops.

Kernels are started by papermill as usual (through this manager), but when a
:class:`Zygote` is running the manager's provisioner asks it to fork the kernel instead
of starting a new interpreter (see :mod:`lkjip.build.zygote`): the imports every page makes
(ipykernel, IPython, matplotlib, lkjip) are paid once per build, not once per page. Each
forked kernel serves one page and is discarded. A zygote serves only the lkjip source it
imported: :func:`zygote_for` starts a new one when the source digest changed.
"""
from __future__ import annotations

import atexit
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import CaselessStrEnum, DottedObjectName, default

LAUNCHER = "ipykernel_launcher"


def _short_path(stem: str) -> str:
    # short and absolute: socket paths are limited to ~100 bytes, and papermill
    # changes the working directory while the notebook runs
    return os.path.join(tempfile.gettempdir(), f"lkjip-{stem}-{uuid.uuid4().hex[:16]}")


class Zygote:
    """A running ``python -m lkjip.build.zygote``: its socket, and the lkjip source digest it
    imported. Stopped by :meth:`stop` or when this process ends (its standard input closes)."""

    def __init__(self, code_digest: str, cwd: str | None = None, env: dict | None = None, kind: str = "kernel",
                 path: str | None = None):
        self.code_digest, self.kind = code_digest, kind
        self.path = path or _short_path(f"zygote-{kind}")
        # path given: one started by another process (`lkjip preview`), used here and left running
        self.proc = None if path else subprocess.Popen(
            [sys.executable, "-m", "lkjip.build.zygote", self.path, kind], stdin=subprocess.PIPE, cwd=cwd, env=env)

    def ready(self) -> bool:
        """Its imports are done (its socket exists) and it runs."""
        return os.path.exists(self.path) and self.alive()

    def alive(self) -> bool:
        return os.path.exists(self.path) if self.proc is None else self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is None:
            return
        if not self.ready() and self.proc.poll() is None:
            self.proc.kill()  # still importing (a build that needed it less than thought): no wait
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        try:
            os.unlink(self.path)
        except OSError:
            pass


_zygote: Zygote | None = None  # the kernels' zygote of this process; forked workers inherit its path
_sphinx: Zygote | None = None  # the warm Sphinx parent of this process (lkjip.build.runner.run_sphinx)


def zygote_for(code_digest: str, cwd: str | None = None) -> Zygote:
    """The running zygote for this lkjip source, started (or restarted) as needed: a kernel
    forked from a parent that imported another version of lkjip must not run a page."""
    global _zygote
    _zygote = _renew(_zygote, code_digest, cwd, "kernel")
    return _zygote


def sphinx_for(code_digest: str, cwd: str | None = None) -> Zygote:
    """The same for the warm Sphinx parent (it imported lkjip's Sphinx extensions)."""
    global _sphinx
    _sphinx = _renew(_sphinx, code_digest, cwd, "sphinx")
    return _sphinx


def _renew(z: Zygote | None, code_digest: str, cwd: str | None, kind: str) -> Zygote:
    if z is not None and (z.code_digest != code_digest or not z.alive()):
        z.stop()
        z = None
    if z is None:  # one that `lkjip preview` keeps warm for its builds, for this lkjip source
        from lkjip import lingkungan

        for k, path, digest in lingkungan.hangat():
            if k == kind and digest == code_digest and os.path.exists(path):
                return Zygote(code_digest, kind=kind, path=path)
    return z if z is not None else Zygote(code_digest, cwd=cwd, kind=kind)


def prestart(code_digest: str, cwd: str | None = None, sphinx: bool = True) -> None:
    """Start both warm parents now, at the start of a build, so that their imports run beside
    the validation of the data (on the other core) instead of before the first page and the
    first Sphinx run. A build with nothing to execute stops them unused (:meth:`Zygote.stop`
    kills one still importing); a build run by `lkjip preview` uses the preview's."""
    zygote_for(code_digest, cwd=cwd)
    if sphinx:
        sphinx_for(code_digest, cwd=cwd)


def warm_env(code_digest: str, cwd: str) -> str:
    """Both warm parents, started for this lkjip source (or kept when they are of it), as the
    value of ``LKJIP_WARM`` for the builds this process starts (`lkjip preview`)."""
    z, s = zygote_for(code_digest, cwd=cwd), sphinx_for(code_digest, cwd=cwd)
    return "\n".join(f"{x.kind}\t{x.path}\t{x.code_digest}" for x in (z, s))


def warm(code_digest: str) -> bool:
    """Whether a zygote for this lkjip source is running already (here, or kept by `lkjip preview`)."""
    if _zygote is not None and _zygote.code_digest == code_digest and _zygote.alive():
        return True
    from lkjip import lingkungan

    return any(k == "kernel" and d == code_digest and os.path.exists(p) for k, p, d in lingkungan.hangat())


def warm_sphinx(code_digest: str) -> Zygote | None:
    """The warm Sphinx parent for this lkjip source, if one is running."""
    ok = _sphinx is not None and _sphinx.code_digest == code_digest and _sphinx.alive()
    return _sphinx if ok else None


def stop_zygote() -> None:
    """Stop the kernels' zygote (the Sphinx parent ends with this process, or by stop_all)."""
    global _zygote
    if _zygote is not None:
        _zygote.stop()
        _zygote = None


def stop_all() -> None:
    global _sphinx
    stop_zygote()
    if _sphinx is not None:
        _sphinx.stop()
        _sphinx = None


atexit.register(stop_all)


class ZygoteProcess:
    """A forked kernel seen as the `subprocess.Popen` jupyter_client's provisioner expects."""

    stdin = stdout = stderr = None

    def __init__(self, conn: socket.socket, pid: int):
        self._conn, self.pid, self.returncode = conn, pid, None
        self._buf = b""

    def _read(self, timeout: float | None) -> None:
        while self.returncode is None:
            if b"\n" in self._buf:
                line, self._buf = self._buf.split(b"\n", 1)
                if line.startswith(b"exit "):
                    self.returncode = int(line.split()[1])
                continue
            r, _, _ = select.select([self._conn], [], [], timeout)
            if not r:
                return
            chunk = self._conn.recv(4096)
            if not chunk:  # the zygote is gone; so is the child (it kills its children)
                self.returncode = -signal.SIGKILL
                break
            self._buf += chunk
        self._conn.close()

    def poll(self) -> int | None:
        self._read(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self._read(timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired("kernel", timeout)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def fork_kernel(path: str, argv: list[str], env: dict, cwd: str) -> ZygoteProcess:
    """Ask the zygote at `path` for a kernel with these arguments (after ``-m ipykernel_launcher``)."""
    return fork_request(path, {"argv": argv, "env": dict(env), "cwd": cwd})


def fork_request(path: str, req: dict) -> ZygoteProcess:
    """Ask the zygote at `path` to fork a child for `req`; the child as a process."""
    import json

    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(path)
    conn.sendall(json.dumps(req).encode() + b"\n")
    buf = b""
    while b"\n" not in buf:
        chunk = conn.recv(4096)
        if not chunk:
            raise RuntimeError("zygote kernel tidak dapat dimulai")
        buf += chunk
    line, rest = buf.split(b"\n", 1)
    proc = ZygoteProcess(conn, int(line.split()[1]))
    proc._buf = rest
    return proc


def launcher_argv(cmd: list[str]) -> list[str] | None:
    """The kernel's own arguments in a ``python -m ipykernel_launcher ...`` command, else None."""
    for i in range(len(cmd) - 1):
        if cmd[i] == "-m" and cmd[i + 1] == LAUNCHER:
            return list(cmd[i + 2:])
    return None


class ZygoteProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, except that the kernel process is forked by the
    zygote (when one runs and the kernel is ipykernel) instead of started by `Popen`."""

    zygote_path: str | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        argv = launcher_argv(cmd)
        # the zygote's socket appears when its imports are done: until then kernels start as
        # usual, so the first pages do not wait for it
        if not self.zygote_path or argv is None or not os.path.exists(self.zygote_path):
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        # as jupyter_client's launcher: the kernel knows it has a parent (no console banner)
        env = dict(kwargs.get("env") or os.environ, JPY_PARENT_PID=str(os.getpid()))
        try:
            self.process = fork_kernel(self.zygote_path, argv, env, cwd)
        except OSError:  # the zygote ended (e.g. killed): this kernel starts as usual
            return await super().launch_kernel(cmd, **kwargs)
        self.pid = self.pgid = self.process.pid  # the child calls setsid()
        self.cwd = cwd
        return self.connection_info

    async def wait(self) -> int | None:
        """As LocalProvisioner.wait, polling every 5 ms instead of 100 ms: the zygote says at
        once when its child ended, and a page's kernel is stopped on every page."""
        if not isinstance(self.process, ZygoteProcess):
            return await super().wait()
        import asyncio

        while self.process.poll() is None:
            await asyncio.sleep(0.005)
        ret, self.process = self.process.returncode, None
        return ret


class QuickClient(AsyncKernelClient):
    """jupyter_client's client, without its fixed waits at a kernel's start: its
    ``wait_for_ready`` ends by draining IOPub until nothing came for 0.2 s, which costs every
    page 0.2 s for nothing (nbclient reads only the messages of the cells it sends, by their
    parent id, so a start-up message left in the queue is never taken for a cell's output)."""

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:  # as jupyter_client: a kernel_info reply, and IOPub shown to be connected
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:  # what start-up left on IOPub, without waiting for more
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                break

    wait_for_ready = _async_wait_for_ready


class IpcKernelManager(AsyncKernelManager):
    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)
    client_class = DottedObjectName("lkjip.build.kernel.QuickClient")

    @default("client_factory")
    def _client_factory_default(self):
        return QuickClient

    @default("ip")
    def _ip_default(self) -> str:
        return _short_path("kernel")

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None and _zygote is not None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ZygoteProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                 parent=self)
            self.provisioner.zygote_path = _zygote.path
        return await super()._async_pre_start_kernel(**kw)
