"""The one module of shared test helpers: the real project, a temporary copy of it, its books
built once per test session (HTML and PDF for 2023 and 2024), the site served to a browser,
and reading what the build made as a reader reads it (a page's text, a notebook's outputs,
the PDF's text)."""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lkjip.tools.projek import copy_project as _copy_project

ROOT = Path(__file__).resolve().parent.parent
# every test's `lkjip build` runs itself, as under CI, so that a run here and in CI take the same
# path; tests/build/test_server.py turns the warm build server on for its own builds
os.environ.setdefault("LKJIP_SERVER", "0")


def _sumber() -> Path:
    """The source report (../shared/source/ beside the repository, as the project keeps it; for
    a clone made elsewhere, beside the repository it was cloned from)."""
    rel = Path("shared") / "source" / "000_9717a6443eb3a633.txt"
    places = [ROOT.parent]
    origin = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    if origin and Path(origin).is_dir():
        places.append(Path(origin).resolve().parent)
    return next((p / rel for p in places if (p / rel).is_file()), ROOT.parent / rel)


SUMBER = _sumber()  # the 2023 report the project reproduces
LKJIP = str(Path(sys.executable).parent / "lkjip")


def copy_project(dest: Path) -> Path:
    return _copy_project(ROOT, dest)


BUILD_FIXTURES = {"built", "good_build", "server"}  # a test that takes one of these builds books
FAST = os.environ.get("LKJIP_TIER") == "fast"  # `make test-fast`: no notebook, no Jupyter Book


def pytest_configure(config):
    config.addinivalue_line("markers", "lambat: executes notebooks, builds books or runs lkjip check many times (left out by make test-fast)")
    if FAST:  # a test that builds without its marker fails in the fast tier instead of slowing it
        import papermill

        def refused(*a, **k):
            raise AssertionError("executes a notebook: mark the test @pytest.mark.lambat")

        papermill.execute_notebook = refused


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.lambat)


def run_lkjip(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    if FAST and args and args[0] in ("build", "preview"):
        raise AssertionError(f"lkjip {args[0]} in the fast tier: mark the test @pytest.mark.lambat")
    env = dict(os.environ, LKJIP_ROOT=str(project))
    proc = subprocess.run([LKJIP, *args], cwd=project, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"lkjip {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def project(tmp_path) -> Path:
    """A fresh temporary copy of the project (data, notebooks, book config)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A temporary project with 2023 and 2024 built (site and PDF), once per session."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    for year in ("2023", "2024"):
        run_lkjip(project, "build", "--year", year, check=True)
    return project


# --------------------------------------------------------------------------- reading the site in a browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots and renders, for people to look at


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    """The session's built project (build/) served on a free port of 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(built / "build"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (a dev dependency: never skipped)."""
    from playwright import sync_api as playwright_api

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-deps.sh")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


# --------------------------------------------------------------------------- reading what the build made


def main_html(html: str) -> str:
    """The page's main content as HTML (the part a reader reads, without the theme)."""
    start = html.find("<main")
    end = html.rfind("</main>")
    return html[start:end] if start >= 0 else html


def html_text(fragment: str) -> str:
    """HTML as the text it shows: tags dropped, entities read, white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def page_text(path: Path) -> str:
    """The text of a built page from its main content on (the theme's navigation before it
    left out), white space collapsed."""
    s = Path(path).read_text(encoding="utf-8")
    s = s[s.find("<main"):]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", s)))


def tables(html: str) -> list[str]:
    """The text of each table of a page's HTML."""
    return [html_text(t) for t in re.findall(r"<table.*?</table>", html, flags=re.S)]


def pdf_text(pdf: Path, dehyphenate: bool = False) -> str:
    """The PDF's text (pdftotext), white space collapsed; with `dehyphenate`, words broken
    with a hyphen at a line end are joined again."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if dehyphenate:
        out = re.sub(r"-\n(?=[a-z])", "", out)
    return re.sub(r"\s+", " ", out)


def notebook_text(nb) -> str:
    """The Markdown and plain-text outputs of an executed notebook (a path, a dict or an
    nbformat node), one per line; an error output fails the test with its message."""
    if isinstance(nb, (str, Path)):
        nb = json.loads(Path(nb).read_text(encoding="utf-8"))
    text = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                raise AssertionError(f"{o['ename']}: {o['evalue']}")
            for mime in ("text/markdown", "text/plain"):
                if mime in o.get("data", {}):
                    text.append("".join(o["data"][mime]))
    return "\n".join(text)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file by `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
