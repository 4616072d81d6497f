"""`lkjip preview`: the year's site on 127.0.0.1, rebuilt on every save, the open page reloading itself.

Built from well-kept pieces: watchfiles watches the sources, Starlette serves build/<year>/html/
through uvicorn, and sphinx-autobuild's RebuildServer (its websocket endpoint and lifespan) tells
the open pages to reload. Each page carries the number of the rebuild it was served after, so a
page whose socket connects only after the next rebuild still reloads. Each rebuild is
`lkjip build --no-pdf` in a child process, so it runs the current code of lkjip/ too and reuses
the build's cache (only the pages whose inputs changed are executed again). A failed rebuild
leaves the last good site published (the build publishes atomically); every page then shows the
error (file, row, column) above it until a save fixes it.
"""
from __future__ import annotations

import asyncio
import html
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

# what a build of a year reads, relative to the project root (lkjip/ itself is added: the package)
WATCHED = ("data", "notebooks", "_config.yml", "_toc.yml", "_static")
BOOK_FILES = ("_config.yml", "_toc.yml")
RELOAD_PATH = "/websocket-reload"  # sphinx-autobuild's endpoint name
IGNORED_DIRS = {".ipynb_checkpoints", "__pycache__", ".git", "build"}


@dataclass
class Keadaan:
    """What the last rebuild left: the error shown above every page, or none."""

    error: str | None = None
    jenis: str = ""  # "data" (a data error: exit code 2) or "kode" (a bug)
    last_ok: float | None = None  # time of the last successful build
    builds: int = 0
    generation: int = 0  # bumped after every rebuild; the reload clients wait for it to move
    changed: list[str] = field(default_factory=list)


def watched_paths(root: Path) -> list[Path]:
    """The folders watched recursively: data/, notebooks/, _static/ and the lkjip package."""
    import lkjip

    paths = [root / p for p in WATCHED if (root / p).is_dir()]
    pkg = Path(lkjip.__file__).resolve().parent
    if pkg.is_dir():
        paths.append(pkg)
    return paths


class _Filter(watchfiles.DefaultFilter):
    def __init__(self):
        super().__init__(ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, *IGNORED_DIRS))


def _top_level(change, path: str) -> bool:
    """_config.yml and _toc.yml are watched through the project folder (not recursively): a
    watch on the file itself is lost when an editor saves by replacing it."""
    return Path(path).name in BOOK_FILES


async def changes(root: Path, stop: asyncio.Event, debounce_ms: int):
    """Batches of changed paths under the watched folders and of the book's two config files."""
    queue: asyncio.Queue = asyncio.Queue()
    kw = dict(debounce=max(debounce_ms * 20, 1600), step=debounce_ms, stop_event=stop)

    async def pump(paths, **more):
        async for batch in watchfiles.awatch(*paths, **kw, **more):
            await queue.put(batch)

    tasks = [asyncio.create_task(pump(watched_paths(root), watch_filter=_Filter())),
             asyncio.create_task(pump([root], watch_filter=_top_level, recursive=False))]
    try:
        while True:
            batch = set(await queue.get())
            while not queue.empty():
                batch |= queue.get_nowait()
            yield batch
    finally:
        for t in tasks:
            t.cancel()


def build_cmd(year: int, periode: str | None = None) -> list[str]:
    """The existing build, HTML only, as a child process of this interpreter (a quarter's
    with ``periode`` tw1..tw4)."""
    return ([sys.executable, "-m", "lkjip.cli", "build", "--year", str(year), "--no-pdf"]
            + (["--periode", periode] if periode else []))


async def run_build(root: Path, year: int, state: Keadaan, log, stream: bool = False,
                    periode: str | None = None) -> bool:
    """One `lkjip build --no-pdf`; updates `state`. With `stream`, the build's lines are shown
    as they come (the first, possibly cold, build); otherwise only its closing summary."""
    from lkjip import lingkungan
    from lkjip.build.cache import code_dir, tree_digest
    from lkjip.build.kernel import warm_env

    # the kernels' and Sphinx's imports stay made between builds: warm parents kept by the
    # preview (restarted when lkjip's source changed) fork each build's kernels and its Sphinx
    # (with the warm build server, lkjip.build.server, the server's parents serve instead)
    env = lingkungan.untuk_proses(AKAR=root) if lingkungan.server() else lingkungan.untuk_proses(
        AKAR=root, HANGAT=warm_env(tree_digest(code_dir()), str(root)))
    t0 = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *build_cmd(year, periode), cwd=root, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out_lines: list[str] = []

    async def read_out():
        async for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            out_lines.append(line)
            if stream:
                log(line)

    try:
        _, err = await asyncio.gather(read_out(), proc.stderr.read())
        rc = await proc.wait()
    except asyncio.CancelledError:  # Ctrl-C during a build: let it unwind its staging folder
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except asyncio.TimeoutError:
                proc.kill()
        raise
    seconds = time.perf_counter() - t0
    if rc in (-signal.SIGINT, -signal.SIGTERM, 130, 143):  # stopped with the preview (Ctrl-C)
        return False
    state.builds += 1
    if rc == 0:
        state.error, state.jenis, state.last_ok = None, "", time.time()
        waktu = next((x for x in reversed(out_lines) if x.startswith("Waktu:")), "")
        log(f"[{_jam()}] situs diperbarui dalam {seconds:.1f} dtk. {waktu}".rstrip())
        return True
    msg = err.decode("utf-8", "replace").strip() or "\n".join(out_lines[-20:])
    state.error, state.jenis = msg, ("data" if rc == 2 else "kode")
    log(f"[{_jam()}] build gagal ({seconds:.1f} dtk); halaman terakhir yang berhasil tetap disajikan:")
    log("\n".join("  " + x for x in msg.splitlines()))
    return False


