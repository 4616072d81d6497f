"""Save-to-browser latency of `lkjip preview` (issue 12): in a copy of the project, start the
preview, open a page in Chromium, append a sentence to the prose file it shows, and time until
the open page (after its live reload) shows the sentence; the median of N saves.

    .venv/bin/python bench/preview.py [--saves 5] [--http]

--http polls the page over HTTP instead of a browser. Writes build/bench/preview.json
(`preview_latency_s`: the median, with every save) and prints it.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkjip.tools.projek import copy_project  # noqa: E402

YEAR = "2023"
PAGE = "bab4_penutup.html"
PROSE = Path("data") / YEAR / "narasi" / "umum" / "bab4_saran.md"
CHROMIUM = "/usr/bin/chromium"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--saves", type=int, default=5)
    ap.add_argument("--http", action="store_true", help="poll over HTTP instead of Chromium")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkjip-preview-") as tmp:
        project = copy_project(ROOT, Path(tmp) / "project")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/{PAGE}"
        log = open(Path(tmp) / "preview.log", "w", encoding="utf-8")
        proc = subprocess.Popen([str(Path(sys.executable).parent / "lkjip"), "preview", "--year", YEAR,
                                 "--port", str(port)], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, LKJIP_ROOT=str(project)))
        prose = project / PROSE
        secs: list[float] = []
        pw = browser = None
        try:
            end = time.monotonic() + 1800
            while "</html>" not in _get(url):
                if proc.poll() is not None or time.monotonic() > end:
                    raise SystemExit(f"preview did not start; see {log.name}")
                time.sleep(0.5)
            if not args.http:
                from playwright.sync_api import sync_playwright

                pw = sync_playwright().start()
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                page = browser.new_page()
                page.goto(url)
            for i in range(args.saves):
                sentence = f"Kalimat ukur pratinjau nomor {i + 1}."
                t0 = time.perf_counter()
                prose.write_text(prose.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
                if browser:
                    page.wait_for_function(f"document.body && document.body.innerText.includes("
                                           f"{json.dumps(sentence)})", timeout=600_000, polling=100)
                else:
                    while sentence not in _get(url):
                        time.sleep(0.1)
                secs.append(time.perf_counter() - t0)
                print(f"save {i + 1}: {secs[-1]:.2f} s", flush=True)
                time.sleep(2)
        finally:
            if browser:
                browser.close()
            if pw:
                pw.stop()
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=120)
            log.close()
    result = {"preview_latency_s": round(statistics.median(secs), 2), "saves_s": [round(x, 2) for x in secs],
              "max_s": round(max(secs), 2), "measured_with": "http" if args.http else "chromium",
              "load": round(os.getloadavg()[0], 1), "date": time.strftime("%Y-%m-%d %H:%M")}
    out = ROOT / "build" / "bench" / "preview.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