def _jam(t: float | None = None) -> str:
    return time.strftime("%H:%M:%S", time.localtime(t))


def _rel(root: Path, p: str) -> str:
    try:
        return Path(p).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(p).name


def panel_html(state: Keadaan, page_exists: bool) -> str:
    """The error shown in the browser: the build's message (file, row, column), in Indonesian."""
    judul = "Data tidak valid: situs belum diperbarui" if state.jenis == "data" else \
        "Build gagal: situs belum diperbarui"
    if page_exists and state.last_ok:
        bawah = (f"Di bawah ini halaman dari build terakhir yang berhasil ({_jam(state.last_ok)}). "
                 "Perbaiki lalu simpan berkasnya: halaman ini dimuat ulang sendiri.")
    elif page_exists:
        bawah = ("Di bawah ini halaman dari build sebelumnya. "
                 "Perbaiki lalu simpan berkasnya: halaman ini dimuat ulang sendiri.")
    else:
        bawah = "Perbaiki lalu simpan berkasnya: halaman ini dimuat ulang sendiri."
    return (
        '<div id="lkjip-galat" role="alert" style="position:sticky;top:0;z-index:10000;'
        'background:#fff4f4;color:#5a0000;border-bottom:3px solid #b00020;padding:1em 1.5em;'
        'font:15px/1.45 system-ui,sans-serif;max-height:60vh;overflow:auto">'
        f'<strong style="font-size:1.15em">{html.escape(judul)}</strong>'
        '<pre style="white-space:pre-wrap;background:none;border:0;margin:.6em 0;padding:0;'
        f'font:14px/1.45 ui-monospace,monospace;color:inherit">{html.escape(state.error or "")}</pre>'
        f'<div>{html.escape(bawah)}</div></div>'
    )


def reload_script(generation: int) -> bytes:
    """sphinx-autobuild's reload script, with the rebuild the page was served after: the
    server answers at once when a newer one has finished."""
    return ("<script>\n"
            f'const ws = new WebSocket(`ws://${{location.host}}{RELOAD_PATH}?g={generation}`);\n'
            "ws.onmessage = () => window.location.reload();\n</script>\n").encode("utf-8")


def error_page(state: Keadaan) -> bytes:
    return ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
            "<title>Pratinjau: build gagal</title></head><body style='margin:0'>"
            f"{panel_html(state, False)}</body></html>").encode("utf-8") + reload_script(state.generation)


class ErrorPanelMiddleware:
    """While the last rebuild failed, every HTML page carries the error at its top (the page
    below is the last good one); a page that was never built is the error alone. Every page
    gets the reload script; every response says `no-cache`, so a reload shows the new figures."""

    def __init__(self, app, state: Keadaan, html_dir: Path):
        self.app, self.state, self.html_dir = app, state, html_dir

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import MutableHeaders

        # never "304 Not Modified": the same file may have to show a new error panel or script
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k.lower() not in (b"if-none-match", b"if-modified-since")]}
        state = self.state
        error = state.error
        path = scope.get("path", "/")
        if error and (path.endswith("/") or path.endswith(".html")) and not self._exists(path):
            body = error_page(state)
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()),
                                    (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": body})
            return
        panel = panel_html(state, True).encode("utf-8") if error else b""
        script = reload_script(state.generation)
        inject, head, chunks = False, scope.get("method") == "HEAD", []

        async def send_wrapper(message):
            nonlocal inject
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Cache-Control"] = "no-cache"
                if headers.get("Content-Type", "").startswith("text/html"):
                    inject = True
                    if "Content-Length" in headers:
                        headers["Content-Length"] = str(int(headers["Content-Length"]) + len(panel)
                                                        + len(script))
            elif message["type"] == "http.response.body" and inject and not head:
                chunks.append(message.get("body", b""))  # a page can come in several chunks
                if message.get("more_body"):
                    return
                message = {**message, "body": _after_body_tag(b"".join(chunks), panel) + script}
            await send(message)

        await self.app(scope, receive, send_wrapper)

    def _exists(self, path: str) -> bool:
        rel = path.lstrip("/")
        p = self.html_dir / rel
        return (p / "index.html").is_file() if path.endswith("/") else p.is_file()


def _after_body_tag(body: bytes, panel: bytes) -> bytes:
    i = body.find(b"<body")
    j = body.find(b">", i) if i >= 0 else -1
    return body[:j + 1] + panel + body[j + 1:] if j >= 0 else panel + body


def _reload_server(root: Path, year: int, state: Keadaan, log, debounce_ms: int, periode: str | None = None):
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.server import RebuildServer

    class PreviewServer(RebuildServer):
        """sphinx-autobuild's websocket server; the rebuild is `lkjip build --no-pdf` in a child
        process, and every open page (not only one) is told to reload after each rebuild."""

        async def main(self) -> None:
            """As RebuildServer.main, and the cancelled watch is awaited: a build running at
            Ctrl-C is stopped and reaped before the event loop closes."""
            tasks = (asyncio.create_task(self.watch()), asyncio.create_task(self.should_exit.wait()))
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in done:
                task.result()

        async def watch(self) -> None:
            async for batch in changes(root, self.should_exit, debounce_ms):
                names = sorted({_rel(root, p) for _, p in batch})
                state.changed = names
                more = f" (dan {len(names) - 1} lainnya)" if len(names) > 1 else ""
                log(f"[{_jam()}] berubah: {names[0]}{more}; menyusun ulang ...")
                await run_build(root, year, state, log, periode=periode)
                state.generation += 1
                self.flag.set()  # wakes every client waiting below
                self.flag = asyncio.Event()

        async def watch_reloads(self, ws) -> None:
            g = ws.query_params.get("g", "")
            seen = int(g) if g.isdigit() else state.generation
            while True:
                flag = self.flag
                if state.generation == seen:
                    await flag.wait()
                seen = state.generation
                await ws.send_text("refresh")

    return PreviewServer([root], IgnoreFilter([], []), change_callback=None)


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def preview(year: int, port: int = 8000, root: Path | None = None, host: str = "127.0.0.1",
            log=print, debounce_ms: int = 100, periode: str | None = None) -> None:
    """Build (if needed) and serve the year's site (a quarter's with ``periode`` tw1..tw4:
    build/<year>-twN/html/) with live reload until Ctrl-C."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import FileResponse, PlainTextResponse
    from starlette.routing import Mount, Route, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    from lkjip.data.pk import project_root
    from lkjip.errors import LkjipError

    root = Path(root).resolve() if root else project_root()
    if not port_free(host, port):
        raise LkjipError(f"Port {port} di {host} sudah dipakai program lain; "
                         f"pilih port lain, contoh: lkjip preview --year {year} --port {port + 1}")
    from lkjip.core.periode import Periode

    nama = Periode.dari(year, periode).nama  # 2023 or 2023-tw3
    html_dir = root / "build" / nama / "html"
    pdf = html_dir.parent / f"lkjip-{nama}.pdf"
    state = Keadaan()
    log(f"Pratinjau Laporan Kinerja tahun {year}: menyusun situs (HTML) bila perlu ...")
    try:
        ok = asyncio.run(run_build(root, year, state, log, stream=True, periode=periode))
    except KeyboardInterrupt:
        log("Pratinjau dihentikan.")
        return
    if ok is False and not html_dir.is_dir():
        log("Situs belum pernah berhasil disusun; pratinjau menampilkan galatnya sampai diperbaiki.")
    server = _reload_server(root, year, state, log, debounce_ms, periode)
    app = Starlette(
        routes=[WebSocketRoute(RELOAD_PATH, server),
                # the pages link the PDF beside html/ ("../lkjip-<year>.pdf"), served here at the root
                Route(f"/{pdf.name}", lambda request: FileResponse(pdf) if pdf.is_file()
                      else PlainTextResponse("PDF tahun ini belum disusun.", status_code=404)),
                Mount("/", app=StaticFiles(directory=html_dir, html=True, check_dir=False))],
        middleware=[Middleware(ErrorPanelMiddleware, state=state, html_dir=html_dir)],
        lifespan=server.lifespan)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            lifespan="on", ws="websockets-sansio", timeout_graceful_shutdown=1)
    log(f"Pratinjau: http://{host}:{port}/  (mengamati data/, notebooks/, lkjip/, _config.yml, "
        "_toc.yml, _static/; Ctrl-C untuk berhenti)")
    # uvicorn stops on SIGINT/SIGTERM and raises the signal again once stopped: both end here
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass
    log("Pratinjau dihentikan.")

